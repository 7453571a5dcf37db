"""Assembles the notification service for the runtime: storage, providers, workers, handlers."""

from __future__ import annotations

import tomllib
from pathlib import Path

from services.notification.adapters.providers import MessageProvider
from services.notification.handlers import PUBLIC_METHODS, NotificationHandlers
from services.notification.outbound import Outbound
from services.notification.rules.templates import TemplateRegistry
from services.notification.settings import NotificationSettings
from services.notification.workers.delivery import Delivery
from services.notification.workers.lanes import Lanes
from services.runtime.bootstrap import Resources
from services.runtime.server import Service

TEMPLATES_FILE = Path(__file__).with_name("templates.toml")


def load_templates() -> TemplateRegistry:
    return TemplateRegistry.from_toml(tomllib.loads(TEMPLATES_FILE.read_text(encoding="utf-8")))


def _settings(resources: Resources) -> NotificationSettings:
    settings = resources.settings
    if isinstance(settings, NotificationSettings):
        return settings
    # Started with the runtime's base settings (e.g. by a test harness): read ours too.
    return NotificationSettings(**settings.model_dump())


def build_providers(settings: NotificationSettings) -> dict[int, MessageProvider]:
    return {}


async def build(resources: Resources | None) -> Service:
    if resources is None:  # the start-up test lists the implemented methods without resources
        return Service(name="notification", servicers=[NotificationHandlers(None, None, None)])
    settings = _settings(resources)
    db = resources.db
    templates = load_templates()
    outbound = Outbound(db, settings, templates, wake_delivery=lambda: delivery_lanes.wake())
    delivery = Delivery(db, settings, outbound, build_providers(settings))
    delivery_lanes = Lanes(
        "delivery",
        resources.cache,
        delivery.ready_lanes,
        delivery.drain,
        concurrency=settings.worker_concurrency,
        lease_seconds=settings.lane_lease_seconds,
        poll_seconds=settings.worker_poll_seconds,
    )
    background = []
    if settings.delivery_worker_enabled:
        background.append(delivery_lanes.run)
    return Service(
        name="notification",
        servicers=[NotificationHandlers(db, settings, outbound)],
        public_methods=PUBLIC_METHODS,
        background=background,
    )

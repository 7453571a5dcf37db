"""Assembles the notification service for the runtime: storage, providers, workers, handlers."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import tomllib
from datetime import timedelta
from pathlib import Path

from services.notification.adapters.assistant import Assistant
from services.notification.adapters.media_download import MediaDownloader
from services.notification.adapters.members import Members
from services.notification.adapters.providers import MessageProvider
from services.notification.adapters.voice import Voice
from services.notification.handlers import PUBLIC_METHODS, NotificationHandlers
from services.notification.intake import Intake
from services.notification.outbound import Outbound
from services.notification.rules.templates import TemplateRegistry
from services.notification.settings import NotificationSettings
from services.notification.storage import messages as store
from services.notification.storage.media import delete_expired_media
from services.notification.storage.tables import processed
from services.notification.workers.delivery import Delivery
from services.notification.workers.inbound import Checkpoint, InboundWorker, _no_checkpoint
from services.notification.workers.lanes import Lanes
from services.notification.workers.wallet_events import CONSUMER_GROUP, WalletEvents
from services.runtime.auth import ServiceTokens
from services.runtime.bootstrap import Resources
from services.runtime.cancellation import every
from services.runtime.db import Database
from services.runtime.events import Consumer, stream_name
from services.runtime.server import Service

log = logging.getLogger("bitsacco.notification")

TEMPLATES_FILE = Path(__file__).with_name("templates.toml")
DEV_TWILIO_TOKEN_FILE = "notification-dev-twilio-auth-token"


def load_templates() -> TemplateRegistry:
    return TemplateRegistry.from_toml(tomllib.loads(TEMPLATES_FILE.read_text(encoding="utf-8")))


def _settings(resources: Resources) -> NotificationSettings:
    settings = resources.settings
    if isinstance(settings, NotificationSettings):
        return settings
    # Started with the runtime's base settings (e.g. by a test harness): read ours too.
    return NotificationSettings(**settings.model_dump())


def twilio_webhook_token(settings: NotificationSettings) -> str | None:
    """The secret Twilio webhooks are signed with: the auth token; in the embedded shape with no
    provider configured, a random dev token kept in the state directory, which the chat
    simulator reads to sign the webhooks it posts."""
    if settings.twilio_auth_token:
        return settings.twilio_auth_token.get_secret_value()
    if not settings.outbox_enabled():
        return None
    path = settings.state_dir / DEV_TWILIO_TOKEN_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(20))
    return path.read_text().strip()


def build_providers(settings: NotificationSettings, db) -> dict[int, MessageProvider]:
    from bitsacco.notification.v1 import notification_pb2 as pb

    providers: dict[int, MessageProvider] = {}
    if settings.twilio_configured():
        from services.notification.adapters.twilio_provider import TwilioProvider

        providers[pb.PROVIDER_TWILIO] = TwilioProvider(settings, db)
    if settings.whatsapp_cloud_configured():
        from services.notification.adapters.whatsapp_cloud_provider import WhatsAppCloudProvider

        providers[pb.PROVIDER_WHATSAPP_CLOUD] = WhatsAppCloudProvider(settings)
    return providers


async def _housekeeping(db, closables, every_seconds: float = 3600.0) -> None:
    """Expired media and stale early statuses go; the clients close when the service stops."""

    async def tidy() -> None:
        async with db.transaction() as session:
            now = store.utcnow()
            await delete_expired_media(session, now)
            await store.forget_early_statuses(session, now - timedelta(days=1))

    try:
        await every("notification_housekeeping", tidy, every_seconds)()
    finally:
        for closable in closables:
            with contextlib.suppress(Exception):
                await closable.close()


async def build(resources: Resources | None, *, checkpoint: Checkpoint = _no_checkpoint) -> Service:
    if resources is None:  # the start-up test lists the implemented methods without resources
        return Service(
            name="notification",
            servicers=[NotificationHandlers(None, None, None, None, None)],
        )
    settings = _settings(resources)
    db, cache = resources.db, resources.cache
    tokens = ServiceTokens.from_settings(settings)

    outbound = Outbound(db, settings, load_templates(), wake_delivery=lambda: delivery.wake())
    providers = build_providers(settings, db)
    delivery_worker = Delivery(db, settings, outbound, providers)
    delivery = Lanes(
        "delivery",
        cache,
        delivery_worker.ready_lanes,
        delivery_worker.drain,
        concurrency=settings.worker_concurrency,
        lease_seconds=settings.lane_lease_seconds,
        poll_seconds=settings.worker_poll_seconds,
    )
    assistant = Assistant(settings.ai_target, tokens.token, settings.ai_timeout_seconds)
    voice = Voice(settings.voice_target, tokens.token, settings.voice_timeout_seconds)
    downloader = MediaDownloader(settings)
    inbound_worker = InboundWorker(
        db,
        cache,
        settings,
        outbound,
        assistant,
        voice,
        downloader,
        wake_delivery=delivery.wake,
        checkpoint=checkpoint,
    )
    inbound = Lanes(
        "inbound",
        cache,
        inbound_worker.ready_lanes,
        inbound_worker.drain,
        concurrency=settings.worker_concurrency,
        lease_seconds=settings.lane_lease_seconds,
        poll_seconds=settings.worker_poll_seconds,
    )
    # The webhooks' own connections: acknowledging a provider never waits behind the workers.
    webhook_db = Database(
        settings.resolved_database_url(), db.schema, settings.webhook_database_pool_size
    )
    intake = Intake(webhook_db, cache, settings, wake_inbound=inbound.wake)

    members = Members(settings.users_target, tokens.token)
    wallet_events = Consumer(
        db,
        processed,
        resources.bus,
        stream_name("wallet", settings.namespace),
        CONSUMER_GROUP,
        WalletEvents(outbound, members, settings.operations_phones).handle,
    )

    closables = [assistant, voice, downloader, members, webhook_db, *providers.values()]
    background = [lambda: _housekeeping(db, closables)]
    if settings.wallet_events_enabled:
        background.append(wallet_events.run)
    if settings.inbound_worker_enabled:
        background.append(inbound.run)
    if settings.delivery_worker_enabled:
        background.append(delivery.run)
    return Service(
        name="notification",
        servicers=[
            NotificationHandlers(db, settings, outbound, intake, twilio_webhook_token(settings))
        ],
        public_methods=PUBLIC_METHODS,
        background=background,
    )

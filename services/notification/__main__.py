"""python -m services.notification: run the notification service."""

from services.notification.service import build
from services.notification.settings import NotificationSettings
from services.runtime.bootstrap import run_service

run_service("notification", build, NotificationSettings)

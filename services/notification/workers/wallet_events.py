"""Notifies members of what the wallet reports (deposits, withdrawals, transfers received, price
alerts, goals, paused plans): each event of `events.wallet` becomes at most one message per
member, queued in the consumer's transaction under a request id derived from the event id, so a
redelivered event queues nothing twice. Outside the 24-hour window the template goes instead.
What needs a person (a payout whose outcome stays unknown) also goes by SMS to the operations
numbers (OPERATIONS_PHONES)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bitsacco.notification.v1 import notification_pb2 as pb
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.adapters.members import Members
from services.notification.outbound import Outbound, OutboundRequest, derived_request_id
from services.notification.rules.wallet_notices import notices_for, operations_alert
from services.runtime.errors import DomainError
from services.runtime.events import Event

log = logging.getLogger("bitsacco.notification.wallet_events")

CONSUMER_GROUP = "notification"


class WalletEvents:
    def __init__(
        self, outbound: Outbound, members: Members, operations_phones: Sequence[str] = ()
    ) -> None:
        self._outbound = outbound
        self._members = members
        self._operations = operations_phones  # E.164 (NotificationSettings)

    async def handle(self, session: AsyncSession, event: Event) -> None:
        for index, notice in enumerate(notices_for(event.topic, event.payload)):
            contact = await self._members.contact(notice.user)  # DependencyError: redelivered
            if contact is None:
                log.info("no member to notify", extra={"topic": event.topic})
                continue
            language = contact.language_code if contact.language_code in notice.text else "en"
            request = OutboundRequest(
                request_id=derived_request_id(event.event_id, f"notice:{index}"),
                recipient_phone=contact.phone,
                channel=pb.CHANNEL_WHATSAPP,
                content=pb.MessageContent(text=notice.text[language]),
                fallback_template=pb.TemplateContent(
                    name=notice.template,
                    language_code=language,
                    parameters=notice.parameters[language],
                ),
            )
            await self._queue(session, request)
        alert = operations_alert(event.topic, event.payload)
        for phone in self._operations if alert else ():
            request = OutboundRequest(
                request_id=derived_request_id(event.event_id, f"operations:{phone}"),
                recipient_phone=phone,
                channel=pb.CHANNEL_SMS,
                content=pb.MessageContent(text=alert),
            )
            await self._queue(session, request)

    async def _queue(self, session: AsyncSession, request: OutboundRequest) -> None:
        try:
            await self._outbound.queue_in(session, request)
        except DomainError as error:  # a template not configured for this provider…
            log.error("wallet notice not queued: %s %s", error.reason, error.message)

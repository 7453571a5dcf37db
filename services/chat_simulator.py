"""`bitsacco chat --phone +254712345678`: a terminal WhatsApp for trying the system as a member.

What you type goes to the gateway exactly as Twilio would send it: a form-encoded webhook to
`/v1/webhooks/twilio`, signed (`X-Twilio-Signature`, the twilio SDK's RequestValidator) over the
public URL the notification service is configured with. What comes back is read from the
notification service's dev outbox (ListOutboxMessages): the assistant's replies with their
buttons, verification and step-up codes sent by SMS, alerts and receipts. M-Pesa prompts, which
on a real phone are a SIM popup rather than a message, are shown from the wallet (ListDeposits).

Signing uses TWILIO_AUTH_TOKEN, else the dev token the notification service keeps in STATE_DIR
when no provider is configured. Reading the outbox and the deposits needs SERVICE_SECRET (the
simulator calls as the service identity `services/chat-simulator`).

In the chat: type a message and press Enter; `/1`, `/2`, `/3` press the last message's buttons;
`/quit` leaves.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import httpx
from bitsacco.notification.v1 import notification_pb2, notification_service_pb2
from bitsacco.notification.v1 import notification_service_pb2_grpc as notification_grpc
from bitsacco.wallet.v1 import wallet_pb2, wallet_service_pb2, wallet_service_pb2_grpc
from twilio.request_validator import RequestValidator

from services.runtime.auth import ServiceTokens
from services.runtime.clients import call_metadata, channel
from services.runtime.phone_numbers import display_phone, normalize_phone
from services.runtime.settings import SERVICE_PORTS, embedded_service_secret

IDENTITY = "chat-simulator"
TEMPLATES = Path(__file__).resolve().parent / "notification" / "templates.toml"
SANDBOX_NUMBER = "+14155238886"  # Twilio's WhatsApp sandbox sender
QUIET_SECONDS = 1.5  # after a reply, how long without another before a turn counts as answered
MAX_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class Shown:
    """One thing that reached the member's phone, as the simulator shows it."""

    kind: str  # "whatsapp", "sms", "mpesa"
    text: str
    buttons: tuple[tuple[str, str], ...] = ()  # (id, title)
    sequence: int = 0


@dataclass
class SimulatorConfig:
    phone: str  # E.164
    gateway_url: str
    public_url: str  # the URL Twilio signs: the notification service's configured inbound URL
    auth_token: str
    notification_target: str
    wallet_target: str
    users_target: str
    service_secret: str | None
    profile_name: str = ""
    business_phone: str = SANDBOX_NUMBER

    @classmethod
    def from_environment(cls, phone: str, **overrides) -> SimulatorConfig:
        from services.notification.service import twilio_webhook_token
        from services.notification.settings import NotificationSettings

        settings = NotificationSettings(service_name="notification")
        token = overrides.pop("auth_token", None) or twilio_webhook_token(settings)
        if not token:
            raise SystemExit(
                "No Twilio signing secret: set TWILIO_AUTH_TOKEN (a provider is configured, so "
                "there is no dev token)."
            )
        secret = os.environ.get("SERVICE_SECRET") or embedded_service_secret()
        values = {
            "phone": normalize_phone(phone),
            "gateway_url": os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080"),
            "public_url": settings.resolved_twilio_inbound_url(),
            "auth_token": token,
            "notification_target": os.environ.get(
                "NOTIFICATION_TARGET", f"127.0.0.1:{SERVICE_PORTS['notification']}"
            ),
            "wallet_target": os.environ.get(
                "WALLET_TARGET", f"127.0.0.1:{SERVICE_PORTS['wallet']}"
            ),
            "users_target": settings.users_target,
            "service_secret": secret,
            "business_phone": settings.business_phone or SANDBOX_NUMBER,
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


def twilio_form(
    config: SimulatorConfig, text: str, button: tuple[str, str] | None = None
) -> dict[str, str]:
    """The fields Twilio posts for an inbound WhatsApp message (or a reply-button press)."""
    sid = "SM" + secrets.token_hex(16)
    form = {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ProfileName": config.profile_name,
        "MessageType": "button" if button else "text",
        "SmsSid": sid,
        "WaId": config.phone.removeprefix("+"),
        "SmsStatus": "received",
        "Body": button[1] if button else text,
        "To": f"whatsapp:{config.business_phone}",
        "NumSegments": "1",
        "ReferralNumMedia": "0",
        "MessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{config.phone}",
        "ApiVersion": "2010-04-01",
    }
    if button:
        form["ButtonPayload"], form["ButtonText"] = button
    return form


class Webhooks:
    """Posts signed Twilio webhooks to the gateway."""

    def __init__(self, config: SimulatorConfig, client: httpx.AsyncClient) -> None:
        self._config = config
        self._client = client
        self._validator = RequestValidator(config.auth_token)

    async def post(self, form: dict[str, str]) -> httpx.Response:
        signature = self._validator.compute_signature(self._config.public_url, form)
        return await self._client.post(
            self._config.gateway_url.rstrip("/") + "/v1/webhooks/twilio",
            data=form,
            headers={
                "X-Twilio-Signature": signature,
                "I-Twilio-Idempotency-Token": str(uuid.uuid4()),
            },
        )


def _template_text(template: notification_pb2.TemplateContent) -> str:
    from services.notification.rules.templates import TemplateRegistry

    registry = TemplateRegistry.from_toml(tomllib.loads(TEMPLATES.read_text()))
    found = registry.find(template.name, template.language_code)
    if found is None:
        return f"[{template.name}] " + " · ".join(template.parameters)
    return found.render(list(template.parameters))


def shown_of(message: notification_pb2.OutboxMessage) -> Shown:
    content = message.content
    kind = "sms" if message.channel == notification_pb2.CHANNEL_SMS else "whatsapp"
    which = content.WhichOneof("content")
    buttons: tuple[tuple[str, str], ...] = ()
    if which == "text":
        text = content.text
    elif which == "buttons":
        text = content.buttons.body
        buttons = tuple((b.id, b.title) for b in content.buttons.buttons)
    elif which == "list":
        text = content.list.body
        buttons = tuple(
            (row.id, row.title) for section in content.list.sections for row in section.rows
        )
    elif which == "template":
        text = _template_text(content.template)
    elif which == "media":
        media = content.media
        where = media.uri or media.media
        label = "🔊 voice note" if media.content_type.startswith("audio/") else "📎 attachment"
        text = f"{label} ({where})" + (f" {media.caption}" if media.caption else "")
    else:
        text = str(content)
    return Shown(kind, text, buttons, message.sequence)


class Outbox:
    """Messages to one number from the notification service's dev outbox, oldest first. Its
    sequences become visible in order, so reading after the last one seen misses nothing."""

    def __init__(self, config: SimulatorConfig, tokens: ServiceTokens) -> None:
        self._config = config
        self._tokens = tokens
        self._channel = channel(config.notification_target)
        self._stub = notification_grpc.NotificationServiceStub(self._channel)
        self.last_sequence = 0

    async def skip_history(self) -> None:
        """Start after what is already there (a previous session's messages)."""
        while await self._fetch():
            pass

    async def _fetch(self) -> list[notification_pb2.OutboxMessage]:
        answer = await self._stub.ListOutboxMessages(
            notification_service_pb2.ListOutboxMessagesRequest(
                recipient_phone=self._config.phone,
                after_sequence=self.last_sequence,
                page_size=1000,
            ),
            metadata=call_metadata(self._tokens.token()),
            timeout=10,
        )
        fresh = list(answer.outbox_messages)
        if fresh:
            self.last_sequence = fresh[-1].sequence
        return fresh

    async def new(self) -> list[Shown]:
        return [shown_of(message) for message in await self._fetch()]

    async def close(self) -> None:
        await self._channel.close()


class MpesaPhone:
    """The M-Pesa side of the member's phone: STK push prompts, read from the member's deposits."""

    def __init__(self, config: SimulatorConfig, tokens: ServiceTokens) -> None:
        from services.users.client import UsersClient

        self._config = config
        self._users = UsersClient(config.users_target, tokens)
        self._channel = channel(config.wallet_target)
        self._wallet = wallet_service_pb2_grpc.WalletServiceStub(self._channel)
        self._seen: dict[str, int] = {}
        self._ready = False

    async def new(self) -> list[Shown]:
        try:
            issued = await self._users.token_for_phone(self._config.phone)
            answer = await self._wallet.ListDeposits(
                wallet_service_pb2.ListDepositsRequest(parent="wallets/me", page_size=10),
                metadata=call_metadata(issued.token),
                timeout=10,
            )
        except grpc.aio.AioRpcError:
            return []  # no account yet, or the wallet is not up
        shown = []
        for deposit in reversed(answer.deposits):
            before = self._seen.get(deposit.name)
            self._seen[deposit.name] = deposit.state
            if not self._ready or before == deposit.state:
                continue
            amount = f"KES {deposit.amount.minor_units // 100:,}"
            if deposit.state == wallet_pb2.DEPOSIT_STATE_PENDING:
                text = f"Pay {amount} to BITSACCO? Enter M-Pesa PIN (the simulated phone answers)"
            elif deposit.state == wallet_pb2.DEPOSIT_STATE_COMPLETED:
                text = f"{deposit.mpesa_receipt_number} Confirmed. {amount} paid to BITSACCO."
            else:
                reason = wallet_pb2.DepositFailureReason.Name(deposit.failure_reason)
                why = reason.removeprefix("DEPOSIT_FAILURE_REASON_").lower().replace("_", " ")
                text = f"Payment of {amount} not completed ({why})."
            shown.append(Shown("mpesa", text))
        self._ready = True
        return shown

    async def close(self) -> None:
        await self._channel.close()
        await self._users.close()


@dataclass
class Simulator:
    """A member's phone: send messages, collect what arrives."""

    config: SimulatorConfig
    client: httpx.AsyncClient
    outbox: Outbox | None
    mpesa: MpesaPhone | None
    last_buttons: tuple[tuple[str, str], ...] = ()
    received: list[Shown] = field(default_factory=list)

    @classmethod
    async def open(cls, config: SimulatorConfig) -> Simulator:
        tokens = ServiceTokens(config.service_secret, IDENTITY, "bitsacco")
        outbox = mpesa = None
        if config.service_secret:
            outbox, mpesa = Outbox(config, tokens), MpesaPhone(config, tokens)
            await outbox.skip_history()
            await mpesa.new()
        return cls(config, httpx.AsyncClient(timeout=30), outbox, mpesa)

    async def send(self, text: str = "", button: tuple[str, str] | None = None) -> int:
        """Post one message as a signed webhook; the gateway's HTTP status."""
        response = await Webhooks(self.config, self.client).post(
            twilio_form(self.config, text, button)
        )
        return response.status_code

    def button(self, number: int) -> tuple[str, str] | None:
        if 1 <= number <= len(self.last_buttons):
            return self.last_buttons[number - 1]
        return None

    async def arrivals(self) -> list[Shown]:
        found: list[Shown] = []
        if self.outbox is not None:
            found += await self.outbox.new()
        if self.mpesa is not None:
            found += await self.mpesa.new()
        for shown in found:
            if shown.kind == "whatsapp":
                self.last_buttons = shown.buttons
        self.received += found
        return found

    async def wait_for_replies(
        self,
        until: Callable[[list[Shown]], bool] | None = None,
        quiet: float = QUIET_SECONDS,
        within: float = MAX_WAIT_SECONDS,
    ) -> list[Shown]:
        """What arrives after a message: until `until(all so far)` holds, else until nothing new
        came for `quiet` seconds after the first arrival (or `within` seconds pass)."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        last = None
        collected: list[Shown] = []
        while loop.time() - start < within:
            fresh = await self.arrivals()
            if fresh:
                collected += fresh
                last = loop.time()
                if until is not None and until(collected):
                    return collected
            elif until is None and last is not None and loop.time() - last >= quiet:
                return collected
            await asyncio.sleep(0.1)
        return collected

    async def say(
        self, text: str = "", button: tuple[str, str] | None = None, **wait
    ) -> list[Shown]:
        status = await self.send(text, button)
        if status != 200:
            raise RuntimeError(f"the gateway answered HTTP {status}")
        return await self.wait_for_replies(**wait)

    async def close(self) -> None:
        await self.client.aclose()
        if self.outbox is not None:
            await self.outbox.close()
        if self.mpesa is not None:
            await self.mpesa.close()


# --- the terminal ---------------------------------------------------------------------------------

_COLOURS = {"whatsapp": "32", "sms": "36", "mpesa": "33"}
_LABELS = {"whatsapp": "Bitsacco", "sms": "SMS", "mpesa": "M-PESA"}


def render(shown: Shown, colour: bool) -> str:
    label = _LABELS[shown.kind]
    lines = [f"{label}: {shown.text}"]
    for number, (_, title) in enumerate(shown.buttons, start=1):
        lines.append(f"    [/{number}] {title}")
    text = "\n".join(lines)
    return f"\033[{_COLOURS[shown.kind]}m{text}\033[0m" if colour else text


async def _watch(simulator: Simulator, colour: bool, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            for shown in await simulator.arrivals():
                print("\r" + render(shown, colour), flush=True)
        except grpc.aio.AioRpcError as error:
            print(f"\r(outbox unavailable: {error.code().name})", flush=True)
            await asyncio.sleep(2)
        await asyncio.sleep(0.3)


async def interactive(config: SimulatorConfig) -> int:
    simulator = await Simulator.open(config)
    colour = sys.stdout.isatty()
    print(
        f"Chatting as {display_phone(config.phone)} through {config.gateway_url}. "
        "Type a message; /1 /2 /3 press buttons; /quit leaves."
    )
    if simulator.outbox is None:
        print("(SERVICE_SECRET is not set: messages are sent, but replies cannot be read.)")
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch(simulator, colour, stop))
    try:
        while True:
            line = await asyncio.to_thread(sys.stdin.readline)
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if text in ("/quit", "/exit"):
                break
            button = None
            if text.startswith("/") and text[1:].isdigit():
                button = simulator.button(int(text[1:]))
                if button is None:
                    print("(no such button)")
                    continue
            status = await simulator.send(text, button)
            if status != 200:
                print(f"(the gateway answered HTTP {status})")
    finally:
        stop.set()
        await watcher
        await simulator.close()
    return 0


async def scripted(config: SimulatorConfig, messages: list[str]) -> int:
    """Send each message, print what arrives before the next (for scripts and the README)."""
    simulator = await Simulator.open(config)
    try:
        for text in messages:
            button = None
            if text.startswith("/") and text[1:].isdigit():
                button = simulator.button(int(text[1:]))
            print(f"> {button[1] if button else text}")
            for shown in await simulator.say(text, button):
                print(render(shown, False))
    finally:
        await simulator.close()
    return 0


def run(args: argparse.Namespace) -> int:
    config = SimulatorConfig.from_environment(
        args.phone, profile_name=args.name, gateway_url=args.gateway
    )
    if args.say:
        return asyncio.run(scripted(config, args.say))
    try:
        return asyncio.run(interactive(config))
    except KeyboardInterrupt:
        return 0

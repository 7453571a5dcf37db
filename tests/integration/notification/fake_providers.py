"""Local servers speaking the providers' wire formats, for the real SDK/client code to talk to:
Twilio's REST API (Messages, Content) and media URLs, and Meta's Graph API (messages, media)."""

from __future__ import annotations

import base64
import ssl
import uuid
from collections import deque
from dataclasses import dataclass, field

from aiohttp import web

from tests.harness import free_port


@dataclass
class Seen:
    method: str
    host: str
    path: str
    headers: dict[str, str]
    form: dict[str, list[str]] = field(default_factory=dict)
    json: object = None


SEEN = web.RequestKey("seen", Seen)


class FakeServer:
    """One aiohttp app on one address; `seen` records every request."""

    def __init__(self, host: str = "127.0.0.1", ssl_context: ssl.SSLContext | None = None):
        self.host = host
        self.port = free_port()
        self.ssl_context = ssl_context
        self.seen: list[Seen] = []
        self.app = web.Application(middlewares=[self._record])
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @web.middleware
    async def _record(self, request: web.Request, handler):
        seen = Seen(request.method, self.host, request.path_qs, dict(request.headers))
        if request.content_type == "application/x-www-form-urlencoded":
            form = await request.post()
            seen.form = {k: form.getall(k) for k in form}
        elif request.content_type == "application/json":
            seen.json = await request.json()
        self.seen.append(seen)
        request[SEEN] = seen
        return await handler(request)

    async def start(self) -> FakeServer:
        self._runner = web.AppRunner(self.app)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port, ssl_context=self.ssl_context).start()
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()


def basic_auth(sid: str, token: str) -> str:
    return "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()


class FakeTwilio(FakeServer):
    """Messages.json and the Content API. `failures` holds (status, code) answers to give to the
    next message creations before accepting again."""

    def __init__(self, account_sid: str, auth_token: str, **kw) -> None:
        super().__init__(**kw)
        self.account_sid = account_sid
        self.auth = basic_auth(account_sid, auth_token)
        self.failures: deque[tuple[int, int]] = deque()
        self.created: list[dict[str, list[str]]] = []
        self.next_sids: deque[str] = deque()
        self.contents: list[dict] = []
        self.app.router.add_post(
            "/2010-04-01/Accounts/{account}/Messages.json", self._create_message
        )
        self.app.router.add_post("/v1/Content", self._create_content)

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == self.auth

    async def _create_message(self, request: web.Request) -> web.Response:
        if not self._authorized(request) or request.match_info["account"] != self.account_sid:
            return web.json_response(
                {"code": 20003, "message": "Authenticate", "status": 401}, status=401
            )
        if self.failures:
            status, code = self.failures.popleft()
            return web.json_response(
                {"code": code, "message": f"scripted error {code}", "status": status},
                status=status,
            )
        form = request[SEEN].form
        self.created.append(form)
        sid = self.next_sids.popleft() if self.next_sids else "SM" + uuid.uuid4().hex
        return web.json_response(
            {
                "sid": sid,
                "account_sid": self.account_sid,
                "to": form.get("To", [""])[0],
                "from": form.get("From", [""])[0],
                "body": form.get("Body", [""])[0],
                "status": "queued",
                "num_media": str(len(form.get("MediaUrl", []))),
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
            },
            status=201,
        )

    async def _create_content(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return web.json_response({"code": 20003, "message": "Authenticate"}, status=401)
        body = request[SEEN].json
        self.contents.append(body)
        sid = "HX" + uuid.uuid4().hex
        return web.json_response(
            {
                "sid": sid,
                "account_sid": self.account_sid,
                "friendly_name": body.get("friendly_name"),
                "language": body.get("language"),
                "types": body.get("types"),
                "url": f"https://content.twilio.com/v1/Content/{sid}",
            },
            status=201,
        )


class FakeMediaHost(FakeServer):
    """HTTPS media: `/media/{name}` answers the bytes registered under `name` (with credentials
    required when `needs_auth`), or redirects when registered as a redirect."""

    def __init__(self, needs_auth: str | None = None, **kw) -> None:
        super().__init__(**kw)
        self.needs_auth = needs_auth
        self.files: dict[str, tuple[bytes, str]] = {}
        self.redirects: dict[str, str] = {}
        self.json_answers: dict[str, dict] = {}
        self.app.router.add_get("/{path:.*}", self._get)

    async def _get(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if self.needs_auth and request.headers.get("Authorization") != self.needs_auth:
            return web.Response(status=401)
        if path in self.redirects:
            raise web.HTTPTemporaryRedirect(self.redirects[path])
        if path in self.json_answers:
            return web.json_response(self.json_answers[path])
        if path in self.files:
            data, content_type = self.files[path]
            return web.Response(body=data, content_type=content_type.split(";")[0])
        return web.Response(status=404)


class FakeGraph(FakeServer):
    """Meta's Graph API: POST /{version}/{phone_number_id}/messages."""

    def __init__(self, access_token: str, **kw) -> None:
        super().__init__(**kw)
        self.auth = f"Bearer {access_token}"
        self.failures: deque[tuple[int, int]] = deque()
        self.sent: list[dict] = []
        self.media_urls: dict[str, str] = {}  # media id → where its bytes are
        self.app.router.add_post("/{version}/{phone}/messages", self._send)
        self.app.router.add_get("/{version}/{media_id}", self._media)

    async def _media(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != self.auth:
            return web.json_response(
                {"error": {"message": "Invalid token", "code": 190}}, status=401
            )
        media_id = request.match_info["media_id"]
        if media_id not in self.media_urls:
            return web.json_response(
                {"error": {"message": "Unknown media", "code": 100}}, status=400
            )
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "url": self.media_urls[media_id],
                "mime_type": "audio/ogg",
                "id": media_id,
            }
        )

    async def _send(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != self.auth:
            return web.json_response(
                {"error": {"message": "Invalid OAuth access token", "code": 190}}, status=401
            )
        if self.failures:
            status, code = self.failures.popleft()
            return web.json_response(
                {"error": {"message": f"scripted {code}", "type": "OAuthException", "code": code}},
                status=status,
            )
        body = request[SEEN].json
        self.sent.append(body)
        wamid = "wamid." + base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": wamid}],
            }
        )

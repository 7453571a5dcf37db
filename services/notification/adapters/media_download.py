"""Downloads of the media members send (voice notes first), safe against SSRF.

Only HTTPS URLs on the provider's own hosts are fetched, redirects are followed by hand (at
most 3, each checked the same way), the provider's credentials go only to its credential hosts
(a redirect to a CDN gets none), and the body is cut off at `media_max_bytes`.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from services.notification.adapters.dependencies import DependencyError
from services.notification.rules.media_policy import MediaRefused, checked_url, sends_credentials
from services.notification.settings import NotificationSettings

MAX_REDIRECTS = 3


@dataclass(frozen=True)
class Downloaded:
    data: bytes
    content_type: str


class MediaDownloader:
    def __init__(self, settings: NotificationSettings) -> None:
        self._settings = settings
        verify: ssl.SSLContext | bool = True
        if settings.provider_ca_file:
            verify = ssl.create_default_context(cafile=settings.provider_ca_file)
        self._client = httpx.AsyncClient(
            verify=verify,
            follow_redirects=False,
            timeout=httpx.Timeout(30.0, connect=10.0),
            trust_env=False,  # no proxies or .netrc credentials from the environment
        )

    async def _get(
        self,
        url: str,
        allowed: list[str],
        credential_hosts: list[str],
        headers_for_provider: dict[str, str],
        auth: tuple[str, str] | None = None,
    ) -> Downloaded:
        limit = self._settings.media_max_bytes
        for _ in range(MAX_REDIRECTS + 1):
            try:
                host = checked_url(url, allowed)
            except MediaRefused as refused:
                raise DependencyError(
                    str(refused), transient=False, reason="MEDIA_REFUSED"
                ) from None
            credentialed = sends_credentials(host, credential_hosts)
            try:
                async with self._client.stream(
                    "GET",
                    url,
                    headers=headers_for_provider if credentialed else {},
                    auth=auth if credentialed else None,
                ) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 500 or response.status_code == 429:
                        raise DependencyError(
                            f"media host answered {response.status_code}", transient=True
                        )
                    if response.status_code != 200:
                        raise DependencyError(
                            f"media host answered {response.status_code}",
                            transient=False,
                            reason="MEDIA_UNAVAILABLE",
                        )
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > limit:
                        raise DependencyError(
                            "media is larger than allowed",
                            transient=False,
                            reason="MEDIA_TOO_LARGE",
                        )
                    chunks, size = [], 0
                    async for chunk in response.aiter_bytes():
                        size += len(chunk)
                        if size > limit:
                            raise DependencyError(
                                "media is larger than allowed",
                                transient=False,
                                reason="MEDIA_TOO_LARGE",
                            )
                        chunks.append(chunk)
                    content_type = response.headers.get("content-type", "")
                    return Downloaded(b"".join(chunks), content_type)
            except httpx.HTTPError as error:
                raise DependencyError(f"media download failed: {error}", transient=True) from None
        raise DependencyError("too many redirects", transient=False, reason="MEDIA_REFUSED")

    async def from_twilio(self, url: str) -> Downloaded:
        s = self._settings
        auth = None
        if s.twilio_account_sid and s.twilio_auth_token:
            auth = (s.twilio_account_sid, s.twilio_auth_token.get_secret_value())
        return await self._get(url, s.twilio_media_hosts, s.twilio_media_credential_hosts, {}, auth)

    async def from_whatsapp_cloud(self, media_id: str) -> Downloaded:
        """Meta gives a media id: its URL comes from the Graph API, then the bytes from there."""
        s = self._settings
        if not s.whatsapp_access_token:
            raise DependencyError(
                "WhatsApp Cloud is not configured", transient=False, reason="MEDIA_UNAVAILABLE"
            )
        bearer = {"Authorization": f"Bearer {s.whatsapp_access_token.get_secret_value()}"}
        if not media_id.replace("_", "").replace("-", "").isalnum():
            raise DependencyError("not a media id", transient=False, reason="MEDIA_REFUSED")
        lookup_url = (
            f"{s.whatsapp_graph_base_url.rstrip('/')}/{s.whatsapp_graph_version}/{media_id}"
        )
        found = await self._get(
            lookup_url, s.whatsapp_media_hosts, s.whatsapp_media_credential_hosts, bearer
        )
        try:
            import json

            url = str(json.loads(found.data)["url"])
        except (ValueError, KeyError, TypeError):
            raise DependencyError(
                "the Graph API did not give a media URL",
                transient=False,
                reason="MEDIA_UNAVAILABLE",
            ) from None
        return await self._get(
            url, s.whatsapp_media_hosts, s.whatsapp_media_credential_hosts, bearer
        )

    async def close(self) -> None:
        await self._client.aclose()

"""Where inbound media may be downloaded from, and where the provider's credentials may go.

Only HTTPS; only the provider's own hosts (exact names, or `*.example.com` for subdomains); the
provider's credentials only to its credential hosts, so a redirect to a CDN gets none; no other
port than the URL's own; at most `max_bytes`.
"""

from __future__ import annotations

from urllib.parse import urlsplit


class MediaRefused(Exception):
    """The URL is not one we may fetch from; not retried."""


def host_matches(host: str, patterns: list[str]) -> bool:
    host = host.lower().rstrip(".")
    for pattern in patterns:
        pattern = pattern.lower()
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]) and host != pattern[2:]:
                return True
        elif host == pattern:
            return True
    return False


def checked_url(url: str, allowed_hosts: list[str]) -> str:
    """The host of `url` when it may be fetched; MediaRefused otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise MediaRefused(f"media URL is not HTTPS: {parts.scheme or 'no scheme'}")
    if parts.username or parts.password:
        raise MediaRefused("media URL carries credentials")
    host = parts.hostname or ""
    if not host or not host_matches(host, allowed_hosts):
        raise MediaRefused(f"media host {host!r} is not the provider's")
    return host


def sends_credentials(host: str, credential_hosts: list[str]) -> bool:
    return host_matches(host, credential_hosts)

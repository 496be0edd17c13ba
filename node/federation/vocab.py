"""Small helpers for reading activities as plain JSON (as Mastodon does, no JSON-LD)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


class Ignored(Exception):
    """Nothing to do for this activity."""


def object_id(value: Any) -> str | None:
    """The id of a link or an embedded object; the first one of a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("id") or value.get("href")
    return value if isinstance(value, str) else None


def host(uri: str | None) -> str:
    try:
        return urlsplit(uri or "").netloc.lower()
    except ValueError:  # `https://[::1/x`: no host, so never the same as another
        return ""


def same_host(first: str | None, second: str | None) -> bool:
    return bool(host(first)) and host(first) == host(second)

"""What a stranger sends, read defensively: JSON bodies within limits, URLs that parse.

Python's json module recurses per nesting level, so `[[[[…]]]]` a thousand deep raises
RecursionError, and urllib/httpx raise ValueError or httpx.InvalidURL for URLs such as
`https://example.com:abc/x` or `https://[::1/x`. Here both become `Untrusted`, which the
inbox answers with a 4xx, before anything is fetched or stored.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import httpx

# ActivityPub payloads seen in the wild (Lemmy's Announce{Create{Page}} with tags and
# attachments) stay under 15 levels; 64 leaves room and is far from Python's recursion limit.
MAX_DEPTH = 64
MAX_URL_LENGTH = 2048
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


class Untrusted(ValueError):
    """Input we refuse to act on; the message is safe to answer with."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def nesting_depth(body: bytes) -> int:
    """How deep arrays and objects nest, brackets inside strings not counted."""
    brackets = _STRING.sub(b"", body).translate(None, _NOT_BRACKET)
    depth = deepest = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest


def json_body(body: bytes) -> Any:
    """The parsed body: UTF-8 JSON (what we store as text) no deeper than MAX_DEPTH."""
    if nesting_depth(body) > MAX_DEPTH:
        raise Untrusted(400, f"the JSON nests deeper than {MAX_DEPTH} levels")
    try:
        # Decoded first: json.loads would also accept UTF-16 and UTF-32 bytes.
        return json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Untrusted(400, "the body is not JSON") from None


def web_url(value: object) -> str | None:
    """The value when it is an http(s) URL with a host that urllib and httpx both parse."""
    if not isinstance(value, str) or not value or len(value) > MAX_URL_LENGTH:
        return None
    return _checked_url(value)


# Remembered: every POST names its keyId and actor again, and httpx's parser checks each
# character in Python (a fifth of an inbox POST's time before). Bounded, so unique ids
# from a stranger only push older ones out.
@lru_cache(maxsize=1024)
def _checked_url(value: str) -> str | None:
    if _SPACE_OR_CONTROL.search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        url = httpx.URL(value)
    except (ValueError, httpx.InvalidURL):
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or not url.host:
        return None
    return value

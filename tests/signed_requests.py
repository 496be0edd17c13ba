"""Signed inbox POSTs, built one way for the tests and for bench/: draft-cavage rsa-sha256
over `(request-target) host date digest` as Mastodon signs (with the node's own signer, so a
change there shows in both), or RFC 9421 as Mastodon 4.4+ does.

bench/ runs as scripts and imports this as `tests.signed_requests` with the repository root
on sys.path; so it imports nothing from the test suite (no pytest, no fixtures)."""

from __future__ import annotations

from datetime import datetime

import httpx
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from node.federation import rfc9421
from node.federation.signatures import sign_request


def activity_post(url: str, body: bytes) -> httpx.Request:
    return httpx.Request(
        "POST", url, content=body, headers={"Content-Type": "application/activity+json"}
    )


def signed(url: str, body: bytes, key_id: str, key: RSAPrivateKey, now: datetime) -> httpx.Request:
    """A POST with Date, Digest and a draft-cavage Signature by `key_id`."""
    from bovine.crypto.types import CryptographicSecret  # bovine is slow to import

    request = activity_post(url, body)
    sign_request(request, CryptographicSecret(key_id, key), now)  # type: ignore[arg-type]
    return request


def signed_9421(
    url: str, body: bytes, key_id: str, key: RSAPrivateKey, now: datetime
) -> httpx.Request:
    """A POST with Content-Digest, Signature-Input and Signature (RFC 9421), no Date."""
    request = activity_post(url, body)
    rfc9421.sign_request(request, key_id, key, now)
    return request

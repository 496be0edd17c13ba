"""HTTP signatures as Mastodon uses them (draft-cavage, rsa-sha256), signed and checked here.

bovine 0.5.19 supplies the crypto parts (message building, RSA sign/verify), imported on
first use: `import bovine` costs ~35 MB and ~0.7 s, which an idle node need not pay. The
checks around them are ours because its verifier drops the query string from the signed target,
compares Date with the real clock (±5 minutes) and never checks the key owner.

Date window: a request's Date may be up to one hour old or one hour ahead of our clock,
about what Mastodon 4 tolerates; a replay inside the window is harmless because an
activity id is stored once.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from bovine.crypto.types import CryptographicIdentifier, CryptographicSecret

DATE_WINDOW = timedelta(hours=1)
ALGORITHMS = ("rsa-sha256", "hs2019")
_PARAM = re.compile(r'\s*([a-zA-Z]+)\s*=\s*"([^"]*)"\s*(?:,|$)')


class SignatureError(Exception):
    """The request's signature is missing, malformed, stale or wrong."""


@dataclass(frozen=True)
class SignatureParams:
    key_id: str
    algorithm: str
    headers: tuple[str, ...]
    signature: str


def digest_header(body: bytes) -> str:
    # Upper case: some servers refuse bovine's default `sha-256=`.
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def sign_request(request: httpx.Request, secret: CryptographicSecret, now: datetime) -> None:
    """Add Date (and Digest for a body) and a Signature over them to an httpx request."""
    from bovine.crypto.http_signature import HttpSignature

    target = request.url.raw_path.decode("ascii")  # path and query, as sent
    request.headers["Date"] = http_date(now)
    host = request.url.netloc.decode("ascii")
    signature = (
        HttpSignature()
        .with_field("(request-target)", f"{request.method.lower()} {target}")
        .with_field("host", host)
        .with_field("date", request.headers["Date"])
    )
    if request.method == "POST":
        request.headers["Digest"] = digest_header(request.content)
        signature = signature.with_field("digest", request.headers["Digest"])
    request.headers["Signature"] = signature.sign_for_http_draft(secret)


def parse_signature(header: str) -> SignatureParams:
    params = {name.lower(): value for name, value in _PARAM.findall(header)}
    if not {"keyid", "signature"} <= params.keys():
        raise SignatureError("malformed Signature header")
    algorithm = params.get("algorithm", "hs2019").lower()
    if algorithm not in ALGORITHMS:
        raise SignatureError(f"unsupported algorithm {algorithm}")
    # Without `headers`, draft-cavage signs only `date`, which we do not accept.
    headers = tuple(params.get("headers", "date").lower().split())
    return SignatureParams(params["keyid"], algorithm, headers, params["signature"])


def check_request(
    params: SignatureParams,
    *,
    method: str,
    headers: dict[str, str],
    body: bytes | None,
    now: datetime,
) -> None:
    """Everything but the cryptography: the right headers are signed, Date and Digest hold."""
    required = {"(request-target)", "host", "date"} | ({"digest"} if body is not None else set())
    if not required <= set(params.headers):
        raise SignatureError(f"the signature must cover {' '.join(sorted(required))}")
    try:
        sent = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError):
        raise SignatureError("missing or malformed Date") from None
    if sent.tzinfo is None or abs(now - sent) > DATE_WINDOW:
        raise SignatureError("Date is outside the accepted window")
    if body is not None and not _digest_matches(headers.get("digest", ""), body):
        raise SignatureError("Digest does not match the body")


def _digest_matches(header: str, body: bytes) -> bool:
    expected = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "sha-256" and value == expected:
            return True
    return False


def verify(
    params: SignatureParams,
    identifier: CryptographicIdentifier,
    *,
    method: str,
    target: str,
    headers: dict[str, str],
) -> bool:
    """True when the signature over the listed headers is valid for this key."""
    from bovine.crypto.http_signature import HttpSignature

    message = HttpSignature()
    for name in params.headers:
        if name == "(request-target)":
            message = message.with_field(name, f"{method.lower()} {target}")
        elif name in headers:
            message = message.with_field(name, headers[name])
        else:
            return False
    try:
        return identifier.verify(message.build_message(), params.signature) is not None
    except ValueError:  # not base64, or a key type we cannot use
        return False


def identifier_from_pem(pem: str, owner: str) -> CryptographicIdentifier:
    from bovine.crypto.types import CryptographicIdentifier

    try:
        return CryptographicIdentifier.from_pem(pem, owner)  # type: ignore[no-any-return]
    except ValueError as error:
        raise SignatureError("the actor's public key cannot be read") from error

"""RFC 9421 HTTP Message Signatures, the subset Mastodon 4.4+ sends, checked here.

The `http-message-signatures` package builds the signature base and checks the RSA signature
(bovine's RFC 9421 verifier crashes on current `http-sf` and never checks `created`). The
policy is ours: exactly one signature, `rsa-v1_5-sha256`, covering "@method", "@target-uri"
and (for a body) "content-digest"; `created` inside the same window as the draft-cavage Date
(judged against our injectable clock, not the library's real one); Content-Digest (RFC 9530)
must match the body. The key owner must be the activity's actor: the inbox checks that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import http_sf
from http_message_signatures import (
    ContentDigest,
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
)

from node.federation.signatures import DATE_WINDOW, SignatureError

if TYPE_CHECKING:
    import httpx
    from bovine.crypto.types import CryptographicIdentifier
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

ALGORITHM = algorithms.RSA_V1_5_SHA256
COVERED = ("@method", "@target-uri", "content-digest")


@dataclass(frozen=True)
class MessageParams:
    key_id: str
    created: datetime
    covered: tuple[str, ...]


def is_rfc9421(headers: dict[str, str]) -> bool:
    return "signature-input" in headers


def parse(headers: dict[str, str]) -> MessageParams:
    """The single signature's key id, creation time and covered components."""
    try:
        inputs = http_sf.parse(headers["signature-input"].encode(), tltype="dictionary")
        http_sf.parse(headers.get("signature", "").encode(), tltype="dictionary")
    except (ValueError, TypeError, UnicodeEncodeError):
        raise SignatureError("malformed Signature-Input or Signature") from None
    if not isinstance(inputs, dict) or len(inputs) != 1:
        raise SignatureError("exactly one RFC 9421 signature is required")
    [(components, params)] = inputs.values()
    if not isinstance(components, list) or not isinstance(params, dict):
        raise SignatureError("malformed Signature-Input")
    covered = tuple(c[0] for c in components if isinstance(c, tuple) and isinstance(c[0], str))
    key_id, created = params.get("keyid"), params.get("created")
    if not isinstance(key_id, str) or type(created) is not int:
        raise SignatureError("the signature needs keyid and created")
    if params.get("alg", ALGORITHM.algorithm_id) != ALGORITHM.algorithm_id:
        raise SignatureError(f"unsupported algorithm {params.get('alg')}")
    try:
        moment = datetime.fromtimestamp(created, UTC)
    except (OverflowError, OSError, ValueError):
        raise SignatureError("malformed created") from None
    return MessageParams(key_id, moment, covered)


def check_request(
    params: MessageParams, *, headers: dict[str, str], body: bytes | None, now: datetime
) -> None:
    """Everything but the cryptography: the right components are signed, created holds."""
    required = set(COVERED) if body is not None else {"@method", "@target-uri"}
    if not required <= set(params.covered):
        raise SignatureError(f"the signature must cover {' '.join(sorted(required))}")
    if abs(now - params.created) > DATE_WINDOW:
        raise SignatureError("created is outside the accepted window")
    if body is not None and not digest_matches(headers, body):
        raise SignatureError("Content-Digest does not match the body")


class _OneKey(HTTPSignatureKeyResolver):  # type: ignore[misc]
    def __init__(self, key_id: str, key: Any) -> None:
        self.key_id, self.key = key_id, key

    def resolve_public_key(self, key_id: str) -> Any:
        return self.key if key_id == self.key_id else None

    def resolve_private_key(self, key_id: str) -> Any:
        return self.key if key_id == self.key_id else None


class _Verifier(HTTPMessageVerifier):  # type: ignore[misc]
    def validate_created_and_expires(self, sig_input: Any, max_age: Any = None) -> None:
        """check_request judged `created` against our clock already."""


def verify(
    params: MessageParams,
    identifier: CryptographicIdentifier,
    *,
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None,
) -> bool:
    """True when the signature and (for a body) the Content-Digest hold for this key."""
    message = SimpleNamespace(method=method.upper(), url=url, headers=headers)
    verifier = _Verifier(
        signature_algorithm=ALGORITHM, key_resolver=_OneKey(params.key_id, identifier.public_key)
    )
    try:
        verifier.verify(message, max_age=None, require_components=COVERED[:2], body=body)
    except (HTTPMessageSignaturesException, ValueError, TypeError):
        return False
    return True


def digest_matches(headers: dict[str, str], body: bytes) -> bool:
    try:
        ContentDigest.verify(headers.get("content-digest", ""), body)
    except (HTTPMessageSignaturesException, ValueError, TypeError):
        return False
    return True


def sign_request(request: httpx.Request, key_id: str, key: RSAPrivateKey, now: datetime) -> None:
    """Sign an httpx POST as Mastodon 4.4+ does (used by tests; we still send draft-cavage)."""
    message = SimpleNamespace(method=request.method, url=str(request.url), headers=request.headers)
    HTTPMessageSigner(signature_algorithm=ALGORITHM, key_resolver=_OneKey(key_id, key)).sign(
        message,
        key_id=key_id,
        created=now,
        label="sig1",
        include_alg=False,
        covered_component_ids=COVERED,
        body=request.content,
    )

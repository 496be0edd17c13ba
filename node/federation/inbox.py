"""The inbox accepts fast and processes later (as Takahē does).

Signatures: draft-cavage (`Signature`) or RFC 9421 (`Signature-Input`, signatures_rfc9421.py).
Cheap refusals first: size, signature header shape, blocked domain, Date, Digest, JSON;
then the signature with the signer's key (fetched with a signed GET, refetched once when
it fails, in case it rotated) and the signer must be the activity's actor. A verified
activity is stored (unique on its id: a replay is a no-op) and answered with 202; the
processor does the rest. Nothing here answers 5xx for anything a sender controls.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from node.community.clock import iso
from node.federation import rfc9421
from node.federation.http import FetchError
from node.federation.signatures import (
    SignatureError,
    SignatureParams,
    check_request,
    parse_signature,
    verify,
)
from node.federation.untrusted import Untrusted, json_body, web_url

if TYPE_CHECKING:
    from bovine.crypto.types import CryptographicIdentifier

    from node.federation.node import Federation

log = logging.getLogger("buurtnode.federation")
UNVERIFIED = "the signature could not be verified"


class Refusal(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _actor_id(activity: dict[str, Any]) -> str | None:
    actor = activity.get("actor")
    if isinstance(actor, dict):
        actor = actor.get("id")
    return actor if isinstance(actor, str) else None


async def _read_body(request: Request, limit: int) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refusal(413, "body too large")
    return body


async def receive(fed: Federation, request: Request) -> Response:
    try:
        body = await _read_body(request, fed.settings.max_body_bytes)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        headers = {k.lower(): v for k, v in request.headers.items()}
        stored = await accept(fed, "POST", target, headers, body)
    except Refusal as refusal:
        log.debug("inbox refused a request: %s", refusal.reason)
        return JSONResponse({"error": refusal.reason}, status_code=refusal.status)
    return JSONResponse({"status": "accepted" if stored else "already received"}, 202)


async def accept(
    fed: Federation, method: str, target: str, headers: dict[str, str], body: bytes
) -> bool:
    """Check and store one incoming activity; True when stored now, False for a replay."""
    params: SignatureParams | rfc9421.MessageParams
    if "signature" not in headers:
        raise Refusal(401, "an HTTP signature is required")
    try:
        if rfc9421.is_rfc9421(headers):
            params = rfc9421.parse(headers)
        else:
            params = parse_signature(headers["signature"])
        if not web_url(params.key_id):
            raise SignatureError("the keyId is not a web address")
        if fed.blocks.blocks(params.key_id):
            raise Refusal(403, "domain blocked")
        if isinstance(params, rfc9421.MessageParams):
            rfc9421.check_request(params, headers=headers, body=body, now=fed.clock())
        else:
            check_request(params, method=method, headers=headers, body=body, now=fed.clock())
    except SignatureError as error:
        raise Refusal(401, str(error)) from None
    try:
        activity = json_body(body)
    except Untrusted as error:
        raise Refusal(error.status, error.reason) from None
    actor = web_url(_actor_id(activity)) if isinstance(activity, dict) else None
    if not actor or not web_url(activity.get("id")) or "type" not in activity:
        raise Refusal(400, "an activity needs an id, a type and an actor")
    if fed.blocks.blocks(actor):
        raise Refusal(403, "domain blocked")
    owner = await _signer(fed, params, method, target, headers, body, activity)
    if owner != actor:
        raise Refusal(401, "the signer is not the activity's actor")
    activity_type = activity["type"] if isinstance(activity["type"], str) else "?"
    now = iso(fed.clock())
    # One INSERT, committed with whatever else arrives meanwhile (intake.py); when the
    # sender was last seen is noted by the processor, off this path.
    return await fed.intake.store((activity["id"], actor, activity_type, body.decode(), now))


def _holds(
    fed: Federation,
    params: SignatureParams | rfc9421.MessageParams,
    identifier: CryptographicIdentifier,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
) -> bool:
    if isinstance(params, SignatureParams):
        return verify(params, identifier, method=method, target=target, headers=headers)
    # RFC 9421 signs the full target URI: ours as the sender addressed it.
    url = fed.settings.url + target
    return rfc9421.verify(params, identifier, method=method, url=url, headers=headers, body=body)


async def _signer(
    fed: Federation,
    params: SignatureParams | rfc9421.MessageParams,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
    activity: dict[str, Any],
) -> str:
    """The key owner when the signature holds, refetching the key once when it does not."""
    try:
        identifier = await fed.remote.key(params.key_id)
    except (FetchError, SignatureError) as error:
        if activity.get("type") == "Delete" and activity.get("object") == _actor_id(activity):
            # Mastodon sends Delete{actor} signed with the key of the account it deletes;
            # that key is gone (410), and we keep nothing to delete: ignore it quietly.
            raise Refusal(202, "deleted actor, nothing to do") from None
        # Logged, not answered: echoing why a fetch failed would let anyone probe hosts
        # and ports through us.
        log.info("inbox: no key %s: %s", params.key_id, error)
        raise Refusal(401, UNVERIFIED) from None
    for attempt in range(2):
        if _holds(fed, params, identifier, method, target, headers, body):
            return str(identifier.controller)
        if attempt or not fed.remote.may_refetch(params.key_id):
            break
        try:
            identifier = await fed.remote.key(params.key_id, refresh=True)
        except (FetchError, SignatureError):
            break
    raise Refusal(401, UNVERIFIED)

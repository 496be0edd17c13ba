"""`buurtnode ledger verify URL`: fetch a node's published books and check every entry.

Recomputes every hash, checks every signature with the public key in the JSON, and, when
the node's actor can be fetched, that this key is the node's own ActivityPub key (so a
copy of the books signed with some other key is caught).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from node.community.ledger.check import audit, same_key

LEDGER_PATH = "/wijkboekhouding.json"
ACTOR_PATH = "/ap/actor"


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str
    entries: int = 0


def ledger_url(url: str) -> str:
    """Accept the node's address or the JSON's own address."""
    url = url.strip().rstrip("/")
    return url if url.endswith(".json") else url + LEDGER_PATH


def check_document(document: dict[str, Any]) -> Verdict:
    result = audit(document)
    if result.at is not None:
        return Verdict(False, f"BROKEN at {result.problem}", result.entries)
    if not result.ok:
        return Verdict(False, result.problem, result.entries)
    return Verdict(True, f"OK: {result.entries} entries", result.entries)


async def verify(url: str, transport: httpx.AsyncBaseTransport | None = None) -> Verdict:
    target = ledger_url(url)
    async with httpx.AsyncClient(transport=transport, timeout=20, follow_redirects=True) as http:
        try:
            response = await http.get(target, headers={"accept": "application/json"})
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as error:
            return Verdict(False, f"cannot fetch {target}: {error}")
        verdict = check_document(document)
        if not verdict.ok:
            return verdict
        problem = await _actor_key_problem(http, target, document)
    if problem:
        return Verdict(False, problem, verdict.entries)
    return verdict


async def _actor_key_problem(
    http: httpx.AsyncClient, target: str, document: dict[str, Any]
) -> str | None:
    """None when the actor's key matches or the actor cannot be reached; else the problem."""
    parts = urlsplit(target)
    actor_url = f"{parts.scheme}://{parts.netloc}{ACTOR_PATH}"
    try:
        response = await http.get(actor_url, headers={"accept": "application/activity+json"})
        actor = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        actor = None
    if not isinstance(actor, dict) or not isinstance(actor.get("publicKey"), dict):
        return None
    actor_pem = actor["publicKey"].get("publicKeyPem", "")
    if not same_key(actor_pem, document["key"]["public_key_pem"]):
        return f"the ledger's key is not the key of the node's actor at {actor_url}"
    return None

"""Checking a node's published books (`/wijkboekhouding.json`) as one pure step.

Shared by `buurtnode ledger verify URL` (node/federation/ledger/verify.py) and the
municipality's node (node/federation/ledger/audit.py): every hash and signature through
`chain.verify_chain`, optionally that the ledger's key is the node's own ActivityPub
key, and the totals (corrections counted with the kind of entry they correct). Neutral
ground like node/community/signing.py: no HTTP here.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from node.community.ledger.chain import FORMAT, verify_chain
from node.community.signing import verify_with_pem


@dataclass(frozen=True)
class Audit:
    ok: bool
    problem: str  # empty when ok
    entries: int = 0
    income: int = 0
    allocated: int = 0
    spent: int = 0
    at: int | None = None  # the number of the first entry that does not check out

    @property
    def balance(self) -> int:
        return self.income - self.spent


def same_key(pem: str, other: str) -> bool:
    """Whether two PEM public keys are the same key (line breaks and headers aside)."""
    mine, theirs = _key_bytes(pem), _key_bytes(other)
    return bool(mine) and mine == theirs


def audit(document: Any, actor_pem: str | None = None) -> Audit:
    """Check the whole document; with `actor_pem`, its key must be that key too."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        return Audit(False, f"not a Buurtnode ledger (format {found!r})")
    pem = (document.get("key") or {}).get("public_key_pem")
    if not isinstance(pem, str) or "PUBLIC KEY" not in pem:
        return Audit(False, "the ledger gives no public key to check signatures with")
    entries = document.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return Audit(False, "the ledger has no list of entries")
    count = len(entries)
    if actor_pem is not None and not same_key(pem, actor_pem):
        return Audit(False, "the ledger's key is not the key of the node's actor", count)
    found = verify_chain(entries, lambda data, sig: verify_with_pem(pem, data, sig))
    if found is not None:
        return Audit(False, str(found), count, at=found.number)
    return Audit(True, "", count, *totals(entries))


def totals(entries: list[Mapping[str, Any]]) -> tuple[int, int, int]:
    """Income, allocated and spent in cents; a correction counts with the kind it corrects."""
    by_number = {e.get("number"): e for e in entries}
    sums = {"income": 0, "allocation": 0, "expense": 0}
    for entry in entries:
        original, seen = entry, 0
        while original.get("kind") == "correction" and original.get("corrects") in by_number:
            original, seen = by_number[original["corrects"]], seen + 1
            if seen > len(entries):  # a loop cannot pass verify_chain, but stay safe
                break
        amount = entry.get("amount_cents")
        if original.get("kind") in sums and isinstance(amount, int):
            sums[str(original["kind"])] += amount
    return sums["income"], sums["allocation"], sums["expense"]


def _key_bytes(pem: str) -> bytes:
    body = "".join(line for line in pem.strip().splitlines() if "-----" not in line)
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return b""

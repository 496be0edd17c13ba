"""The ledger's hash chain: how an entry is hashed and signed, and how anyone checks it.

Each entry's hash is SHA-256 over a canonical JSON of its public fields, which include the
previous entry's hash (the first entry points at 64 zeros). The node signs the hash (its
hex text, ASCII) with its RSA key: RSA-PKCS1v15-SHA256, base64. Changing, removing or
inserting any entry breaks the chain from there on; re-hashing needs the node's key to
sign again. Pure functions on plain dicts, so `buurtnode ledger verify` (and the
municipality's node) can run them on the published JSON.

>>> fields = {name: None for name in HASHED_FIELDS}
>>> fields.update(number=1, prev_hash=GENESIS)
>>> len(entry_hash(fields))
64
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

GENESIS = "0" * 64
FORMAT = "buurtnode-ledger/1"

# The public fields of an entry, as named in /wijkboekhouding.json. Never reorder or
# rename: the hashes of every existing entry depend on them.
HASHED_FIELDS = (
    "number",
    "kind",
    "round",
    "date",
    "description",
    "amount_cents",
    "currency",
    "counterparty",
    "initiative",
    "project",
    "proposal",
    "corrects",
    "receipt_sha256",
    "recorded_at",
    "prev_hash",
)


class Signer(Protocol):
    """The node's key as the ledger needs it; node/app.py injects it (community/signing.py)."""

    @property
    def key_id(self) -> str: ...

    @property
    def public_pem(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...

    def verify(self, data: bytes, signature: bytes) -> bool: ...


def canonical(fields: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: the hashed fields only, sorted keys, no spaces, UTF-8."""
    subset = {name: fields.get(name) for name in HASHED_FIELDS}
    return json.dumps(subset, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(fields)).hexdigest()


def signature_text(signer: Signer, digest: str) -> str:
    return base64.b64encode(signer.sign(digest.encode("ascii"))).decode("ascii")


@dataclass(frozen=True)
class ChainBreak:
    """The first entry that does not check out, and what is wrong with it."""

    number: int
    problem: str

    def __str__(self) -> str:
        return f"entry {self.number}: {self.problem}"


def verify_chain(
    entries: Sequence[Mapping[str, Any]], check_signature: Callable[[bytes, bytes], bool]
) -> ChainBreak | None:
    """None when every entry is in place, hashes right and is signed; else the first break."""
    previous = GENESIS
    for position, entry in enumerate(entries, start=1):
        number = entry.get("number")
        if number != position:
            return ChainBreak(position, f"the entry is numbered {number!r}, expected {position}")
        if entry.get("prev_hash") != previous:
            return ChainBreak(position, "its previous hash does not match the entry before it")
        digest = entry_hash(entry)
        if digest != entry.get("hash"):
            return ChainBreak(position, "its content does not match its hash (changed afterwards)")
        try:
            signature = base64.b64decode(str(entry.get("signature", "")), validate=True)
        except (binascii.Error, ValueError):
            return ChainBreak(position, "its signature is not valid base64")
        if not check_signature(digest.encode("ascii"), signature):
            return ChainBreak(position, "its signature does not match the node's public key")
        corrects = entry.get("corrects")
        if corrects is not None and not (isinstance(corrects, int) and 0 < corrects < position):
            return ChainBreak(position, "it corrects an entry that does not come before it")
        previous = digest
    return None

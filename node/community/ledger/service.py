"""The wijkboekhouding: every euro in and out, public, append-only and tamper-evident.

Entries are only ever added. A mistake is put right with a correction entry that refers to
the entry it corrects; the database refuses UPDATE and DELETE on the table (triggers).
Each entry is hash-chained to the one before and signed with the node's key
(ledger_chain.py), so the published books can be checked by anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.budget.model import parse_day
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems, refuse
from node.community.initiatives.needs import parse_euros
from node.community.ledger.chain import (
    FORMAT,
    GENESIS,
    HASHED_FIELDS,
    ChainBreak,
    Signer,
    entry_hash,
    signature_text,
    verify_chain,
)
from node.community.ledger.model import (
    AMOUNT,
    CORRECTS,
    COUNTERPARTY,
    DATE,
    DESCRIPTION,
    INITIATIVE,
    KIND,
    PROPOSAL,
    ROUND,
    Books,
    Counterparty,
    EntryDraft,
    EntryKind,
    LedgerEntry,
)
from node.community.ledger.receipts import ReceiptStore
from node.storage import Database
from node.storage.budget import queries as budget_store
from node.storage.initiatives import queries as initiative_store
from node.storage.ledger import queries as store

SUBJECT = "ledger_entry"
T = TypeVar("T")


class Ledger:
    def __init__(self, db: Database, clock: Clock, receipts_folder: Path) -> None:
        self.db = db
        self.clock = clock
        self.receipts = ReceiptStore(receipts_folder)
        self.signer: Signer | None = None  # set by Budget.configure()

    async def record(
        self, by: Member, draft: EntryDraft, receipt: bytes | None = None
    ) -> LedgerEntry:
        if not by.can(Action.KEEP_LEDGER):
            raise NotAllowed(N_("Only an administrator or the contact person keeps the books."))
        if self.signer is None:
            raise RuntimeError("the ledger has no signer: node/app.py configures one")
        fields = await self._checked(draft)
        receipt_info = self.receipts.check(receipt) if receipt else None
        if receipt_info:
            fields["receipt_sha256"] = receipt_info[1]
        name = self.receipts.save(receipt, receipt_info[0]) if receipt and receipt_info else None
        try:
            async with self.db.transaction() as tx:
                last = await store.last_entry(tx)
                number = 1 if last is None else int(last["number"]) + 1
                public = _public(fields, number, iso(self.clock()))
                public["prev_hash"] = GENESIS if last is None else last["hash"]
                digest = entry_hash(public)
                await store.insert_entry(
                    tx,
                    {
                        **fields,
                        "number": number,
                        "receipt": name,
                        "recorded_at": public["recorded_at"],
                        "prev_hash": public["prev_hash"],
                        "hash": digest,
                        "signature": signature_text(self.signer, digest),
                        "key_id": self.signer.key_id,
                    },
                )
                await record(tx, SUBJECT, number, ChangeKind.CREATED, by.id, public["recorded_at"])
        except BaseException:
            self.receipts.remove(name)
            raise
        return await self.entry(number)

    async def entry(self, number: int) -> LedgerEntry:
        row = await store.entry_by_number(self.db, number)
        if row is None:
            raise NotFound(N_("This entry does not exist."))
        return LedgerEntry.from_row(row)

    async def entries(self, round_id: int | None = None) -> list[LedgerEntry]:
        return [LedgerEntry.from_row(r) for r in await store.all_entries(self.db, round_id)]

    async def books(self, round_id: int) -> Books:
        return Books.of(round_id, await self.entries(round_id))

    async def receipt_path(self, name: str) -> Path | None:
        """The receipt file, when an entry refers to it."""
        path = self.receipts.path_for(name)
        return path if path and await store.receipt_known(self.db, name) else None

    async def document(self, node: dict[str, str]) -> dict[str, Any]:
        """The whole ledger as /wijkboekhouding.json publishes it (see docs/admin.md)."""
        signer = self.signer
        return {
            "format": FORMAT,
            "node": node,
            "key": {
                "id": signer.key_id if signer else None,
                "public_key_pem": signer.public_pem if signer else None,
                "algorithm": "RSA-PKCS1v15-SHA256 over the entry's hash (hex, ASCII); base64",
            },
            "hash": {
                "algorithm": "SHA-256 over canonical JSON (sorted keys, no spaces, UTF-8)",
                "fields": list(HASHED_FIELDS),
                "genesis_prev_hash": GENESIS,
            },
            "entries": [e.document() for e in await self.entries()],
        }

    async def check(self) -> ChainBreak | None:
        """The node checks its own books: None when every entry is intact."""
        if self.signer is None:
            raise RuntimeError("the ledger has no signer")
        documents = [e.document() for e in await self.entries()]
        return verify_chain(documents, self.signer.verify)

    async def _checked(self, draft: EntryDraft) -> dict[str, Any]:
        problems = Problems()
        kind = problems.attempt(KIND, lambda: EntryKind.parse(draft.kind))
        description = problems.text(DESCRIPTION, draft.description, single_line=True)
        if description and len(description) < 3:
            problems.add(DESCRIPTION, N_("Describe the entry in 3 to 300 characters."))
        day = None
        if problems.text(DATE, draft.date) and not problems.about("date"):
            day = problems.attempt(DATE, lambda: parse_day(draft.date))
        problems.text(AMOUNT, draft.amount)
        round_id = problems.attempt(ROUND, lambda: _number(draft.round_id, ROUND.missing))
        problems.check()
        assert kind is not None and day is not None and round_id is not None
        if await budget_store.round_by_id(self.db, round_id) is None:
            refuse(ROUND, ROUND.missing)
        fields: dict[str, Any] = {
            "kind": kind.value,
            "round_id": round_id,
            "occurred_on": day.isoformat(),
            "description": description,
            "counterparty": "",
            "initiative_id": None,
            "project": "",
            "proposal_id": None,
            "corrects": None,
            "receipt_sha256": "",
        }
        if kind is EntryKind.CORRECTION:
            fields["amount"] = _field(AMOUNT, lambda: _signed_euros(draft.amount))
            number = _field(CORRECTS, lambda: _number(draft.corrects, CORRECTS.missing))
            corrected = await store.entry_by_number(self.db, number)
            if corrected is None or corrected["round_id"] != round_id:
                refuse(CORRECTS, N_("Say which entry of this round this corrects."))
            fields.update(
                corrects=number,
                initiative_id=corrected["initiative_id"],
                project=corrected["project"],
                proposal_id=corrected["proposal_id"],
                counterparty=corrected["counterparty"],
            )
            return fields
        fields["amount"] = _field(AMOUNT, lambda: parse_euros(draft.amount))
        if kind in (EntryKind.INCOME, EntryKind.EXPENSE):
            try:
                fields["counterparty"] = Counterparty(draft.counterparty).value
            except ValueError:
                refuse(COUNTERPARTY, N_("Say who paid or was paid."))
        await self._link(fields, draft, round_id)
        if kind is EntryKind.ALLOCATION and not fields["project"]:
            refuse(PROPOSAL, N_("Say which initiative or proposal the money is for."))
        return fields

    async def _link(self, fields: dict[str, Any], draft: EntryDraft, round_id: int) -> None:
        """Fill the initiative and proposal the money is for, with the title as it is now."""
        if draft.proposal_id.strip():
            proposal_id = _field(PROPOSAL, lambda: _number(draft.proposal_id, PROPOSAL.missing))
            proposal = await budget_store.proposal_by_id(self.db, proposal_id)
            if proposal is None or proposal["round_id"] != round_id:
                refuse(PROPOSAL, PROPOSAL.missing)
            fields.update(
                proposal_id=proposal["id"],
                project=proposal["title"],
                initiative_id=proposal["initiative_id"],
            )
        if draft.initiative_id.strip():
            initiative_id = _field(
                INITIATIVE, lambda: _number(draft.initiative_id, INITIATIVE.missing)
            )
            initiative = await initiative_store.initiative_by_id(self.db, initiative_id)
            if initiative is None:
                refuse(INITIATIVE, INITIATIVE.missing)
            fields.update(initiative_id=initiative_id, project=initiative["title"])


def _field(spec: Field, check: Callable[[], T]) -> T:
    """`check()`'s value; its Invalid refuses the form as a problem of `spec`."""
    try:
        return check()
    except Invalid as error:
        refuse(spec, error.message, **error.params)


def _public(fields: dict[str, Any], number: int, recorded_at: str) -> dict[str, Any]:
    """The stored fields under their public names (see LedgerEntry.document)."""
    return {
        "number": number,
        "kind": fields["kind"],
        "round": fields["round_id"],
        "date": fields["occurred_on"],
        "description": fields["description"],
        "amount_cents": fields["amount"],
        "currency": "EUR",
        "counterparty": fields["counterparty"] or None,
        "initiative": fields["initiative_id"],
        "project": fields["project"],
        "proposal": fields["proposal_id"],
        "corrects": fields["corrects"],
        "receipt_sha256": fields["receipt_sha256"] or None,
        "recorded_at": recorded_at,
    }


def _number(text: str, message: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise Invalid(message)
    return int(cleaned)


def _signed_euros(text: str) -> int:
    cleaned = text.strip().replace(" ", "")
    negative = cleaned.startswith(("-", "−"))
    cents = parse_euros(cleaned.lstrip("-−+"))
    return -cents if negative else cents

"""What the wijkboekhouding holds: entries, their kinds, and the balances they add up to."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from node.community.errors import N_, Invalid
from node.community.fields import Field
from node.storage import Row

KIND = Field("entry.kind", N_("Kind of entry"), 20, required=True)
ROUND = Field(
    "entry.round_id",
    N_("Budget round"),
    20,
    required=True,
    missing=N_("Choose the budget round this entry belongs to."),
)
DATE = Field(
    "entry.date", N_("Date"), 20, required=True, missing=N_("Fill in the date of the entry.")
)
DESCRIPTION = Field("entry.description", N_("Description"), 300, required=True)
AMOUNT = Field("entry.amount", N_("Amount in euros"), 20, required=True)
COUNTERPARTY = Field("entry.counterparty", N_("Who paid or was paid?"), 20)
PROPOSAL = Field(
    "entry.proposal_id", N_("Proposal"), 20, missing=N_("Choose a proposal of this round.")
)
INITIATIVE = Field(
    "entry.initiative_id", N_("Initiative"), 20, missing=N_("Choose an existing initiative.")
)
CORRECTS = Field(
    "entry.corrects", N_("Corrected entry"), 20, missing=N_("Say which entry this corrects.")
)


class EntryKind(StrEnum):
    INCOME = "income"  # e.g. the municipality's grant
    ALLOCATION = "allocation"  # money set aside for an initiative or proposal
    EXPENSE = "expense"  # money paid out
    CORRECTION = "correction"  # changes an earlier entry by an amount (may be negative)

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @classmethod
    def parse(cls, value: str) -> EntryKind:
        try:
            return cls(value)
        except ValueError:
            raise Invalid(N_("Choose what kind of entry this is.")) from None


_KIND_LABELS = {
    EntryKind.INCOME: N_("Income"),
    EntryKind.ALLOCATION: N_("Allocation"),
    EntryKind.EXPENSE: N_("Expense"),
    EntryKind.CORRECTION: N_("Correction"),
}


class Counterparty(StrEnum):
    RESIDENT = "resident"
    ASSOCIATION = "association"
    BUSINESS = "business"
    MUNICIPALITY = "municipality"

    @property
    def label(self) -> str:
        return _COUNTERPARTY_LABELS[self]


_COUNTERPARTY_LABELS = {
    Counterparty.RESIDENT: N_("a resident"),
    Counterparty.ASSOCIATION: N_("an association or foundation"),
    Counterparty.BUSINESS: N_("a business"),
    Counterparty.MUNICIPALITY: N_("the municipality"),
}


@dataclass(frozen=True)
class EntryDraft:
    """What the entry form sends: everything still text."""

    kind: str
    round_id: str
    date: str
    description: str
    amount: str
    counterparty: str = ""
    initiative_id: str = ""
    proposal_id: str = ""
    corrects: str = ""


@dataclass(frozen=True)
class LedgerEntry:
    number: int
    kind: EntryKind
    round_id: int
    occurred_on: str
    description: str
    amount: int  # cents
    counterparty: Counterparty | None
    initiative_id: int | None
    project: str
    proposal_id: int | None
    corrects: int | None
    receipt: str | None
    receipt_sha256: str
    recorded_at: str
    prev_hash: str
    hash: str
    signature: str
    key_id: str

    @classmethod
    def from_row(cls, row: Row) -> LedgerEntry:
        return cls(
            number=row["number"],
            kind=EntryKind(row["kind"]),
            round_id=row["round_id"],
            occurred_on=row["occurred_on"],
            description=row["description"],
            amount=row["amount"],
            counterparty=Counterparty(row["counterparty"]) if row["counterparty"] else None,
            initiative_id=row["initiative_id"],
            project=row["project"],
            proposal_id=row["proposal_id"],
            corrects=row["corrects"],
            receipt=row["receipt"],
            receipt_sha256=row["receipt_sha256"],
            recorded_at=row["recorded_at"],
            prev_hash=row["prev_hash"],
            hash=row["hash"],
            signature=row["signature"],
            key_id=row["key_id"],
        )

    def document(self) -> dict[str, Any]:
        """The entry as /wijkboekhouding.json publishes it (and as its hash covers it)."""
        return {
            "number": self.number,
            "kind": self.kind.value,
            "round": self.round_id,
            "date": self.occurred_on,
            "description": self.description,
            "amount_cents": self.amount,
            "currency": "EUR",
            "counterparty": self.counterparty.value if self.counterparty else None,
            "initiative": self.initiative_id,
            "project": self.project,
            "proposal": self.proposal_id,
            "corrects": self.corrects,
            "receipt_sha256": self.receipt_sha256 or None,
            "recorded_at": self.recorded_at,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "signature": self.signature,
            "key_id": self.key_id,
        }


@dataclass
class ProjectBooks:
    project: str  # empty: costs not tied to one initiative or proposal
    allocated: int = 0
    spent: int = 0


@dataclass
class Books:
    """The balances of one round, corrections applied to the kind of entry they correct."""

    round_id: int
    entries: list[LedgerEntry]
    income: int = 0
    allocated: int = 0
    spent: int = 0
    projects: dict[str, ProjectBooks] = field(default_factory=dict)

    @property
    def balance(self) -> int:
        """Money still in hand: income minus what was paid."""
        return self.income - self.spent

    @property
    def unallocated(self) -> int:
        return self.income - self.allocated

    @classmethod
    def of(cls, round_id: int, entries: list[LedgerEntry]) -> Books:
        books = cls(round_id, entries)
        by_number = {e.number: e for e in entries}

        def base(entry: LedgerEntry) -> LedgerEntry:
            while entry.kind is EntryKind.CORRECTION and entry.corrects in by_number:
                entry = by_number[entry.corrects]
            return entry

        for entry in entries:
            original = base(entry)
            project = books.projects.setdefault(original.project, ProjectBooks(original.project))
            if original.kind is EntryKind.INCOME:
                books.income += entry.amount
            elif original.kind is EntryKind.ALLOCATION:
                books.allocated += entry.amount
                project.allocated += entry.amount
            elif original.kind is EntryKind.EXPENSE:
                books.spent += entry.amount
                project.spent += entry.amount
        books.projects = {k: v for k, v in books.projects.items() if v.allocated or v.spent}
        return books

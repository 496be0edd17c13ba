"""What an initiative needs (behoeften) and the offers (aanbod) that meet them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from node.community.errors import N_, Invalid
from node.community.fields import Field, Problems
from node.storage import Row

MAX_NEEDS = 8
MAX_EUROS = 1_000_000
MAX_VOLUNTEERS = 1000
_EUROS = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$")


class NeedKind(StrEnum):
    SUPPORT = "support"  # ambtelijke ondersteuning
    LOCATION = "location"  # a temporary place
    NETWORK = "network"
    MONEY = "money"
    MATERIALS = "materials"
    VOLUNTEERS = "volunteers"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def counted(self) -> bool:
        """Money and volunteers have an amount; the others are met by one accepted offer."""
        return self in (NeedKind.MONEY, NeedKind.VOLUNTEERS)

    @classmethod
    def parse(cls, value: str) -> NeedKind:
        try:
            return cls(value)
        except ValueError:
            raise Invalid(N_("Choose what kind of help is needed.")) from None


_KIND_LABELS = {
    NeedKind.SUPPORT: N_("Support from the municipality"),
    NeedKind.LOCATION: N_("A place to use for a while"),
    NeedKind.NETWORK: N_("Contacts and network"),
    NeedKind.MONEY: N_("Money"),
    NeedKind.MATERIALS: N_("Materials"),
    NeedKind.VOLUNTEERS: N_("Volunteers"),
}


class OfferSource(StrEnum):
    RESIDENT = "resident"
    MUNICIPALITY = "municipality"
    NODE = "node"  # another neighbourhood's node, over federation


class OfferStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True)
class NeedDraft:
    """A need as typed into a form: the amount is still text."""

    kind: str
    description: str
    amount: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.description.strip() or self.amount.strip())


@dataclass(frozen=True)
class Need:
    id: int
    initiative_id: int
    kind: NeedKind
    description: str
    amount: int | None  # cents for money, people for volunteers
    pledged: int  # sum of accepted offers, same unit
    accepted: int  # number of accepted offers
    pending: int  # offers waiting for the initiator
    is_open: bool

    @classmethod
    def from_row(cls, row: Row) -> Need:
        return cls(
            id=row["id"],
            initiative_id=row["initiative_id"],
            kind=NeedKind(row["kind"]),
            description=row["description"],
            amount=row["amount"],
            pledged=row["pledged"],
            accepted=row["accepted"],
            pending=row["pending"],
            is_open=bool(row["is_open"]),
        )


@dataclass(frozen=True)
class Offer:
    id: int
    need_id: int
    initiative_id: int
    member_id: int | None
    offerer_name: str
    source: OfferSource
    amount: int | None
    body: str
    status: OfferStatus
    created_at: str

    @classmethod
    def from_row(cls, row: Row) -> Offer:
        return cls(
            id=row["id"],
            need_id=row["need_id"],
            initiative_id=row["initiative_id"],
            member_id=row["member_id"],
            offerer_name=row["offerer_name"] or "",
            source=OfferSource(row["source"]),
            amount=row["amount"],
            body=row["body"],
            status=OfferStatus(row["status"]),
            created_at=row["created_at"],
        )


def parse_euros(text: str) -> int:
    """Dutch-written euros to cents: '350', '350,50', '1.250', '€ 1.250,-'."""
    cleaned = text.replace("€", "").replace(" ", "").removesuffix(",-").strip()
    found = _EUROS.match(cleaned)
    if not found:
        raise Invalid(
            N_("Write the amount in whole euros, for example 350 or 350,50 — without other signs.")
        )
    euros = int(found.group(1).replace(".", ""))
    cents = int((found.group(2) or "0").ljust(2, "0"))
    total = euros * 100 + cents
    if total <= 0 or euros > MAX_EUROS:
        raise Invalid(
            N_("Give an amount between € 0,01 and € %(max)s."),
            max=f"{MAX_EUROS:,}".replace(",", "."),
        )
    return total


def parse_count(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit() or not 0 < int(cleaned) <= MAX_VOLUNTEERS:
        raise Invalid(
            N_("Give the number of people as a whole number from 1 to %(max)s."),
            max=MAX_VOLUNTEERS,
        )
    return int(cleaned)


def parse_amount(kind: NeedKind, text: str, *, required: bool) -> int | None:
    """The amount for a need or offer of this kind; None for kinds without an amount."""
    if not kind.counted:
        return None
    if not text.strip():
        if required:
            if kind is NeedKind.MONEY:
                raise Invalid(N_("Fill in the amount in euros, for example 350."))
            raise Invalid(N_("Fill in the number of people, for example 4."))
        return None
    return parse_euros(text) if kind is NeedKind.MONEY else parse_count(text)


NEED_TEXT = Field("initiative.need_text", N_("What exactly?"), 500)
NEED_KIND = Field("initiative.need_kind", N_("Kind of help"), 20)
NEED_AMOUNT = Field("initiative.need_amount", N_("How much or how many"), 20)


def check_needs(
    drafts: list[NeedDraft], problems: Problems
) -> list[tuple[NeedKind, str, int | None]]:
    """The filled-in needs (empty form rows skipped); row i's problems go to its fields."""
    needs = []
    for i, draft in enumerate(drafts):
        if draft.is_empty:
            continue
        text_name, amount_name = f"need_{i}_text", f"need_{i}_amount"
        description = problems.text(NEED_TEXT, draft.description, name=text_name)
        if not description:
            problems.add(NEED_TEXT, N_("Describe each need in a few words."), name=text_name)
        amount_text = problems.text(NEED_AMOUNT, draft.amount, name=amount_name)
        try:
            kind = NeedKind.parse(draft.kind)
        except Invalid as error:
            problems.catch(NEED_KIND, error, name=f"need_{i}_kind")
            continue
        if len(amount_text) > NEED_AMOUNT.max:
            continue
        try:
            amount = parse_amount(kind, draft.amount, required=True)
        except Invalid as error:
            problems.catch(NEED_AMOUNT, error, name=amount_name)
            continue
        needs.append((kind, description, amount))
    if len(needs) > MAX_NEEDS:
        problems.add(
            None, N_("An initiative can ask for at most %(count)s needs."), count=MAX_NEEDS
        )
    return needs

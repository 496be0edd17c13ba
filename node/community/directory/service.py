"""The neighbourhood guide (schatten van de buurt): services, organisations and skills.

Services and organisations are kept by buurtverbinders and admins. Residents keep their
own skill offers ("ik kan ...") and requests ("wie kan ..."), and choose who sees them:
everyone, or only logged-in residents of this node. Contact details of a resident's entry
are shown to logged-in residents only, never to anonymous visitors, and never federate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.text import markdown_to_html
from node.storage import Database, Row, Transaction
from node.storage.directory import queries as store

SUBJECT = "directory_entry"
KIND = Field("directory.kind", N_("What kind of entry is it?"), 20, required=True)
VISIBILITY = Field("directory.visibility", N_("Who may see it?"), 20, required=True)
TITLE = Field(
    "directory.title", N_("Title"), 120, required=True, missing=N_("Give the entry a title.")
)
DESCRIPTION = Field("directory.description", N_("Description"), 4000)
PHONE = Field("directory.phone", N_("Phone"), 200)
EMAIL = Field("directory.email", N_("E-mail"), 200)
WEBSITE = Field("directory.website", N_("Website"), 200)
ADDRESS = Field("directory.address", N_("Address"), 200)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_WORD = re.compile(r"\w+", re.UNICODE)


class EntryKind(StrEnum):
    SERVICE = "service"
    ORGANISATION = "organisation"
    SKILL_OFFER = "skill_offer"
    SKILL_REQUEST = "skill_request"

    @property
    def is_skill(self) -> bool:
        return self in (EntryKind.SKILL_OFFER, EntryKind.SKILL_REQUEST)


class Visibility(StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"


@dataclass(frozen=True)
class DirectoryEntry:
    id: int
    kind: EntryKind
    title: str
    description: str
    phone: str
    email: str
    website: str
    address: str
    visibility: Visibility
    show_contact: bool
    owner_id: int | None
    owner_name: str | None
    created_at: str
    updated_at: str

    @property
    def is_public(self) -> bool:
        return self.visibility is Visibility.PUBLIC

    @property
    def html(self) -> str:
        return markdown_to_html(self.description)

    @property
    def has_contact(self) -> bool:
        return any((self.phone, self.email, self.website, self.address))

    def visible_to(self, viewer: Member | None) -> bool:
        return self.is_public or (viewer is not None and viewer.is_active)

    def contact_visible_to(self, viewer: Member | None) -> bool:
        if self.may_edit(viewer):
            return True
        if not self.kind.is_skill:
            return self.show_contact
        return self.show_contact and viewer is not None and viewer.is_active

    def may_edit(self, member: Member | None) -> bool:
        if member is None or not member.is_active:
            return False
        if self.kind.is_skill:
            return member.id == self.owner_id
        return member.can(Action.MANAGE_DIRECTORY)

    def may_remove(self, member: Member | None) -> bool:
        # Buurtverbinders keep the guide tidy: they may remove a resident's stale entry too.
        return self.may_edit(member) or (member is not None and member.can(Action.MANAGE_DIRECTORY))

    @classmethod
    def from_row(cls, row: Row) -> DirectoryEntry:
        return cls(
            id=row["id"],
            kind=EntryKind(row["kind"]),
            title=row["title"],
            description=row["description"],
            phone=row["phone"],
            email=row["email"],
            website=row["website"],
            address=row["address"],
            visibility=Visibility(row["visibility"]),
            show_contact=bool(row["show_contact"]),
            owner_id=row["owner_id"],
            owner_name=row["owner_name"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


@dataclass(frozen=True)
class EntryDraft:
    """What a form sends; checked and cleaned by the service."""

    kind: str
    title: str
    description: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    visibility: str = Visibility.PUBLIC
    show_contact: bool = True


def search_expression(query: str) -> str | None:
    """A safe FTS5 query: every word quoted (so FTS syntax in the input means nothing),
    all words required, the last one as a prefix so 'fiet' finds 'fietsreparatie'."""
    words = _WORD.findall(query)[:10]
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def allowed_kinds(member: Member | None) -> list[EntryKind]:
    """The kinds of entry this member may add."""
    kinds = []
    if member is not None and member.can(Action.MANAGE_DIRECTORY):
        kinds += [EntryKind.SERVICE, EntryKind.ORGANISATION]
    if member is not None and member.can(Action.OFFER_SKILLS):
        kinds += [EntryKind.SKILL_OFFER, EntryKind.SKILL_REQUEST]
    return kinds


def _clean(draft: EntryDraft) -> dict[str, Any]:
    problems = Problems()
    try:
        kind = EntryKind(draft.kind)
    except ValueError:
        problems.add(KIND, N_("Choose what kind of entry this is."))
    try:
        visibility = Visibility(draft.visibility)
    except ValueError:
        problems.add(VISIBILITY, N_("Choose who may see this entry."))
    title = problems.text(TITLE, draft.title, single_line=True)
    description = problems.text(DESCRIPTION, draft.description)
    phone = problems.text(PHONE, draft.phone)
    email = problems.text(EMAIL, draft.email)
    website = problems.text(WEBSITE, draft.website)
    address = problems.text(ADDRESS, draft.address)
    if website and not website.startswith(("http://", "https://")):
        website = f"https://{website}"
    if website and not problems.about("website") and (" " in website or "." not in website):
        problems.add(WEBSITE, N_("The website address is not right, for example: www.example.nl"))
    if (
        email
        and not problems.about("email")
        and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email)
    ):
        problems.add(EMAIL, N_("The e-mail address is not right, for example: naam@example.nl"))
    problems.check()
    return {
        "kind": kind.value,
        "title": title,
        "description": description,
        "phone": phone,
        "email": email,
        "website": website,
        "address": address,
        # Services and organisations are public information by nature.
        "visibility": visibility.value if kind.is_skill else Visibility.PUBLIC.value,
        "show_contact": int(draft.show_contact or not kind.is_skill),
    }


async def _record_visibility(
    tx: Transaction, entry_id: int, was_public: bool, is_public: bool, member_id: int, now: str
) -> None:
    """Only public entries may federate: tell the federation layer when that changes."""
    if was_public and is_public:
        await record(tx, SUBJECT, entry_id, ChangeKind.UPDATED, member_id, now)
    elif was_public:
        await record(tx, SUBJECT, entry_id, ChangeKind.DELETED, member_id, now)
    elif is_public:
        await record(tx, SUBJECT, entry_id, ChangeKind.CREATED, member_id, now)


class Directory:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(self, by: Member, draft: EntryDraft) -> DirectoryEntry:
        fields = _clean(draft)
        kind = EntryKind(fields["kind"])
        if kind not in allowed_kinds(by):
            raise NotAllowed(
                N_("Only a buurtverbinder or admin can add services and organisations.")
            )
        now = iso(self.clock())
        fields.update(
            owner_id=by.id if kind.is_skill else None,
            created_by=by.id,
            created_at=now,
            updated_at=now,
        )
        async with self.db.transaction() as tx:
            entry_id = await store.insert_entry(tx, fields)
            public = fields["visibility"] == Visibility.PUBLIC
            await _record_visibility(tx, entry_id, False, public, by.id, now)
        return await self._get(entry_id)

    async def update(self, by: Member, entry_id: int, draft: EntryDraft) -> DirectoryEntry:
        entry = await self.get(by, entry_id)
        if not entry.may_edit(by):
            raise NotAllowed(N_("You may only change your own entries in the guide."))
        fields = _clean(draft)
        if EntryKind(fields["kind"]).is_skill != entry.kind.is_skill:
            raise Invalid(N_("A skill cannot become a service or organisation, or back."))
        now = iso(self.clock())
        fields["updated_at"] = now
        async with self.db.transaction() as tx:
            await store.update_entry(tx, entry_id, fields)
            public = fields["visibility"] == Visibility.PUBLIC
            await _record_visibility(tx, entry_id, entry.is_public, public, by.id, now)
        return await self._get(entry_id)

    async def remove(self, by: Member, entry_id: int) -> None:
        entry = await self.get(by, entry_id)
        if not entry.may_remove(by):
            raise NotAllowed(N_("You may only remove your own entries from the guide."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.delete_entry(tx, entry_id)
            await _record_visibility(tx, entry_id, entry.is_public, False, by.id, now)

    async def get(self, viewer: Member | None, entry_id: int) -> DirectoryEntry:
        """The entry as this viewer may see it; NotFound also when they may not see it."""
        entry = await self.find(entry_id)
        if entry is None or not entry.visible_to(viewer):
            raise NotFound(N_("This entry is not in the guide (any more)."))
        return entry

    async def find(self, entry_id: int) -> DirectoryEntry | None:
        """Any listed entry, whoever asks (for the federation layer: check is_public)."""
        row = await store.entry_by_id(self.db, entry_id)
        return None if row is None else DirectoryEntry.from_row(row)

    async def _get(self, entry_id: int) -> DirectoryEntry:
        entry = await self.find(entry_id)
        assert entry is not None
        return entry

    async def search(
        self, viewer: Member | None, query: str = "", kind: str = ""
    ) -> list[DirectoryEntry]:
        kinds = tuple(k.value for k in EntryKind if not kind or k.value == kind)
        if not kinds:
            kinds = tuple(k.value for k in EntryKind)
        visibilities: tuple[str, ...] = (Visibility.PUBLIC.value,)
        if viewer is not None and viewer.is_active:
            visibilities += (Visibility.MEMBERS.value,)
        rows = await store.search_entries(
            self.db, match=search_expression(query), kinds=kinds, visibilities=visibilities
        )
        return [DirectoryEntry.from_row(r) for r in rows]

    async def public_entries(self) -> list[DirectoryEntry]:
        return await self.search(None)

    async def of_member(self, member: Member) -> list[DirectoryEntry]:
        return [
            DirectoryEntry.from_row(r) for r in await store.entries_of_owner(self.db, member.id)
        ]

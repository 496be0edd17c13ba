"""The municipality's contact persons (aanspreekpunten), who work from the gemeente's node.

On the gemeente an admin assigns to every node it follows a contact person and, if wanted,
a stand-in: members with role `contact` there; one person may look after several nodes.
The federation layer tells each node whom it has (a change `contact_card`), and that node
keeps what it was told (`keep`), so its residents see name, phone and hours without the
contact person having an account there, and its questions go to the gemeente.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community import changes
from node.community.accounts.members import Member, Members
from node.community.accounts.permissions import Action, Role
from node.community.changes import ChangeKind
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed
from node.storage import Database, Row
from node.storage.municipality import contacts as store

SUBJECT = "contact_card"
CONTACT, STANDIN = "contact", "standin"
MAX_FIELD = 200  # what a wijk keeps of each field of a card from elsewhere


@dataclass(frozen=True)
class ContactPerson:
    """A contact person as a node's residents see them."""

    name: str
    phone: str
    hours: str
    about: str
    standin: bool = False

    @classmethod
    def of(cls, member: Member, *, standin: bool = False) -> ContactPerson:
        return cls(member.display_name, member.phone, member.availability, member.about, standin)


@dataclass(frozen=True)
class Assignment:
    """On the gemeente: who looks after one followed node."""

    id: int
    node_actor_uri: str
    contact: Member | None
    standin: Member | None

    @property
    def people(self) -> list[ContactPerson]:
        found = [ContactPerson.of(self.contact)] if self.contact else []
        return found + ([ContactPerson.of(self.standin, standin=True)] if self.standin else [])


class ContactPersons:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self.db = db
        self.clock = clock
        self.members = members

    # -- on the gemeente ---------------------------------------------------------------

    async def colleagues(self) -> list[Member]:
        """Who can be assigned: the active members with role `contact` on this node."""
        return [m for m in await self.members.contacts() if m.role == Role.CONTACT]

    async def followed_names(self) -> dict[str, str]:
        """The nodes we follow, by actor URI: their names."""
        return await store.followed_names(self.db)

    async def assignments(self) -> dict[str, Assignment]:
        """By node actor URI."""
        return {
            row["node_actor_uri"]: await self._assignment(row)
            for row in await store.assignments(self.db)
        }

    async def for_node(self, node_actor_uri: str) -> Assignment | None:
        row = await store.assignment(self.db, node_actor_uri)
        return None if row is None else await self._assignment(row)

    async def by_id(self, assignment_id: int) -> Assignment | None:
        row = await store.assignment_by_id(self.db, assignment_id)
        return None if row is None else await self._assignment(row)

    async def _assignment(self, row: Row) -> Assignment:
        return Assignment(
            row["id"],
            row["node_actor_uri"],
            await self._active(row["contact_id"]),
            await self._active(row["standin_id"]),
        )

    async def _active(self, member_id: int | None) -> Member | None:
        member = None if member_id is None else await self.members.find(member_id)
        return member if member is not None and member.is_active else None

    async def assign(
        self, by: Member, node_actor_uri: str, contact_id: int | None, standin_id: int | None
    ) -> Assignment:
        """Name a node's contact person and stand-in (None: nobody); the node hears of it."""
        if not by.can(Action.MANAGE_NODE):
            raise NotAllowed(N_("Only an admin can assign contact persons."))
        if node_actor_uri not in await self.followed_names():
            raise Invalid(N_("This node can only assign contact persons to nodes it follows."))
        allowed = {m.id for m in await self.colleagues()}
        if any(i is not None and i not in allowed for i in (contact_id, standin_id)):
            raise Invalid(N_("Only members with the role contact person can be assigned."))
        if standin_id is not None and contact_id is None:
            raise Invalid(N_("Choose a contact person before you choose a stand-in."))
        if standin_id is not None and standin_id == contact_id:
            raise Invalid(N_("The stand-in must be someone other than the contact person."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            assignment_id = await store.put_assignment(
                tx, node_actor_uri, contact_id=contact_id, standin_id=standin_id, by=by.id, now=now
            )
            await changes.record(tx, SUBJECT, assignment_id, ChangeKind.UPDATED, by.id, now)
        found = await self.by_id(assignment_id)
        assert found is not None
        return found

    async def profile_changed(self, member: Member) -> None:
        """A contact person changed their name, phone or hours: every node they serve
        hears of it (a change `contact_card` per assignment)."""
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            for assignment_id in await store.assignments_of(tx, member.id):
                await changes.record(tx, SUBJECT, assignment_id, ChangeKind.UPDATED, member.id, now)

    # -- on a wijk ---------------------------------------------------------------------

    async def keep(self, origin_actor_uri: str, people: list[ContactPerson]) -> None:
        """What the gemeente told us replaces what it told us before (nobody: none)."""
        rows = [
            (
                STANDIN if p.standin else CONTACT,
                p.name[:MAX_FIELD],
                p.phone[:40],
                p.hours[:MAX_FIELD],
                p.about[:1000],
            )
            for p in people
            if p.name.strip()
        ]
        async with self.db.transaction() as tx:
            await store.replace_municipal(tx, origin_actor_uri, rows, iso(self.clock()))

    async def municipal(self) -> list[ContactPerson]:
        """The contact person (then the stand-in) the gemeente assigned to this node."""
        rows = await store.municipal(self.db)
        origin = rows[0]["origin_actor_uri"] if rows else None
        return [
            ContactPerson(r["name"], r["phone"], r["hours"], r["about"], r["position"] == STANDIN)
            for r in rows
            if r["origin_actor_uri"] == origin
        ]

    async def gemeente(self) -> str | None:
        """The actor of the gemeente whose contact person serves this node, if any: where
        residents' questions go."""
        rows = await store.municipal(self.db)
        return str(rows[0]["origin_actor_uri"]) if rows else None

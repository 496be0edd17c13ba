"""The contact person's work queue on a gemeente node: what waits for the municipality.

Three kinds of item: a resident's question from a followed node, an initiative of a
followed node without an official response yet, and a participation process of ours whose
input phase is over without a report-back. Each is waiting, answered, or overdue (waiting
past its due date), shows how long it has waited, and is handled by someone: assigned
here, else the contact person of its node (contacts.py), else the process's opener.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from node.community.accounts.members import Member, Members
from node.community.accounts.permissions import Action, Role
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid, NotAllowed
from node.storage import Database, Row
from node.storage.municipality import queue as store

KINDS = ("question", "initiative", "report_back")
STATES = ("waiting", "overdue", "answered")
# How long the municipality gives itself; a report-back is due on the process's own date.
DUE = {"question": timedelta(days=10), "initiative": timedelta(days=14)}
LOCAL = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class WorkItem:
    kind: str
    item_id: int
    origin_uri: str  # '' for our own processes
    origin_name: str
    title: str
    since: str
    done_at: str | None
    due_at: str
    assignee_id: int | None
    assignee_name: str | None
    state: str
    waited_days: int

    @classmethod
    def from_row(cls, row: Row, now: datetime) -> WorkItem:
        since = parse_iso(row["since"])
        if row["kind"] == "report_back":
            due = parse_iso(f"{row['due_on']}T23:59:59Z")
        else:
            due = since + DUE[row["kind"]]
        done = parse_iso(row["done_at"]) if row["done_at"] else None
        state = "answered" if done else "overdue" if now > due else "waiting"
        return cls(
            kind=row["kind"],
            item_id=row["item_id"],
            origin_uri=row["origin_uri"],
            origin_name=row["origin_name"] or row["origin_uri"],
            title=row["title"],
            since=row["since"],
            done_at=row["done_at"],
            due_at=iso(due),
            assignee_id=row["assignee_id"],
            assignee_name=row["assignee_name"],
            state=state,
            waited_days=max(0, ((done or now) - since).days),
        )


@dataclass(frozen=True)
class Filters:
    """What the queue is narrowed to; a value it does not know is left out, with a note."""

    kind: str = ""
    state: str = ""
    node: str = ""
    mine: bool = False
    ignored: list[str] = field(default_factory=list)  # msgids of values left out


@dataclass(frozen=True)
class WorkList:
    items: list[WorkItem]
    filters: Filters
    counts: dict[str, int]  # per state, of everything before filtering


class WorkQueue:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self.db = db
        self.clock = clock
        self.members = members

    def _today(self) -> str:
        return self.clock().astimezone(LOCAL).date().isoformat()

    @staticmethod
    def may_work(by: Member | None) -> bool:
        return by is not None and by.can(Action.ANSWER_QUESTIONS)

    @staticmethod
    def filters(*, kind: str, state: str, node: str, mine: str, nodes: list[str]) -> Filters:
        """Read the queue's filters; nonsense is ignored, and said."""
        ignored = []
        if kind and kind not in KINDS:
            ignored.append(
                N_("The kind you chose is not one the queue knows; all kinds are shown.")
            )
            kind = ""
        if state and state not in STATES:
            ignored.append(N_("The state you chose is not one the queue knows; all are shown."))
            state = ""
        if node and node not in nodes:
            ignored.append(N_("This node does not follow that neighbourhood; all are shown."))
            node = ""
        return Filters(kind, state, node, mine == "1", ignored)

    async def overview(self, by: Member | None, filters: Filters) -> WorkList:
        """Open items first, oldest first (they waited longest); then the answered ones."""
        if not self.may_work(by):
            raise NotAllowed(N_("Only the municipality's contact persons can see the work queue."))
        assert by is not None
        now = self.clock()
        every = [WorkItem.from_row(r, now) for r in await store.items(self.db, self._today())]
        counts = {state: sum(1 for i in every if i.state == state) for state in STATES}
        chosen = [
            item
            for item in every
            if (not filters.kind or item.kind == filters.kind)
            and (not filters.state or item.state == filters.state)
            and (not filters.node or item.origin_uri == filters.node)
            and (not filters.mine or item.assignee_id == by.id)
        ]
        return WorkList(chosen, filters, counts)

    async def assign(self, by: Member, kind: str, item_id: int, member_id: int) -> Member:
        """Hand an item to a colleague: a member with role contact on this node."""
        if not self.may_work(by):
            raise NotAllowed(N_("Only the municipality's contact persons can see the work queue."))
        if kind not in KINDS or not await store.item_exists(self.db, kind, item_id, self._today()):
            raise Invalid(N_("This item is not in the work queue (any more)."))
        colleague = await self.members.find(member_id)
        if colleague is None or not colleague.is_active or colleague.role != Role.CONTACT:
            raise Invalid(N_("Only a colleague with the role contact person can take this over."))
        async with self.db.transaction() as tx:
            await store.assign(tx, kind, item_id, member_id, by.id, iso(self.clock()))
        return colleague

"""The municipality's dashboard: every initiative of the nodes this node follows with its
open needs, their activities in one calendar, and the official voice of the municipality on
them (a response, or a pledge of support).

It reads what `nearby` keeps; the federation layer sends an official response to the home
node as it sends any reaction, marked official. Which nodes are followed and how they are
doing (last seen, failed deliveries) is the FederationPort's business; the web page asks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed
from node.community.initiatives.needs import NeedKind
from node.community.network.nearby import Nearby, RemoteItem
from node.storage import Database, Row
from node.storage.ledger import checks as ledger_store
from node.storage.network import nearby as store

NEED_KINDS = tuple(kind.value for kind in NeedKind)
CALENDAR_LIMIT = 200


@dataclass(frozen=True)
class LedgerCheck:
    """What this node found when it last checked a followed node's books."""

    actor_uri: str
    name: str
    checked_at: str
    intact: bool
    entries: int
    income: int
    allocated: int
    spent: int
    balance: int
    problem: str

    @classmethod
    def from_row(cls, row: Row) -> LedgerCheck:
        return cls(
            row["actor_uri"],
            row["name"],
            row["checked_at"],
            bool(row["intact"]),
            row["entries"],
            row["income_cents"],
            row["allocated_cents"],
            row["spent_cents"],
            row["balance_cents"],
            row["problem"],
        )


class Dashboard:
    def __init__(self, db: Database, clock: Clock, node_kind: str, nearby: Nearby) -> None:
        self.db = db
        self.clock = clock
        self.node_kind = node_kind
        self.nearby = nearby

    async def initiatives(
        self, need_kind: str | None = None, origin: str | None = None
    ) -> list[RemoteItem]:
        """Initiatives of followed nodes, by node; filtered by an open need's kind and by node
        (unknown filter values are ignored, as a form with nothing chosen)."""
        need = need_kind if need_kind in NEED_KINDS else None
        rows = await store.initiatives(self.db, need, origin or None)
        return [RemoteItem.from_row(r) for r in rows]

    async def calendar(self) -> list[RemoteItem]:
        """Activities of followed nodes that are not over yet, soonest first."""
        rows = await store.upcoming_events(self.db, iso(self.clock()), CALENDAR_LIMIT)
        return [RemoteItem.from_row(r) for r in rows]

    async def initiative_counts(self) -> dict[str, int]:
        """How many initiatives each followed node has, by its actor URI."""
        return await store.initiative_counts(self.db)

    async def ledger_checks(self) -> list[LedgerCheck]:
        """The books of every followed node as last checked (a gemeente node checks them)."""
        return [LedgerCheck.from_row(r) for r in await ledger_store.checks(self.db)]

    def may_respond(self, by: Member | None) -> bool:
        """The municipality's contact person; on a gemeente node its admins too."""
        if by is None or not by.is_active:
            return False
        admin_here = self.node_kind == "gemeente" and by.can(Action.MANAGE_NODE)
        return by.can(Action.RESPOND_OFFICIALLY) or admin_here

    async def respond(self, by: Member | None, item_id: int, body: str, *, pledge: bool) -> int:
        """An official response to another node's initiative; with `pledge` the municipality
        also supports it ("ik steun dit" from this node) and says what it offers."""
        if not self.may_respond(by):
            raise NotAllowed(N_("Only the municipality's contact person can respond officially."))
        item = await self.nearby.get(item_id)
        if item.kind != "initiative":
            raise Invalid(N_("Only initiatives can be supported."))
        if pledge and not body.strip():
            raise Invalid(N_("Say in a few words what the municipality offers."))
        official = "pledge" if pledge else "response"
        comment_id = await self.nearby.record_comment(by, item_id, body, official=official)
        if pledge and not (await self.nearby.page(item_id, by)).supported:
            await self.nearby.toggle_support(by, item_id)
        return comment_id

"""Processes stored incoming activities: received → processed | ignored | failed (with error).

Handled here: Follow of our Group, Undo{Follow}, Accept/Reject of our Follows, Move; contact
persons and residents' questions in municipality/inbox.py (asked first); content
(Create, Update, Delete, Announce, Like, Undo{Like}, Undo{Announce}, Join, Leave) in
content_inbox.py.
Everything else is marked ignored (kept, so a later version can look at it again).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from node.community.clock import iso
from node.community.errors import DomainError
from node.federation.http import FetchError
from node.federation.vocab import Ignored, object_id
from node.storage import Row
from node.storage.federation import actors as store
from node.storage.federation import queues

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.federation.backfill import Backfill
    from node.federation.ids import Ids
    from node.federation.ledger.audit import LedgerAudit
    from node.federation.moves import Moves
    from node.federation.municipality.inbox import ContactInbox
    from node.federation.municipality.publisher import ContactPublisher
    from node.federation.network.inbox import ContentInbox
    from node.federation.participation.inbox import ProcessInbox
    from node.federation.remote import RemoteActors
    from node.federation.service import FederationService
    from node.storage import Database

log = logging.getLogger("buurtnode.federation")
BATCH = 50


class Processor:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        ids: Ids,
        remote: RemoteActors,
        service: FederationService,  # answers Follows
        content: ContentInbox,  # Create, Update, Delete, Announce, Like, Join...
        processes: ProcessInbox,  # participation processes, asked first
        contacts: ContactInbox,  # contact cards and questions, asked before anything
        contact_cards: ContactPublisher,  # a node that accepts our Follow gets its card
        moves: Moves,
        backfill: Backfill,
        ledger_audit: LedgerAudit,
        check_ledgers: Callable[[], None],  # wakes the ledger audit
    ) -> None:
        self.db = db
        self.clock = clock
        self.ids = ids
        self.remote = remote
        self.service = service
        self.content = content
        self.processes = processes
        self.contacts = contacts
        self.contact_cards = contact_cards
        self.moves = moves
        self.backfill = backfill
        self.ledger_audit = ledger_audit
        self.check_ledgers = check_ledgers

    async def step(self) -> int:
        rows = await queues.waiting_incoming(self.db, BATCH)
        outcomes = [(row, *await self._process(row)) for row in rows]
        if outcomes:
            await self._finish(outcomes)
        return len(rows)

    async def _finish(self, outcomes: list[tuple[Row, str, str | None]]) -> None:
        """What became of each activity of a step, in one transaction: one per activity
        cost more than handling most of them. A crash before it commits hands the step's
        activities to the handlers again, a repeat they take as they take a sender's
        retry (what they store, they store once)."""
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await queues.finish_incoming(
                tx, [(row["id"], state, error) for row, state, error in outcomes], now
            )
            # The inbox leaves noting when a sender was last seen to us.
            await store.actor_seen(tx, sorted({row["actor"] for row, _, _ in outcomes}), now)

    async def idle(self) -> float:
        return 30.0

    async def _process(self, row: Row) -> tuple[str, str | None]:
        """Hand one activity to its handler; its state afterwards and why."""
        state, error = "processed", None
        try:
            activity = json.loads(row["body"])
            name = f"on_{row['type'].lower()}"
            handler = (
                await self.contacts.handler(name, activity)
                or getattr(self, name, None)
                or await self.processes.handler(name, activity)
                or getattr(self.content, name, None)
            )
            if handler is None:
                raise Ignored(f"{row['type']} is not handled")
            await handler(row["actor"], activity)
            if await self.ledger_audit.heard_from(row["actor"]):
                self.check_ledgers()  # pulled, not pushed: docs/budget.md
        except Ignored as why:
            state, error = "ignored", str(why)
        except DomainError as why:  # e.g. a reply to an initiative that is hidden now
            state, error = "ignored", str(why)
        except (FetchError, ValueError, KeyError, TypeError) as failure:
            state, error = "failed", f"{type(failure).__name__}: {failure}"
            log.warning("processing %s failed: %s", row["activity_id"], error)
        except Exception as failure:  # keep the worker alive; the row says what went wrong
            state, error = "failed", f"{type(failure).__name__}: {failure}"
            log.exception("processing %s failed", row["activity_id"])
        return state, error

    async def on_follow(self, actor: str, activity: dict[str, Any]) -> None:
        if object_id(activity.get("object")) != self.ids.actor:
            raise Ignored("a Follow of someone else")
        remote = await self.remote.get(actor)
        manual = await self.service.manual_approval()
        async with self.db.transaction() as tx:
            await store.put_follower(
                tx,
                actor,
                activity["id"],
                "pending" if manual else "accepted",
                iso(self.clock()),
            )
            state = (await store.follower(tx, actor))["state"]
        if state == "accepted":  # also for a repeated Follow: they may have lost our Accept
            await self.service.answer_follow(remote.inbox, activity, accept=True)

    async def on_undo(self, actor: str, activity: dict[str, Any]) -> None:
        inner = activity.get("object")
        is_announce = isinstance(inner, dict) and inner.get("type") == "Announce"
        if is_announce or (isinstance(inner, str) and await self.content.is_share(inner)):
            await self.content.undo_announce(actor, inner)  # a boost taken back
            return
        follower = await store.follower(self.db, actor)
        is_like = isinstance(inner, dict) and inner.get("type") == "Like"
        other_id = isinstance(inner, str) and (follower is None or inner != follower["follow_id"])
        if is_like or other_id:  # an Undo{Like} (embedded, or by the Like's id)
            if not await self.processes.undo_like(actor, inner):  # of an argument?
                await self.content.undo_like(actor, inner)
            return
        if follower is None:
            raise Ignored("Undo of something we do not keep")
        is_follow = isinstance(inner, dict) and inner.get("type") == "Follow"
        if not (is_follow or object_id(inner) == follower["follow_id"]):
            raise Ignored("Undo of something other than a Follow")
        if is_follow and object_id(inner.get("object")) != self.ids.actor:
            raise Ignored("Undo of a Follow of someone else")
        async with self.db.transaction() as tx:
            await store.delete_follower(tx, actor)
        await self.contacts.unfollowed(actor)  # a gemeente that stops following: no card

    async def on_move(self, actor: str, activity: dict[str, Any]) -> None:
        await self.moves.on_move(actor, activity)

    async def on_accept(self, actor: str, activity: dict[str, Any]) -> None:
        await self._answer(actor, activity, "accepted")

    async def on_reject(self, actor: str, activity: dict[str, Any]) -> None:
        await self._answer(actor, activity, "rejected")

    async def _answer(self, actor: str, activity: dict[str, Any], state: str) -> None:
        """Accept/Reject of our Follow: its object is our Follow's id (Mitra) or the Follow
        itself (Mastodon, Lemmy, Mbin)."""
        ours = await store.following(self.db, actor)
        if ours is None:
            raise Ignored("an answer from someone we do not follow")
        inner = activity.get("object")
        matches = object_id(inner) == ours["follow_id"] or (
            isinstance(inner, dict)
            and inner.get("type") == "Follow"
            and object_id(inner.get("actor")) == self.ids.actor
            and object_id(inner.get("object")) == actor
        )
        if not matches:
            raise Ignored("an answer to something other than our Follow")
        async with self.db.transaction() as tx:
            await store.set_following_state(tx, actor, state, iso(self.clock()))
        if state == "accepted":  # what they published before we followed (bounded)
            await self.contact_cards.followed(actor)
            await self.backfill.run(actor)
            self.check_ledgers()  # a gemeente node checks their books now

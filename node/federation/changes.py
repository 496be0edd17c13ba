"""Turns the domain's change log into activities: a worker step in the federation layer.

Each unpublished change becomes, depending on what the content looks like now:

- initiative / event / announcement / comment / resident's post of ours → Create, Update, or
  Delete with a Tombstone (when it is hidden, gone or members-only), to Public and our
  followers (an unlisted post: followers, Public in cc); and, as a FEP-1b12 group does, an
  `Announce` of that activity. Top-level objects (not replies) also get an `Announce` of the
  object itself, because Mastodon 4 shows nothing for Announce{Create{Page}} (INTEROP.md).
- offers and dated updates → an Update of their initiative (its needs or text changed).
- a resident's comment on / support of another node's object → Create{Note} / Like /
  Undo{Like}, to that node only.
- changes that came from elsewhere (remote comments and supports) are not sent as ours:
  the inbox announces a remote comment when it arrives; everything else is skipped.
- participation processes, their responses and arguments: participation/publisher.py.
- contact cards, residents' questions and their answers: municipality/publisher.py.

Several changes of one subject in one batch go out once, with its state at that moment.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from node.community.changes import Change, ChangeKind, mark_published, unpublished
from node.community.clock import iso
from node.community.errors import NotFound
from node.federation import content as out
from node.federation.announcements import translate as announcements_out
from node.federation.calendar import translate as calendar_out
from node.federation.http import FetchError
from node.federation.initiatives import translate as initiatives_out
from node.federation.ledger.translate import ledger_note
from node.federation.municipality.publisher import SUBJECTS as CONTACT_SUBJECTS
from node.federation.municipality.publisher import ContactPublisher
from node.federation.network import translate as network_out
from node.federation.participation.publisher import SUBJECTS as PROCESS_SUBJECTS
from node.federation.participation.publisher import ProcessPublisher
from node.federation.posts.translate import post_note
from node.federation.reactions import translate as reactions_out
from node.storage.federation import lookups

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.community.neighbourhood import Neighbourhood
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors
    from node.storage import Database

log = logging.getLogger("buurtnode.federation")
BATCH = 100
TOP_LEVEL = ("initiative", "event", "announcement")
FORMER_TYPES = {
    "initiative": "Page",
    "event": "Event",
    "announcement": "Note",
    "comment": "Note",
    "post": "Note",
    "ledger_entry": "Note",
    "process": "Question",
    "argument": "Note",
}
TABLES = {"initiative": "initiatives", "event": "events", "announcement": "announcements"}


class ContentPublisher:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        ids: Ids,
        hood: Neighbourhood,
        remote: RemoteActors,
        publisher: Publisher,
        node_name: str,
        processes: ProcessPublisher,
        contacts: ContactPublisher,
    ) -> None:
        self.db = db
        self.clock = clock
        self.ids = ids
        self.hood = hood
        self.remote = remote
        self.publisher = publisher
        self.node_name = node_name
        self.processes = processes
        self.contacts = contacts

    async def step(self) -> int:
        changes = await unpublished(self.db, BATCH)
        seen: dict[tuple[str, int], ChangeKind] = {}
        for change in changes:
            subject = await self._subject(change)
            if subject is not None:
                kind = ChangeKind.CREATED if change.kind is ChangeKind.CREATED else None
                seen.setdefault(subject, kind or change.kind)
        for change in changes:
            try:
                await self._publish(change, seen)
            except FetchError as error:  # the home node of a remote object is unreachable
                log.warning("cannot publish change %s: %s", change.id, error)
            except Exception:  # one bad change must not block every later one
                log.exception("cannot publish change %s", change.id)
            await mark_published(self.db, change.id, iso(self.clock()))
        return len(changes)

    async def idle(self) -> float:
        # Changes are written by web requests that do not wake this worker: poll (one
        # indexed query on a partial index).
        return 1.0

    async def _subject(self, change: Change) -> tuple[str, int] | None:
        """Which of our objects this change is about, or None when it publishes nothing."""
        db = self.db
        if change.subject_type in (*TOP_LEVEL, "post", "ledger_entry"):
            return change.subject_type, change.subject_id
        if change.subject_type == "comment":
            row = await lookups.comment(db, change.subject_id)
            if row is None or row["remote_actor_uri"] or row["subject_type"] not in TOP_LEVEL:
                return None  # from elsewhere: announced by the inbox, never re-authored
            return "comment", change.subject_id
        parent = None
        if change.subject_type == "offer":
            parent = await lookups.initiative_of_offer(db, change.subject_id)
        elif change.subject_type == "initiative_update":
            parent = await lookups.initiative_of_update(db, change.subject_id)
        return None if parent is None else ("initiative", parent)

    async def _publish(self, change: Change, seen: dict[tuple[str, int], ChangeKind]) -> None:
        if change.subject_type in ("remote_comment", "remote_support"):
            await self._interaction(change)
            return
        if change.subject_type in PROCESS_SUBJECTS:
            await self.processes.publish(change)
            return
        if change.subject_type in CONTACT_SUBJECTS:
            await self.contacts.publish(change)
            return
        subject = await self._subject(change)
        if subject is None or subject not in seen:
            return
        first = seen.pop(subject)  # later changes of the same subject: already sent now
        document = await self.document(*subject)
        object_id = self.ids.object(*subject)
        if document is None:
            if first is ChangeKind.CREATED:
                return  # created and gone before anyone heard of it
            stone = out.tombstone(object_id, FORMER_TYPES[subject[0]], iso(self.clock()))
            await self._send("Delete", stone, out.context_of(stone), top=False)
            return
        verb = "Create" if first is ChangeKind.CREATED else "Update"
        await self._send(verb, document, out.context_of(document), top="inReplyTo" not in document)

    async def document(self, kind: str, object_id: int) -> dict[str, Any] | None:
        """The object as it is now; None when it is hidden or gone (→ a Tombstone)."""
        hood, ids = self.hood, self.ids
        try:
            if kind == "initiative":
                return initiatives_out.initiative_page(ids, await hood.initiatives.page(object_id))
            if kind == "event":
                return calendar_out.event_object(ids, await hood.calendar.get(object_id))
            if kind == "announcement":
                announcement = await hood.announcements.find(object_id)
                return (
                    None
                    if announcement is None
                    else announcements_out.announcement_note(ids, announcement)
                )
            if kind == "post":  # hidden, deleted and members-only posts are not found
                return post_note(ids, await hood.posts.get(object_id))
            if kind == "ledger_entry":  # entries are never changed or removed
                return ledger_note(ids, await hood.budget.ledger.entry(object_id))
            if kind == "process":
                return await self.processes.document(object_id)
            if kind == "argument":
                return await self.processes.argument_document(object_id)
        except NotFound:
            return None
        row = await lookups.comment(self.db, object_id)
        if row is None or row["hidden_at"] is not None or row["remote_actor_uri"]:
            return None  # a reply from elsewhere is never served as ours
        subject_table = TABLES[row["subject_type"]]
        if (await lookups.hidden_at(self.db, subject_table, row["subject_id"]))[1]:
            return None  # the initiative or activity is hidden: its comments go with it
        return reactions_out.comment_note(ids, row)

    async def _send(self, verb: str, document: dict[str, Any], context: Any, *, top: bool) -> None:
        publisher = self.publisher
        # Addressed as the object is (an unlisted post: followers, Public in cc).
        to = {k: document[k] for k in ("to", "cc") if k in document}
        activity = await publisher.publish(
            {"@context": context, "type": verb, "object": out.embedded(document), **to}
        )
        await publisher.publish(
            {"@context": context, "type": "Announce", "object": out.embedded(activity), **to}
        )
        if top and verb == "Create":
            await publisher.publish(
                {"@context": context, "type": "Announce", "object": out.embedded(document), **to}
            )

    async def _interaction(self, change: Change) -> None:
        hood, ids = self.hood, self.ids
        interaction = await hood.nearby.interaction(change.subject_id)
        if interaction is None:
            return
        home = await self.remote.get(interaction.origin_uri)
        if change.subject_type == "remote_comment":
            note = network_out.reply_note(ids, interaction, self.node_name)
            activity: dict[str, Any] = {
                "@context": out.context_of(note),
                "type": "Create",
                "object": out.embedded(note),
                "to": note["to"],
                "cc": note["cc"],
                "published": interaction.created_at,
            }
        elif change.kind is ChangeKind.CREATED:
            activity = network_out.like(ids, interaction)
        else:
            like = network_out.like(ids, interaction)
            activity = {"type": "Undo", "object": like, "to": like["to"]}
        await self.publisher.send(activity, [home.delivery_inbox])

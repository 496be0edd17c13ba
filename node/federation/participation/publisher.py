"""The change log of participation processes → activities (docs/FEDERATION.md).

On the node that runs a process for other nodes (the gemeente):
- `process`, `process_report_back` → Create (when opened) or Update of the process, to the
  participating nodes' inboxes and to our followers (Mastodon shows the Question);
- `process_argument` → an argument, from any node, passed on to every participating node
  (and to our followers: it is as public as the process).
On a node with a copy of such a process (a wijk), sent to the node that asked only:
- `process_response` → Create{Note} of a resident's response (online or on paper), or
  Update{Note} of the same Note when the resident changed it in the input phase;
- `process_remote_support` → Like of an argument there, or Undo{Like}.
A process for this node's residents only goes to our followers alone (a Question that
Mastodon users can see and vote in); other nodes ignore it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from node.community.changes import Change, ChangeKind
from node.community.errors import NotFound
from node.community.participation.exchange import option_keys
from node.community.participation.input import (
    ARGUMENT_SUBJECT,
    REMOTE_SUPPORT_SUBJECT,
    RESPONSE_SUBJECT,
)
from node.community.participation.model import Process, ProcessNode
from node.community.participation.service import REPORT_SUBJECT, SUBJECT
from node.federation import content as out
from node.federation.http import FetchError
from node.federation.ids import PUBLIC
from node.federation.participation import translate
from node.storage import Row
from node.storage.participation import queries as store

if TYPE_CHECKING:
    from node.community.neighbourhood import Neighbourhood
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors
    from node.storage import Database

log = logging.getLogger("buurtnode.federation")
SUBJECTS = (SUBJECT, REPORT_SUBJECT, ARGUMENT_SUBJECT, RESPONSE_SUBJECT, REMOTE_SUPPORT_SUBJECT)


class ProcessPublisher:
    def __init__(
        self,
        *,
        db: Database,
        ids: Ids,
        hood: Neighbourhood,
        remote: RemoteActors,
        publisher: Publisher,
        node_name: str,
        session_secret: Callable[[], str],
    ) -> None:
        self.db = db
        self.ids = ids
        self.hood = hood
        self.remote = remote
        self.publisher = publisher
        self.node_name = node_name
        self.session_secret = session_secret

    @cached_property
    def _secret(self) -> bytes:
        return self.session_secret().encode()

    def _token(self, *parts: object) -> str:
        """Stable for the same parts, and reveals none of them (keyed with our secret)."""
        message = ":".join(str(p) for p in parts).encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    async def publish(self, change: Change) -> None:
        if change.subject_type in (SUBJECT, REPORT_SUBJECT):
            await self._process(change)
        elif change.subject_type == ARGUMENT_SUBJECT and change.kind is ChangeKind.CREATED:
            await self._argument(change.subject_id)
        elif change.subject_type == RESPONSE_SUBJECT:
            await self._response(change.subject_id, changed=change.kind is ChangeKind.UPDATED)
        elif change.subject_type == REMOTE_SUPPORT_SUBJECT:
            await self._support(change)

    # -- the gemeente: the process and its arguments -------------------------------

    async def document(self, process_id: int) -> dict[str, Any] | None:
        """Our process as its ActivityPub object; None when it is not ours to serve."""
        processes = self.hood.processes
        try:
            page = await processes.page(process_id, None)
        except NotFound:
            return None
        if page.process.is_remote:
            return None
        return translate.process_object(self.ids, page, await processes.nodes(process_id))

    async def _nodes(self, process: Process) -> list[ProcessNode]:
        if process.is_remote:
            return []
        return [n for n in await self.hood.processes.nodes(process.id) if n.actor_uri]

    async def _inboxes(self, actor_uris: list[str]) -> list[str]:
        """The inboxes of the nodes we can reach now. One that is down does not stop the
        others (nor our outbox: a node that follows us later reads the process there)."""
        inboxes = []
        for uri in actor_uris:
            try:
                inboxes.append(await self._inbox(uri))
            except FetchError as error:
                log.warning("not sending to %s now: %s", uri, error)
        return inboxes

    async def _process(self, change: Change) -> None:
        document = await self.document(change.subject_id)
        if document is None:
            return
        opened = change.subject_type == SUBJECT and change.kind is ChangeKind.CREATED
        await self.publisher.publish(
            {
                "@context": out.context_of(document),
                "type": "Create" if opened else "Update",
                "object": out.embedded(document),
                "to": document["to"],
                "cc": document["cc"],
            },
            also=await self._inboxes([a for a in document["to"] if a != PUBLIC]),
        )

    async def argument_document(self, response_id: int) -> dict[str, Any] | None:
        row = await store.response_by_id(self.db, response_id)
        if row is None or row["kind"] != "arguments":
            return None
        process = await self.hood.processes.get(row["process_id"])
        nodes = await self._nodes(process)
        if not nodes:
            return None
        ordered = [o.id for o in await self.hood.processes.options(process.id)]
        about = option_keys([row["option_id"]], ordered)[0] if row["option_id"] else None
        return translate.argument_note(
            self.ids,
            row,
            process.id,
            [str(n.actor_uri) for n in nodes],
            self._shown_name(process, row),
            about,
        )

    def _shown_name(self, process: Process, row: Row) -> str:
        """As residents elsewhere may see it: the node, and the resident if not anonymous."""
        if row["remote_name"]:
            return str(row["remote_name"])
        node = self.node_name
        if process.anonymous or row["channel"] == "paper" or not row["member_name"]:
            return node
        return f"{row['member_name']} ({node})"

    async def _argument(self, response_id: int) -> None:
        document = await self.argument_document(response_id)
        if document is None:
            return
        # Public like the process (and in our outbox, so a node that follows us later
        # gets the arguments too, after the process itself: backfill.py).
        await self.publisher.publish(
            {
                "@context": out.context_of(document),
                "type": "Create",
                "object": out.embedded(document),
                "to": document["to"],
                "cc": document["cc"],
            },
            also=await self._inboxes(document["to"]),
        )

    # -- a wijk: responses and supports to the node that asked ---------------------

    async def _origin(self, response_id: int) -> tuple[Row, Process] | None:
        row = await store.response_by_id(self.db, response_id)
        if row is None:
            return None
        process = await self.hood.processes.get(row["process_id"])
        return (row, process) if process.is_remote and process.ap_id else None

    async def _response(self, response_id: int, *, changed: bool = False) -> None:
        found = await self._origin(response_id)
        if found is None:
            return
        row, process = found
        origin = str(process.origin_actor_uri)
        ordered = [o.id for o in await self.hood.processes.options(process.id)]
        if row["member_id"] is not None:
            token = self._token("member", row["member_id"], process.uid)
        else:  # a paper response stands for one resident of its own
            token = self._token("paper", row["id"], process.uid)
        named = not process.anonymous and row["channel"] == "online"
        note = translate.response_note(
            self.ids,
            row,
            origin=origin,
            process_ap_id=str(process.ap_id),
            respondent=self.ids.respondent(token),
            name=str(row["member_name"] or "") if named else "",
            keys=option_keys(json.loads(row["choices"] or "[]"), ordered),
            about=option_keys([row["option_id"]], ordered)[0] if row["option_id"] else None,
        )
        activity = {
            "@context": out.context_of(note),
            "type": "Update" if changed else "Create",
            "object": out.embedded(note),
            "to": note["to"],
        }
        await self.publisher.send(activity, [await self._inbox(origin)])

    async def _support(self, change: Change) -> None:
        found = await self._origin(change.subject_id)
        if found is None or change.member_id is None:
            return
        row, process = found
        if not row["ap_id"]:
            log.warning("argument %s has no id at %s yet", row["id"], process.origin_actor_uri)
            return
        origin = str(process.origin_actor_uri)
        like = {
            "id": self.ids.argument_like(self._token("like", change.member_id, row["id"])),
            "type": "Like",
            "actor": self.ids.actor,
            "object": row["ap_id"],
            "to": [origin],
        }
        activity = (
            like
            if change.kind is ChangeKind.CREATED
            else {
                "type": "Undo",
                "object": like,
                "to": [origin],
            }
        )
        await self.publisher.send(activity, [await self._inbox(origin)])

    async def _inbox(self, actor_uri: str) -> str:
        return (await self.remote.get(actor_uri)).delivery_inbox

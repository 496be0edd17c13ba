"""Processes across nodes: the gemeente opens a process for the wijken it follows, each wijk
keeps a copy for its residents, and their input travels back to be counted there.

The federation layer hands over plain data (`ProcessCopy`, `RemoteAnswer`, `ArgumentCopy`)
and sends what the change log says (`process_response` on a copy; `process_argument`,
`argument_support` and the process itself on the gemeente). The rules about who may answer
what, and when, are here: a refusal is a DomainError, which the inbox records as the reason.
Options travel by key: their position in the process's list, the same on every node.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.participation.input import ProcessInput, Responded, Respondent
from node.community.participation.model import (
    Answer,
    FormKind,
    Phase,
    Process,
    ProcessDraft,
    ProcessNode,
)
from node.community.participation.records import ProcessRecords
from node.community.participation.results import SharedResult, clean_shared, shared_to_json
from node.community.participation.rules import clean_process
from node.community.text import sanitise_html
from node.storage import Database, Transaction
from node.storage.participation import exchange as exchange_store
from node.storage.participation import queries as store


@dataclass(frozen=True)
class ReportCopy:
    decision_html: str
    published_at: str
    themes: list[tuple[str, str]]  # (you said, we did)


@dataclass(frozen=True)
class ProcessCopy:
    """Another node's process as it arrived; HTML still to be sanitised, dates YYYY-MM-DD."""

    ap_id: str
    origin_actor_uri: str
    origin_name: str
    title: str
    question: str
    background_html: str
    level: str
    level_meaning: str
    anonymous: bool
    input_from: str
    input_until: str
    decision_on: str
    report_back_by: str
    published: str
    forms: list[tuple[str, bool]]  # (kind, multiple)
    options: list[str]  # labels, in key order
    documents: list[tuple[str, str]] = field(default_factory=list)  # (title, url)
    nodes: list[ProcessNode] = field(default_factory=list)
    report: ReportCopy | None = None
    closed_at: str | None = None
    # The totals over all participating nodes, sent once the input phase is over; None
    # before, or when what arrived was not usable.
    results: list[SharedResult] | None = None


@dataclass(frozen=True)
class RemoteAnswer:
    """A resident's response sent by a participating node; options by key."""

    process_id: int
    node_actor: str
    respondent: str  # opaque and stable per resident and process, made by their node
    ap_id: str
    kind: str
    name: str = ""  # the resident's display name, only when the process is not anonymous
    body: str = ""
    choices: list[int] = field(default_factory=list)
    side: str = ""
    option: int | None = None
    on_paper: bool = False


@dataclass(frozen=True)
class ArgumentCopy:
    """An argument the gemeente accepted, sent on to every participating node."""

    process_ap_id: str
    origin_actor_uri: str
    ap_id: str
    side: str
    body: str
    name: str  # as the gemeente shows it: the node, and the resident when not anonymous
    option: int | None = None
    ours: int | None = None  # our own response it started as, if it came from here


class ProcessExchange:
    def __init__(
        self, db: Database, clock: Clock, processes: ProcessRecords, process_input: ProcessInput
    ) -> None:
        self.db = db
        self.clock = clock
        self.processes = processes
        self.input = process_input

    # -- on a wijk: the copy of the gemeente's process -----------------------------

    async def by_ap_id(self, ap_id: str) -> Process | None:
        row = await exchange_store.process_by_ap_id(self.db, ap_id)
        return None if row is None else Process.from_row(row)

    async def keep(self, copy: ProcessCopy) -> int:
        """Store or update the copy; options and forms are only added (responses use them)."""
        existing = await self.by_ap_id(copy.ap_id)
        if existing is not None and existing.origin_actor_uri != copy.origin_actor_uri:
            raise NotAllowed(N_("Only the node that opened a process can change it."))
        fields = self._fields(copy)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if existing is None:
                fields.update(uid=uuid.uuid4().hex, created_at=copy.published or now)
                process_id = await store.insert_process(tx, {**fields, "updated_at": now})
            else:
                process_id = existing.id
                await exchange_store.update_process(tx, process_id, {**fields, "updated_at": now})
            await self._keep_parts(tx, process_id, copy)
        return process_id

    def _fields(self, copy: ProcessCopy) -> dict[str, Any]:
        draft = ProcessDraft(
            title=copy.title,
            question=copy.question,
            level=copy.level,
            level_meaning=copy.level_meaning,
            input_from=copy.input_from,
            input_until=copy.input_until,
            decision_on=copy.decision_on,
            report_back_by=copy.report_back_by,
            anonymous=copy.anonymous,
        )
        fields = clean_process(draft)  # the same checks as a process opened here
        fields.update(
            background_md="",
            background_html=sanitise_html(copy.background_html),
            ap_id=copy.ap_id,
            origin_actor_uri=copy.origin_actor_uri,
            origin_name=copy.origin_name[:200],
            closed_at=copy.closed_at,
            overall_results=self._overall(copy),
        )
        return fields

    @staticmethod
    def _overall(copy: ProcessCopy) -> str | None:
        """The totals as we keep them: only forms and options the copy has, counts only."""
        kinds = {kind for kind, _ in copy.forms}
        kept = clean_shared(copy.results or [], len(copy.options), kinds)
        return None if kept is None else shared_to_json(kept)

    async def _keep_parts(self, tx: Transaction, process_id: int, copy: ProcessCopy) -> None:
        await exchange_store.clear_documents_and_nodes(tx, process_id)
        for position, (title, url) in enumerate(copy.documents[:20]):
            await store.insert_document(tx, process_id, title[:200], url[:1000], position)
        for node in copy.nodes[:50]:
            await store.insert_node(tx, process_id, node.name[:200], node.url, node.actor_uri)
        known = len(await store.options_of(tx, process_id))
        for position, label in list(enumerate(copy.options))[known:]:
            await store.insert_option(tx, process_id, label[:200], position)
        kinds = {row["kind"] for row in await store.forms_of(tx, process_id)}
        for kind, multiple in copy.forms:
            if kind in FormKind.__members__.values() and kind not in kinds:
                await store.insert_form(tx, process_id, kind, multiple and kind == "poll")
        if copy.report is not None:
            themes = [(said[:2000], did[:2000]) for said, did in copy.report.themes]
            html = sanitise_html(copy.report.decision_html)
            await store.replace_report_back(
                tx, process_id, None, "", html, themes, copy.report.published_at
            )

    async def forget(self, ap_id: str, origin_actor_uri: str) -> bool:
        process = await self.by_ap_id(ap_id)
        if process is None or process.origin_actor_uri != origin_actor_uri:
            return False
        async with self.db.transaction() as tx:
            await exchange_store.delete_process(tx, process.id)
        return True

    async def keep_argument(self, copy: ArgumentCopy) -> None:
        """An argument from any node, as the gemeente passed it on, to read and support here."""
        process = await self.by_ap_id(copy.process_ap_id)
        if process is None or process.origin_actor_uri != copy.origin_actor_uri:
            raise NotFound(N_("This participation process does not exist."))
        if copy.ours is not None:  # our resident's own argument: remember its id there
            row = await store.response_by_id(self.db, copy.ours)
            if row is None or row["process_id"] != process.id:
                raise NotFound(N_("This argument does not exist (any more)."))
            async with self.db.transaction() as tx:
                await exchange_store.set_response_ap_id(tx, copy.ours, copy.ap_id)
            return
        if await exchange_store.response_by_ap_id(self.db, copy.ap_id) is not None:
            return  # already here
        option_id = await self._option(process, copy.option)
        answer = Answer(body=copy.body, side=copy.side, option_id=option_id)
        # The copy stands for itself: its id is the key of "who answered".
        who = Respondent(remote_actor_uri=copy.ap_id, remote_name=copy.name[:200], ap_id=copy.ap_id)
        await self.input.store(process, FormKind.ARGUMENTS.value, answer, who)

    # -- on the gemeente: what participating nodes and Mastodon send back ---------

    async def accept(self, answer: RemoteAnswer) -> Responded:
        """Count a response from a participating node: once per resident, in the input phase."""
        process = await self.processes.get(answer.process_id)
        node = await self._participant(process, answer.node_actor)
        if process.phase(self.processes.today()) is not Phase.INPUT:
            raise Invalid(N_("A response after the input phase."))
        form = await self.input.form(process, answer.kind)
        if await exchange_store.remote_response_id(self.db, form.id, answer.respondent):
            raise Invalid(N_("A second response from the same resident."))
        clean = Answer(
            body=answer.body,
            choices=[await self._option(process, key) or 0 for key in answer.choices],
            side=answer.side,
            option_id=await self._option(process, answer.option),
        )
        named = answer.name and not process.anonymous
        who = Respondent(
            remote_actor_uri=answer.respondent,
            remote_node=node.actor_uri,
            remote_name=f"{answer.name[:100]} ({node.name})" if named else node.name,
            ap_id=answer.ap_id,
            on_paper=answer.on_paper,
        )
        return await self.input.store(process, answer.kind, clean, who)

    async def change(self, answer: RemoteAnswer) -> Responded:
        """A response the same node sent earlier, changed by its resident: replaced in place,
        in the input phase only; arguments stay as they were passed on."""
        process = await self.processes.get(answer.process_id)
        await self._participant(process, answer.node_actor)
        if process.phase(self.processes.today()) is not Phase.INPUT:
            raise Invalid(N_("A change to a response after the input phase."))
        form = await self.input.form(process, answer.kind)
        response_id = await exchange_store.remote_response_id(self.db, form.id, answer.respondent)
        row = None if response_id is None else await store.response_by_id(self.db, response_id)
        if row is None:
            # Its Create is still on the way (a retry): the changed answer is the one to count,
            # and the late Create is refused as a second response.
            return await self.accept(answer)
        if row["remote_node"] != answer.node_actor:
            raise NotAllowed(N_("A change to a response from another node."))
        if row["ap_id"] != answer.ap_id:
            raise NotFound(N_("A change to a response that is not counted here."))
        if form.kind is FormKind.ARGUMENTS:
            raise Invalid(N_("An argument cannot be changed once it has been passed on."))
        clean = Answer(
            body=answer.body,
            choices=[await self._option(process, key) or 0 for key in answer.choices],
            side=answer.side,
            option_id=await self._option(process, answer.option),
        )
        return await self.input.replace(process, form, row["id"], clean, None)

    async def add_support(self, response_id: int, node_actor: str, key: str) -> None:
        """'Ik steun dit argument' from a resident of a participating node (a Like)."""
        process = await self._argument_process(response_id)
        await self._participant(process, node_actor)
        if process.phase(self.processes.today()) is not Phase.INPUT:
            raise Invalid(N_("Support after the input phase."))
        if await exchange_store.remote_support(self.db, key) is not None:
            raise Invalid(N_("This support is counted already."))
        async with self.db.transaction() as tx:
            await exchange_store.insert_remote_support(tx, response_id, key, iso(self.clock()))

    async def remove_support(self, key: str) -> bool:
        row = await exchange_store.remote_support(self.db, key)
        if row is None:
            return False
        async with self.db.transaction() as tx:
            await store.delete_support(tx, row["id"])
        return True

    async def fediverse_vote(self, process_id: int, actor_uri: str, label: str, ap_id: str) -> None:
        """A Mastodon vote on the poll: counted apart from residents, one per option."""
        process = await self.processes.get(process_id)
        poll = await self.input.form(process, FormKind.POLL.value)
        if process.is_remote or process.phase(self.processes.today()) is not Phase.INPUT:
            raise Invalid(N_("A fediverse vote outside the input phase."))
        options = await self.processes.options(process_id)
        option = next((o for o in options if o.label == label), None)
        if option is None:
            raise Invalid(N_("A vote for an option this poll does not have."))
        earlier = await exchange_store.fediverse_choices(self.db, process_id, actor_uri)
        if option.id in earlier or (earlier and not poll.multiple):
            raise Invalid(N_("A second fediverse vote from the same account."))
        async with self.db.transaction() as tx:
            await exchange_store.insert_fediverse_vote(
                tx, process_id, option.id, actor_uri, ap_id, iso(self.clock())
            )

    # -- helpers -------------------------------------------------------------------

    async def _participant(self, process: Process, node_actor: str) -> ProcessNode:
        if not process.is_remote:
            for node in await self.processes.nodes(process.id):
                if node.actor_uri == node_actor:
                    return node
        raise NotAllowed(N_("A response from a node this process does not concern."))

    async def _argument_process(self, response_id: int) -> Process:
        row = await store.response_by_id(self.db, response_id)
        if row is None or row["kind"] != FormKind.ARGUMENTS:
            raise NotFound(N_("This argument does not exist (any more)."))
        return await self.processes.get(row["process_id"])

    async def _option(self, process: Process, key: int | None) -> int | None:
        """The option id for a key (its position); refuses a key the process does not have."""
        if key is None:
            return None
        options = await self.processes.options(process.id)
        if not 0 <= key < len(options):
            raise Invalid(N_("A response with an option this process does not have."))
        return options[key].id


def option_keys(option_ids: list[int], ordered_ids: list[int]) -> list[int]:
    """Option ids → their keys (positions), as they travel to the node that asked."""
    return [ordered_ids.index(i) for i in option_ids if i in ordered_ids]

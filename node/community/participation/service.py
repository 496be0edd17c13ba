"""Participation processes (participatietrajecten): open, read, report back and close.

A buurtverbinder opens a process for the residents of this node; the gemeente's contact
person opens one for the wijken and kernen the gemeente node follows. Those nodes keep a
copy and send their residents' input back (process_exchange.py, via the change log).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid, NotAllowed
from node.community.participation.exchange import ProcessExchange
from node.community.participation.input import ProcessInput
from node.community.participation.model import (
    Document,
    Form,
    FormKind,
    Option,
    Phase,
    Process,
    ProcessDraft,
    ProcessNode,
    ReportBack,
    ReportTheme,
    TimelineStep,
    local_today,
    timeline,
)
from node.community.participation.records import Identity, ProcessRecords
from node.community.participation.results import (
    FormResult,
    NodeResults,
    OptionCount,
    OverallResult,
    Response,
    SharedResult,
    overall,
    share,
    shared_from_json,
    tally,
)
from node.community.participation.rules import (
    clean_draft,
    clean_report_back,
)
from node.community.text import markdown_to_html
from node.storage import Database
from node.storage.participation import exchange as exchange_store
from node.storage.participation import queries as store

SUBJECT = "process"
REPORT_SUBJECT = "process_report_back"


@dataclass(frozen=True)
class ProcessPage:
    process: Process
    phase: Phase
    days_late: int
    steps: list[TimelineStep]
    documents: list[Document]
    node_names: list[str]
    options: list[Option]
    forms: list[Form]
    results: list[FormResult]
    report: ReportBack | None
    answered: list[int]  # form ids the viewer answered online
    supported: list[int]  # argument (response) ids the viewer supports
    can_manage: bool  # report back, close: never on a copy of another node's process
    can_respond: bool
    can_enter_paper: bool
    # On the node that runs a process for other nodes: the results of each node's residents
    # (the totals are `results`), and the poll's votes from fediverse accounts, kept apart.
    by_node: list[NodeResults]
    fediverse_votes: list[OptionCount]
    fediverse_voters: int
    # On a copy: the totals over all participating nodes, as the node that runs the process
    # sent them once the input phase was over (empty until then).
    overall: list[OverallResult] = field(default_factory=list)


class Processes(ProcessRecords):
    def __init__(self, db: Database, clock: Clock, identity: Identity) -> None:
        super().__init__(db, clock, identity)
        self.input = ProcessInput(db, clock, self)
        self.exchange = ProcessExchange(db, clock, self, self.input)

    async def open(self, by: Member, draft: ProcessDraft) -> int:
        if not self.may_manage(by):
            raise NotAllowed(
                N_(
                    "Only a buurtverbinder can open a process here; on the municipality's "
                    "node the contact person can too."
                )
            )
        fields, documents, kinds, options = clean_draft(draft)
        nodes = await self._chosen_nodes(draft.nodes)
        now = iso(self.clock())
        fields.update(uid=uuid.uuid4().hex, member_id=by.id, created_at=now, updated_at=now)
        async with self.db.transaction() as tx:
            process_id = await store.insert_process(tx, fields)
            for position, (title, url) in enumerate(documents):
                await store.insert_document(tx, process_id, title, url, position)
            for node in nodes or [ProcessNode(self.identity.name, self.identity.url)]:
                await store.insert_node(tx, process_id, node.name, node.url, node.actor_uri)
            for position, label in enumerate(options):
                await store.insert_option(tx, process_id, label, position)
            for kind in kinds:
                await store.insert_form(
                    tx, process_id, kind.value, draft.multiple and kind is FormKind.POLL
                )
            await record(tx, SUBJECT, process_id, ChangeKind.CREATED, by.id, now)
        return process_id

    async def nodes_to_choose(self) -> list[ProcessNode]:
        """On the gemeente's node: the nodes it follows (accepted), whose residents can be
        asked. Their web address is their actor's origin."""
        if not self.on_municipal_node:
            return []
        return [
            ProcessNode(r["name"] or r["host"], r["actor_uri"].split("/ap/")[0], r["actor_uri"])
            for r in await exchange_store.followed_nodes(self.db)
        ]

    async def _chosen_nodes(self, actor_uris: list[str]) -> list[ProcessNode]:
        if not actor_uris:
            return []
        if not self.on_municipal_node:
            raise Invalid(N_("A buurtverbinder opens a process for this node's residents only."))
        known = {node.actor_uri: node for node in await self.nodes_to_choose()}
        if any(uri not in known for uri in actor_uris):
            raise Invalid(N_("Choose the nodes from the list of nodes this node follows."))
        return [known[uri] for uri in dict.fromkeys(actor_uris)]

    async def all(self) -> list[Process]:
        return [Process.from_row(r) for r in await store.list_processes(self.db)]

    async def responses(self, process: Process, viewer: Member | None) -> list[Response]:
        """Names only where the process is not anonymous and the viewer may see names."""
        show_names = not process.anonymous and bool(viewer and viewer.can(Action.VIEW_MEMBER_NAMES))
        return [
            Response.from_row(r, show_names) for r in await store.responses_of(self.db, process.id)
        ]

    async def results(self, process: Process, viewer: Member | None) -> list[FormResult]:
        options = await self.options(process.id)
        responses = await self.responses(process, viewer)
        results = [tally(form, options, responses) for form in await self.forms(process.id)]
        return _readable(results, viewer)

    async def results_by_node(self, process: Process, viewer: Member | None) -> list[NodeResults]:
        """Per participating node, for a process this node runs for other nodes: each answer
        counts for the node of the resident who gave it. Answers given here (this node's own
        members, paper entered here) come last, apart, when there are any."""
        nodes = [n for n in await self.nodes(process.id) if n.actor_uri]
        if process.is_remote or not nodes:
            return []
        options, forms = await self.options(process.id), await self.forms(process.id)
        responses = await self.responses(process, viewer)
        groups: list[tuple[str, str | None]] = [(n.name, n.actor_uri) for n in nodes]
        groups.append((self.identity.name, None))
        results = []
        for name, key in groups:
            mine = [r for r in responses if r.node == key]
            if key is None and not mine:
                continue
            tallied = [tally(form, options, mine) for form in forms]
            results.append(NodeResults(name, _readable(tallied, viewer), own=key is None))
        return results

    async def fediverse_votes(self, process_id: int) -> tuple[list[OptionCount], int]:
        """Votes per option from fediverse accounts, and how many accounts voted."""
        votes = await exchange_store.fediverse_votes(self.db, process_id)
        voters = len({v["actor_uri"] for v in votes})
        counts = []
        for option in await self.options(process_id):
            n = sum(1 for v in votes if v["option_id"] == option.id)
            counts.append(OptionCount(option, n, round(100 * n / voters) if voters else 0))
        return counts, voters

    async def report_back(self, process_id: int) -> ReportBack | None:
        row = await store.report_back_of(self.db, process_id)
        if row is None:
            return None
        themes = [
            ReportTheme(t["you_said"], t["we_did"])
            for t in await store.themes_of(self.db, process_id)
        ]
        return ReportBack(row["decision_md"], row["decision_html"], row["published_at"], themes)

    async def page(self, process_id: int, viewer: Member | None) -> ProcessPage:
        process = await self.get(process_id)
        today = self.today()
        opened = local_today(parse_iso(process.created_at))
        results = await self.results(process, viewer)
        fediverse, voters = await self.fediverse_votes(process_id)
        forms, phase = await self.forms(process_id), process.phase(today)
        return ProcessPage(
            process=process,
            phase=phase,
            days_late=process.days_late(today),
            steps=timeline(process, opened, today),
            documents=[
                Document(r["title"], r["url"])
                for r in await store.documents_of(self.db, process_id)
            ],
            node_names=[r["name"] for r in await store.nodes_of(self.db, process_id)],
            options=await self.options(process_id),
            forms=forms,
            results=results,
            report=await self.report_back(process_id),
            answered=await store.answered_forms(self.db, process_id, viewer.id) if viewer else [],
            supported=await store.supported_by(self.db, process_id, viewer.id) if viewer else [],
            can_manage=self.may_manage(viewer) and not process.is_remote,
            can_respond=bool(viewer and viewer.can(Action.RESPOND_TO_PROCESS)),
            can_enter_paper=self.may_manage(viewer)
            and bool(forms)
            and phase in process.paper_phases,
            by_node=await self.results_by_node(process, viewer),
            fediverse_votes=fediverse if voters else [],
            fediverse_voters=voters,
            overall=await self.overall_results(process, forms),
        )

    async def overall_results(self, process: Process, forms: list[Form]) -> list[OverallResult]:
        """On a copy: the totals the node that runs the process sent (kept by `keep`)."""
        if not process.is_remote:
            return []
        options = await self.options(process.id)
        kept = await exchange_store.overall_results(self.db, process.id)
        return overall(shared_from_json(kept, len(options), {f.kind.value for f in forms}), options)

    async def publish_report_back(
        self, by: Member, process_id: int, decision: str, themes: list[tuple[str, str]]
    ) -> None:
        """'U zei — wij deden'. Publishing again replaces it, until the process is closed."""
        if not self.may_manage(by):
            raise NotAllowed(N_("Only those who run this process can publish its report-back."))
        process = await self._managed(process_id)
        if process.closed_at:
            raise Invalid(N_("This process is closed; its report-back can no longer change."))
        if self.today() <= process.input_until:
            raise Invalid(N_("Residents can still respond. Report back after the input phase."))
        rows = clean_report_back(decision, themes)
        now = iso(self.clock())
        kind = ChangeKind.UPDATED if process.reported else ChangeKind.CREATED
        async with self.db.transaction() as tx:
            await store.replace_report_back(
                tx, process_id, by.id, decision.strip(), markdown_to_html(decision), rows, now
            )
            await store.touch(tx, process_id, now)
            await record(tx, REPORT_SUBJECT, process_id, kind, by.id, now)

    async def close(self, by: Member, process_id: int) -> None:
        if not self.may_manage(by):
            raise NotAllowed(N_("Only those who run this process can close it."))
        process = await self._managed(process_id)
        if process.closed_at:
            raise Invalid(N_("This process is already closed."))
        if not process.reported:
            raise Invalid(
                N_(
                    "A process cannot be closed without its report-back. First publish "
                    "what was decided and what was done with the input."
                )
            )
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.set_closed(tx, process_id, now)
            await record(tx, SUBJECT, process_id, ChangeKind.UPDATED, by.id, now)

    async def _managed(self, process_id: int) -> Process:
        process = await self.get(process_id)
        if process.is_remote:
            raise NotAllowed(N_("This process is run by the node that opened it."))
        return process


def shared_results(page: ProcessPage) -> list[SharedResult] | None:
    """The totals that travel with our process to the participating nodes: only once the
    input phase is over (during it they could steer answers, and they change all the time),
    never for a copy of another node's process. Counts only."""
    if page.process.is_remote or page.phase in (Phase.INFORMING, Phase.INPUT):
        return None
    return share(page.results, page.options, page.by_node)


def _readable(results: list[FormResult], viewer: Member | None) -> list[FormResult]:
    """Open responses are counted for everyone but read in full by members only."""
    if viewer is not None and viewer.can(Action.VIEW_PROCESS_RESPONSES):
        return results
    return [
        FormResult(r.form, r.respondents, r.on_paper, r.counts, [], r.subjects) for r in results
    ]

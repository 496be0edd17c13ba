"""Input on a process: responses online or on paper, and support for arguments.

The rule: one response per resident per form, and a second one REPLACES the first while
the input phase runs ("your latest answer counts"), so residents can change their mind.
On another node's process the response is changed in place (same id), so the node that
asked receives an Update of it; an argument there cannot be changed once sent.
Replacing an argument removes the support it had: supporters backed the old words.
Paper responses, entered by a buurtverbinder, each stand for one resident who answered
on paper or in person; they may still be entered while the input is weighed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action, Role
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.participation.model import Answer, Channel, Form, FormKind, Phase, Process
from node.community.participation.records import ProcessRecords
from node.community.participation.rules import clean_answer
from node.storage import Database, Transaction
from node.storage.participation import queries as store

ARGUMENT_SUBJECT = "process_argument"
SUPPORT_SUBJECT = "argument_support"
# A response to another node's process: the federation layer sends it to that node.
RESPONSE_SUBJECT = "process_response"
# Support for an argument on another node's process: subject is the argument, member who.
REMOTE_SUPPORT_SUBJECT = "process_remote_support"


@dataclass(frozen=True)
class Respondent:
    """Who answered: a member here, a paper response, or a resident of another node (an
    opaque respondent id from that node, `remote_node` its actor)."""

    member_id: int | None = None
    entered_by: int | None = None
    remote_actor_uri: str | None = None
    remote_node: str | None = None
    remote_name: str | None = None
    ap_id: str | None = None
    on_paper: bool = False  # a paper response entered on the other node

    @property
    def channel(self) -> Channel:
        paper = self.entered_by is not None or self.on_paper
        return Channel.PAPER if paper else Channel.ONLINE


@dataclass(frozen=True)
class Responded:
    response_id: int
    replaced: bool


def _refuse_respondent(by: Member | None) -> None:
    if by is None:
        raise NotAllowed(N_("Log in as a resident of this neighbourhood to respond."))
    if not by.can(Action.RESPOND_TO_PROCESS):
        if by.role is Role.COUNCIL:
            raise NotAllowed(N_("Council members can read along, but not respond."))
        raise NotAllowed(N_("Only residents respond; officials of the municipality read along."))


class ProcessInput:
    def __init__(self, db: Database, clock: Clock, processes: ProcessRecords) -> None:
        self.db = db
        self.clock = clock
        self.processes = processes

    async def form(self, process: Process, kind: str) -> Form:
        for form in await self.processes.forms(process.id):
            if form.kind.value == kind:
                return form
        raise NotFound(N_("This process does not ask for this kind of input."))

    async def respond(
        self, by: Member | None, process_id: int, kind: str, answer: Answer
    ) -> Responded:
        _refuse_respondent(by)
        assert by is not None
        process = await self.processes.get(process_id)
        if process.phase(self.processes.today()) is not Phase.INPUT:
            raise Invalid(N_("You can only respond while the input phase runs."))
        if process.is_remote:
            form = await self.form(process, kind)
            earlier = await store.own_response_id(self.db, form.id, by.id)
            if earlier is not None:
                if form.kind is FormKind.ARGUMENTS:
                    # The node that asked has passed it on to every node as it was.
                    raise Invalid(
                        N_("You have answered this already. Your answer has been sent on.")
                    )
                # The same response, changed: the node that asked gets an Update of it.
                return await self.replace(process, form, earlier, answer, by.id)
        return await self.store(process, kind, answer, Respondent(member_id=by.id))

    async def enter_paper(
        self, by: Member | None, process_id: int, kind: str, answer: Answer
    ) -> Responded:
        """A response given on paper or in person, typed in by a buurtverbinder."""
        if not self.processes.may_manage(by):
            raise NotAllowed(N_("Only a buurtverbinder can enter responses given on paper."))
        process = await self.processes.get(process_id)
        if process.phase(self.processes.today()) not in process.paper_phases:
            raise Invalid(N_("Paper responses can be entered until the input has been weighed."))
        return await self.store(process, kind, answer, Respondent(entered_by=by.id))

    async def store(
        self, process: Process, kind: str, answer: Answer, who: Respondent
    ) -> Responded:
        form = await self.form(process, kind)
        clean = clean_answer(form, await self.processes.options(process.id), answer)
        now = iso(self.clock())
        fields: dict[str, Any] = {
            "form_id": form.id,
            "member_id": who.member_id,
            "remote_actor_uri": who.remote_actor_uri,
            "remote_node": who.remote_node,
            "remote_name": who.remote_name,
            "ap_id": who.ap_id,
            "channel": who.channel.value,
            "entered_by": who.entered_by,
            "body": clean.body,
            "choices": json.dumps(clean.choices),
            "side": clean.side or None,
            "option_id": clean.option_id,
            "created_at": now,
        }
        async with self.db.transaction() as tx:
            replaced = await self._remove_earlier(tx, form, who, now)
            response_id = await store.insert_response(tx, fields)
            await store.touch(tx, process.id, now)
            if process.is_remote:
                if who.remote_actor_uri is None:  # given here: it goes to the node that asked
                    await record(
                        tx, RESPONSE_SUBJECT, response_id, ChangeKind.CREATED, who.member_id, now
                    )
            elif form.kind is FormKind.ARGUMENTS:
                # Arguments are public; the other input is counted, never published.
                await record(
                    tx, ARGUMENT_SUBJECT, response_id, ChangeKind.CREATED, who.member_id, now
                )
        return Responded(response_id, replaced)

    async def replace(
        self, process: Process, form: Form, response_id: int, answer: Answer, member_id: int | None
    ) -> Responded:
        """Change a response in place (same row, same id) on another node's process, or on
        ours for a response a participating node sent. Arguments are never changed here."""
        assert form.kind is not FormKind.ARGUMENTS
        clean = clean_answer(form, await self.processes.options(process.id), answer)
        now = iso(self.clock())
        fields = {
            "body": clean.body,
            "choices": json.dumps(clean.choices),
            "side": clean.side or None,
            "option_id": clean.option_id,
        }
        async with self.db.transaction() as tx:
            await store.update_response(tx, response_id, fields)
            await store.touch(tx, process.id, now)
            if process.is_remote and member_id is not None:  # to the node that asked
                await record(tx, RESPONSE_SUBJECT, response_id, ChangeKind.UPDATED, member_id, now)
        return Responded(response_id, True)

    async def _remove_earlier(self, tx: Transaction, form: Form, who: Respondent, now: str) -> bool:
        if who.member_id is None or who.channel is Channel.PAPER:
            return False
        earlier = await store.own_response_id(tx, form.id, who.member_id)
        if earlier is None:
            return False
        await store.delete_response(tx, earlier)
        if form.kind is FormKind.ARGUMENTS:
            await record(tx, ARGUMENT_SUBJECT, earlier, ChangeKind.DELETED, who.member_id, now)
        return True

    async def toggle_support(self, by: Member | None, response_id: int) -> bool:
        """'Ik steun dit argument' on or off; returns whether the member supports it now."""
        _refuse_respondent(by)
        assert by is not None
        row = await store.response_by_id(self.db, response_id)
        if row is None or row["kind"] != FormKind.ARGUMENTS:
            raise NotFound(N_("This argument does not exist (any more)."))
        process = await self.processes.get(row["process_id"])
        if process.phase(self.processes.today()) is not Phase.INPUT:
            raise Invalid(N_("You can only support arguments while the input phase runs."))
        if row["member_id"] == by.id and row["channel"] == Channel.ONLINE:
            raise Invalid(N_("This is your own argument; others can support it."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            support = await store.support_id(tx, response_id, by.id)
            if support is not None:
                await store.delete_support(tx, support)
                kind = ChangeKind.DELETED
            else:
                support = await store.insert_support(tx, response_id, by.id, now)
                kind = ChangeKind.CREATED
            if process.is_remote:  # a Like to the node that asked: of this argument, by whom
                await record(tx, REMOTE_SUPPORT_SUBJECT, response_id, kind, by.id, now)
            else:
                await record(tx, SUPPORT_SUBJECT, support, kind, by.id, now)
            return kind is ChangeKind.CREATED

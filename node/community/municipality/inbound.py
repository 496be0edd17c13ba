"""On a gemeente node: residents' questions that reached us from the nodes we follow, and
the contact person's answers to them.

The federation layer hands a question over (`receive`) once it has checked that it comes
from a node we follow; an answer records a change `question_answer` (created, or updated
when corrected), which the federation layer sends back to the resident's node.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from node.community import changes
from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Problems
from node.community.municipality.questions import ANSWER, BODY, SUBJECT_FIELD
from node.storage import Database, Row
from node.storage.municipality import inbound as store

ANSWER_SUBJECT = "question_answer"
MAX_NAME = 200


@dataclass(frozen=True)
class InboundQuestion:
    id: int
    ap_id: str
    origin_uri: str
    origin_name: str
    asker_name: str
    subject: str
    body: str
    asked_at: str
    answer: str | None
    answered_by_name: str | None
    answered_at: str | None
    withdrawn_at: str | None

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.withdrawn_at is None

    @classmethod
    def from_row(cls, row: Row) -> InboundQuestion:
        return cls(
            id=row["id"],
            ap_id=row["ap_id"],
            origin_uri=row["origin_actor_uri"],
            origin_name=row["origin_name"],
            asker_name=row["asker_name"],
            subject=row["subject"],
            body=row["body"],
            asked_at=row["asked_at"],
            answer=row["answer"],
            answered_by_name=row["answerer_name"],
            answered_at=row["answered_at"],
            withdrawn_at=row["withdrawn_at"],
        )


@dataclass(frozen=True)
class Arrival:
    """A question as another node sent it."""

    ap_id: str
    origin: str
    asker_name: str
    subject: str
    body: str
    asked_at: str | None  # as the node says; we keep it when it is not in the future


class InboundQuestions:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def receive(self, arrival: Arrival) -> InboundQuestion:
        """Keep a question from a followed node (again: nothing changes). Refused, with the
        reason, when it is empty or longer than residents here may write."""
        subject, body = " ".join(arrival.subject.split()), arrival.body.strip()
        if not subject or not body:
            raise Invalid(N_("A question needs a subject and a text."))
        if len(subject) > SUBJECT_FIELD.max or len(body) > BODY.max:
            raise Invalid(N_("This question is longer than the municipality can take."))
        now = self.clock()
        asked = now
        with contextlib.suppress(ValueError):  # no date we can read: when it arrived
            asked = min(parse_iso(arrival.asked_at or ""), now)
        async with self.db.transaction() as tx:
            question_id = await store.insert(
                tx,
                ap_id=arrival.ap_id,
                origin=arrival.origin,
                asker_name=(" ".join(arrival.asker_name.split()) or "?")[:MAX_NAME],
                subject=subject,
                body=body,
                asked_at=iso(asked),
                now=iso(now),
            )
        return await self._get(question_id)

    async def known(self, ap_id: str) -> bool:
        return await store.by_ap_id(self.db, ap_id) is not None

    async def withdrawn(self, ap_id: str, origin: str) -> bool:
        """The resident took the question back on their node; False if we do not have it."""
        async with self.db.transaction() as tx:
            return await store.set_withdrawn(tx, ap_id, origin, iso(self.clock())) > 0

    async def get(self, by: Member | None, question_id: int) -> InboundQuestion:
        if by is None or not by.can(Action.ANSWER_QUESTIONS):
            raise NotFound(N_("This question does not exist, or it is not yours."))
        return await self._get(question_id)

    async def _get(self, question_id: int) -> InboundQuestion:
        row = await store.by_id(self.db, question_id)
        if row is None:
            raise NotFound(N_("This question does not exist, or it is not yours."))
        return InboundQuestion.from_row(row)

    async def answer(self, by: Member, question_id: int, text: str) -> InboundQuestion:
        """Answer a question from a followed node, or correct the answer."""
        if not by.can(Action.ANSWER_QUESTIONS):
            raise NotAllowed(N_("Only the contact person or an admin can answer questions."))
        question = await self.get(by, question_id)
        if question.withdrawn_at:
            raise Invalid(
                N_("The resident withdrew this question, so your answer cannot reach them.")
            )
        problems = Problems()
        text = problems.text(ANSWER, text)
        problems.check()
        kind = ChangeKind.CREATED if question.answered_at is None else ChangeKind.UPDATED
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.set_answer(tx, question_id, answer=text, by=by.id, now=now)
            await changes.record(tx, ANSWER_SUBJECT, question_id, kind, by.id, now)
        return await self._get(question_id)

    async def sent_answer(self, question_id: int) -> InboundQuestion | None:
        """For the federation layer: the question with its answer, if it has one."""
        row = await store.by_id(self.db, question_id)
        question = None if row is None else InboundQuestion.from_row(row)
        return question if question is not None and question.answer else None

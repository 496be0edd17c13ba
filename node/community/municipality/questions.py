"""Questions residents ask the municipality's contact person ("Wie kan ik bellen?").

A question is private: only the resident who asked it, the contact person and admins see
it. When the gemeente assigned this node a contact person (contacts.py), a question goes to
the gemeente's node, addressed to it alone (a change `question`: created, or deleted when
the resident withdraws it), and its answer comes back from there. Without one, our own
members with role `contact` answer it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community import changes
from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.municipality.contacts import ContactPersons
from node.storage import Database, Row
from node.storage.municipality import questions as store

SUBJECT = "question"  # the subject of its changes (federated to the gemeente)

SUBJECT_FIELD = Field(
    "question.subject", N_("What is it about?"), 150, required=True,
    missing=N_("Say in a few words what your question is about."),
)  # fmt: skip
BODY = Field(
    "question.body", N_("Your question"), 5000, required=True,
    missing=N_("Write your question."),
)  # fmt: skip
ANSWER = Field(
    "question.answer", N_("Your answer"), 5000, required=True,
    missing=N_("Write an answer before you send it."),
)  # fmt: skip


@dataclass(frozen=True)
class Question:
    id: int
    asker_id: int
    asker_name: str
    subject: str
    body: str
    created_at: str
    answer: str | None
    answered_by_name: str | None
    answered_at: str | None
    to_gemeente: str | None = None  # the gemeente's actor it went to; None: answered here
    withdrawn_at: str | None = None
    refused_at: str | None = None

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.withdrawn_at is None and not self.refused_at

    def visible_to(self, member: Member | None) -> bool:
        if member is None or not member.is_active:
            return False
        return member.id == self.asker_id or member.can(Action.ANSWER_QUESTIONS)

    @classmethod
    def from_row(cls, row: Row) -> Question:
        return cls(
            id=row["id"],
            asker_id=row["asker_id"],
            asker_name=row["asker_name"],
            subject=row["subject"],
            body=row["body"],
            created_at=row["created_at"],
            answer=row["answer"],
            answered_by_name=row["answerer_name"],
            answered_at=row["answered_at"],
            to_gemeente=row["to_actor_uri"],
            withdrawn_at=row["withdrawn_at"],
            refused_at=row["refused_at"],
        )


class Questions:
    def __init__(self, db: Database, clock: Clock, contacts: ContactPersons) -> None:
        self.db = db
        self.clock = clock
        self.contacts = contacts

    async def ask(self, by: Member, *, subject: str, body: str) -> Question:
        if not by.can(Action.ASK_QUESTION):
            raise NotAllowed(N_("Log in to ask the contact person a question."))
        problems = Problems()
        subject = problems.text(SUBJECT_FIELD, subject, single_line=True)
        body = problems.text(BODY, body)
        problems.check()
        gemeente = await self.contacts.gemeente()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            question_id = await store.insert_question(
                tx, asker_id=by.id, subject=subject, body=body, now=now, to=gemeente
            )
            if gemeente:  # the federation layer sends it there
                await changes.record(tx, SUBJECT, question_id, ChangeKind.CREATED, by.id, now)
        return await self.get(by, question_id)

    async def withdraw(self, by: Member, question_id: int) -> Question:
        """The resident takes back a question that has no answer yet."""
        question = await self.get(by, question_id)
        if question.asker_id != by.id:
            raise NotAllowed(N_("Only the resident who asked a question can withdraw it."))
        if not question.is_open:
            raise Invalid(N_("This question is answered or withdrawn already."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.set_withdrawn(tx, question_id, now)
            if question.to_gemeente:
                await changes.record(tx, SUBJECT, question_id, ChangeKind.DELETED, by.id, now)
        return await self.get(by, question_id)

    async def sent(self, question_id: int) -> Question | None:
        """A question as the federation layer sends it: only one that went to a gemeente."""
        row = await store.question_by_id(self.db, question_id)
        question = None if row is None else Question.from_row(row)
        return question if question is not None and question.to_gemeente else None

    async def answered_there(
        self, question_id: int, origin: str, *, answer: str, by_name: str
    ) -> None:
        """The gemeente's answer arrived (or its correction); the resident is notified."""
        question = await self.sent(question_id)
        if question is None or question.to_gemeente != origin:
            raise NotFound(N_("This question does not exist, or it is not yours."))
        if question.withdrawn_at:
            raise Invalid(N_("This question was withdrawn."))
        answer = answer.strip()
        if not answer or len(answer) > ANSWER.max:
            raise Invalid(N_("Keep the answer under %(count)s characters."), count=ANSWER.max)
        async with self.db.transaction() as tx:
            await store.set_remote_answer(
                tx, question_id, answer=answer, by_name=by_name.strip()[:200], now=iso(self.clock())
            )

    async def refused_there(self, question_id: int, origin: str) -> None:
        """The gemeente could not take the question (it does not follow this node)."""
        question = await self.sent(question_id)
        if question is None or question.to_gemeente != origin:
            raise NotFound(N_("This question does not exist, or it is not yours."))
        async with self.db.transaction() as tx:
            await store.set_refused(tx, question_id, iso(self.clock()))

    async def answer(self, by: Member, question_id: int, text: str) -> Question:
        """Answer a question, or correct an earlier answer."""
        if not by.can(Action.ANSWER_QUESTIONS):
            raise NotAllowed(N_("Only the contact person or an admin can answer questions."))
        question = await self.get(by, question_id)
        if question.to_gemeente:
            raise Invalid(
                N_("This question went to the municipality; the answer comes from there.")
            )
        if question.withdrawn_at:
            raise Invalid(N_("This question was withdrawn."))
        problems = Problems()
        text = problems.text(ANSWER, text)
        problems.check()
        async with self.db.transaction() as tx:
            await store.set_answer(tx, question_id, answer=text, by=by.id, now=iso(self.clock()))
        return await self.get(by, question_id)

    async def get(self, viewer: Member | None, question_id: int) -> Question:
        """A question for someone allowed to see it; NotFound for anyone else, so that
        nobody learns which questions exist."""
        row = await store.question_by_id(self.db, question_id)
        question = None if row is None else Question.from_row(row)
        if question is None or not question.visible_to(viewer):
            raise NotFound(N_("This question does not exist, or it is not yours."))
        return question

    async def mine(self, member: Member) -> list[Question]:
        return [Question.from_row(r) for r in await store.questions_of(self.db, member.id)]

    async def queue(self, by: Member) -> list[Question]:
        """Open questions first (longest waiting on top), then answered ones."""
        if not by.can(Action.ANSWER_QUESTIONS):
            raise NotAllowed(N_("Only the contact person or an admin can see the questions."))
        return [Question.from_row(r) for r in await store.queue(self.db)]

    async def count_open(self, by: Member) -> int:
        if not by.can(Action.ANSWER_QUESTIONS):
            return 0
        return await store.count_open(self.db)

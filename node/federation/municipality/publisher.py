"""The change log of contact persons and questions → activities (docs/FEDERATION.md).

On the gemeente: `contact_card` → `Update{Profile}` to the node it describes (also sent
when that node accepts our Follow, so a node we start following learns its contact person
at once); `question_answer` → `Create{Note}` (or `Update` when corrected) to the node the
question came from. On a wijk: `question` → `Create{Note}` to the gemeente it is for, or
`Delete{Tombstone}` when the resident withdrew it. Each goes to that one node's inbox.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from node.community.changes import Change, ChangeKind
from node.community.clock import iso
from node.community.municipality.contacts import SUBJECT as CARD_SUBJECT
from node.community.municipality.contacts import Assignment
from node.community.municipality.inbound import ANSWER_SUBJECT
from node.community.municipality.questions import SUBJECT as QUESTION_SUBJECT
from node.federation import content as out
from node.federation.municipality import translate

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.community.neighbourhood import Neighbourhood
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors

SUBJECTS = (CARD_SUBJECT, QUESTION_SUBJECT, ANSWER_SUBJECT)


class ContactPublisher:
    def __init__(
        self,
        *,
        ids: Ids,
        hood: Neighbourhood,
        remote: RemoteActors,
        publisher: Publisher,
        clock: Clock,
    ) -> None:
        self.ids = ids
        self.hood = hood
        self.remote = remote
        self.publisher = publisher
        self.clock = clock

    async def publish(self, change: Change) -> None:
        if change.subject_type == CARD_SUBJECT:
            assignment = await self.hood.contacts.by_id(change.subject_id)
            if assignment is not None:
                await self._card(assignment)
        elif change.subject_type == QUESTION_SUBJECT:
            await self._question(change)
        elif change.subject_type == ANSWER_SUBJECT:
            await self._answer(change)

    async def followed(self, actor: str) -> None:
        """A node accepted our Follow: a gemeente tells it whom it assigned to it."""
        assignment = await self.hood.contacts.for_node(actor)
        if assignment is not None:
            await self._card(assignment)

    async def _card(self, assignment: Assignment) -> None:
        node = assignment.node_actor_uri
        card = translate.contact_card(self.ids, assignment.id, node, assignment.people)
        await self._send("Update", card, node)

    async def _question(self, change: Change) -> None:
        question = await self.hood.questions.sent(change.subject_id)
        if question is None or question.to_gemeente is None:
            return
        gemeente = question.to_gemeente
        if change.kind is ChangeKind.DELETED:
            stone = out.tombstone(
                self.ids.object("question", question.id), "Note", iso(self.clock())
            )
            await self._send("Delete", stone, gemeente)
        else:
            await self._send(
                "Create", translate.question_note(self.ids, question, gemeente), gemeente
            )

    async def _answer(self, change: Change) -> None:
        question = await self.hood.inbound.sent_answer(change.subject_id)
        if question is None:
            return
        verb = "Create" if change.kind is ChangeKind.CREATED else "Update"
        await self._send(verb, translate.answer_note(self.ids, question), question.origin_uri)

    async def _send(self, verb: str, document: dict[str, Any], to: str) -> None:
        inbox = (await self.remote.get(to)).delivery_inbox
        activity = {
            "@context": out.context_of(document),
            "type": verb,
            "object": out.embedded(document),
            "to": [to],
        }
        await self.publisher.send(activity, [inbox])

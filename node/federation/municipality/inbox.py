"""Incoming activities about the contact person and residents' questions (docs/FEDERATION.md).

On a wijk: the gemeente's contact card (`Update{Profile}` describing us, from a gemeente
node that follows us); the answer to one of our questions (`Create`/`Update{Note}`
`inReplyTo` it, from the gemeente it went to); a `Reject` of a question it cannot take.
On the gemeente: a question (`Create{Note}` with `askedBy`, to our actor) from a node we
follow, else a `Reject` with the reason; `Delete` of one, when the resident withdrew it.

The processor asks `handler()` first, so none of these ends up as "In de buurt" content.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from node.community.errors import DomainError
from node.federation.municipality import translate
from node.federation.vocab import Ignored, object_id, same_host
from node.storage.federation import actors as store

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.community.neighbourhood import Neighbourhood
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors
    from node.storage import Database

Activity = dict[str, Any]
Handler = Callable[[str, Activity], Awaitable[None]]
NOT_FOLLOWED = (
    "De gemeente volgt dit knooppunt niet en kan de vraag daarom niet aannemen. "
    "Bel het aanspreekpunt van de gemeente."
)


class ContactInbox:
    def __init__(
        self,
        *,
        db: Database,
        ids: Ids,
        hood: Neighbourhood,
        remote: RemoteActors,
        publisher: Publisher,
        clock: Clock,
    ) -> None:
        self.db = db
        self.ids = ids
        self.hood = hood
        self.remote = remote
        self.publisher = publisher
        self.clock = clock

    async def handler(self, name: str, activity: Activity) -> Handler | None:
        """The handler for an activity about contact persons or questions, else None."""
        value = activity.get("object")
        if name == "on_update" and translate.is_card(value, self.ids.actor):
            return self._card
        if name == "on_create" and translate.is_question(value):
            return self._question
        if (
            name in ("on_create", "on_update")
            and isinstance(value, dict)
            and self._our_question(value.get("inReplyTo")) is not None
        ):
            return self._answer
        if name == "on_reject" and self._our_question(value) is not None:
            return self._refused
        if name == "on_delete" and await self.hood.inbound.known(object_id(value) or ""):
            return self._withdrawn
        return None

    def _our_question(self, value: Any) -> int | None:
        found = self.ids.parse_object(object_id(value))
        return found[1] if found is not None and found[0] == "question" else None

    @staticmethod
    def _own(actor: str, doc: dict[str, Any]) -> None:
        if object_id(doc.get("attributedTo")) != actor or not same_host(object_id(doc), actor):
            raise Ignored("an object attributed to someone other than its sender")

    # -- on a wijk -----------------------------------------------------------------

    async def _card(self, actor: str, activity: Activity) -> None:
        doc = activity["object"]
        self._own(actor, doc)
        follower = await store.follower(self.db, actor)
        if follower is None or follower["state"] != "accepted":
            raise Ignored("a contact card from a node that does not follow us")
        if (await self.remote.get(actor)).node_kind != "gemeente":
            raise Ignored("a contact card from a node that is not a gemeente")
        await self.hood.contacts.keep(actor, translate.card_people(doc))

    async def unfollowed(self, actor: str) -> None:
        """A node stopped following us: if it was our gemeente, its card no longer holds."""
        if await self.hood.contacts.gemeente() == actor:
            await self.hood.contacts.keep(actor, [])

    async def _answer(self, actor: str, activity: Activity) -> None:
        doc = activity["object"]
        self._own(actor, doc)
        question_id = self._our_question(doc.get("inReplyTo"))
        assert question_id is not None
        by_name = doc.get("answeredBy")
        await self.hood.questions.answered_there(
            question_id,
            actor,
            answer=translate.text_of(doc),
            by_name=by_name if isinstance(by_name, str) else "",
        )

    async def _refused(self, actor: str, activity: Activity) -> None:
        question_id = self._our_question(activity.get("object"))
        assert question_id is not None
        await self.hood.questions.refused_there(question_id, actor)

    # -- on the gemeente -----------------------------------------------------------

    async def _question(self, actor: str, activity: Activity) -> None:
        doc = activity["object"]
        self._own(actor, doc)
        recipients = doc.get("to") if isinstance(doc.get("to"), list) else [doc.get("to")]
        if self.ids.actor not in [object_id(r) for r in recipients]:
            raise Ignored("a question for someone else")
        following = await store.following(self.db, actor)
        if following is None or following["state"] != "accepted":
            await self._refuse(actor, doc, NOT_FOLLOWED)
            raise Ignored("a question from a node we do not follow (refused)")
        try:
            await self.hood.inbound.receive(translate.arrival(doc, actor))
        except DomainError as error:  # too long, empty: they hear why
            await self._refuse(actor, doc, str(error))
            raise

    async def _refuse(self, actor: str, doc: dict[str, Any], reason: str) -> None:
        inbox = (await self.remote.get(actor)).delivery_inbox
        refusal = translate.refusal(doc, actor, reason, self.clock())
        await self.publisher.send(refusal, [inbox])

    async def _withdrawn(self, actor: str, activity: Activity) -> None:
        if not await self.hood.inbound.withdrawn(object_id(activity.get("object")) or "", actor):
            raise Ignored("a Delete of a question by someone other than its node")

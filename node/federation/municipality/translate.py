"""The municipality's contact persons and residents' questions ⇄ ActivityStreams.

None of these is public: each is addressed to one node's actor only.
- the contact card: a `Profile` that `describes` the wijk, sent by the gemeente in an
  `Update` whenever its assignment changes or the gemeente starts following the wijk;
  `contactPerson` and `standIn` carry name, `telephone`, `hours` and `summary`.
- a question: a `Note` of the wijk (its own id, `attributedTo` the wijk's actor, never the
  resident's), `name` the subject, `askedBy` the resident's display name.
- the answer: a `Note` of the gemeente `inReplyTo` the question, `answeredBy` the contact
  person's name; an `Update` of it corrects the answer.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from node.community.clock import iso
from node.community.municipality.contacts import ContactPerson
from node.community.municipality.inbound import Arrival, InboundQuestion
from node.community.municipality.questions import Question
from node.community.text import plain_text
from node.federation.content import Object
from node.federation.ids import AS_CONTEXT, Ids


def contact_terms(ids: Ids) -> dict[str, Any]:
    """Our terms for contact persons and questions; served at ids.context with the others."""
    ns = "buurtnode:"
    return {
        "buurtnode": f"{ids.context}#",
        "contactPerson": f"{ns}contactPerson",
        "standIn": f"{ns}standIn",
        "telephone": "http://schema.org/telephone",
        "hours": f"{ns}hours",
        "askedBy": f"{ns}askedBy",
        "answeredBy": f"{ns}answeredBy",
    }


def _context(ids: Ids) -> list[Any]:
    return [AS_CONTEXT, contact_terms(ids)]


def _text_html(text: str) -> str:
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())


def _with_source(text: str) -> dict[str, Any]:
    """HTML for every reader, and the resident's own words as typed (Mastodon's `source`)."""
    return {"content": _text_html(text), "source": {"content": text, "mediaType": "text/plain"}}


def text_of(doc: dict[str, Any]) -> str:
    """What a resident or official typed: the plain `source`, else the content as text."""
    source = doc.get("source")
    if (
        isinstance(source, dict)
        and source.get("mediaType") == "text/plain"
        and isinstance(source.get("content"), str)
    ):
        return str(source["content"])
    content = doc.get("content")
    return plain_text(content) if isinstance(content, str) else ""


def _string(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# -- the contact card ----------------------------------------------------------------


def _person(person: ContactPerson) -> Object:
    return {
        "name": person.name,
        "telephone": person.phone,
        "hours": person.hours,
        "summary": person.about,
    }


def contact_card(ids: Ids, card_id: int, node: str, people: list[ContactPerson]) -> Object:
    card: Object = {
        "@context": _context(ids),
        "id": ids.object("contact_card", card_id),
        "type": "Profile",
        "describes": node,
        "attributedTo": ids.actor,
        "to": [node],
    }
    for person in people:
        card["standIn" if person.standin else "contactPerson"] = _person(person)
    return card


def is_card(doc: Any, our_actor: str) -> bool:
    return (
        isinstance(doc, dict) and doc.get("type") == "Profile" and doc.get("describes") == our_actor
    )


def card_people(doc: dict[str, Any]) -> list[ContactPerson]:
    people = []
    for key, standin in (("contactPerson", False), ("standIn", True)):
        value = doc.get(key)
        if isinstance(value, dict) and _string(value.get("name")):
            people.append(
                ContactPerson(
                    _string(value.get("name")),
                    _string(value.get("telephone")),
                    _string(value.get("hours")),
                    _string(value.get("summary")),
                    standin,
                )
            )
    return people


# -- questions and answers -------------------------------------------------------------


def question_note(ids: Ids, question: Question, gemeente: str) -> Object:
    return {
        "@context": _context(ids),
        "id": ids.object("question", question.id),
        "type": "Note",
        "attributedTo": ids.actor,
        "to": [gemeente],
        "name": question.subject,
        "askedBy": question.asker_name,
        "published": question.created_at,
        **_with_source(question.body),
    }


def is_question(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("type") == "Note" and "askedBy" in doc


def arrival(doc: dict[str, Any], origin: str) -> Arrival:
    published = doc.get("published")
    return Arrival(
        ap_id=str(doc["id"]),
        origin=origin,
        asker_name=_string(doc.get("askedBy")),
        subject=_string(doc.get("name")),
        body=text_of(doc),
        asked_at=published if isinstance(published, str) and len(published) == 20 else None,
    )


def answer_note(ids: Ids, question: InboundQuestion) -> Object:
    return {
        "@context": _context(ids),
        "id": ids.object("question_answer", question.id),
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": question.ap_id,
        "to": [question.origin_uri],
        "answeredBy": question.answered_by_name or "",
        "published": question.answered_at,
        **_with_source(question.answer or ""),
    }


def refusal(question: dict[str, Any], node: str, reason: str, now: datetime) -> Object:
    """A `Reject` of a question we cannot take (its Note's id), with the reason in words."""
    return {
        "type": "Reject",
        "object": question.get("id"),
        "to": [node],
        "content": _text_html(reason),
        "published": iso(now),
    }

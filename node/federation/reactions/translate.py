"""Comments → ActivityStreams: a resident's comment on our initiative or activity, as a Note
from the Group in reply to it, signed with the resident's name."""

from __future__ import annotations

from node.federation.content import Object, addressed, paragraph
from node.federation.ids import AS_CONTEXT, Ids
from node.storage import Row

# The page a comment shows on, by what it is on.
_COMMENT_PAGES = {
    "initiative": "/initiatieven/{id}#reacties",
    "event": "/activiteiten/{id}#reacties",
}


def comment_note(ids: Ids, comment: Row) -> Object:
    """A resident's comment on our initiative or activity, from the Group, signed with their
    name."""
    author = comment["author_name"] or "een oud-bewoner"
    signature = f"— {author}" + (", namens de gemeente" if comment["is_official"] else "")
    content = f"{comment['body_html']}{paragraph(signature)}"
    subject = comment["subject_type"]
    document: Object = {
        "id": ids.object("comment", comment["id"]),
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": ids.object(subject, comment["subject_id"]),
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": ids.url + _COMMENT_PAGES[subject].format(id=comment["subject_id"]),
        "published": comment["created_at"],
        "updated": comment["updated_at"],
    }
    return {"@context": AS_CONTEXT, **addressed(ids, document)}

"""Domain → ActivityStreams for buurtberichten (the prikbord): a resident's post as a Note.

Residents have no actor of their own (private by default), so the Group is the author and
the resident's display name is in the text, as with comments. Only public and unlisted
posts are ever shaped here; members-only posts never leave the node. Photos travel as
`attachment` Documents with the alt text as `name`, an edited post carries `updated`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from node.community.media import media_type
from node.community.posts.photos import Photo
from node.community.posts.service import Post, Visibility
from node.federation.ids import AS_CONTEXT, PUBLIC, Ids

Object = dict[str, Any]
HASHTAG_TERMS = {"Hashtag": "as:Hashtag"}


def _attachment(ids: Ids, photo: Photo) -> Object:
    found: Object = {
        "type": "Document",
        "mediaType": media_type(photo.file_name),
        "url": f"{ids.url}/prikbord/media/{photo.file_name}",
        "width": photo.width,
        "height": photo.height,
    }
    if photo.description:
        found["name"] = photo.description
    return found


def post_note(ids: Ids, post: Post) -> Object:
    """A public post to Public and our followers; an unlisted one to our followers with
    Public in cc (Mastodon's unlisted). A reply to another post replies to its Note."""
    if post.visibility is Visibility.MEMBERS:
        raise ValueError("a members-only post is never sent")
    author = post.author_name or "een oud-bewoner"
    content = f"{post.html}<p>{escape(f'— {author}')}</p>"
    document: Object = {
        "id": ids.object("post", post.id),
        "type": "Note",
        "attributedTo": ids.actor,
        "content": content,
        "contentMap": {post.language or "nl": content},
        "mediaType": "text/html",
        "url": f"{ids.url}/prikbord/{post.id}",
        "published": post.created_at,
    }
    if post.in_reply_to_post_id is not None:
        document["inReplyTo"] = ids.object("post", post.in_reply_to_post_id)
    if post.spoiler_text:  # Mastodon shows `summary` as the content warning
        document["summary"] = post.spoiler_text
    if post.photos:  # as Mastodon sends them: the alt text is the attachment's name
        document["attachment"] = [_attachment(ids, photo) for photo in post.photos]
    if post.edited_at:
        document["updated"] = post.edited_at
    if post.tags:
        document["tag"] = [
            {"type": "Hashtag", "href": f"{ids.url}/prikbord?tag={tag}", "name": f"#{tag}"}
            for tag in post.tags
        ]
    if post.visibility is Visibility.PUBLIC:
        document.update(to=[PUBLIC], cc=[ids.followers])
    else:
        document.update(to=[ids.followers], cc=[PUBLIC])
    context: Any = [AS_CONTEXT, HASHTAG_TERMS] if post.tags else AS_CONTEXT
    return {"@context": context, **document}

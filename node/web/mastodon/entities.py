"""The one place that turns domain objects into Mastodon API JSON.

Residents are accounts (acct = user name); the node itself is an account with
`group: true` that "posts" the initiatives, activities and announcements, each as a status
with a short plain sentence and a card linking to its page. A followed node is a group
account elsewhere (acct = handle@host) posting its own, with a card linking to its page there.
"""

from __future__ import annotations

import hashlib
from html import escape
from typing import Any
from urllib.parse import urlsplit

from node.community.accounts.follows import AccountStats
from node.community.accounts.members import Member
from node.community.accounts.notifications import Marker, Notification
from node.community.accounts.oauth import App, Token
from node.community.clock import parse_iso
from node.community.network.nearby import RemoteItem
from node.community.posts.photos import Photo
from node.community.posts.service import BODY as MESSAGE
from node.community.posts.timeline import StatusItem
from node.web.i18n import gettext as _
from node.web.i18n import ngettext
from node.web.mastodon.api import Site
from node.web.pages.calendar.format import when

NODE_ACCOUNT_ID = "999999999999"  # digits, as Mastodon ids are; far above any member id
VERSION = "4.2.0 (compatible; Buurtnode {version})"
MAX_CHARACTERS = MESSAGE.max  # what an app may post: the prikbord's own limit
_PAGES = {
    "post": "/prikbord/{id}",
    "initiative": "/initiatieven/{id}",
    "event": "/activiteiten/{id}",
    "announcement": "/mededelingen/{id}",
}
_VISIBILITY = {"public": "public", "unlisted": "unlisted", "members": "private"}


def timestamp(stored: str | None) -> str | None:
    """Stored '2026-03-03T13:05:00Z' as Mastodon writes it: '2026-03-03T13:05:00.000Z'."""
    return None if not stored else stored.replace("Z", ".000Z")


def _avatar(site: Site) -> str:
    return f"{site.url}/static/avatar.svg"


def _account(site: Site, **fields: Any) -> dict[str, Any]:
    no = ("locked", "bot", "group", "discoverable", "indexable", "suspended", "limited")
    counts = ("statuses_count", "followers_count", "following_count")
    return (
        dict.fromkeys(no, False)
        | dict.fromkeys(counts, 0)
        | dict.fromkeys(("emojis", "fields", "roles"), [])  # never changed in place
        | dict.fromkeys(("note", "header", "header_static"), "")
        | {"noindex": True, "moved": None, "last_status_at": None}
        | {"avatar": _avatar(site), "avatar_static": _avatar(site)}
        | fields
    )


def member_url(site: Site, username: str, public_profile: bool) -> str:
    """A page that exists: the member's own with a public profile, else the node's."""
    return f"{site.url}/@{username}" if public_profile else f"{site.url}/"


def node_account(site: Site) -> dict[str, Any]:
    return _account(
        site,
        id=NODE_ACCOUNT_ID,
        username=site.handle,
        acct=site.handle,
        url=site.url + "/",
        uri=f"{site.url}/ap/actor",
        display_name=site.name,
        note=f"<p>{escape(site.name)}</p>",
        group=True,
        discoverable=True,
        noindex=False,
        created_at="2020-01-01T00:00:00.000Z",
    )


def account(
    site: Site, member: Member, stats: AccountStats | None = None, *, source: bool = False
) -> dict[str, Any]:
    found = _account(
        site,
        id=str(member.id),
        username=member.username,
        acct=member.username,
        url=member_url(site, member.username, member.public_profile),
        uri=f"{site.url}/ap/members/{member.username}"
        if member.public_profile
        else f"{site.url}/@{member.username}",
        display_name=member.display_name,
        note=f"<p>{escape(member.about)}</p>" if member.about else "",
        created_at=timestamp(member.created_at),
    )
    if stats is not None:
        found |= {
            "statuses_count": stats.statuses,
            "followers_count": stats.followers,
            "following_count": stats.following,
            "last_status_at": stats.last_status_at[:10] if stats.last_status_at else None,
        }
    if source:
        found["source"] = {
            "note": member.about,
            "fields": [],
            "privacy": "public",
            "sensitive": False,
            "language": "nl",
            "follow_requests_count": 0,
        }
    return found


def remote_id(actor_uri: str) -> str:
    """A stable digit id for an account elsewhere, from its URI."""
    return str(int(hashlib.sha256(actor_uri.encode()).hexdigest()[:13], 16))


def remote_account(
    site: Site, actor_uri: str, name: str, *, handle: str = "", group: bool = False
) -> dict[str, Any]:
    """Someone elsewhere (who commented or shared, or a followed node: `group`); a stable
    digit id from their URI. `handle` is user@host when known."""
    host = urlsplit(actor_uri).netloc
    short = actor_uri.rstrip("/").rsplit("/", 1)[-1].lstrip("@") or host
    if "@" in handle:
        short, host = handle.split("@", 1)
    return _account(
        site,
        id=remote_id(actor_uri),
        username=short,
        acct=f"{short}@{host}",
        url=actor_uri,
        uri=actor_uri,
        display_name=name or short,
        group=group,
        created_at="2020-01-01T00:00:00.000Z",
    )


def photo_url(site: Site, photo: Photo) -> str:
    return f"{site.url}/prikbord/media/{photo.file_name}"


def media_attachment(site: Site, photo: Photo) -> dict[str, Any]:
    """A photo as Mastodon's MediaAttachment; one size serves as original and preview."""
    url = photo_url(site, photo)
    size = {
        "width": photo.width,
        "height": photo.height,
        "size": f"{photo.width}x{photo.height}",
        "aspect": round(photo.width / photo.height, 4),
    }
    return {
        "id": str(photo.id),
        "type": "image",
        "url": url,
        "preview_url": url,
        "remote_url": None,
        "preview_remote_url": None,
        "text_url": None,
        "meta": {"original": size, "small": size},
        "description": photo.description or None,
        "blurhash": None,
    }


def _card(site: Site, url: str, title: str, description: str) -> dict[str, Any]:
    empty = dict.fromkeys(("author_name", "author_url", "html", "embed_url"), "")
    return empty | {
        "url": url,
        "title": title,
        "description": description,
        "type": "link",
        "provider_name": site.name,
        "provider_url": site.url + "/",
        "width": 0,
        "height": 0,
        "image": None,
        "blurhash": None,
        "language": None,
    }


def _node_content(site: Site, item: StatusItem, url: str) -> tuple[str, dict[str, Any]]:
    """The sentence and card for an initiative, activity or announcement."""
    if item.initiative is not None:
        found = item.initiative
        sentence = _(
            "Initiative: %(title)s (%(status)s).", title=found.title, status=_(found.status.label)
        )
        return f"<p>{escape(sentence)}</p><p>{escape(found.summary)}</p>", _card(
            site, url, found.title, found.summary
        )
    if item.event is not None:
        event = item.event
        sentence = _("Activity: %(title)s, %(when)s.", title=event.title, when=when(event))
        if event.where:
            sentence = _(
                "Activity: %(title)s, %(when)s, at %(place)s.",
                title=event.title,
                when=when(event),
                place=event.where,
            )
        if event.is_cancelled:
            sentence = _("Cancelled: %(sentence)s", sentence=sentence)
        return f"<p>{escape(sentence)}</p>", _card(site, url, event.title, sentence)
    news = item.announcement
    assert news is not None
    content = f"<p><strong>{escape(news.title)}</strong></p>{news.html}"
    return content, _card(site, url, news.title, news.summary)


def _remote_content(site: Site, found: RemoteItem) -> tuple[str, dict[str, Any]]:
    """A followed node's initiative, activity or news: its name, its (sanitised) content and
    a card to its page there."""
    origin = urlsplit(found.origin_uri)
    if found.bookings:  # a day's bookings of its wijkboekhouding: one status, not one each
        title = ngettext(
            "%(num)s new booking in the wijkboekhouding",
            "%(num)s new bookings in the wijkboekhouding",
            found.bookings,
        )
        link = f'<a href="{escape(found.link)}">{escape(found.link)}</a>'
        content = f"<p>{escape(title)}: {link}</p>"
    else:
        title, content = found.name, found.body_html
        if found.name:
            content = f"<p><strong>{escape(found.name)}</strong></p>{content}"
    card = _card(site, found.link, title, "") | {
        "provider_name": found.origin_name,
        "provider_url": f"{origin.scheme}://{origin.netloc}/",
    }
    return content, card


def status(site: Site, item: StatusItem) -> dict[str, Any]:
    card, edited_at, media = None, None, []
    visibility, spoiler, language, mentions, tags = "public", "", "nl", [], []
    uri = f"{site.url}/ap/objects/{item.subject_type}/{item.subject_id}"
    if item.remote is not None:
        uri, url = item.remote.ap_id, item.remote.link
        content, card = _remote_content(site, item.remote)
    elif item.post is not None:
        post = item.post
        url = site.url + _PAGES["post"].format(id=post.id)
        content, spoiler, language = post.html, post.spoiler_text, post.language
        visibility = _VISIBILITY[post.visibility.value]
        mentions = [
            {"id": str(i), "username": n, "acct": n, "url": member_url(site, n, public)}
            for i, n, public in post.mentions
        ]
        tags = [{"name": t, "url": f"{site.url}/prikbord?tag={t}"} for t in post.tags]
        media = [media_attachment(site, photo) for photo in post.photos]
        edited_at = timestamp(post.edited_at)
    elif item.comment is not None:
        comment = item.comment
        page = _PAGES.get(comment.subject_type, "/").format(id=comment.subject_id)
        url = f"{site.url}{page}#reactie-{comment.id}"
        content, language = comment.html, None
    else:
        url = site.url + _PAGES[item.subject_type].format(id=item.subject_id)
        content, card = _node_content(site, item, url)
    if item.remote is not None:
        found = item.remote
        author = remote_account(
            site, found.origin_uri, found.origin_name, handle=found.origin_handle, group=True
        )
    elif item.by_node:
        author = node_account(site)
    elif item.author is not None:
        author = account(site, item.author)
    elif item.comment is not None and item.comment.remote_actor_uri:
        comment = item.comment
        author = remote_account(
            site, comment.remote_actor_uri, comment.author_name, handle=comment.remote_handle
        )
    else:
        author = node_account(site)  # a resident who left: shown as the neighbourhood's
    reply_to_account = None
    if item.in_reply_to_id is not None:
        reply_to_account = str(item.in_reply_to_member_id or NODE_ACCOUNT_ID)
    return {
        "id": str(item.id),
        "uri": uri,
        "url": url,
        "created_at": timestamp(item.created_at),
        "edited_at": edited_at,
        "account": author,
        "content": content,
        "text": None,
        "visibility": visibility,
        "sensitive": bool(spoiler),
        "spoiler_text": spoiler,
        "media_attachments": media,
        "application": None,
        "mentions": mentions,
        "tags": tags,
        "emojis": [],
        "reblogs_count": item.reblogs,
        "favourites_count": item.favourites,
        "replies_count": item.replies,
        "in_reply_to_id": str(item.in_reply_to_id) if item.in_reply_to_id else None,
        "in_reply_to_account_id": reply_to_account,
        "reblog": None,
        "poll": None,
        "card": card,
        "language": language,
        "favourited": item.favourited,
        "reblogged": item.reblogged,
        "muted": False,
        "bookmarked": False,
        "pinned": False,
        "filtered": [],
    }


def notification(
    found: Notification, who: dict[str, Any], about: dict[str, Any] | None
) -> dict[str, Any]:
    return {
        "id": str(found.id),
        "type": found.type,
        "created_at": timestamp(found.created_at),
        "group_key": f"ungrouped-{found.id}",
        "account": who,
        "status": about,
    }


def relationship(account_id: str, following: bool, followed_by: bool) -> dict[str, Any]:
    never = ("notifying", "blocking", "blocked_by", "muting", "muting_notifications")
    never += ("requested", "requested_by", "domain_blocking", "endorsed")
    return {
        "id": account_id,
        "following": following,
        "showing_reblogs": following,
        "followed_by": followed_by,
        "languages": None,
        "note": "",
    } | dict.fromkeys(never, False)


def marker(found: Marker) -> dict[str, Any]:
    return {
        "last_read_id": found.last_read_id,
        "version": found.version,
        "updated_at": timestamp(found.updated_at),
    }


def application(app: App, secret: str) -> dict[str, Any]:
    return {
        "id": str(app.id),
        "name": app.name,
        "website": app.website,
        "scopes": list(app.scopes),
        "redirect_uri": "\n".join(app.redirect_uris),
        "redirect_uris": list(app.redirect_uris),
        "client_id": app.client_id,
        "client_secret": secret,
        "client_secret_expires_at": 0,
        "vapid_key": "",
    }


def token(found: Token) -> dict[str, Any]:
    return {
        "access_token": found.access_token,
        "token_type": "Bearer",
        "scope": " ".join(found.scopes),
        "created_at": int(parse_iso(found.created_at).timestamp()),
    }

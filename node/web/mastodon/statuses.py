"""Statuses: post (with photos), edit, read, remove, threads, favourites ("ik steun dit" on
an initiative) and reblogs (counted, not repeated in timelines). Polls are refused with 422:
see docs/mastodon.md for why."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.posts.service import Post
from node.community.posts.timeline import StatusItem
from node.web.mastodon import entities
from node.web.mastodon.api import api, as_int, both, params, reply, site

# Mastodon's visibilities on ours; "direct" (private messages) has no place on a prikbord.
_VISIBILITY = {"public": "public", "unlisted": "unlisted", "private": "members"}


def _id(request: Request) -> int:
    found = as_int(request.path_params["status_id"])
    if found is None:
        raise NotFound(N_("This message does not exist (any more)."))
    return found


def _reply_target(item: StatusItem) -> tuple[str, int]:
    """What a reply answers: a post, or the thing a comment is on (comments are flat)."""
    if item.comment is not None:
        return item.comment.subject_type, item.comment.subject_id
    return item.subject_type, item.subject_id


def _photo_ids(data: dict[str, Any]) -> list[int] | None:
    """`media_ids[]` (form) or `media_ids` (JSON); None when not given at all."""
    given = data.get("media_ids")
    if given is None:
        return None
    given = given if isinstance(given, list) else [given]
    ids = [as_int(value) for value in given if str(value).strip()]
    if any(found is None for found in ids):
        raise Invalid(N_("This photo does not exist (any more). Add it once more."))
    return [found for found in ids if found is not None]


def _no_poll(data: dict[str, Any]) -> None:
    if data.get("poll") or any(key.startswith("poll[") for key in data):
        raise Invalid(
            N_(
                "Polls are not possible in neighbourhood messages. Post the question as text,"
                " or ask the buurtverbinder about a participation process."
            )
        )


@api("write:statuses")
async def create(request: Request, me: Member | None) -> Response:
    assert me is not None
    hood = request.app.state.hood
    key = request.headers.get("idempotency-key", "").strip()
    if key and (earlier := await hood.timeline.idempotent(me, key)) is not None:
        return reply(entities.status(site(request), await hood.timeline.get(me, earlier)))
    data = await params(request)
    _no_poll(data)
    visibility = str(data.get("visibility") or "public")
    if visibility not in _VISIBILITY:
        raise Invalid(N_("Private messages are not possible here; post for residents instead."))
    target = None
    if (reply_to := as_int(data.get("in_reply_to_id"))) is not None:
        target = _reply_target(await hood.timeline.get(me, reply_to))
    kind, made = await hood.posts.write(
        me,
        str(data.get("status") or ""),
        visibility=_VISIBILITY[visibility],
        spoiler_text=str(data.get("spoiler_text") or ""),
        language=str(data.get("language") or "") or None,
        in_reply_to=target,
        photo_ids=_photo_ids(data),
    )
    status_id = await hood.timeline.status_of(kind, made)
    if key:
        await hood.timeline.remember(me, key, status_id)
    return reply(entities.status(site(request), await hood.timeline.get(me, status_id)))


@api("read:statuses", user=False)
async def show(request: Request, me: Member | None) -> Response:
    item = await request.app.state.hood.timeline.get(me, _id(request))
    return reply(entities.status(site(request), item))


@api("write:statuses")
async def delete(request: Request, me: Member | None) -> Response:
    assert me is not None
    hood = request.app.state.hood
    item = await hood.timeline.get(me, _id(request))
    if item.post is None:
        raise NotAllowed(N_("Only messages can be removed from an app."))
    await hood.posts.delete(me, item.post.id)
    return reply(entities.status(site(request), item) | {"text": item.post.body})


async def _post(request: Request, me: Member) -> Post:
    item = await request.app.state.hood.timeline.get(me, _id(request))
    if item.post is None:
        raise NotAllowed(N_("Only messages can be changed from an app."))
    return item.post


@api("write:statuses")
async def edit(request: Request, me: Member | None) -> Response:
    """Mastodon's edit: the text, warning, language and photos; federates as an Update."""
    assert me is not None
    hood = request.app.state.hood
    post = await _post(request, me)
    data = await params(request)
    _no_poll(data)
    await hood.posts.edit(
        me,
        post.id,
        str(data.get("status") or ""),
        spoiler_text=str(data.get("spoiler_text") or ""),
        language=str(data.get("language") or "") or None,
        photo_ids=_photo_ids(data),  # as Mastodon: without media_ids the photos stay
    )
    return reply(entities.status(site(request), await hood.timeline.get(me, _id(request))))


@api("read:statuses")
async def source(request: Request, me: Member | None) -> Response:
    """What an app puts in its edit box (Phanpy, Elk and Tusky ask before editing)."""
    assert me is not None
    post = await _post(request, me)
    return reply(
        {
            "id": request.path_params["status_id"],
            "text": post.body,
            "spoiler_text": post.spoiler_text,
        }
    )


@api("read:statuses", user=False)
async def history(request: Request, me: Member | None) -> Response:
    """Mastodon lists every version; we keep only the message as it is now (an app that
    shows "edited" opens this), so the list holds that one version."""
    found = entities.status(
        site(request), await request.app.state.hood.timeline.get(me, _id(request))
    )
    keys = ("content", "spoiler_text", "sensitive", "account", "media_attachments", "emojis")
    version = {key: found[key] for key in keys} | {"poll": None}
    return reply([version | {"created_at": found["edited_at"] or found["created_at"]}])


@api("read:statuses", user=False)
async def context(request: Request, me: Member | None) -> Response:
    ancestors, descendants = await request.app.state.hood.timeline.context(me, _id(request))
    node = site(request)
    return reply(
        {
            "ancestors": [entities.status(node, item) for item in ancestors],
            "descendants": [entities.status(node, item) for item in descendants],
        }
    )


async def _mark(request: Request, me: Member | None, action: str, on: bool) -> Response:
    assert me is not None
    timeline = request.app.state.hood.timeline
    change = timeline.favourite if action == "favourite" else timeline.reblog
    item = await change(me, _id(request), on)
    return reply(entities.status(site(request), item))


@api("write:favourites")
async def favourite(request: Request, me: Member | None) -> Response:
    return await _mark(request, me, "favourite", True)


@api("write:favourites")
async def unfavourite(request: Request, me: Member | None) -> Response:
    return await _mark(request, me, "favourite", False)


@api("write:statuses")
async def reblog(request: Request, me: Member | None) -> Response:
    return await _mark(request, me, "reblog", True)


@api("write:statuses")
async def unreblog(request: Request, me: Member | None) -> Response:
    return await _mark(request, me, "reblog", False)


routes = [
    *both("/api/v1/statuses", create, ["POST"]),
    *both("/api/v1/statuses/{status_id}", show, ["GET"]),
    *both("/api/v1/statuses/{status_id}", delete, ["DELETE"]),
    *both("/api/v1/statuses/{status_id}", edit, ["PUT"]),
    *both("/api/v1/statuses/{status_id}/source", source, ["GET"]),
    *both("/api/v1/statuses/{status_id}/history", history, ["GET"]),
    *both("/api/v1/statuses/{status_id}/context", context, ["GET"]),
    *both("/api/v1/statuses/{status_id}/favourite", favourite, ["POST"]),
    *both("/api/v1/statuses/{status_id}/unfavourite", unfavourite, ["POST"]),
    *both("/api/v1/statuses/{status_id}/reblog", reblog, ["POST"]),
    *both("/api/v1/statuses/{status_id}/unreblog", unreblog, ["POST"]),
]

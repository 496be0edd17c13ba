"""Statuses: post, read, remove, threads, favourites ("ik steun dit" on an initiative) and
reblogs (counted, not repeated in timelines)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.errors import N_, Invalid, NotAllowed, NotFound
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


@api("write:statuses")
async def create(request: Request, me: Member | None) -> Response:
    assert me is not None
    hood = request.app.state.hood
    key = request.headers.get("idempotency-key", "").strip()
    if key and (earlier := await hood.timeline.idempotent(me, key)) is not None:
        return reply(entities.status(site(request), await hood.timeline.get(me, earlier)))
    data = await params(request)
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
    *both("/api/v1/statuses/{status_id}/context", context, ["GET"]),
    *both("/api/v1/statuses/{status_id}/favourite", favourite, ["POST"]),
    *both("/api/v1/statuses/{status_id}/unfavourite", unfavourite, ["POST"]),
    *both("/api/v1/statuses/{status_id}/reblog", reblog, ["POST"]),
    *both("/api/v1/statuses/{status_id}/unreblog", unreblog, ["POST"]),
]

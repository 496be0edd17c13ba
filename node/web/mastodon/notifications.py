"""Notifications: replies and @mentions, favourites (also "ik steun dit" and offers of help
on your initiatives), reblogs and new followers."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.accounts.notifications import Notification
from node.community.errors import DomainError
from node.web.mastodon import entities
from node.web.mastodon.api import api, as_int, both, link_header, paging, params, reply, site


async def _json(request: Request, me: Member, found: Notification) -> dict[str, Any] | None:
    hood = request.app.state.hood
    node = site(request)
    who = entities.node_account(node)
    if found.from_remote_uri is not None:
        who = entities.remote_account(node, found.from_remote_uri, "")
    elif found.from_member_id is not None:
        member = await hood.members.find(found.from_member_id)
        if member is not None:
            who = entities.account(node, member)
    about = None
    if found.status_id is not None:
        try:
            about = entities.status(node, await hood.timeline.get(me, found.status_id))
        except DomainError:
            return None  # hidden or removed since: the notification goes too
    return entities.notification(found, who, about)


def _listed(value: Any) -> list[str] | None:
    if value is None:
        return None
    return value if isinstance(value, list) else [str(value)]


@api("read:notifications")
async def index(request: Request, me: Member | None) -> Response:
    assert me is not None
    data = await params(request)
    found = await request.app.state.hood.notifications.page(
        me,
        types=_listed(data.get("types")),
        exclude_types=_listed(data.get("exclude_types")),
        **paging(request),
    )
    shown = [item for n in found if (item := await _json(request, me, n)) is not None]
    return reply(shown, headers=link_header(request, [n.id for n in found]))


@api("read:notifications")
async def show(request: Request, me: Member | None) -> Response:
    assert me is not None
    hood = request.app.state.hood
    found = await hood.notifications.get(me, as_int(request.path_params["notification_id"]) or 0)
    return reply(await _json(request, me, found))


@api("write:notifications")
async def dismiss(request: Request, me: Member | None) -> Response:
    assert me is not None
    notification_id = as_int(request.path_params["notification_id"]) or 0
    await request.app.state.hood.notifications.dismiss(me, notification_id)
    return reply({})


@api("write:notifications")
async def clear(request: Request, me: Member | None) -> Response:
    assert me is not None
    await request.app.state.hood.notifications.dismiss(me, None)
    return reply({})


routes = [
    *both("/api/v1/notifications", index, ["GET"]),
    *both("/api/v1/notifications/clear", clear, ["POST"]),
    *both("/api/v1/notifications/{notification_id}", show, ["GET"]),
    *both("/api/v1/notifications/{notification_id}/dismiss", dismiss, ["POST"]),
]

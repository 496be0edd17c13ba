"""Markers, and what apps ask for that the node does not have: custom emojis, filters,
lists — empty but valid answers, so apps carry on."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.accounts.notifications import TIMELINES
from node.web.mastodon import entities
from node.web.mastodon.api import api, both, nested, params, reply


@api("read:statuses")
async def markers(request: Request, me: Member | None) -> Response:
    assert me is not None
    wanted = (await params(request)).get("timeline") or list(TIMELINES)
    wanted = wanted if isinstance(wanted, list) else [wanted]
    found = await request.app.state.hood.notifications.markers(me)
    return reply({m.timeline: entities.marker(m) for m in found if m.timeline in wanted})


@api("write:statuses")
async def save_markers(request: Request, me: Member | None) -> Response:
    assert me is not None
    data = await params(request)
    notifications = request.app.state.hood.notifications
    for timeline in TIMELINES:
        last_read = nested(data, timeline).get("last_read_id")
        if last_read is not None:
            await notifications.set_marker(me, timeline, str(last_read))
    found = await notifications.markers(me)
    return reply({m.timeline: entities.marker(m) for m in found})


async def custom_emojis(request: Request) -> Response:
    return reply([])


@api("read:filters")
async def filters(request: Request, me: Member | None) -> Response:
    return reply([])


@api("read:lists")
async def lists(request: Request, me: Member | None) -> Response:
    return reply([])


routes = [
    *both("/api/v1/markers", markers, ["GET"]),
    *both("/api/v1/markers", save_markers, ["POST"]),
    *both("/api/v1/custom_emojis", custom_emojis, ["GET"]),
    *both("/api/v1/filters", filters, ["GET"]),
    *both("/api/v2/filters", filters, ["GET"]),
    *both("/api/v1/lists", lists, ["GET"]),
]

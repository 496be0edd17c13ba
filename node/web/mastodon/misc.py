"""Markers, preferences, and what apps ask for at start-up that the node does not have:
custom emojis, filters, lists, trends, bookmarks, ... — what Mastodon answers when there is
nothing (`[]`), so apps carry on. docs/mastodon.md says which app calls which."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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


@api("read:accounts")
async def preferences(request: Request, me: Member | None) -> Response:
    """Mastodon's keys; posts are public unless chosen otherwise, as on the prikbord."""
    return reply(
        {
            "posting:default:visibility": "public",
            "posting:default:sensitive": False,
            "posting:default:language": "nl",
            "reading:expand:media": "default",
            "reading:expand:spoilers": False,
        }
    )


def _nothing(scope: str | None, *, user: bool = True) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint with nothing behind it here: the token is checked, the answer is []."""

    @api(scope, user=user)
    async def empty(request: Request, me: Member | None) -> Response:
        return reply([])

    return empty


# What the node has none of (no lists, filters, bookmarks, direct messages, blocks of
# accounts, follow requests or trends), with the scope Mastodon asks for each.
_EMPTY = {
    "/api/v1/custom_emojis": _nothing(None, user=False),
    "/api/v1/filters": _nothing("read:filters"),
    "/api/v2/filters": _nothing("read:filters"),
    "/api/v1/lists": _nothing("read:lists"),
    "/api/v1/announcements": _nothing("read"),
    "/api/v1/followed_tags": _nothing("read:follows"),
    "/api/v1/follow_requests": _nothing("read:follows"),
    "/api/v1/bookmarks": _nothing("read:bookmarks"),
    "/api/v1/conversations": _nothing("read:statuses"),
    "/api/v1/scheduled_statuses": _nothing("read:statuses"),
    "/api/v1/blocks": _nothing("read:blocks"),
    "/api/v1/mutes": _nothing("read:mutes"),
    "/api/v1/domain_blocks": _nothing("read:blocks"),
    "/api/v1/trends": _nothing(None, user=False),
    "/api/v1/trends/tags": _nothing(None, user=False),
    "/api/v1/trends/statuses": _nothing(None, user=False),
    "/api/v1/trends/links": _nothing(None, user=False),
    "/api/v2/suggestions": _nothing("read"),
}

routes = [
    *both("/api/v1/markers", markers, ["GET"]),
    *both("/api/v1/markers", save_markers, ["POST"]),
    *both("/api/v1/preferences", preferences, ["GET"]),
    *(route for path, view in _EMPTY.items() for route in both(path, view, ["GET"])),
]

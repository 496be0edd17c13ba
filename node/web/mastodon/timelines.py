"""Timelines: home (everything this node shows you, and what the nodes it follows
published), public (the same for everyone: `local=true` this neighbourhood only,
`remote=true` followed nodes only) and hashtags (this neighbourhood). Paged with max_id /
since_id / min_id / limit and Link headers, in one id space."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.posts.timeline import StatusItem
from node.web.mastodon import entities
from node.web.mastodon.api import api, both, link_header, paging, reply, site, truthy


def _page(request: Request, items: list[StatusItem]) -> Response:
    node = site(request)
    return reply(
        [entities.status(node, item) for item in items],
        headers=link_header(request, [item.id for item in items]),
    )


@api("read:statuses")
async def home(request: Request, me: Member | None) -> Response:
    items = await request.app.state.hood.timeline.page(me, "home", **paging(request))
    return _page(request, items)


@api("read:statuses", user=False)
async def public(request: Request, me: Member | None) -> Response:
    items = await request.app.state.hood.timeline.page(
        me,
        "public",
        local_only=truthy(request.query_params.get("local")),
        remote_only=truthy(request.query_params.get("remote")),
        **paging(request),
    )
    return _page(request, items)


@api("read:statuses", user=False)
async def tag(request: Request, me: Member | None) -> Response:
    name = request.path_params["tag"].lstrip("#")
    items = await request.app.state.hood.timeline.page(me, "tag", tag=name, **paging(request))
    return _page(request, items)


routes = [
    *both("/api/v1/timelines/home", home, ["GET"]),
    *both("/api/v1/timelines/public", public, ["GET"]),
    *both("/api/v1/timelines/tag/{tag}", tag, ["GET"]),
]

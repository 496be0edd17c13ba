"""Search (v2): residents by name, posts by their words, initiatives; local only."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.web.mastodon import entities
from node.web.mastodon.api import api, as_int, both, reply, site


@api("read:search", user=False)
async def search(request: Request, me: Member | None) -> Response:
    hood = request.app.state.hood
    node = site(request)
    query = request.query_params.get("q", "").strip()
    kind = request.query_params.get("type")
    limit = min(as_int(request.query_params.get("limit")) or 20, 40)
    accounts, statuses, hashtags = [], [], []
    if query and kind in (None, "accounts") and me is not None:  # residents: members only
        accounts = [entities.account(node, m) for m in await hood.follows.find(query, limit)]
    if query and kind in (None, "statuses"):
        found = await hood.timeline.search(me, query, limit)
        statuses = [entities.status(node, item) for item in found]
    if query and kind in (None, "hashtags") and query.lstrip("#").isalnum():
        name = query.lstrip("#").lower()
        if await hood.timeline.page(me, "tag", tag=name, limit=1):
            hashtags = [{"name": name, "url": f"{node.url}/prikbord?tag={name}", "history": []}]
    return reply({"accounts": accounts, "statuses": statuses, "hashtags": hashtags})


routes = [*both("/api/v2/search", search, ["GET"])]

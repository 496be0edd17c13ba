"""Accounts: who am I, residents of this node, their posts, following each other, and
finding accounts by name.

Resident accounts are shown to apps logged in on this node only (privacy by default); the
node's own account (a group) to anyone, and so are the nodes it follows (groups elsewhere,
whose content is on every resident's home timeline: "following" one from an app says so).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from node.community.accounts.members import Member
from node.community.errors import N_, Invalid, NotFound
from node.community.network.port import RelationState, RemoteNode
from node.web.mastodon import entities
from node.web.mastodon.api import (
    api,
    as_int,
    both,
    link_header,
    paging,
    params,
    reply,
    site,
    truthy,
)


async def _member_json(request: Request, member: Member, *, source: bool = False) -> dict:
    stats = await request.app.state.hood.follows.stats(member)
    return entities.account(site(request), member, stats, source=source)


async def _target(request: Request) -> Member | None:
    """The resident named in the path; None for the node's own account."""
    raw = request.path_params["account_id"]
    if raw == entities.NODE_ACCOUNT_ID:
        return None
    member_id = as_int(raw)
    if member_id is None:
        raise NotFound(N_("This person is not known here."))
    return await request.app.state.hood.follows.active(member_id)


async def _followed_node(request: Request, account_id: str) -> RemoteNode | None:
    """The followed node whose group account has this id (see entities.remote_id)."""
    federation = request.app.state.hood.federation
    if federation is None or as_int(account_id) is None:
        return None
    for node in await federation.following():
        if (
            node.state is RelationState.ACCEPTED
            and entities.remote_id(node.actor_uri) == account_id
        ):
            return node
    return None


def _node_json(request: Request, node: RemoteNode) -> dict:
    return entities.remote_account(
        site(request), node.actor_uri, node.name, handle=node.handle, group=True
    )


@api("read:accounts")
async def verify_credentials(request: Request, me: Member | None) -> Response:
    assert me is not None
    return reply(await _member_json(request, me, source=True))


@api("read:accounts", user=False)
async def show(request: Request, me: Member | None) -> Response:
    if request.path_params["account_id"] == entities.NODE_ACCOUNT_ID:
        return reply(entities.node_account(site(request)))
    if (node := await _followed_node(request, request.path_params["account_id"])) is not None:
        return reply(_node_json(request, node))
    if me is None:
        raise NotFound(N_("This person is not known here."))
    target = await _target(request)
    assert target is not None
    return reply(await _member_json(request, target))


@api("read:accounts", user=False)
async def lookup(request: Request, me: Member | None) -> Response:
    node = site(request)
    acct = request.query_params.get("acct", "").lstrip("@")
    name, _, host = acct.partition("@")
    if host and host != node.host:
        raise NotFound(N_("This person is not known here."))
    if name == node.handle:
        return reply(entities.node_account(node))
    found = await request.app.state.hood.members.by_username(name) if me else None
    if found is None or not found.is_active:
        raise NotFound(N_("This person is not known here."))
    return reply(await _member_json(request, found))


@api("read:statuses", user=False)
async def statuses(request: Request, me: Member | None) -> Response:
    hood = request.app.state.hood
    target = await _target(request) if me else None
    if target is None and request.path_params["account_id"] != entities.NODE_ACCOUNT_ID:
        raise NotFound(N_("This person is not known here."))
    if target is None:  # the node's account: its initiatives, activities and news
        items = await hood.timeline.page(me, "public", **paging(request))
        items = [item for item in items if item.by_node]
    else:
        items = await hood.timeline.page(me, "account", member_id=target.id, **paging(request))
    node = site(request)
    return reply(
        [entities.status(node, item) for item in items],
        headers=link_header(request, [item.id for item in items]),
    )


async def _relationship(request: Request, me: Member, account_id: str) -> dict:
    follows = request.app.state.hood.follows
    member_id = as_int(account_id)
    if member_id is None or account_id == entities.NODE_ACCOUNT_ID:
        return entities.relationship(account_id, account_id == entities.NODE_ACCOUNT_ID, False)
    if await _followed_node(request, account_id) is not None:  # the neighbourhood follows it
        return entities.relationship(account_id, True, True)
    found = await follows.members.find(member_id)
    if found is None:
        return entities.relationship(account_id, False, False)
    return entities.relationship(
        account_id, await follows.follows(me, member_id), await follows.follows(found, me.id)
    )


@api("write:follows")
async def follow(request: Request, me: Member | None) -> Response:
    assert me is not None
    account_id = request.path_params["account_id"]
    if await _followed_node(request, account_id) is not None:  # already on your home
        return reply(await _relationship(request, me, account_id))
    target = await _target(request)
    if target is not None:
        await request.app.state.hood.follows.follow(me, target.id)
    return reply(await _relationship(request, me, request.path_params["account_id"]))


@api("write:follows")
async def unfollow(request: Request, me: Member | None) -> Response:
    assert me is not None
    if await _followed_node(request, request.path_params["account_id"]) is not None:
        raise Invalid(
            N_(
                "The whole neighbourhood follows this node. An administrator can stop"
                " following it under Beheer, Federatie."
            )
        )
    target = await _target(request)
    if target is not None:
        await request.app.state.hood.follows.unfollow(me, target.id)
    return reply(await _relationship(request, me, request.path_params["account_id"]))


@api("read:follows")
async def relationships(request: Request, me: Member | None) -> Response:
    assert me is not None
    wanted = (await params(request)).get("id", [])
    ids = wanted if isinstance(wanted, list) else [wanted]
    return reply([await _relationship(request, me, str(i)) for i in ids[:40]])


@api("read:accounts")
async def search(request: Request, me: Member | None) -> Response:
    """Residents, this node and the nodes it follows whose name or handle holds the query
    (nothing is fetched from elsewhere: `resolve` finds nothing new)."""
    assert me is not None
    hood, node = request.app.state.hood, site(request)
    query = request.query_params.get("q", "").strip().lstrip("@").lower()
    limit = min(as_int(request.query_params.get("limit")) or 40, 80)
    if not query:
        return reply([])
    found = []
    if query in f"{node.handle}@{node.host}" or query in node.name.lower():
        found.append(entities.node_account(node))
    if hood.federation is not None:
        for other in await hood.federation.following():
            words = f"{other.handle} {other.name}".lower()
            if other.state is RelationState.ACCEPTED and query in words:
                found.append(_node_json(request, other))
    only_followed = truthy(request.query_params.get("following"))
    for member in await hood.follows.find(query, limit):
        if not only_followed or await hood.follows.follows(me, member.id):
            found.append(await _member_json(request, member))
    return reply(found[:limit])


routes = [
    *both("/api/v1/accounts/search", search, ["GET"]),
    *both("/api/v1/accounts/verify_credentials", verify_credentials, ["GET"]),
    *both("/api/v1/accounts/lookup", lookup, ["GET"]),
    *both("/api/v1/accounts/relationships", relationships, ["GET"]),
    *both("/api/v1/accounts/{account_id}", show, ["GET"]),
    *both("/api/v1/accounts/{account_id}/statuses", statuses, ["GET"]),
    *both("/api/v1/accounts/{account_id}/follow", follow, ["POST"]),
    *both("/api/v1/accounts/{account_id}/unfollow", unfollow, ["POST"]),
]

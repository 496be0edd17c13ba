"""Federation's HTTP routes. node/app.py puts them before the web pages.

Ids (stable, see ids.py): actor /ap/actor, members with a public profile
/ap/members/{name}, inbox (also the shared inbox) /ap/inbox,
/ap/outbox, /ap/followers, /ap/following; discovery under /.well-known and /nodeinfo.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from node.community.accounts.members import RegistrationMode
from node.federation import documents
from node.federation.ids import ACTIVITY_JSON
from node.federation.inbox import receive
from node.federation.negotiation import wants_activity_json
from node.federation.object_routes import routes as object_routes
from node.storage.federation import actors as store
from node.storage.federation import queues

if TYPE_CHECKING:
    from node.federation.node import Federation

PAGE_SIZE = 20


def _fed(request: Request) -> Federation:
    return request.app.state.federation  # type: ignore[no-any-return]


def _activity_json(document: dict[str, Any], status: int = 200) -> Response:
    return JSONResponse(document, status, media_type=ACTIVITY_JSON)


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and not wants_activity_json(accept)


async def webfinger(request: Request) -> Response:
    fed = _fed(request)
    resource = request.query_params.get("resource", "").strip()
    if not resource:
        return JSONResponse({"error": "resource is required"}, 400)
    settings, ids = fed.settings, fed.ids
    wanted = resource.lower()
    if wanted in (ids.actor.lower(), ids.home.lower(), settings.url.lower()):
        username: str | None = settings.handle
    else:
        username = _username(fed, wanted)
    if username == settings.handle:
        subject = f"acct:{settings.handle}@{settings.host}"
        document = documents.webfinger(subject, ids.actor, ids.home)
    elif username and await fed.hood.members.public_profile(username):
        subject = f"acct:{username}@{settings.host}"
        document = documents.webfinger(subject, ids.member(username), ids.member_page(username))
    else:
        return JSONResponse({"error": "unknown resource"}, 404)
    return JSONResponse(document, media_type="application/jrd+json")


def _username(fed: Federation, resource: str) -> str | None:
    """The name in `acct:name@ourhost`, `name@ourhost`, or one of our member ids or pages."""
    host = fed.settings.host.lower()
    for prefix in (fed.ids.member(""), fed.ids.member_page("")):
        if resource.startswith(prefix.lower()):
            return resource[len(prefix) :]
    name, at, their_host = resource.removeprefix("acct:").rpartition("@")
    return name if at and their_host == host else None


async def host_meta(request: Request) -> Response:
    return Response(
        documents.host_meta(_fed(request).settings.url), media_type="application/xrd+xml"
    )


async def nodeinfo_links(request: Request) -> Response:
    return JSONResponse(documents.nodeinfo_links(_fed(request).settings.url))


async def nodeinfo(request: Request) -> Response:
    fed = _fed(request)
    node_settings = await fed.hood.settings.get()
    document = documents.nodeinfo(
        name=fed.settings.name,
        kind=fed.settings.kind,
        description=node_settings.description,
        users=await fed.hood.members.count_active(),
        # As Mastodon: registrations count as open unless only invitations get in.
        open_registrations=node_settings.registration is not RegistrationMode.INVITE,
    )
    schema = f"{documents.NODEINFO_SCHEMA}#"
    return JSONResponse(document, media_type=f'application/json; profile="{schema}"')


async def actor(request: Request) -> Response:
    fed = _fed(request)
    if _wants_html(request):
        return RedirectResponse(fed.ids.home, status_code=303)
    node_settings = await fed.hood.settings.get()
    document = documents.group_actor(
        fed.ids,
        handle=fed.settings.handle,
        name=fed.settings.name,
        summary=node_settings.description,
        public_key_pem=fed.key.public_pem,
        manual_approval=await fed.service.manual_approval(),
        kind=fed.settings.kind,
    )
    return _activity_json(document)


async def member_actor(request: Request) -> Response:
    fed = _fed(request)
    username = request.path_params["username"]
    if _wants_html(request):
        return RedirectResponse(fed.ids.member_page(username), status_code=303)
    member = await fed.hood.members.public_profile(username)
    if member is None:  # private, or nobody: the same answer
        return JSONResponse({"error": "not found"}, 404)
    document = documents.person_actor(
        fed.ids,
        username=member.username,
        name=member.display_name,
        about=member.about,
        published=member.created_at,
    )
    return _activity_json(document)


async def inbox(request: Request) -> Response:
    return await receive(_fed(request), request)


async def outbox(request: Request) -> Response:
    fed = _fed(request)
    total = await queues.count_public_outgoing(fed.db)
    if request.query_params.get("page") != "true":
        first = f"{fed.ids.outbox}?page=true"
        return _activity_json(documents.ordered_collection(fed.ids.outbox, total, first=first))
    before = request.query_params.get("before", "")
    rows = await queues.public_outgoing_page(
        fed.db, int(before) if before.isdigit() else None, PAGE_SIZE
    )
    items = [json.loads(r["body"]) for r in rows]
    more = len(rows) == PAGE_SIZE
    next_page = f"{fed.ids.outbox}?page=true&before={rows[-1]['id']}" if more else None
    page_id = f"{fed.ids.outbox}?page=true" + (f"&before={before}" if before.isdigit() else "")
    return _activity_json(documents.collection_page(page_id, fed.ids.outbox, items, next_page))


async def followers(request: Request) -> Response:
    # Counts only: who follows a neighbourhood is not everyone's business.
    fed = _fed(request)
    total = await store.count_followers(fed.db)
    return _activity_json(documents.ordered_collection(fed.ids.followers, total))


async def following(request: Request) -> Response:
    fed = _fed(request)
    total = await store.count_following(fed.db)
    return _activity_json(documents.ordered_collection(fed.ids.following, total))


routes = [
    Route("/.well-known/webfinger", webfinger, methods=["GET"]),
    Route("/.well-known/host-meta", host_meta, methods=["GET"]),
    Route("/.well-known/nodeinfo", nodeinfo_links, methods=["GET"]),
    Route("/nodeinfo/2.1", nodeinfo, methods=["GET"]),
    Route("/ap/actor", actor, methods=["GET"], name="ap_actor"),
    Route("/ap/members/{username:str}", member_actor, methods=["GET"], name="ap_member"),
    Route("/ap/inbox", inbox, methods=["POST"], name="ap_inbox"),
    Route("/ap/outbox", outbox, methods=["GET"], name="ap_outbox"),
    Route("/ap/followers", followers, methods=["GET"], name="ap_followers"),
    Route("/ap/following", following, methods=["GET"], name="ap_following"),
    *object_routes,
]

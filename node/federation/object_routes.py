"""Our objects at their ids, so peers can fetch them (Mastodon fetches an announced object),
and our JSON-LD context at /ns.

`/ap/objects/{kind}/{id}` serves `application/activity+json` (a browser is sent to the
object's page); hidden or removed content (and a members-only post) answers 410 with a
Tombstone, unknown ids 404, and our copy of another node's process redirects to that
process's own id (negotiation.py sends `/inspraak/{id}` here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from node.community.clock import iso
from node.community.errors import NotFound
from node.federation import content as out
from node.federation import documents
from node.federation.changes import FORMER_TYPES, TABLES
from node.federation.ids import ACTIVITY_JSON, AS_CONTEXT
from node.federation.initiatives.translate import extension_terms as initiative_terms
from node.federation.municipality.translate import contact_terms
from node.federation.negotiation import wants_activity_json
from node.federation.network.translate import reply_note
from node.federation.participation.translate import process_terms
from node.storage.federation import lookups
from node.storage.posts import queries as posts_store

if TYPE_CHECKING:
    from node.federation.node import Federation


def _fed(request: Request) -> Federation:
    return request.app.state.federation  # type: ignore[no-any-return]


def _json(document: dict[str, Any], status: int = 200) -> Response:
    return JSONResponse(document, status, media_type=ACTIVITY_JSON)


async def _gone(fed: Federation, kind: str, object_id: int) -> Response:
    """410 with a Tombstone when the object existed (hidden, removed), else 404."""
    if kind in TABLES:
        exists, _ = await lookups.hidden_at(fed.db, TABLES[kind], object_id)
    elif kind == "post":  # also a members-only post: it exists, but not for anyone outside
        exists = await posts_store.post_by_id(fed.db, object_id) is not None
    else:
        row = await lookups.comment(fed.db, object_id) if kind == "comment" else None
        exists = row is not None and not row["remote_actor_uri"]
    if not exists:
        return JSONResponse({"error": "not found"}, 404)
    stone = out.tombstone(fed.ids.object(kind, object_id), FORMER_TYPES[kind], iso(fed.clock()))
    return _json({"@context": AS_CONTEXT, **stone}, 410)


async def content_object(request: Request) -> Response:
    fed = _fed(request)
    kind, object_id = request.path_params["kind"], int(request.path_params["object_id"])
    if kind == "reply":
        return await _reply(fed, object_id)
    if kind not in FORMER_TYPES:
        return JSONResponse({"error": "not found"}, 404)
    document = await fed.content.document(kind, object_id)
    if document is None and (elsewhere := await _copied_from(fed, kind, object_id)):
        return RedirectResponse(elsewhere, status_code=302)
    if document is None:
        return await _gone(fed, kind, object_id)
    accept = request.headers.get("accept", "")
    if "text/html" in accept and not wants_activity_json(accept) and "url" in document:
        return RedirectResponse(document["url"], status_code=303)
    return _json(document)


async def _copied_from(fed: Federation, kind: str, object_id: int) -> str | None:
    """The id of another node's process that our /inspraak/{id} shows a copy of."""
    if kind != "process":
        return None
    try:
        process = (await fed.hood.processes.page(object_id, None)).process
    except NotFound:
        return None
    return process.ap_id if process.is_remote else None


async def _reply(fed: Federation, interaction_id: int) -> Response:
    interaction = await fed.hood.nearby.interaction(interaction_id)
    if interaction is None or interaction.kind != "comment":
        return JSONResponse({"error": "not found"}, 404)
    return _json(reply_note(fed.ids, interaction, fed.settings.name))


async def context(request: Request) -> Response:
    ids = _fed(request).ids
    terms = {
        **initiative_terms(ids),
        **documents.node_terms(ids),
        **process_terms(ids),
        **contact_terms(ids),
    }
    return JSONResponse({"@context": terms}, media_type="application/ld+json")


routes = [
    Route(
        "/ap/objects/{kind:str}/{object_id:int}",
        content_object,
        methods=["GET"],
        name="ap_object",
    ),
    Route("/ns", context, methods=["GET"], name="ap_context"),
]

"""In de buurt: what the nodes this node follows publish; residents react and support."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import N_, DomainError
from node.community.initiatives.needs import NeedKind
from node.community.initiatives.service import Status
from node.community.ladder import ParticipationLevel
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member
from node.web.timestamps import HELPERS

section = Section(
    "/in-de-buurt",
    N_("Nearby"),
    N_("Initiatives, activities and news of the neighbourhoods this node follows."),
    order=12,
)

KIND_LABELS = {
    "initiative": N_("Initiative"),
    "event": N_("Activity"),
    "announcement": N_("News"),
}


def _labels(value: str | None, enum: Any) -> str:
    try:
        return _(enum(value).label) if value else ""
    except ValueError:
        return ""


LABELS = {
    **HELPERS,
    "kind_name": lambda kind: _(KIND_LABELS.get(kind, kind)),
    "initiative_status": lambda value: _labels(value, Status),
    "need_kind": lambda value: _labels(value, NeedKind),
    "participation": lambda value: _labels(value, ParticipationLevel),
}


COMMENT_IDS = {"body": "comment-body"}  # element ids on nearby/show.html
OFFICIAL_IDS = {"body": "official-body"}


def _item_id(request: Request) -> int:
    return int(request.path_params["item_id"])


async def index(request: Request) -> Response:
    items = await request.app.state.hood.nearby.latest()
    return await render(request, "nearby/index.html", {"items": items, **LABELS})


async def show(
    request: Request,
    error: FormErrors | None = None,
    body: str = "",
    status_code: int = 200,
    *,
    official_body: str = "",
) -> Response:
    """The item and its reactions; a refused reaction (`body`) or official response
    (`official_body`) is shown again in its own box."""
    member = await current_member(request)
    page = await request.app.state.hood.nearby.page(_item_id(request), member)
    official = request.app.state.hood.dashboard.may_respond(member)
    context = {"page": page, "item": page.item, "error": error, "body": body, **LABELS}
    context["official_body"] = official_body
    context["may_respond"] = official  # the municipality's official response and pledge
    context["activitypub_id"] = page.item.ap_id  # the object at its own node
    return await render(request, "nearby/show.html", context, status_code=status_code)


async def comment(request: Request) -> Response:
    member = await current_member(request)  # anonymous visitors get a clear refusal
    body = str((await checked_form(request)).get("body", ""))
    try:
        await request.app.state.hood.nearby.comment(member, _item_id(request), body)
    except DomainError as error:
        return await show(request, form_errors(error, COMMENT_IDS), body, error.status)
    flash(request, _("Your reaction is placed and sent to the neighbourhood it came from."))
    return redirect(f"/in-de-buurt/{_item_id(request)}#reacties")


async def support(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    now = await request.app.state.hood.nearby.toggle_support(member, _item_id(request))
    flash(request, _("You support this initiative.") if now else _("Your support is withdrawn."))
    return redirect(f"/in-de-buurt/{_item_id(request)}")


routes = [
    Route("/in-de-buurt", index, methods=["GET"], name="nearby"),
    Route("/in-de-buurt/{item_id:int}", show, methods=["GET"], name="nearby_item"),
    Route(
        "/in-de-buurt/{item_id:int}/reacties",
        comment,
        methods=["POST"],
        name="nearby_comment",
    ),
    Route("/in-de-buurt/{item_id:int}/steun", support, methods=["POST"], name="nearby_support"),
]

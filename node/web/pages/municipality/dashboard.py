"""Het gemeentedashboard (/gemeente): every initiative of the followed nodes with its open
needs, their activities in one calendar, and how each followed node is doing. The
municipality's contact person responds officially or pledges support from In de buurt.

Served on every node (a wijk following others can use it too); the home page of a gemeente
node links to it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.errors import DomainError
from node.community.municipality.dashboard import NEED_KINDS
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.pages.budget.format import money
from node.web.pages.network.nearby import LABELS, OFFICIAL_IDS
from node.web.pages.network.nearby import show as show_item
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member


async def index(request: Request) -> Response:
    hood = request.app.state.hood
    member = await current_member(request)
    need = request.query_params.get("behoefte", "")
    origin = request.query_params.get("buurt", "")
    following = await hood.federation.following() if hood.federation is not None else []
    may_see_nodes = member is not None and (
        hood.dashboard.may_respond(member) or member.can(Action.MANAGE_FEDERATION)
    )
    context = {
        "initiatives": await hood.dashboard.initiatives(need, origin),
        "events": await hood.dashboard.calendar(),
        "nodes": following,
        "counts": await hood.dashboard.initiative_counts(),
        "ledgers": await hood.dashboard.ledger_checks(),
        "money": money,
        "show_nodes": may_see_nodes,
        "need_kinds": NEED_KINDS,
        "chosen_need": need if need in NEED_KINDS else "",
        "chosen_node": origin,
        "may_respond": hood.dashboard.may_respond(member),
        **LABELS,
    }
    return await render(request, "dashboard/index.html", context)


async def respond(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    item_id = int(request.path_params["item_id"])
    body = str(form.get("body", ""))
    pledge = form.get("kind") == "pledge"
    try:
        await request.app.state.hood.dashboard.respond(member, item_id, body, pledge=pledge)
    except DomainError as error:
        errors = form_errors(error, OFFICIAL_IDS)
        return await show_item(request, errors, status_code=error.status, official_body=body)
    flash(
        request,
        _("The municipality's pledge is sent to the neighbourhood.")
        if pledge
        else _("The official response is sent to the neighbourhood."),
    )
    return redirect(f"/in-de-buurt/{item_id}#reacties")


routes = [
    Route("/gemeente", index, methods=["GET"], name="dashboard"),
    Route(
        "/in-de-buurt/{item_id:int}/officieel",
        respond,
        methods=["POST"],
        name="dashboard_respond",
    ),
]

"""What people do on an initiative's page: offer, decide, support, react, update, status."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import DomainError
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.pages.initiatives.views import detail_page
from node.web.pages.reactions import comments
from node.web.rendering import flash, redirect
from node.web.security import checked_form, current_member, require_member


def _initiative_id(request: Request) -> int:
    return int(request.path_params["initiative_id"])


def _back(initiative_id: int, anchor: str = "") -> Response:
    return redirect(f"/initiatieven/{initiative_id}{anchor}")


async def _refused(
    request: Request,
    initiative_id: int,
    error: DomainError,
    values: dict[str, str],
    ids: dict[str, str] | None = None,
) -> Response:
    """The page again, the refused form's errors beside its fields (`ids`: their element
    ids on detail.html, where several forms have a `body`)."""
    return await detail_page(
        request,
        initiative_id,
        error=form_errors(error, ids),
        values=values,
        status_code=error.status,
    )


async def offer(request: Request) -> Response:
    member = await current_member(request)  # anonymous visitors get a clear refusal
    form = await checked_form(request)
    hood = request.app.state.hood
    need_id = int(request.path_params["need_id"])
    need = await hood.initiatives.offers.need(need_id)
    values = {
        "offer_need": str(need_id),
        "offer_amount": str(form.get("amount", "")),
        "offer_body": str(form.get("body", "")),
    }
    try:
        await hood.initiatives.offers.make(
            member, need_id, values["offer_amount"], values["offer_body"]
        )
    except DomainError as error:
        ids = {"body": f"offer-body-{need_id}", "amount": f"amount-{need_id}"}
        return await _refused(request, need.initiative_id, error, values, ids)
    flash(request, _("Thank you! The initiator sees your offer and lets you know."))
    return _back(need.initiative_id, f"#behoefte-{need_id}")


async def decide(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    offers = request.app.state.hood.initiatives.offers
    decided = await offers.decide(
        member, int(request.path_params["offer_id"]), accept=form.get("decision") == "accept"
    )
    if decided.status.value == "accepted":
        flash(request, _("The offer is accepted."))
    else:
        flash(request, _("The offer is declined."))
    return _back(decided.initiative_id, f"#behoefte-{decided.need_id}")


async def support(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    initiative_id = _initiative_id(request)
    now = await request.app.state.hood.initiatives.toggle_support(member, initiative_id)
    flash(request, _("You support this initiative.") if now else _("Your support is withdrawn."))
    return _back(initiative_id)


async def comment(request: Request) -> Response:
    initiative_id = _initiative_id(request)

    async def refused(error: FormErrors, values: dict[str, str], status_code: int) -> Response:
        return await detail_page(
            request, initiative_id, comment_error=error, values=values, status_code=status_code
        )

    return await comments.place(
        request, "initiative", initiative_id, f"/initiatieven/{initiative_id}", refused
    )


async def post_update(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    initiative_id = _initiative_id(request)
    values = {"update_body": str(form.get("body", ""))}
    try:
        await request.app.state.hood.initiatives.add_update(
            member, initiative_id, values["update_body"]
        )
    except DomainError as error:
        return await _refused(request, initiative_id, error, values, {"body": "update-body"})
    flash(request, _("The update is posted."))
    return _back(initiative_id, "#voortgang")


async def change_status(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    initiative_id = _initiative_id(request)
    values = {"status": str(form.get("status", "")), "reason": str(form.get("reason", ""))}
    try:
        await request.app.state.hood.initiatives.change_status(
            member, initiative_id, values["status"], values["reason"]
        )
    except DomainError as error:
        return await _refused(request, initiative_id, error, values)
    flash(request, _("The status is changed."))
    return _back(initiative_id)


_BASE = "/initiatieven/{initiative_id:int}"

routes = [
    Route(
        _BASE + "/behoeften/{need_id:int}/aanbod", offer, methods=["POST"], name="initiative_offer"
    ),
    Route("/initiatieven/aanbod/{offer_id:int}", decide, methods=["POST"], name="offer_decide"),
    Route(_BASE + "/steun", support, methods=["POST"], name="initiative_support"),
    Route(_BASE + "/reacties", comment, methods=["POST"], name="initiative_comment"),
    Route(_BASE + "/voortgang", post_update, methods=["POST"], name="initiative_update"),
    Route(_BASE + "/status", change_status, methods=["POST"], name="initiative_status"),
]

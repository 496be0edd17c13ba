"""Wijkbudget: the secret ballot, and the anonymous ballots for anyone to recount."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.budget.model import Review
from node.community.errors import DomainError
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.pages.budget.format import HELPERS
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member


async def _ballot_page(
    request: Request,
    round_id: int,
    chosen: list[int] | None = None,
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    member = await require_member(request)
    hood = request.app.state.hood
    budget_round = await hood.budget.get(round_id)
    proposals = [p for p in await hood.budget.proposals(round_id) if p.review is Review.FEASIBLE]
    may_vote = member.can(Action.VOTE_BUDGET)
    if chosen is None:
        chosen = await hood.budget.ballots.own_choices(member, round_id) if may_vote else []
    return await render(
        request,
        "budget/ballot.html",
        {
            **HELPERS,
            "round": budget_round,
            "phase": hood.budget.phase(budget_round),
            "proposals": proposals,
            "chosen": chosen,
            "may_vote": may_vote,
            "voted": await hood.budget.ballots.has_voted(member, round_id),
            "error": error,
        },
        status_code=status_code,
    )


async def ballot(request: Request) -> Response:
    return await _ballot_page(request, int(request.path_params["round_id"]))


async def vote(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    round_id = int(request.path_params["round_id"])
    choices = [str(v) for v in form.getlist("proposal")]
    try:
        await request.app.state.hood.budget.vote(member, round_id, choices)
    except DomainError as error:
        chosen = [int(c) for c in choices if c.isdigit()]
        return await _ballot_page(request, round_id, chosen, form_errors(error), error.status)
    flash(request, _("Your vote is saved. You can change it until voting closes."))
    return redirect(f"/wijkbudget/{round_id}")


async def ballots_json(request: Request) -> Response:
    """Every ballot of a closed vote, without voters, so anyone can recount."""
    budget = request.app.state.hood.budget
    try:
        document = await budget.ballots_document(int(request.path_params["round_id"]))
    except DomainError as error:
        raise HTTPException(error.status if error.status != 403 else 404) from None
    return JSONResponse(document, headers={"access-control-allow-origin": "*"})


routes = [
    Route("/wijkbudget/{round_id:int}/stemmen", ballot, methods=["GET"], name="budget_ballot"),
    Route("/wijkbudget/{round_id:int}/stemmen", vote, methods=["POST"], name="budget_vote"),
    Route(
        "/wijkbudget/{round_id:int}/stembiljetten.json",
        ballots_json,
        methods=["GET"],
        name="budget_ballots",
    ),
]

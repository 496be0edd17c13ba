"""Wijkbudget: the rounds, opening one, a round's page with its proposals, and the review."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.budget.model import PHASE_FIELDS, Phase, RoundDraft
from node.community.errors import N_, DomainError, Invalid
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.budget.format import HELPERS
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member

section = Section(
    "/wijkbudget",
    N_("Neighbourhood budget"),
    N_("Money the neighbourhood decides on together: proposals, a vote and the result."),
    order=35,
)

_ROUND_FIELDS = ("name", "total", "method", "participation_level", "description", *PHASE_FIELDS)
_PROPOSAL_FIELDS = ("title", "description", "amount")


def _text(form: FormData | None, names: tuple[str, ...], **defaults: str) -> dict[str, str]:
    return {n: str(form.get(n, "")) if form is not None else defaults.get(n, "") for n in names}


async def index(request: Request) -> Response:
    hood = request.app.state.hood
    rounds = await hood.budget.rounds()
    return await render(
        request,
        "budget/index.html",
        {**HELPERS, "rounds": [(r, hood.budget.phase(r)) for r in rounds]},
    )


async def _round_form(
    request: Request,
    values: dict[str, str],
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    return await render(
        request,
        "budget/round_form.html",
        {**HELPERS, "values": values, "error": error},
        status_code=status_code,
    )


async def new_round_form(request: Request) -> Response:
    member = await require_member(request)
    if not member.can(Action.OPEN_BUDGET_ROUND):
        raise HTTPException(403)
    values = _text(None, _ROUND_FIELDS, method="approval", participation_level="codecide")
    return await _round_form(request, values)


async def create_round(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = _text(form, _ROUND_FIELDS)
    try:
        round_id = await request.app.state.hood.budget.open_round(member, RoundDraft(**values))
    except DomainError as error:
        return await _round_form(request, values, form_errors(error), error.status)
    flash(request, _("The budget round is open. Residents can see its plan and dates."))
    return redirect(f"/wijkbudget/{round_id}")


async def round_page(
    request: Request,
    round_id: int,
    *,
    error: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """A round: its timeline, rules, proposals and, after voting, the result."""
    hood = request.app.state.hood
    member = await current_member(request)
    budget_round = await hood.budget.get(round_id)
    phase = hood.budget.phase(budget_round)
    results = None
    if phase in (Phase.RESULTS, Phase.SPENDING):
        results = await hood.budget.results(round_id)
    return await render(
        request,
        "budget/round.html",
        {
            **HELPERS,
            "round": budget_round,
            "phase": phase,
            "timeline": budget_round.timeline(hood.clock()),
            "proposals": await hood.budget.proposals(round_id),
            "results": results,
            "eligible": await hood.budget.eligible_count(),
            "voted": await hood.budget.ballots.has_voted(member, round_id),
            "money_needs": await hood.budget.money_needs(member) if member else [],
            "error": error,
            "values": values or _text(None, _PROPOSAL_FIELDS),
        },
        status_code=status_code,
    )


async def show(request: Request) -> Response:
    return await round_page(request, int(request.path_params["round_id"]))


async def propose(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    round_id = int(request.path_params["round_id"])
    values = _text(form, _PROPOSAL_FIELDS)
    budget = request.app.state.hood.budget
    try:
        if form.get("need_id"):
            await budget.propose_need(member, round_id, _int(str(form.get("need_id"))))
        else:
            await budget.propose(member, round_id, **values)
    except DomainError as error:
        return await round_page(
            request, round_id, error=form_errors(error), values=values, status_code=error.status
        )
    flash(request, _("Your proposal is in. A buurtverbinder or the contact person reviews it."))
    return redirect(f"/wijkbudget/{round_id}#voorstellen")


async def review(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    budget = request.app.state.hood.budget
    proposal = await budget.proposal(int(request.path_params["proposal_id"]))
    try:
        verdict = str(form.get("verdict", ""))
        if verdict not in ("feasible", "not_feasible"):
            raise Invalid(N_("Choose feasible or not feasible."))
        await budget.review(member, proposal.id, verdict == "feasible", str(form.get("reason", "")))
    except DomainError as error:
        field_id = f"reason-{proposal.id}"
        return await round_page(
            request,
            proposal.round_id,
            error=form_errors(error, {"reason": field_id}),
            values={**_text(None, _PROPOSAL_FIELDS), field_id: str(form.get("reason", ""))},
            status_code=error.status,
        )
    flash(request, _("The review is saved and shown with the proposal."))
    return redirect(f"/wijkbudget/{proposal.round_id}#voorstel-{proposal.id}")


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


routes = [
    Route("/wijkbudget", index, methods=["GET"], name="budget"),
    Route("/wijkbudget/nieuw", new_round_form, methods=["GET"], name="budget_round_form"),
    Route("/wijkbudget/nieuw", create_round, methods=["POST"], name="budget_round_create"),
    Route("/wijkbudget/{round_id:int}", show, methods=["GET"], name="budget_round"),
    Route("/wijkbudget/{round_id:int}/voorstel", propose, methods=["POST"], name="budget_propose"),
    Route(
        "/wijkbudget/voorstellen/{proposal_id:int}/beoordeling",
        review,
        methods=["POST"],
        name="budget_review",
    ),
]

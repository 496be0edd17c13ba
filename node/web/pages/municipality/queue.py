"""The contact person's work queue on a gemeente node (/gemeente/werk): questions of the
followed nodes, their initiatives waiting for an official response and our processes
waiting for a report-back; filter, hand over to a colleague, answer a question."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import N_, Invalid, NotAllowed
from node.community.municipality.queue import KINDS, STATES, WorkItem
from node.web.i18n import gettext as _
from node.web.pages.municipality.format import HELPERS as FORMAT
from node.web.rendering import error_text, flash, redirect, render
from node.web.security import checked_form, require_member
from node.web.timestamps import HELPERS


def link(item: WorkItem) -> str:
    """Where the item is handled."""
    if item.kind == "question":
        return f"/gemeente/werk/vragen/{item.item_id}"
    if item.kind == "initiative":
        return f"/in-de-buurt/{item.item_id}#reacties"
    return f"/inspraak/{item.item_id}/terugkoppeling"


async def _queue_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    hood = request.app.state.hood
    member = await require_member(request)
    query = request.query_params
    names = await hood.contacts.followed_names()
    filters = hood.work.filters(
        kind=query.get("soort", ""),
        state=query.get("status", ""),
        node=query.get("buurt", ""),
        mine=query.get("mijn", ""),
        nodes=list(names),
    )
    work = await hood.work.overview(member, filters)
    context: dict[str, Any] = {
        "work": work,
        "kinds": KINDS,
        "states": STATES,
        "nodes": names,
        "colleagues": await hood.contacts.colleagues(),
        "link": link,
        "error": error,
        "notices": [_(message) for message in filters.ignored],
        **FORMAT,
        **HELPERS,
    }
    return await render(request, "work/index.html", context, status_code=status)


async def index(request: Request) -> Response:
    return await _queue_page(request)


async def assign(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    kind = str(form.get("kind", ""))
    try:
        colleague = await request.app.state.hood.work.assign(
            member, kind, _number(form.get("item_id")), _number(form.get("member_id"))
        )
    except Invalid as error:
        return await _queue_page(request, error_text(error), 400)
    flash(request, _("%(name)s handles it now.", name=colleague.display_name))
    return redirect(
        f"/gemeente/werk?{request.url.query}" if request.url.query else "/gemeente/werk"
    )


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise Invalid(N_("This item is not in the work queue (any more).")) from None


async def _question_page(
    request: Request, typed: str | None = None, error: str | None = None, status: int = 200
) -> Response:
    member = await require_member(request)
    hood = request.app.state.hood
    if not hood.work.may_work(member):
        raise NotAllowed(N_("Only the municipality's contact persons can see the work queue."))
    question = await hood.inbound.get(member, int(request.path_params["question_id"]))
    return await render(
        request,
        "work/question.html",
        {
            "question": question,
            "typed": (question.answer or "") if typed is None else typed,
            "error": error,
            **HELPERS,
        },
        status_code=status,
    )


async def question(request: Request) -> Response:
    return await _question_page(request)


async def answer(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    text = str(form.get("answer", ""))
    question_id = int(request.path_params["question_id"])
    try:
        answered = await request.app.state.hood.inbound.answer(member, question_id, text)
    except Invalid as error:
        return await _question_page(request, text, error_text(error), 400)
    flash(
        request,
        _(
            "Your answer to “%(subject)s” is sent to %(node)s.",
            subject=answered.subject,
            node=answered.origin_name,
        ),
    )
    return redirect("/gemeente/werk")


routes = [
    Route("/gemeente/werk", index, methods=["GET"], name="work_queue"),
    Route("/gemeente/werk/toewijzen", assign, methods=["POST"], name="work_assign"),
    Route(
        "/gemeente/werk/vragen/{question_id:int}", question, methods=["GET"], name="work_question"
    ),
    Route(
        "/gemeente/werk/vragen/{question_id:int}/antwoord",
        answer,
        methods=["POST"],
        name="work_answer",
    ),
]

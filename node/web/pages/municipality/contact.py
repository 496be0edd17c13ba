"""Contact: "Wie kan ik bellen?", and questions to the municipality's contact person."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.errors import N_, Invalid, NotAllowed
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.municipality.format import HELPERS as FORMAT
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member
from node.web.timestamps import HELPERS

section = Section(
    "/contact",
    N_("Contact"),
    N_("Who can I call? The municipality's contact person and the buurtverbinders."),
    order=60,
    featured=True,
)


async def _contact_page(
    request: Request, values: dict[str, str], error: str | None = None, status: int = 200
) -> Response:
    hood = request.app.state.hood
    member = await current_member(request)
    return await render(
        request,
        "contact/index.html",
        {
            # The municipality's contact person first: the one most visitors look for.
            "contacts": sorted(await hood.members.contacts(), key=lambda p: p.role != "contact"),
            "values": values,
            "error": error,
            "can_ask": member is not None and member.can(Action.ASK_QUESTION),
            "can_answer": member is not None and member.can(Action.ANSWER_QUESTIONS),
            "open_count": await hood.questions.count_open(member) if member else 0,
            "assigned": await hood.contacts.municipal(),
            "heading": "h3",
            "times": await hood.response_times.report(),
            **FORMAT,
        },
        status_code=status,
    )


async def index(request: Request) -> Response:
    return await _contact_page(request, {"subject": "", "body": ""})


async def ask(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = {name: str(form.get(name, "")) for name in ("subject", "body")}
    try:
        question = await request.app.state.hood.questions.ask(member, **values)
    except Invalid as error:
        return await _contact_page(request, values, form_errors(error), 400)
    flash(
        request,
        _("Your question is sent to the municipality. Its answer comes under “Your questions”.")
        if question.to_gemeente
        else _("Your question is sent. You will find the answer under “Your questions”."),
    )
    return redirect("/account/vragen")


async def _queue_page(
    request: Request,
    errors: dict[int, FormErrors] | None = None,
    typed: dict[int, str] | None = None,
    status: int = 200,
) -> Response:
    member = await require_member(request)
    if not member.can(Action.ANSWER_QUESTIONS):
        raise NotAllowed(N_("Only the contact person or an admin can see the questions."))
    questions = await request.app.state.hood.questions.queue(member)
    return await render(
        request,
        "contact/queue.html",
        {
            "open": [q for q in questions if q.is_open],
            "answered": [q for q in questions if not q.is_open],
            "errors": errors or {},
            "typed": typed or {},
            **HELPERS,
        },
        status_code=status,
    )


async def queue(request: Request) -> Response:
    return await _queue_page(request)


async def answer(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    question_id = int(request.path_params["question_id"])
    text = str(form.get("answer", ""))
    try:
        answered = await request.app.state.hood.questions.answer(member, question_id, text)
    except Invalid as error:
        return await _queue_page(
            request,
            {question_id: form_errors(error, {"answer": f"answer-{question_id}"})},
            {question_id: text},
            400,
        )
    flash(request, _("Your answer to “%(subject)s” is sent.", subject=answered.subject))
    return redirect("/contact/vragen")


async def my_questions(request: Request) -> Response:
    member = await require_member(request)
    return await render(
        request,
        "contact/mine.html",
        {"questions": await request.app.state.hood.questions.mine(member), **HELPERS},
    )


async def withdraw(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    question = await request.app.state.hood.questions.withdraw(
        member, int(request.path_params["question_id"])
    )
    flash(request, _("You withdrew your question “%(subject)s”.", subject=question.subject))
    return redirect("/account/vragen")


routes = [
    Route("/contact", index, methods=["GET"], name="contact"),
    Route("/contact", ask, methods=["POST"], name="ask_question"),
    Route("/contact/vragen", queue, methods=["GET"], name="question_queue"),
    Route(
        "/contact/vragen/{question_id:int}/antwoord",
        answer,
        methods=["POST"],
        name="answer_question",
    ),
    Route("/account/vragen", my_questions, methods=["GET"], name="my_questions"),
    Route(
        "/account/vragen/{question_id:int}/intrekken",
        withdraw,
        methods=["POST"],
        name="withdraw_question",
    ),
]

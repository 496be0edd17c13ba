"""What people do on a process page: respond, enter paper input, support, report back, close."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import DomainError
from node.community.participation.model import Answer
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.pages.participation.format import HELPERS, REPORT_ROWS
from node.web.pages.participation.views import detail_page, process_id
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member


def _answer_values(form: FormData, kind: str, paper: bool) -> dict[str, Any]:
    return {
        "kind": kind,
        "paper": paper,
        "body": str(form.get("body", "")),
        "choices": [str(c) for c in form.getlist("choice")],
        "side": str(form.get("side", "")),
        "about": str(form.get("about", "")),
        "ranks": {
            key.removeprefix("rank_"): str(value)
            for key, value in form.multi_items()
            if key.startswith("rank_")
        },
    }


def _answer(values: dict[str, Any]) -> Answer:
    def number(text: str) -> int:
        return int(text) if text.isdigit() else 0

    return Answer(
        body=values["body"],
        choices=[number(c) for c in values["choices"]],
        side=values["side"],
        option_id=number(values["about"]) or None,
        places={number(k): number(v) for k, v in values["ranks"].items() if k.isdigit()},
    )


async def _take_input(request: Request, paper: bool) -> Response:
    member = await current_member(request)  # anonymous visitors get a clear refusal
    form = await checked_form(request)
    pid, kind = process_id(request), request.path_params["kind"]
    values = _answer_values(form, kind, paper)
    processes = request.app.state.hood.processes
    try:
        if paper:
            await processes.input.enter_paper(member, pid, kind, _answer(values))
            message = _("The paper response is counted.")
        else:
            done = await processes.input.respond(member, pid, kind, _answer(values))
            message = (
                _("Your new answer replaces your earlier one.")
                if done.replaced
                else _("Thank you! Your response is counted.")
            )
    except DomainError as error:
        idp = f"{'papier' if paper else 'inbreng'}-{kind}"  # as detail.html names the form
        ids = {"body": f"{idp}-body", "side": f"{idp}-side-for", "about": f"{idp}-about"}
        return await detail_page(
            request, pid, error=form_errors(error, ids), values=values, status_code=error.status
        )
    flash(request, message)
    return redirect(f"/inspraak/{pid}#{'papier' if paper else 'inbreng'}-{kind}")


async def respond(request: Request) -> Response:
    return await _take_input(request, paper=False)


async def paper(request: Request) -> Response:
    return await _take_input(request, paper=True)


async def support(request: Request) -> Response:
    member = await current_member(request)
    await checked_form(request)
    pid = process_id(request)
    try:
        now = await request.app.state.hood.processes.input.toggle_support(
            member, int(request.path_params["response_id"])
        )
    except DomainError as error:
        return await detail_page(request, pid, error=form_errors(error), status_code=error.status)
    flash(request, _("You support this argument.") if now else _("Your support is withdrawn."))
    return redirect(f"/inspraak/{pid}#argument-{request.path_params['response_id']}")


async def _report_page(
    request: Request,
    values: dict[str, Any],
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    process = await request.app.state.hood.processes.get(process_id(request))
    return await render(
        request,
        "processes/report_form.html",
        {**HELPERS, "process": process, "values": values, "error": error},
        status_code=status_code,
    )


async def report_form(request: Request) -> Response:
    member = await require_member(request)
    processes = request.app.state.hood.processes
    if not processes.may_manage(member):
        raise HTTPException(403)
    report = await processes.report_back(process_id(request))
    themes = [(t.you_said, t.we_did) for t in report.themes] if report else []
    themes += [("", "")] * max(0, REPORT_ROWS - len(themes))
    return await _report_page(
        request, {"decision": report.decision_md if report else "", "themes": themes}
    )


async def report(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    pid = process_id(request)
    rows = max(REPORT_ROWS, sum(1 for key in form if key.startswith("said_")))
    values = {
        "decision": str(form.get("decision", "")),
        "themes": [
            (str(form.get(f"said_{i}", "")), str(form.get(f"did_{i}", ""))) for i in range(rows)
        ],
    }
    try:
        await request.app.state.hood.processes.publish_report_back(
            member, pid, values["decision"], values["themes"]
        )
    except DomainError as error:
        return await _report_page(request, values, form_errors(error), error.status)
    flash(request, _("The report-back is published: residents can read what was done."))
    return redirect(f"/inspraak/{pid}#terugkoppeling")


async def close(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    pid = process_id(request)
    try:
        await request.app.state.hood.processes.close(member, pid)
    except DomainError as error:
        return await detail_page(request, pid, error=form_errors(error), status_code=error.status)
    flash(request, _("The process is closed. Its report-back stays readable."))
    return redirect(f"/inspraak/{pid}")


_P = "/inspraak/{process_id:int}"
routes = [
    Route(_P + "/inbreng/{kind}", respond, methods=["POST"], name="process_respond"),
    Route(_P + "/papier/{kind}", paper, methods=["POST"], name="process_paper"),
    Route(_P + "/argumenten/{response_id:int}/steun", support, methods=["POST"]),
    Route(_P + "/terugkoppeling", report_form, methods=["GET"], name="process_report_form"),
    Route(_P + "/terugkoppeling", report, methods=["POST"], name="process_report"),
    Route(_P + "/afsluiten", close, methods=["POST"], name="process_close"),
]

"""Participation processes (inspraak): the list, opening one, its page and its A4 summary."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import N_, DomainError
from node.community.participation.model import Process, ProcessDraft
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.participation.format import HELPERS, qr_svg
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member

section = Section(
    "/inspraak",
    N_("Have your say"),
    N_("Questions to residents, how much say you have, and what was done with your input."),
    order=25,
    featured=True,
)

_TEXT_FIELDS = (
    "title",
    "question",
    "background",
    "documents",
    "level",
    "level_meaning",
    "input_from",
    "input_until",
    "decision_on",
    "report_back_by",
    "options",
)


def process_id(request: Request) -> int:
    return int(request.path_params["process_id"])


async def index(request: Request) -> Response:
    hood = request.app.state.hood
    member = await current_member(request)
    return await render(
        request,
        "processes/list.html",
        {
            **HELPERS,
            "processes": await hood.processes.all(),
            "today": hood.processes.today(),
            "can_open": hood.processes.may_manage(member),
        },
    )


def _values(form: FormData | None) -> dict[str, Any]:
    values: dict[str, Any] = {name: "" for name in _TEXT_FIELDS}
    values.update(level="consult", forms=["open"], multiple=False, anonymous=False, nodes=[])
    if form is not None:
        values.update({name: str(form.get(name, "")) for name in _TEXT_FIELDS})
        values["forms"] = [str(f) for f in form.getlist("forms")]
        values["nodes"] = [str(n) for n in form.getlist("nodes")]
        values["multiple"] = form.get("multiple") == "1"
        values["anonymous"] = form.get("anonymous") == "1"
    return values


def _draft(values: dict[str, Any]) -> ProcessDraft:
    return ProcessDraft(**values)


async def _form_page(
    request: Request,
    values: dict[str, Any],
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    processes = request.app.state.hood.processes
    return await render(
        request,
        "processes/form.html",
        {**HELPERS, "values": values, "error": error, "nodes": await processes.nodes_to_choose()},
        status_code=status_code,
    )


async def new_form(request: Request) -> Response:
    member = await require_member(request)
    if not request.app.state.hood.processes.may_manage(member):
        raise HTTPException(403)
    return await _form_page(request, _values(None))


async def create(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = _values(form)
    try:
        new_id = await request.app.state.hood.processes.open(member, _draft(values))
    except DomainError as error:
        return await _form_page(request, values, form_errors(error), error.status)
    flash(request, _("The process is open. Residents can see it now."))
    return redirect(f"/inspraak/{new_id}")


async def show(request: Request) -> Response:
    return await detail_page(request, process_id(request))


def _elsewhere(process: Process) -> dict[str, str]:
    """Another node's process, copied here: its own id is the alternate, not ours."""
    return {"activitypub_id": process.ap_id} if process.is_remote and process.ap_id else {}


async def detail_page(
    request: Request,
    pid: int,
    *,
    error: FormErrors | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """One process; also re-shown with the error and input of a refused form on it."""
    member = await current_member(request)
    page = await request.app.state.hood.processes.page(pid, member)
    return await render(
        request,
        "processes/detail.html",
        {
            **HELPERS,
            "page": page,
            "process": page.process,
            "error": error,
            "values": values or {},
            **_elsewhere(page.process),
        },
        status_code=status_code,
    )


async def print_page(request: Request) -> Response:
    hood = request.app.state.hood
    page = await hood.processes.page(process_id(request), None)
    url = f"{hood.identity.url.rstrip('/')}/inspraak/{page.process.id}"
    return await render(
        request,
        "processes/print.html",
        {
            **HELPERS,
            "page": page,
            "process": page.process,
            "url": url,
            "qr": qr_svg(url, _("QR code to the page of this process")),
            "helpers": await hood.members.contacts(),
        },
    )


routes = [
    Route("/inspraak", index, methods=["GET"], name="processes"),
    Route("/inspraak/nieuw", new_form, methods=["GET"], name="process_form"),
    Route("/inspraak/nieuw", create, methods=["POST"], name="process_create"),
    Route("/inspraak/{process_id:int}", show, methods=["GET"], name="process"),
    Route(
        "/inspraak/{process_id:int}/afdrukken", print_page, methods=["GET"], name="process_print"
    ),
]

"""Wijkboekhouding: the public books, a new entry, and the open data (JSON and CSV).

There is no route to change or remove an entry, on purpose: corrections are new entries.
"""

from __future__ import annotations

import csv
import io

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.errors import N_, DomainError
from node.community.ledger.model import EntryDraft
from node.community.ledger.receipts import CONTENT_TYPES, MAX_RECEIPT_BYTES
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.budget.format import HELPERS, spending_chart
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member

section = Section(
    "/wijkboekhouding",
    N_("Public accounts"),
    N_("Every euro of the neighbourhood budget in and out, open for everyone to check."),
    order=36,
)

_FIELDS = (
    "kind",
    "round_id",
    "date",
    "description",
    "amount",
    "counterparty",
    "initiative_id",
    "proposal_id",
    "corrects",
)
CSV_COLUMNS = (
    "number",
    "date",
    "kind",
    "round",
    "description",
    "amount_cents",
    "currency",
    "counterparty",
    "initiative",
    "project",
    "proposal",
    "corrects",
    "receipt_sha256",
    "recorded_at",
    "prev_hash",
    "hash",
    "signature",
)


async def index(request: Request) -> Response:
    hood = request.app.state.hood
    rounds = await hood.budget.rounds()
    wanted = request.query_params.get("ronde", "")
    chosen = next((r for r in rounds if str(r.id) == wanted), rounds[0] if rounds else None)
    books = await hood.budget.ledger.books(chosen.id) if chosen else None
    return await render(
        request,
        "ledger/index.html",
        {
            **HELPERS,
            "rounds": rounds,
            "round": chosen,
            "books": books,
            "chart": spending_chart(books) if books else None,
            "chain_break": await hood.budget.ledger.check(),
        },
    )


async def entry_page(request: Request) -> Response:
    """One entry at its own address: the `url` of the Note the fediverse reads about it."""
    entry = await request.app.state.hood.budget.ledger.entry(request.path_params["number"])
    return await render(request, "ledger/entry.html", {**HELPERS, "entry": entry})


def _values(form: FormData | None, request: Request) -> dict[str, str]:
    if form is None:
        return {n: request.query_params.get(n, "") for n in _FIELDS}
    return {n: str(form.get(n, "")) for n in _FIELDS}


async def _form_page(
    request: Request,
    values: dict[str, str],
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    hood = request.app.state.hood
    rounds = await hood.budget.rounds()
    proposals = [p for r in rounds for p in await hood.budget.proposals(r.id)]
    return await render(
        request,
        "ledger/form.html",
        {
            **HELPERS,
            "values": values,
            "rounds": rounds,
            "proposals": proposals,
            "initiatives": await hood.initiatives.public(limit=200),
            "entries": await hood.budget.ledger.entries(),
            "error": error,
        },
        status_code=status_code,
    )


async def new_entry_form(request: Request) -> Response:
    member = await require_member(request)
    if not member.can(Action.KEEP_LEDGER):
        raise HTTPException(403)
    return await _form_page(request, _values(None, request))


async def _receipt(form: FormData) -> bytes | None:
    upload = form.get("receipt")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    try:
        return await upload.read(MAX_RECEIPT_BYTES + 1)  # one byte over: refused clearly
    finally:
        await upload.close()  # Starlette leaves the spooled temporary file open otherwise


async def create_entry(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = _values(form, request)
    receipt = await _receipt(form)
    try:
        entry = await request.app.state.hood.budget.ledger.record(
            member, EntryDraft(**values), receipt
        )
    except DomainError as error:
        errors = form_errors(error)
        if receipt:
            errors = errors.plus(_("Choose the receipt again."))
        return await _form_page(request, values, errors, error.status)
    flash(request, _("Entry %(number)s is in the books.", number=entry.number))
    return redirect(f"/wijkboekhouding?ronde={entry.round_id}#post-{entry.number}")


async def ledger_json(request: Request) -> Response:
    hood = request.app.state.hood
    identity = hood.identity
    document = await hood.budget.ledger.document(
        {"name": identity.name, "kind": identity.kind, "url": identity.url}
    )
    document["rounds"] = [
        {"id": r.id, "name": r.name, "total_cents": r.total, "method": r.method.value}
        for r in await hood.budget.rounds()
    ]
    return JSONResponse(document, headers={"access-control-allow-origin": "*"})


async def ledger_csv(request: Request) -> Response:
    entries = await request.app.state.hood.budget.ledger.entries()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for entry in entries:
        writer.writerow(entry.document())
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": 'attachment; filename="wijkboekhouding.csv"',
            "access-control-allow-origin": "*",
        },
    )


async def receipt(request: Request) -> Response:
    """Receipts may name people or addresses: residents of this node only."""
    if await current_member(request) is None:
        raise HTTPException(401)
    name = request.path_params["name"]
    path = await request.app.state.hood.budget.ledger.receipt_path(name)
    if path is None:
        raise HTTPException(404)
    return FileResponse(
        path,
        media_type=CONTENT_TYPES[path.suffix.lstrip(".")],
        headers={"cache-control": "private, max-age=3600", "x-content-type-options": "nosniff"},
    )


routes = [
    Route("/wijkboekhouding", index, methods=["GET"], name="ledger"),
    Route("/wijkboekhouding/{number:int}", entry_page, methods=["GET"], name="ledger_entry"),
    Route("/wijkboekhouding/nieuw", new_entry_form, methods=["GET"], name="ledger_entry_form"),
    Route("/wijkboekhouding/nieuw", create_entry, methods=["POST"], name="ledger_entry_create"),
    Route("/wijkboekhouding.json", ledger_json, methods=["GET"], name="ledger_json"),
    Route("/wijkboekhouding.csv", ledger_csv, methods=["GET"], name="ledger_csv"),
    Route("/wijkboekhouding/bonnetjes/{name}", receipt, methods=["GET"], name="ledger_receipt"),
]

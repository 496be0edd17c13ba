"""Initiatives: the list with search and filters, one initiative's page, start and edit."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.errors import N_, DomainError
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft, may_manage
from node.community.media import MAX_IMAGE_BYTES
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.initiatives.format import HELPERS
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member

section = Section(
    "/initiatieven",
    N_("Initiatives"),
    N_("Plans of residents for the neighbourhood, and what they need."),
    order=10,
    featured=True,
)

NEED_ROWS = 4  # fixed rows, so the form works without JavaScript


def _initiative_id(request: Request) -> int:
    return int(request.path_params["initiative_id"])


async def index(request: Request) -> Response:
    hood = request.app.state.hood
    query = request.query_params
    filters = {
        "q": query.get("q", "").strip()[:200],
        "status": query.get("status", ""),
        "need": query.get("behoefte", ""),
        "open": query.get("hulp") == "1",
    }
    found = await hood.initiatives.search(
        query=filters["q"],
        status=filters["status"],
        need_kind=filters["need"],
        open_needs_only=filters["open"],
    )
    return await render(
        request,
        "initiatives/list.html",
        {**HELPERS, "initiatives": found, "filters": filters, "filtered": any(filters.values())},
    )


def _form_values(form: FormData | None) -> dict[str, Any]:
    def text(name: str, default: str = "") -> str:
        return str(form.get(name, default)) if form is not None else default

    return {
        "title": text("title"),
        "summary": text("summary"),
        "description": text("description"),
        "area": text("area"),
        "participation_level": text("participation_level", "selfmanage"),
        "needs": [
            {
                "kind": text(f"need_{i}_kind"),
                "text": text(f"need_{i}_text"),
                "amount": text(f"need_{i}_amount"),
            }
            for i in range(NEED_ROWS)
        ],
    }


def _draft(values: dict[str, Any]) -> InitiativeDraft:
    return InitiativeDraft(
        title=values["title"],
        summary=values["summary"],
        description=values["description"],
        area=values["area"],
        participation_level=values["participation_level"],
        needs=[NeedDraft(n["kind"], n["text"], n["amount"]) for n in values["needs"]],
    )


async def _image(form: FormData) -> bytes | None:
    upload = form.get("image")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    try:
        # One byte over the limit is enough for the domain to refuse it clearly.
        return await upload.read(MAX_IMAGE_BYTES + 1)
    finally:
        await upload.close()  # Starlette leaves the spooled temporary file open otherwise


async def _form_page(
    request: Request,
    values: dict[str, Any],
    *,
    initiative: Any = None,
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    return await render(
        request,
        "initiatives/form.html",
        {**HELPERS, "values": values, "initiative": initiative, "error": error},
        status_code=status_code,
    )


async def new_form(request: Request) -> Response:
    member = await require_member(request)
    if not member.can(Action.START_INITIATIVE):
        raise HTTPException(403)
    return await _form_page(request, _form_values(None))


async def create(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = _form_values(form)
    try:
        initiative_id = await request.app.state.hood.initiatives.start(
            member, _draft(values), await _image(form)
        )
    except DomainError as error:
        return await _form_page(
            request, values, error=_refusal(error, form), status_code=error.status
        )
    flash(request, _("Your initiative is online. Neighbours can now offer help."))
    return redirect(f"/initiatieven/{initiative_id}")


def _refusal(error: DomainError, form: FormData) -> FormErrors:
    errors = form_errors(error)
    upload = form.get("image")
    if isinstance(upload, UploadFile) and upload.filename:
        errors = errors.plus(_("For your safety the photo is not kept: choose it again."))
    return errors


async def show(request: Request) -> Response:
    return await detail_page(request, _initiative_id(request))


async def detail_page(
    request: Request,
    initiative_id: int,
    *,
    error: FormErrors | None = None,
    comment_error: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """One initiative; also re-shown with the error and input of a refused form on it."""
    hood = request.app.state.hood
    member = await current_member(request)
    page = await hood.initiatives.page(initiative_id)
    return await render(
        request,
        "initiatives/detail.html",
        {
            **HELPERS,
            "page": page,
            "initiative": page.initiative,
            "comments": await hood.comments.on("initiative", initiative_id),
            "can_manage": may_manage(member, page.initiative),
            "supported": await hood.initiatives.supported_by(member, initiative_id),
            "shares": await hood.shares.count("initiative", initiative_id),
            "error": error,
            "comment_error": comment_error,
            "values": values or {},
        },
        status_code=status_code,
    )


async def edit_form(request: Request) -> Response:
    member = await require_member(request)
    initiative = await request.app.state.hood.initiatives.get(_initiative_id(request))
    if not may_manage(member, initiative):
        raise HTTPException(403)
    values = _form_values(None)
    values.update(
        title=initiative.title,
        summary=initiative.summary,
        description=initiative.description_md,
        area=initiative.area,
        participation_level=initiative.participation_level.value,
    )
    return await _form_page(request, values, initiative=initiative)


async def edit(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    hood = request.app.state.hood
    initiative = await hood.initiatives.get(_initiative_id(request))
    values = _form_values(form)
    try:
        await hood.initiatives.edit(
            member,
            initiative.id,
            _draft(values),
            await _image(form),
            remove_image=form.get("remove_image") == "1",
        )
    except DomainError as error:
        return await _form_page(
            request,
            values,
            initiative=initiative,
            error=_refusal(error, form),
            status_code=error.status,
        )
    flash(request, _("Your changes are saved."))
    return redirect(f"/initiatieven/{initiative.id}")


async def media(request: Request) -> Response:
    path = request.app.state.hood.initiatives.media.path_for(request.path_params["name"])
    if path is None:
        raise HTTPException(404)
    # Names are random and files never change, so browsers may keep them.
    return FileResponse(path, headers={"cache-control": "public, max-age=31536000, immutable"})


routes = [
    Route("/initiatieven", index, methods=["GET"], name="initiatives"),
    Route("/initiatieven/nieuw", new_form, methods=["GET"], name="initiative_form"),
    Route("/initiatieven/nieuw", create, methods=["POST"], name="initiative_create"),
    Route("/initiatieven/{initiative_id:int}", show, methods=["GET"], name="initiative"),
    Route(
        "/initiatieven/{initiative_id:int}/bewerken",
        edit_form,
        methods=["GET"],
        name="initiative_edit_form",
    ),
    Route(
        "/initiatieven/{initiative_id:int}/bewerken",
        edit,
        methods=["POST"],
        name="initiative_edit",
    ),
    Route("/initiatieven/media/{name}", media, methods=["GET"], name="initiative_media"),
]

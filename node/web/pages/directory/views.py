"""De gids: the neighbourhood's services, organisations and residents' skills, searchable."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.members import Member
from node.community.directory.service import DirectoryEntry, EntryDraft, EntryKind, allowed_kinds
from node.community.errors import N_, Invalid, NotAllowed
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member

section = Section(
    "/gids",
    N_("Neighbourhood guide"),
    N_("Services, organisations, and skills residents offer or ask for."),
    order=40,
)

KIND_LABELS = {
    EntryKind.SERVICE: N_("Service"),
    EntryKind.ORGANISATION: N_("Organisation"),
    EntryKind.SKILL_OFFER: N_("I can…"),
    EntryKind.SKILL_REQUEST: N_("Who can…?"),
}
KIND_FILTERS = {
    EntryKind.SERVICE: N_("Services"),
    EntryKind.ORGANISATION: N_("Organisations"),
    EntryKind.SKILL_OFFER: N_("Skills residents offer"),
    EntryKind.SKILL_REQUEST: N_("Skills residents ask for"),
}
KIND_HINTS = {
    EntryKind.SERVICE: N_("A facility: the GP, a supermarket, the repair café."),
    EntryKind.ORGANISATION: N_("A local club, foundation or association."),
    EntryKind.SKILL_OFFER: N_("Something you can do for neighbours, such as fixing bikes."),
    EntryKind.SKILL_REQUEST: N_("Something you look for help with, such as pruning a tree."),
}
_TEXT_FIELDS = ("kind", "title", "description", "phone", "email", "website", "address")


def _id(request: Request) -> int:
    return int(request.path_params["entry_id"])


def _labels() -> dict[str, Any]:
    return {
        "kind_labels": {k.value: _(v) for k, v in KIND_LABELS.items()},
        "kind_filters": {k.value: _(v) for k, v in KIND_FILTERS.items()},
        "kind_hints": {k.value: _(v) for k, v in KIND_HINTS.items()},
    }


def _values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {name: str(form.get(name, "")) for name in _TEXT_FIELDS}
    values["visibility"] = str(form.get("visibility", "public"))
    values["show_contact"] = form.get("show_contact") == "1"
    return values


def _values_of(entry: DirectoryEntry) -> dict[str, Any]:
    values: dict[str, Any] = {name: str(getattr(entry, name)) for name in _TEXT_FIELDS}
    values.update(visibility=entry.visibility.value, show_contact=entry.show_contact)
    return values


def _draft(values: dict[str, Any]) -> EntryDraft:
    return EntryDraft(**values)


async def _form(
    request: Request,
    member: Member,
    values: dict[str, Any],
    action: str,
    *,
    kinds: list[EntryKind],
    editing: bool = False,
    error: FormErrors | None = None,
    status: int = 200,
) -> Response:
    return await render(
        request,
        "directory/form.html",
        {
            "values": values,
            "action": action,
            "kinds": [k.value for k in kinds],
            "editing": editing,
            "error": error,
            **_labels(),
        },
        status_code=status,
    )


async def index(request: Request) -> Response:
    member = await current_member(request)
    query = request.query_params.get("q", "")[:200]
    kind = request.query_params.get("soort", "")
    if kind not in {k.value for k in EntryKind}:
        kind = ""
    entries = await request.app.state.hood.directory.search(member, query, kind)
    return await render(
        request,
        "directory/index.html",
        {
            "entries": entries,
            "query": query,
            "kind": kind,
            "searched": bool(query or kind),
            "can_add": bool(allowed_kinds(member)),
            "viewer": member,
            **_labels(),
        },
    )


async def show(request: Request) -> Response:
    member = await current_member(request)
    entry = await request.app.state.hood.directory.get(member, _id(request))
    return await render(
        request,
        "directory/show.html",
        {
            "entry": entry,
            "show_contact": entry.contact_visible_to(member),
            "can_edit": entry.may_edit(member),
            "can_remove": entry.may_remove(member),
            **_labels(),
        },
    )


async def new_form(request: Request) -> Response:
    member = await require_member(request)
    kinds = allowed_kinds(member)
    if not kinds:
        raise NotAllowed(N_("You may not add entries to the guide."))
    wanted = request.query_params.get("soort", "")
    values: dict[str, Any] = {name: "" for name in _TEXT_FIELDS}
    values.update(
        kind=wanted if wanted in kinds else kinds[0].value,
        visibility="public",
        show_contact=True,
    )
    return await _form(request, member, values, "/gids/nieuw", kinds=kinds)


async def create(request: Request) -> Response:
    member = await require_member(request)
    values = _values(await checked_form(request))
    try:
        entry = await request.app.state.hood.directory.add(member, _draft(values))
    except Invalid as error:
        return await _form(
            request,
            member,
            values,
            "/gids/nieuw",
            kinds=allowed_kinds(member),
            error=form_errors(error),
            status=400,
        )
    flash(request, _("“%(title)s” is in the guide.", title=entry.title))
    return redirect(f"/gids/{entry.id}")


def _edit_kinds(entry: DirectoryEntry) -> list[EntryKind]:
    return [k for k in EntryKind if k.is_skill == entry.kind.is_skill]


async def edit_form(request: Request) -> Response:
    member = await require_member(request)
    entry = await request.app.state.hood.directory.get(member, _id(request))
    if not entry.may_edit(member):
        raise NotAllowed(N_("You may only change your own entries in the guide."))
    return await _form(
        request,
        member,
        _values_of(entry),
        f"/gids/{entry.id}/bewerken",
        kinds=_edit_kinds(entry),
        editing=True,
    )


async def update(request: Request) -> Response:
    member = await require_member(request)
    values = _values(await checked_form(request))
    directory = request.app.state.hood.directory
    try:
        entry = await directory.update(member, _id(request), _draft(values))
    except Invalid as error:
        current = await directory.get(member, _id(request))
        return await _form(
            request,
            member,
            values,
            f"/gids/{current.id}/bewerken",
            kinds=_edit_kinds(current),
            editing=True,
            error=form_errors(error),
            status=400,
        )
    flash(request, _("Your changes are saved."))
    return redirect(f"/gids/{entry.id}")


async def remove(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    await request.app.state.hood.directory.remove(member, _id(request))
    flash(request, _("The entry is removed from the guide."))
    return redirect("/gids")


routes = [
    Route("/gids", index, methods=["GET"], name="directory"),
    Route("/gids/nieuw", new_form, methods=["GET"], name="directory_form"),
    Route("/gids/nieuw", create, methods=["POST"], name="directory_create"),
    Route("/gids/{entry_id:int}", show, methods=["GET"], name="directory_entry"),
    Route("/gids/{entry_id:int}/bewerken", edit_form, methods=["GET"], name="directory_edit"),
    Route("/gids/{entry_id:int}/bewerken", update, methods=["POST"], name="directory_update"),
    Route("/gids/{entry_id:int}/verwijderen", remove, methods=["POST"], name="directory_remove"),
]

"""Places: community centres, libraries and other meeting places, with what happens there."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.calendar.places import PlaceDraft, PlaceKind
from node.community.errors import N_, Invalid, NotAllowed
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.pages.calendar.format import HELPERS
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member

section = Section(
    "/plekken",
    N_("Places"),
    N_("Community centres, libraries and other meeting places."),
    order=30,
)


def _draft(form: FormData) -> PlaceDraft:
    return PlaceDraft(**{name: str(form.get(name, "")) for name in PlaceDraft.fields()})


async def overview(request: Request) -> Response:
    places = await request.app.state.hood.places.all()
    return await render(request, "places/list.html", {**HELPERS, "places": places})


async def show(request: Request) -> Response:
    hood = request.app.state.hood
    place = await hood.places.get(request.path_params["place_id"])
    events = await hood.calendar.at_place(place.id)
    return await render(request, "places/show.html", {**HELPERS, "place": place, "events": events})


async def _form(
    request: Request,
    draft: PlaceDraft,
    *,
    action: str,
    heading: str,
    error: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    return await render(
        request,
        "places/form.html",
        {
            **HELPERS,
            "draft": draft,
            "kinds": [kind.value for kind in PlaceKind],
            "action": action,
            "heading": heading,
            "error": error,
        },
        status_code=status_code,
    )


async def _manager(request: Request) -> Member:
    member = await require_member(request)
    if not member.can(Action.MANAGE_PLACES):
        raise NotAllowed(N_("Only a buurtverbinder or admin can add or change places."))
    return member


async def new_form(request: Request) -> Response:
    await _manager(request)
    return await _form(request, PlaceDraft(), action="/plekken/nieuw", heading=_("Add a place"))


async def create(request: Request) -> Response:
    member = await require_member(request)
    draft = _draft(await checked_form(request))
    try:
        place = await request.app.state.hood.places.create(member, draft)
    except Invalid as error:
        return await _form(
            request,
            draft,
            action="/plekken/nieuw",
            heading=_("Add a place"),
            error=form_errors(error),
            status_code=error.status,
        )
    flash(request, _("The place is added."))
    return redirect(f"/plekken/{place.id}")


async def edit_form(request: Request) -> Response:
    await _manager(request)
    place = await request.app.state.hood.places.get(request.path_params["place_id"])
    return await _form(
        request,
        PlaceDraft.from_place(place),
        action=f"/plekken/{place.id}/bewerken",
        heading=_("Change place"),
    )


async def update(request: Request) -> Response:
    member = await require_member(request)
    draft = _draft(await checked_form(request))
    place_id = request.path_params["place_id"]
    try:
        await request.app.state.hood.places.update(member, place_id, draft)
    except Invalid as error:
        return await _form(
            request,
            draft,
            action=f"/plekken/{place_id}/bewerken",
            heading=_("Change place"),
            error=form_errors(error),
            status_code=error.status,
        )
    flash(request, _("The place is changed."))
    return redirect(f"/plekken/{place_id}")


routes = [
    Route("/plekken", overview, methods=["GET"], name="places"),
    Route("/plekken/nieuw", new_form, methods=["GET"], name="place_new"),
    Route("/plekken/nieuw", create, methods=["POST"], name="place_create"),
    Route("/plekken/{place_id:int}", show, methods=["GET"], name="place"),
    Route("/plekken/{place_id:int}/bewerken", edit_form, methods=["GET"], name="place_edit"),
    Route("/plekken/{place_id:int}/bewerken", update, methods=["POST"], name="place_update"),
]

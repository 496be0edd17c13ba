"""Mededelingen: news from buurtverbinders, the contact person and admins; urgent news on top."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.announcements.service import Announcement, expires_local, local_moment
from node.community.errors import N_, Invalid, NotAllowed
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.labels import Section
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, current_member, require_member
from node.web.timestamps import HELPERS, local_datetime

section = Section(
    "/mededelingen",
    N_("News"),
    N_("Announcements from the neighbourhood and the municipality."),
    order=15,
)

_FIELDS = ("title", "body", "expires_date", "expires_time")
_NEW = "/mededelingen/nieuw"


def _id(request: Request) -> int:
    return int(request.path_params["announcement_id"])


def _values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {name: str(form.get(name, "")) for name in _FIELDS}
    values["urgent"] = form.get("urgent") == "1"
    return values


def _values_of(announcement: Announcement) -> dict[str, Any]:
    ends = expires_local(announcement)
    return {
        "title": announcement.title,
        "body": announcement.body,
        "urgent": announcement.urgent,
        "expires_date": ends.strftime("%Y-%m-%d") if ends else "",
        "expires_time": ends.strftime("%H:%M") if ends else "",
    }


async def _form(
    request: Request,
    values: dict[str, Any],
    action: str,
    error: FormErrors | None = None,
    status: int = 200,
) -> Response:
    return await render(
        request,
        "announcements/form.html",
        {"values": values, "action": action, "error": error, "editing": action != _NEW},
        status_code=status,
    )


async def index(request: Request) -> Response:
    hood = request.app.state.hood
    member = await current_member(request)
    return await render(
        request,
        "announcements/index.html",
        {
            "current": await hood.announcements.current(),
            "past": await hood.announcements.past(),
            "can_post": member is not None and member.can(Action.POST_ANNOUNCEMENT),
            **HELPERS,
        },
    )


async def show(request: Request) -> Response:
    hood = request.app.state.hood
    announcement = await hood.announcements.get(_id(request))
    member = await current_member(request)
    return await render(
        request,
        "announcements/show.html",
        {
            "item": announcement,
            "is_current": announcement.is_current(hood.clock()),
            "can_change": announcement.may_change(member),
            "shares": await hood.shares.count("announcement", announcement.id),
            **HELPERS,
        },
    )


async def new_form(request: Request) -> Response:
    member = await require_member(request)
    if not member.can(Action.POST_ANNOUNCEMENT):
        raise NotAllowed(N_("Only buurtverbinders, the contact person and admins can post news."))
    empty = {name: "" for name in _FIELDS} | {"urgent": False}
    return await _form(request, empty, "/mededelingen/nieuw")


async def create(request: Request) -> Response:
    member = await require_member(request)
    values = _values(await checked_form(request))
    try:
        posted = await request.app.state.hood.announcements.post(
            member,
            title=values["title"],
            body=values["body"],
            urgent=values["urgent"],
            expires_at=local_moment(values["expires_date"], values["expires_time"]),
        )
    except Invalid as error:
        return await _form(request, values, "/mededelingen/nieuw", form_errors(error), 400)
    _flash_saved(request, posted)
    return redirect(f"/mededelingen/{posted.id}")


async def edit_form(request: Request) -> Response:
    member = await require_member(request)
    announcement = await request.app.state.hood.announcements.get(_id(request))
    if not announcement.may_change(member):
        raise NotAllowed(N_("Only the author or an admin can change this announcement."))
    return await _form(
        request, _values_of(announcement), f"/mededelingen/{announcement.id}/bewerken"
    )


async def update(request: Request) -> Response:
    member = await require_member(request)
    values = _values(await checked_form(request))
    action = f"/mededelingen/{_id(request)}/bewerken"
    try:
        saved = await request.app.state.hood.announcements.update(
            member,
            _id(request),
            title=values["title"],
            body=values["body"],
            urgent=values["urgent"],
            expires_at=local_moment(values["expires_date"], values["expires_time"]),
        )
    except Invalid as error:
        return await _form(request, values, action, form_errors(error), 400)
    _flash_saved(request, saved)
    return redirect(f"/mededelingen/{saved.id}")


async def end(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    ended = await request.app.state.hood.announcements.end(member, _id(request))
    flash(request, _("The announcement “%(title)s” has ended.", title=ended.title))
    return redirect(f"/mededelingen/{ended.id}")


def _flash_saved(request: Request, announcement: Announcement) -> None:
    if announcement.urgent:
        flash(
            request,
            _(
                "The urgent announcement is on top of every page until %(moment)s.",
                moment=local_datetime(announcement.expires_at),
            ),
        )
    else:
        flash(request, _("The announcement is saved."))


routes = [
    Route("/mededelingen", index, methods=["GET"], name="announcements"),
    Route("/mededelingen/nieuw", new_form, methods=["GET"], name="announcement_form"),
    Route("/mededelingen/nieuw", create, methods=["POST"], name="announcement_create"),
    Route("/mededelingen/{announcement_id:int}", show, methods=["GET"], name="announcement"),
    Route(
        "/mededelingen/{announcement_id:int}/bewerken",
        edit_form,
        methods=["GET"],
        name="announcement_edit_form",
    ),
    Route(
        "/mededelingen/{announcement_id:int}/bewerken",
        update,
        methods=["POST"],
        name="announcement_update",
    ),
    Route(
        "/mededelingen/{announcement_id:int}/beeindigen",
        end,
        methods=["POST"],
        name="announcement_end",
    ),
]

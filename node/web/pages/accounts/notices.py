"""The notification centre (/meldingen): what waits for a member and what they would want to
know, newest first; read one by one or all at once, without JavaScript."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.notifications import CENTRE_PAGE
from node.web.i18n import gettext as _
from node.web.pages.accounts.format import notice_link, notice_text
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member
from node.web.timestamps import HELPERS


async def index(request: Request) -> Response:
    member = await require_member(request)
    before = request.query_params.get("voor", "")
    notices = await request.app.state.hood.notifications.centre(
        member, before_id=int(before) if before.isdigit() else None
    )
    items = [{"notice": n, "text": notice_text(n), "link": notice_link(n)} for n in notices]
    return await render(
        request,
        "notices.html",
        {
            "items": items,
            "older": notices[-1].id if len(notices) == CENTRE_PAGE else None,
            "any_unread": any(not n.read for n in notices),
            **HELPERS,
        },
    )


async def open_notice(request: Request) -> Response:
    """Follow a notification's link; reading it is what marks it read."""
    member = await require_member(request)
    hood = request.app.state.hood
    notification_id = request.path_params["notification_id"]
    [notice] = [
        n
        for n in await hood.notifications.centre(member, before_id=notification_id + 1)
        if n.id == notification_id
    ] or [None]
    if notice is None:
        return redirect("/meldingen")
    await hood.notifications.mark_read(member, notification_id)
    return redirect(notice_link(notice) or "/meldingen")


async def mark_read(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    await request.app.state.hood.notifications.mark_read(
        member, request.path_params["notification_id"]
    )
    return redirect("/meldingen")


async def mark_all_read(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    count = await request.app.state.hood.notifications.mark_read(member)
    flash(request, _("All notifications are marked read.") if count else _("Nothing was unread."))
    return redirect("/meldingen")


routes = [
    Route("/meldingen", index, methods=["GET"], name="notices"),
    Route("/meldingen/gelezen", mark_all_read, methods=["POST"], name="notices_read"),
    Route("/meldingen/{notification_id:int}", open_notice, methods=["GET"], name="notice_open"),
    Route(
        "/meldingen/{notification_id:int}/gelezen",
        mark_read,
        methods=["POST"],
        name="notice_read",
    ),
]

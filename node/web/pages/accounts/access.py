"""Getting out: ending one's sessions on other devices."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.web.i18n import gettext as _
from node.web.rendering import flash, redirect
from node.web.security import checked_form, current_session, require_member


async def end_other_sessions(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    session = await current_session(request)
    if session is not None:
        await request.app.state.hood.sessions.end_others(member, session)
    flash(request, _("You are logged out on all other devices."))
    return redirect("/account")


routes = [
    Route(
        "/account/sessies/uitloggen",
        end_other_sessions,
        methods=["POST"],
        name="end_other_sessions",
    ),
]

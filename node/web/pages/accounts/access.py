"""Getting in and out: ending one's sessions elsewhere, and the one-time reset link."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import DomainError
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.rendering import error_text, flash, redirect, render
from node.web.security import checked_form, current_session, log_out, require_member

RESET_PATH = "/nieuw-wachtwoord"


async def end_other_sessions(request: Request) -> Response:
    member = await require_member(request)
    await checked_form(request)
    session = await current_session(request)
    if session is not None:
        await request.app.state.hood.sessions.end_others(member, session)
    flash(request, _("You are logged out on all other devices."))
    return redirect("/account")


async def _reset_page(
    request: Request, name: str | None, error: object, status_code: int
) -> Response:
    return await render(
        request,
        "new_password.html",
        {"token": request.path_params["token"], "name": name, "error": error},
        status_code=status_code,
    )


async def reset_form(request: Request) -> Response:
    try:
        member = await request.app.state.hood.care.reset_for(request.path_params["token"])
    except DomainError as error:
        return await _reset_page(request, None, error_text(error), error.status)
    return await _reset_page(request, member.display_name, None, 200)


async def reset(request: Request) -> Response:
    care = request.app.state.hood.care
    form = await checked_form(request)
    token = request.path_params["token"]
    password = str(form.get("new_password", ""))
    try:
        member = await care.reset_for(token)
    except DomainError as error:
        return await _reset_page(request, None, error_text(error), error.status)
    try:
        await care.use_reset(token, password, str(form.get("new_password_again", "")))
    except DomainError as error:
        return await _reset_page(request, member.display_name, form_errors(error), error.status)
    await log_out(request)  # whoever was logged in on this browser, it starts afresh
    flash(request, _("Your new password is set; every device was logged out. Log in now."))
    return redirect("/inloggen")


routes = [
    Route(
        "/account/sessies/uitloggen",
        end_other_sessions,
        methods=["POST"],
        name="end_other_sessions",
    ),
    Route(RESET_PATH + "/{token}", reset_form, methods=["GET"], name="reset_form"),
    Route(RESET_PATH + "/{token}", reset, methods=["POST"], name="reset"),
]

"""Choosing a new password with a one-time link (domain: community/accounts/resets.py):
asking for one by e-mail (the answer is the same whether or not the address is known), and
the page the link opens, for links sent by mail and those handed over in person."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import DomainError
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.rendering import error_text, flash, redirect, render
from node.web.security import checked_form, log_out

MAX_TOKEN = 100
RESET_PATH = "/wachtwoord-herstellen"  # the links in mail and those handed over


async def forgot_form(request: Request) -> Response:
    return await render(request, "mail/forgot.html", {"error": None, "address": ""})


async def forgot(request: Request) -> Response:
    form = await checked_form(request)
    address = str(form.get("email", "")).strip()
    try:
        await request.app.state.hood.resets.request(address)
    except DomainError as error:
        return await render(
            request, "mail/forgot.html", {"error": form_errors(error), "address": address},
            status_code=400,
        )  # fmt: skip
    flash(
        request,
        _("If a confirmed account has this address, a link is on its way. It works for an hour."),
    )
    return redirect("/inloggen")


async def _reset_page(
    request: Request, name: str | None, error: object, status_code: int
) -> Response:
    """The form while the link is usable (`name` known); otherwise only the error."""
    return await render(
        request,
        "new_password.html",
        {"token": request.path_params["token"][:MAX_TOKEN], "name": name, "error": error},
        status_code=status_code,
    )


async def reset_form(request: Request) -> Response:
    try:
        member = await request.app.state.hood.resets.member_for(request.path_params["token"])
    except DomainError as error:
        return await _reset_page(request, None, error_text(error), error.status)
    return await _reset_page(request, member.display_name, None, 200)


async def reset(request: Request) -> Response:
    resets = request.app.state.hood.resets
    form = await checked_form(request)
    token = request.path_params["token"]
    password = str(form.get("new_password", ""))
    try:
        member = await resets.member_for(token)
    except DomainError as error:
        return await _reset_page(request, None, error_text(error), error.status)
    try:
        await resets.use(token, password, str(form.get("new_password_again", "")))
    except DomainError as error:
        return await _reset_page(request, member.display_name, form_errors(error), error.status)
    await log_out(request)  # whoever was logged in on this browser, it starts afresh
    flash(request, _("Your new password is set; every device was logged out. Log in now."))
    return redirect("/inloggen")


routes = [
    Route("/wachtwoord-vergeten", forgot_form, methods=["GET"], name="forgot_form"),
    Route("/wachtwoord-vergeten", forgot, methods=["POST"], name="forgot"),
    Route(RESET_PATH + "/{token}", reset_form, methods=["GET"], name="reset_form"),
    Route(RESET_PATH + "/{token}", reset, methods=["POST"], name="reset"),
]

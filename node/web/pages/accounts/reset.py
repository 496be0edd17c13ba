"""Forgot your password: a reset link by e-mail to a verified address (domain:
community/accounts/resets.py). The answer is the same whether or not the address is known."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import DomainError
from node.community.fields import FormInvalid
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.rendering import error_text, flash, redirect, render
from node.web.security import checked_form

MAX_TOKEN = 100


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


async def reset_form(request: Request, error: object = None, status: int = 200) -> Response:
    token = request.path_params["token"][:MAX_TOKEN]
    try:
        await request.app.state.hood.resets.check(token)
    except DomainError as failure:
        return await render(
            request, "mail/done.html", {"title": _("Link not usable"), "text": error_text(failure)},
            status_code=400,
        )  # fmt: skip
    return await render(
        request, "mail/reset.html", {"token": token, "error": error}, status_code=status
    )


async def reset(request: Request) -> Response:
    form = await checked_form(request)
    token = request.path_params["token"][:MAX_TOKEN]
    password = str(form.get("new_password", ""))
    try:
        await request.app.state.hood.resets.reset(
            token, password, str(form.get("new_password_again", ""))
        )
    except FormInvalid as error:
        return await reset_form(request, form_errors(error), 400)
    except DomainError as error:
        return await render(
            request, "mail/done.html", {"title": _("Link not usable"), "text": error_text(error)},
            status_code=400,
        )  # fmt: skip
    request.session.clear()
    flash(request, _("Your password is changed and you are logged out everywhere. Log in now."))
    return redirect("/inloggen")


routes = [
    Route("/wachtwoord-vergeten", forgot_form, methods=["GET"], name="forgot_form"),
    Route("/wachtwoord-vergeten", forgot, methods=["POST"], name="forgot"),
    Route("/wachtwoord-herstellen/{token}", reset_form, methods=["GET"], name="reset_form"),
    Route("/wachtwoord-herstellen/{token}", reset, methods=["POST"], name="reset"),
]

"""Register, log in and out, and look after one's own account."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.members import RegistrationMode, check_login
from node.community.errors import DomainError
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.pages.accounts.page import PROFILE, account_page
from node.web.rendering import flash, redirect, render
from node.web.security import (
    checked_form,
    current_session,
    log_in,
    log_out,
    require_member,
    safe_next,
)


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def login_form(request: Request) -> Response:
    return await render(
        request,
        "login.html",
        {"next": safe_next(request.query_params.get("volgende")), "username": "", "error": None},
    )


async def login(request: Request) -> Response:
    form = await checked_form(request)
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    target = safe_next(str(form.get("next", "/")))
    throttle = request.app.state.login_throttle
    address = _client_address(request)
    context = {"next": target, "username": username}
    try:
        check_login(username, password)
    except DomainError as error:
        return await render(
            request, "login.html", {**context, "error": form_errors(error)}, status_code=400
        )
    wait = throttle.wait(username, address)
    if wait:
        minutes = max(1, round(wait / 60))
        error = _(
            "Too many wrong passwords from this address. Wait %(minutes)s minutes and try "
            "again. Forgot your password? A buurtverbinder can give you a link to choose a "
            "new one.",
            minutes=minutes,
        )
        response = await render(request, "login.html", {**context, "error": error}, status_code=429)
        response.headers["Retry-After"] = str(wait)
        return response
    member = await request.app.state.hood.members.authenticate(username, password)
    if member is None:
        throttle.failed(username, address)
        return await render(
            request,
            "login.html",
            {
                **context,
                "error": _("User name or password is not right. Check both and try again."),
            },
            status_code=400,
        )
    if member.status == "pending":
        return await render(
            request,
            "login.html",
            {
                **context,
                "error": _(
                    "Your account waits for approval by a buurtverbinder. You can log in once "
                    "it is approved."
                ),
            },
            status_code=403,
        )
    if not member.is_active:
        return await render(
            request,
            "login.html",
            {**context, "error": _("This account is closed. Ask a buurtverbinder for help.")},
            status_code=403,
        )
    throttle.succeeded(username, address)
    await log_in(request, member)
    if member.must_change_password:
        flash(
            request,
            _("You logged in with a temporary password. Choose your own password now."),
            "warning",
        )
        return redirect("/account")
    return redirect(target)


async def logout(request: Request) -> Response:
    await checked_form(request)
    await log_out(request)
    flash(request, _("You are logged out."))
    return redirect("/")


async def register_form(request: Request) -> Response:
    hood = request.app.state.hood
    settings = await hood.settings.get()
    return await render(
        request,
        "register.html",
        {
            "mode": settings.registration.value,
            "invite": request.query_params.get("uitnodiging", ""),
            "values": {},
            "error": None,
        },
    )


async def register(request: Request) -> Response:
    hood = request.app.state.hood
    form = await checked_form(request)
    settings = await hood.settings.get()
    values = {k: str(form.get(k, "")) for k in ("username", "display_name", "invite")}
    password = str(form.get("password", ""))
    try:
        member = await hood.members.register(
            settings.registration,
            values["username"],
            values["display_name"],
            password,
            invite_token=values["invite"] or None,
            repeat=str(form.get("password_again", "")),
        )
    except DomainError as error:
        return await render(
            request,
            "register.html",
            {
                "mode": settings.registration.value,
                "invite": values["invite"],
                "values": values,
                "error": form_errors(error),
            },
            status_code=error.status,
        )
    if settings.registration is RegistrationMode.APPROVAL:
        flash(
            request,
            _(
                "Thank you for signing up. A buurtverbinder will approve your account soon; "
                "then you can log in."
            ),
        )
        return redirect("/")
    await log_in(request, member)
    flash(request, _("Welcome, %(name)s! Your account is ready.", name=member.display_name))
    return redirect("/account")


async def account(request: Request) -> Response:
    return await account_page(request, await require_member(request))


async def update_profile(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    values = {k: str(form.get(k, "")) for k in PROFILE}
    try:
        await request.app.state.hood.members.update_profile(member, **values)
    except DomainError as error:
        return await account_page(request, member, form_errors(error), 400, values)
    await request.app.state.hood.contacts.profile_changed(member)  # the wijken she serves
    flash(request, _("Your details are saved."))
    return redirect("/account")


async def change_password(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    session = await current_session(request)
    try:
        await request.app.state.hood.members.change_password(
            member,
            str(form.get("current_password", "")),
            str(form.get("new_password", "")),
            session.id if session else None,
            repeat=str(form.get("new_password_again", "")),
        )
    except DomainError as error:
        return await account_page(request, member, form_errors(error), 400)
    flash(request, _("Your password is changed. Other devices are logged out."))
    return redirect("/account")


routes = [
    Route("/inloggen", login_form, methods=["GET"], name="login_form"),
    Route("/inloggen", login, methods=["POST"], name="login"),
    Route("/uitloggen", logout, methods=["POST"], name="logout"),
    Route("/registreren", register_form, methods=["GET"], name="register_form"),
    Route("/registreren", register, methods=["POST"], name="register"),
    Route("/account", account, methods=["GET"], name="account"),
    Route("/account/gegevens", update_profile, methods=["POST"], name="update_profile"),
    Route("/account/wachtwoord", change_password, methods=["POST"], name="change_password"),
]

"""A member's e-mail address and choices on /account, the verification link, and the
one-click unsubscribe from a mail (RFC 8058: a POST without session or CSRF token; the
signed token in the address is the authority)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.mailbox import DIGEST, KINDS
from node.community.errors import DomainError
from node.web import labels
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.pages.accounts.page import account_page
from node.web.rendering import error_text, flash, redirect, render
from node.web.security import checked_form, require_member

MAX_TOKEN = 500  # a token is ~100 characters; anything longer is not ours


async def save_address(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    hood = request.app.state.hood
    address = str(form.get("email", "")).strip()
    try:
        if not address:
            await hood.addresses.remove(member)
            flash(request, _("Your e-mail address is removed. The node sends you no more mail."))
            return redirect("/account#email-title")
        saved = await hood.addresses.set(member, address, str(form.get("language", "")))
    except DomainError as error:
        return await account_page(request, member, form_errors(error), 400, email=address)
    if saved.verified:
        flash(request, _("Your e-mail settings are saved."))
    else:
        flash(
            request,
            _("We sent a link to %(address)s. Follow it to start receiving mail.", address=address),
        )
    return redirect("/account#email-title")


async def save_choices(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    chosen = {k: str(form.get(f"choice_{k}", "")) for k in (*KINDS, DIGEST)}
    await request.app.state.hood.addresses.choose(member, chosen)
    flash(request, _("Your choices are saved."))
    return redirect("/account#mail-choices-title")


async def verify(request: Request) -> Response:
    token = request.query_params.get("token", "")[:MAX_TOKEN]
    try:
        await request.app.state.hood.addresses.verify(token)
    except DomainError as error:
        return await render(
            request, "mail/done.html", {"title": _("Link not usable"), "text": error_text(error)},
            status_code=400,
        )  # fmt: skip
    return await render(
        request,
        "mail/done.html",
        {"title": _("E-mail address confirmed"), "text": _("From now on mail reaches you there.")},
    )


async def unsubscribe_form(request: Request) -> Response:
    return await render(
        request, "mail/unsubscribe.html", {"token": request.path_params["token"][:MAX_TOKEN]}
    )


async def unsubscribe(request: Request) -> Response:
    """Both the button on the page and a mail program's one-click POST land here."""
    try:
        kind = await request.app.state.hood.addresses.unsubscribe(
            request.path_params["token"][:MAX_TOKEN]
        )
    except DomainError as error:
        return await render(
            request, "mail/done.html", {"title": _("Link not usable"), "text": error_text(error)},
            status_code=400,
        )  # fmt: skip
    return await render(
        request,
        "mail/done.html",
        {
            "title": _("You are unsubscribed"),
            "text": _(
                "You get no more mail of this kind: %(kind)s. Change it on your account page.",
                kind=labels.mail_kind_label(kind),
            ),
        },
    )


routes = [
    Route("/account/e-mail", save_address, methods=["POST"], name="mail_address"),
    Route("/account/e-mail/keuzes", save_choices, methods=["POST"], name="mail_choices"),
    Route("/account/e-mail/bevestigen", verify, methods=["GET"], name="mail_verify"),
    Route("/afmelden/{token}", unsubscribe_form, methods=["GET"], name="unsubscribe_form"),
    Route("/afmelden/{token}", unsubscribe, methods=["POST"], name="unsubscribe"),
]

"""Beheer of members' accounts: role, disable and enable, remove, a one-time reset link.

Who may do what is decided by the domain (community/accounts/care.py); a refusal comes
back to /beheer as a message that says why.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.care import AccountCare
from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.errors import DomainError
from node.web.i18n import gettext as _
from node.web.pages.accounts.reset import RESET_PATH
from node.web.rendering import error_text, flash, redirect
from node.web.security import checked_form, require_member

Handler = Callable[[AccountCare, Member, int, FormData], Awaitable[str]]


async def _keeper(request: Request) -> Member:
    """Someone who may open /beheer at all; what they may do to whom the domain decides."""
    member = await require_member(request)
    if not member.can(Action.APPROVE_MEMBERS):
        raise HTTPException(403)
    return member


def _care(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Check the form, run one kind of care, and return to /beheer with what happened."""

    async def endpoint(request: Request) -> Response:
        by = await _keeper(request)
        form = await checked_form(request)
        try:
            message = await handler(
                request.app.state.hood.care, by, int(request.path_params["member_id"]), form
            )
        except DomainError as error:
            flash(request, error_text(error), "error")
        else:
            flash(request, message)
        return redirect("/beheer#leden")

    return endpoint


async def _role(care: AccountCare, by: Member, member_id: int, form: FormData) -> str:
    member = await care.change_role(by, member_id, str(form.get("role", "")))
    return _("%(name)s is now %(role)s.", name=member.display_name, role=member.role.value)


async def _disable(care: AccountCare, by: Member, member_id: int, form: FormData) -> str:
    member = await care.disable(by, member_id)
    return _(
        "The account of %(name)s is disabled and logged out everywhere.", name=member.display_name
    )


async def _enable(care: AccountCare, by: Member, member_id: int, form: FormData) -> str:
    member = await care.enable(by, member_id)
    return _("%(name)s can log in again.", name=member.display_name)


async def _remove(care: AccountCare, by: Member, member_id: int, form: FormData) -> str:
    member = await care.remove(by, member_id, str(form.get("contributions", "")))
    return _("The account of %(name)s is removed.", name=member.display_name)


async def reset_link(request: Request) -> Response:
    by = await _keeper(request)
    await checked_form(request)
    try:
        member, token = await request.app.state.hood.care.issue_reset(
            by, int(request.path_params["member_id"])
        )
    except DomainError as error:
        flash(request, error_text(error), "error")
        return redirect("/beheer#leden")
    # Shown once on the next page, never stored in plain text anywhere else.
    request.session["new_reset"] = {
        "name": member.display_name,
        "link": f"{request.app.state.settings.url}{RESET_PATH}/{token}",
    }
    return redirect("/beheer")


_MEMBER = "/beheer/leden/{member_id:int}"
routes = [
    Route(_MEMBER + "/rol", _care(_role), methods=["POST"], name="change_role"),
    Route(_MEMBER + "/uitschakelen", _care(_disable), methods=["POST"], name="disable_member"),
    Route(_MEMBER + "/inschakelen", _care(_enable), methods=["POST"], name="enable_member"),
    Route(_MEMBER + "/verwijderen", _care(_remove), methods=["POST"], name="remove_member"),
    Route(_MEMBER + "/wachtwoord", reset_link, methods=["POST"], name="reset_link"),
]

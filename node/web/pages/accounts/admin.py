"""Beheer: approving residents, invitations, the members list and the node's settings."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action, Care, Role, can_care
from node.community.errors import Invalid
from node.web.forms import FormErrors, form_errors
from node.web.i18n import gettext as _
from node.web.pages.accounts.digest import mail_status
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member


async def _connector(request: Request) -> Member:
    member = await require_member(request)
    if not member.can(Action.APPROVE_MEMBERS):
        raise HTTPException(403)
    return member


def _member_id(request: Request) -> int:
    return int(request.path_params["member_id"])


async def overview(request: Request) -> Response:
    return await _overview(request, await _connector(request))


async def _overview(
    request: Request,
    member: Member,
    error: FormErrors | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The management page; refused settings show their errors and what was typed."""
    hood = request.app.state.hood
    return await render(
        request,
        "admin.html",
        {
            "error": error,
            "typed": typed or {},
            "pending": await hood.members.pending(),
            "members": await hood.members.all(),
            "settings": await hood.settings.get(),
            "can_manage": member.can(Action.MANAGE_NODE),
            "new_invite": request.session.pop("new_invite", None),
            "new_reset": request.session.pop("new_reset", None),
            "roles": [role.value for role in Role],
            "can_change_roles": member.can(Action.CHANGE_ROLES),
            "can_remove": member.can(Action.REMOVE_MEMBERS),
            "may": lambda care, target: can_care(member.role, Care(care), target.role),
            "throttled": request.app.state.login_throttle.throttled(),
            **await mail_status(request),
        },
        status_code=status_code,
    )


async def approve(request: Request) -> Response:
    by = await _connector(request)
    await checked_form(request)
    approved = await request.app.state.hood.members.approve(by, _member_id(request))
    flash(request, _("%(name)s can now log in.", name=approved.display_name))
    return redirect("/beheer")


async def decline(request: Request) -> Response:
    by = await _connector(request)
    await checked_form(request)
    await request.app.state.hood.members.decline(by, _member_id(request))
    flash(request, _("The registration is declined."))
    return redirect("/beheer")


async def create_invite(request: Request) -> Response:
    by = await _connector(request)
    await checked_form(request)
    token = await request.app.state.hood.members.create_invite(by)
    request.session["new_invite"] = (
        f"{request.app.state.settings.url}/registreren?uitnodiging={token}"
    )
    return redirect("/beheer")


async def update_settings(request: Request) -> Response:
    by = await require_member(request)
    form = await checked_form(request)
    typed = {k: str(form.get(k, "")) for k in ("registration", "description")}
    try:
        await request.app.state.hood.settings.update(by, **typed)
    except Invalid as error:
        return await _overview(request, by, form_errors(error), typed, error.status)
    flash(request, _("The settings are saved."))
    return redirect("/beheer")


routes = [
    Route("/beheer", overview, methods=["GET"], name="admin"),
    Route("/beheer/leden/{member_id:int}/goedkeuren", approve, methods=["POST"], name="approve"),
    Route("/beheer/leden/{member_id:int}/afwijzen", decline, methods=["POST"], name="decline"),
    Route("/beheer/uitnodigingen", create_invite, methods=["POST"], name="create_invite"),
    Route("/beheer/instellingen", update_settings, methods=["POST"], name="update_settings"),
]

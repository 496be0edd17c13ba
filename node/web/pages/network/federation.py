"""Beheer → Federatie: whom this node follows, who follows it, and blocked domains.

Thin handlers over the FederationPort on the Neighbourhood; admins only.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.errors import DomainError
from node.community.network.port import FederationPort
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member

PAGE = "/beheer/federatie"


async def _admin(request: Request) -> tuple[Member, FederationPort]:
    member = await require_member(request)
    federation = request.app.state.hood.federation
    if not member.can(Action.MANAGE_FEDERATION) or federation is None:
        raise HTTPException(403)
    return member, federation


async def _page(
    request: Request, federation: FederationPort, status_code: int = 200, **extra: Any
) -> Response:
    context = {
        "following": await federation.following(),
        "followers": await federation.followers(),
        "blocked": await federation.blocked_domains(),
        "manual_approval": await federation.manual_approval(),
        "our_handle": f"{request.app.state.settings.handle}@{request.app.state.settings.host}",
        "address": "",
        "follow_error": None,
        "block_error": None,
        "domain": "",
        "typed_reason": "",
        **extra,
    }
    return await render(request, "federation/index.html", context, status_code=status_code)


async def overview(request: Request) -> Response:
    _member, federation = await _admin(request)
    return await _page(request, federation)


async def follow(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    address = str(form.get("address", "")).strip()
    try:
        result = await federation.follow(member, address)
    except DomainError as error:
        return await _page(
            request, federation, error.status, address=address, follow_error=form_errors(error)
        )
    flash(request, _("Follow request sent to %(name)s.", name=result.node.name))
    return redirect(PAGE)


async def unfollow(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    await federation.unfollow(member, str(form.get("actor", "")))
    flash(request, _("This node no longer follows that node."))
    return redirect(PAGE)


async def accept(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    await federation.accept_follower(member, str(form.get("actor", "")))
    flash(request, _("The follow request is accepted."))
    return redirect(PAGE)


async def reject(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    await federation.reject_follower(member, str(form.get("actor", "")))
    flash(request, _("The follow request is declined."))
    return redirect(PAGE)


async def block(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    domain = str(form.get("domain", ""))
    try:
        await federation.block_domain(member, domain, str(form.get("reason", "")))
    except DomainError as error:
        return await _page(
            request,
            federation,
            error.status,
            block_error=form_errors(error),
            typed_reason=str(form.get("reason", "")),
            domain=domain,
        )
    flash(request, _("%(domain)s is blocked.", domain=domain.strip()))
    return redirect(PAGE)


async def unblock(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    await federation.unblock_domain(member, str(form.get("domain", "")))
    flash(request, _("The block is lifted."))
    return redirect(PAGE)


async def approval(request: Request) -> Response:
    member, federation = await _admin(request)
    form = await checked_form(request)
    await federation.set_manual_approval(member, form.get("manual") == "1")
    flash(request, _("The settings are saved."))
    return redirect(PAGE)


routes = [
    Route(PAGE, overview, methods=["GET"], name="federation"),
    Route(f"{PAGE}/volgen", follow, methods=["POST"], name="federation_follow"),
    Route(f"{PAGE}/ontvolgen", unfollow, methods=["POST"], name="federation_unfollow"),
    Route(f"{PAGE}/volgers/accepteren", accept, methods=["POST"], name="federation_accept"),
    Route(f"{PAGE}/volgers/weigeren", reject, methods=["POST"], name="federation_reject"),
    Route(f"{PAGE}/blokkeren", block, methods=["POST"], name="federation_block"),
    Route(f"{PAGE}/deblokkeren", unblock, methods=["POST"], name="federation_unblock"),
    Route(f"{PAGE}/goedkeuring", approval, methods=["POST"], name="federation_approval"),
]

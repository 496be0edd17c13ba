"""Contact persons per neighbourhood (/gemeente/aanspreekpunten): on a gemeente node an
admin assigns a contact person and a stand-in to every node it follows; the node shows
them on its own pages."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.community.errors import N_, Invalid, NotAllowed
from node.web.i18n import gettext as _
from node.web.rendering import error_text, flash, redirect, render
from node.web.security import checked_form, require_member


async def _page(
    request: Request, errors: dict[str, str] | None = None, status: int = 200
) -> Response:
    member = await require_member(request)
    if not member.can(Action.MANAGE_NODE):
        raise NotAllowed(N_("Only an admin can assign contact persons."))
    contacts = request.app.state.hood.contacts
    return await render(
        request,
        "work/assignments.html",
        {
            "nodes": await contacts.followed_names(),
            "assignments": await contacts.assignments(),
            "colleagues": await contacts.colleagues(),
            "errors": errors or {},
        },
        status_code=status,
    )


async def index(request: Request) -> Response:
    return await _page(request)


def _member_id(value: object) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise Invalid(N_("Only members with the role contact person can be assigned."))
    return int(text)


async def assign(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    node = str(form.get("node", ""))
    try:
        await request.app.state.hood.contacts.assign(
            member, node, _member_id(form.get("contact")), _member_id(form.get("standin"))
        )
    except Invalid as error:
        return await _page(request, {node: error_text(error)}, 400)
    names = await request.app.state.hood.contacts.followed_names()
    flash(request, _("Saved. %(node)s hears of it at once.", node=names.get(node, node)))
    return redirect("/gemeente/aanspreekpunten")


routes = [
    Route("/gemeente/aanspreekpunten", index, methods=["GET"], name="contact_assignments"),
    Route("/gemeente/aanspreekpunten", assign, methods=["POST"], name="contact_assign"),
]

"""Member pages at /@name, for members who chose a public profile, and that choice.

The same address answers ActivityPub clients with the member's Person actor
(node/federation/negotiation.py); everyone else without a public profile is a 404, the same
as a name nobody has.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import N_, NotFound
from node.web.i18n import gettext as _
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, require_member
from node.web.timestamps import HELPERS

RECENT_POSTS = 10


async def show(request: Request) -> Response:
    hood = request.app.state.hood
    found = await hood.members.public_profile(request.path_params["username"])
    if found is None:
        raise NotFound(N_("This person is not known here."))
    posts = await hood.timeline.page(None, "account", member_id=found.id, limit=RECENT_POSTS)
    return await render(
        request,
        "accounts/profile.html",
        {
            "person": found,
            "posts": [item.post for item in posts if item.post is not None],
            **HELPERS,
        },
    )


async def choose(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    public = form.get("public_profile") == "yes"
    await request.app.state.hood.members.set_public_profile(member, public)
    if public:
        page = f"/@{member.username}"
        flash(request, _("Your profile is public now: %(url)s", url=page))
    else:
        flash(
            request,
            _(
                "Your profile is private now: there is no page about you and the fediverse "
                "cannot find you."
            ),
        )
    return redirect("/account")


routes = [
    Route("/@{username:str}", show, methods=["GET"], name="member_profile"),
    Route("/account/openbaar-profiel", choose, methods=["POST"], name="public_profile"),
]

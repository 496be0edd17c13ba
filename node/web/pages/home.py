"""The node's home page and the small system endpoints."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from node.web import i18n
from node.web.i18n import gettext as _
from node.web.i18n import ngettext
from node.web.pages.budget.format import money
from node.web.pages.calendar.format import when
from node.web.rendering import local_target, render
from node.web.timestamps import HELPERS


async def home(request: Request) -> Response:
    """What is happening now: the neighbourhood's view on a wijk or kern, the municipality's
    on a gemeente (node/community/overview.py); urgent news in full here, not as a banner."""
    hood = request.app.state.hood
    municipal = hood.identity.kind == "gemeente"
    overview = hood.overview
    return await render(
        request,
        "home.html",
        {
            "settings": await hood.settings.get(),
            # The municipality's contact person first: the one most visitors look for.
            "contacts": sorted(await hood.members.contacts(), key=lambda p: p.role != "contact"),
            "now": await overview.municipality() if municipal else await overview.neighbourhood(),
            "municipal": municipal,
            "assigned": await hood.contacts.municipal(),
            "heading": "h3",
            "days_left_text": days_left_text,
            "when": when,
            "money": money,
            **HELPERS,
        },
    )


def days_left_text(days: int) -> str:
    if days == 0:
        return _("last day today")
    return ngettext("%(num)s day left", "%(num)s days left", days)


async def choose_language(request: Request) -> Response:
    """A plain link switches language (no JavaScript, no form); the choice is a cookie."""
    language = request.query_params.get("lang", "")
    response = RedirectResponse(local_target(request.query_params.get("volgende")), 303)
    if language in i18n.LANGUAGES:
        response.set_cookie(
            i18n.LANGUAGE_COOKIE,
            language,
            max_age=365 * 24 * 3600,
            samesite="lax",
            httponly=True,
            secure=request.app.state.settings.secure,
        )
    return response


routes = [
    Route("/", home, name="home"),
    Route("/taal", choose_language, name="language"),
]

"""The node's home page and the small system endpoints."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from node.web import i18n
from node.web.rendering import render


async def home(request: Request) -> Response:
    hood = request.app.state.hood
    return await render(
        request,
        "home.html",
        {
            "settings": await hood.settings.get(),
            "contacts": await hood.members.contacts(),
        },
    )


async def choose_language(request: Request) -> Response:
    """A plain link switches language (no JavaScript, no form); the choice is a cookie."""
    language = request.query_params.get("lang", "")
    target = request.query_params.get("volgende", "/")
    if urlsplit(target).netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = RedirectResponse(target, status_code=303)
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

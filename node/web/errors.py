"""Friendly error pages in the visitor's language; JSON errors for JSON clients."""

from __future__ import annotations

import logging
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Match

from node.community.errors import DomainError
from node.web.i18n import gettext as _
from node.web.rendering import error_text, render

log = logging.getLogger("buurtnode.web")

_JSON_PREFIXES = ("/api/", "/oauth/", "/.well-known/", "/nodeinfo", "/ap/", "/healthz")


def wants_json(request: Request) -> bool:
    if request.url.path.startswith(_JSON_PREFIXES):
        return True
    accept = request.headers.get("accept", "")
    return "json" in accept and "text/html" not in accept


def _explanation(status: int, detail: str | None) -> tuple[str, str]:
    if status == 404:
        return _("Page not found"), _(
            "This page does not exist (any more). Check the address, or go to the home page."
        )
    if status == 403 and detail == "csrf":
        return _("Form expired"), _(
            "The form was too old or came from elsewhere. Go back, reload the page and try again."
        )
    if status == 403:
        return _("Not allowed"), _(
            "You may not do this. Ask a buurtverbinder if you think you should be able to."
        )
    if status == 413:
        return _("Too large"), _("What you sent is too large. Make it smaller and try again.")
    if status == 429:
        return _("Too many attempts"), _(
            "Too many attempts. Wait a quarter of an hour and try again."
        )
    if status >= 500:
        return _("Something went wrong"), _(
            "Something went wrong on our side. Your input was not lost if you saw no error before; "
            "try again in a moment. If it keeps happening, tell the node's admin."
        )
    return _("Request not understood"), detail or _("Check what you filled in and try again.")


async def _page(request: Request, status: int, detail: str | None = None) -> Response:
    title, text = _explanation(status, detail)
    if wants_json(request):
        return JSONResponse({"error": text}, status_code=status)
    return await render(request, "error.html", {"title": title, "text": text}, status_code=status)


def _form_page(request: Request) -> str:
    """The nearest page above a POST-only address that answers a GET: the page that holds
    its form (/beheer for /beheer/instellingen, /initiatieven/3 for /initiatieven/3/steun)."""
    path = request.url.path.rstrip("/")
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        scope = {**request.scope, "method": "GET", "path": path or "/"}
        if any(r.matches(scope)[0] is Match.FULL for r in request.app.router.routes):
            return path or "/"
    return "/"


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 401 and not wants_json(request):
        return RedirectResponse(f"/inloggen?volgende={quote(request.url.path)}", status_code=303)
    if exc.status_code == 405 and request.method in ("GET", "HEAD") and not wants_json(request):
        # A bookmarked or reloaded form address: show the form, not "Method Not Allowed".
        return RedirectResponse(_form_page(request), status_code=303)
    return await _page(request, exc.status_code, exc.detail if exc.detail != "" else None)


async def domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    text = error_text(exc)
    if wants_json(request):
        return JSONResponse({"error": text}, status_code=exc.status)
    return await render(
        request,
        "error.html",
        {"title": _("That did not work"), "text": text},
        status_code=exc.status,
    )


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return await _page(request, 500)


HANDLERS = {HTTPException: http_error, DomainError: domain_error, Exception: server_error}

"""Follow or answer from your own server: a visitor types their own fediverse address, the
node asks their server where to confirm (node/federation/intents.py) and links them there.

A link, not a redirect: every page's Content-Security-Policy says `form-action 'self'`, and
browsers apply that to a redirect after a form, too. The visitor also sees where they go.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import N_, DomainError, Invalid
from node.web.rendering import error_text, render

_OUR_PAGE = re.compile(r"/(?:[A-Za-z0-9_@-]+(?:/[A-Za-z0-9_-]+)*)?")  # never //host or /\host


def _page(request: Request) -> str:
    """The page of ours the visitor came from: only a plain path on this node."""
    page = request.query_params.get("pagina", "/")
    return page if _OUR_PAGE.fullmatch(page) else "/"


async def remote_follow(request: Request) -> Response:
    page, address = _page(request), request.query_params.get("adres", "").strip()
    context = {"address": address, "page": page, "about_object": page != "/"}
    context |= {"target": None, "error": None}
    federation = request.app.state.hood.federation
    if "adres" in request.query_params:
        try:
            if federation is None:
                raise Invalid(N_("This node does not federate right now."))
            target = await federation.remote_interaction(address, page)
            context.update(target=target, target_host=urlsplit(target).hostname)
        except DomainError as error:
            context["error"] = error_text(error)
    return await render(
        request, "network/remote_follow.html", context, 400 if context["error"] else 200
    )


routes = [Route("/volgen", remote_follow, methods=["GET"], name="remote_follow")]

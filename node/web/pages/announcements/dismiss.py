"""Hiding an urgent announcement from the banner, per visitor: a plain link (no JavaScript,
no form, so no session either) that adds the announcement's id to a cookie and goes back.

The home page still shows it in full, and a new urgent announcement shows again: the
cookie names ids, not "hide everything". The page cache keys on cookies (node/web/cache.py),
so one visitor's choice never reaches another.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from node.web.rendering import DISMISSED_COOKIE, dismissed_ids, local_target

KEEP = 20  # ids remembered; older urgent news has long expired


async def dismiss(request: Request) -> Response:
    announcement_id = int(request.path_params["announcement_id"])
    kept = [i for i in dismissed_ids(request) if i != announcement_id][-(KEEP - 1) :]
    response = RedirectResponse(local_target(request.query_params.get("volgende")), 303)
    response.set_cookie(
        DISMISSED_COOKIE,
        ".".join(str(i) for i in [*kept, announcement_id]),
        max_age=30 * 24 * 3600,
        samesite="lax",
        httponly=True,
        secure=request.app.state.settings.secure,
    )
    return response


routes = [
    Route(
        "/mededelingen/{announcement_id:int}/verbergen",
        dismiss,
        methods=["GET"],
        name="announcement_dismiss",
    )
]

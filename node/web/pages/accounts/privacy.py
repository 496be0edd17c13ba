"""A resident's own data: download it as JSON, or leave and choose what happens to posts."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.errors import DomainError
from node.web.forms import form_errors
from node.web.i18n import gettext as _
from node.web.rendering import flash, redirect, render
from node.web.security import checked_form, log_out, require_member


async def download(request: Request) -> Response:
    member = await require_member(request)
    data = await request.app.state.hood.privacy.export(member)
    body = json.dumps(data, ensure_ascii=False, indent=1)
    filename = f"buurtnode-{member.username}.json"
    return Response(
        body,
        media_type="application/json; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="{filename}"',
            "cache-control": "no-store",
        },
    )


async def leave_form(request: Request) -> Response:
    await require_member(request)
    return await render(request, "privacy/leave.html", {"error": None, "mode": ""})


async def leave(request: Request) -> Response:
    member = await require_member(request)
    form = await checked_form(request)
    mode = str(form.get("mode", ""))
    try:
        await request.app.state.hood.privacy.leave(member, str(form.get("password", "")), mode)
    except DomainError as error:
        return await render(
            request,
            "privacy/leave.html",
            {"error": form_errors(error), "mode": mode},
            status_code=error.status,
        )
    await log_out(request)
    flash(request, _("Your account is removed. Thank you for taking part."))
    return redirect("/")


routes = [
    Route("/account/mijn-gegevens.json", download, methods=["GET"], name="my_data"),
    Route("/account/verwijderen", leave_form, methods=["GET"], name="leave_form"),
    Route("/account/verwijderen", leave, methods=["POST"], name="leave"),
]

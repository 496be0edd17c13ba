"""The mail's side of /beheer: whether the node sends mail and how the queue is doing, and
the weekly digest as an A4 page for the buurthuis notice board (the same content as the
mail, with a QR code to the node)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.accounts.permissions import Action
from node.web.i18n import gettext as _
from node.web.pages.participation.format import qr_svg
from node.web.rendering import render
from node.web.security import require_member
from node.web.timestamps import HELPERS as TIME_HELPERS


async def mail_status(request: Request) -> dict[str, object]:
    """What admin.html's mail section shows (the overview adds it)."""
    return {
        **TIME_HELPERS,
        "mail_enabled": request.app.state.settings.mail is not None,
        "mail_status": await request.app.state.hood.mailbox.status(),
    }


async def print_digest(request: Request) -> Response:
    if not (await require_member(request)).can(Action.APPROVE_MEMBERS):
        raise HTTPException(403)
    hood = request.app.state.hood
    url = hood.identity.url.rstrip("/")
    return await render(
        request,
        "mail/print.html",
        {
            **TIME_HELPERS,
            "digest": await hood.digests.neighbourhood(),
            "waiting": [],
            "base_url": url,
            "url": url,
            "qr": qr_svg(url, _("QR code to the website of the neighbourhood")),
        },
    )


routes = [Route("/beheer/weekoverzicht", print_digest, methods=["GET"], name="digest_print")]

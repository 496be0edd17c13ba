"""The node's Atom feed: the newest public initiatives, activities and announcements."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.community.clock import iso
from node.web import atom
from node.web.i18n import current_language
from node.web.i18n import gettext as _
from node.web.pages.feeds.entries import newest


async def feed(request: Request) -> Response:
    hood = request.app.state.hood
    base = hood.identity.url.rstrip("/")
    about = atom.Feed(
        url=f"{base}/feed.atom",
        title=hood.identity.name,
        home=f"{base}/",
        language=current_language(),
        subtitle=_("Initiatives, activities and news of %(name)s.", name=hood.identity.name),
    )
    entries = await newest(hood, base)
    body = atom.atom_bytes(about, entries, empty_updated=iso(hood.clock()))
    return Response(body, media_type=atom.CONTENT_TYPE)


routes = [Route("/feed.atom", feed, methods=["GET"], name="atom_feed")]

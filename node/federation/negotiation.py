"""Content negotiation: a page that shows one of our ActivityPub objects answers that object
to whoever asks for ActivityStreams, and tells the HTML which id to link as alternate.

Mastodon's search box fetches a pasted address with `Accept: application/activity+json`;
other software looks in the HTML for `<link rel="alternate" type="application/activity+json">`.
One table here maps a page's path to its object's path, so no page repeats it:

    /                        → /ap/actor               (the node's Group)
    /@name                   → /ap/members/name        (a member's Person, if public)
    /initiatieven/5          → /ap/objects/initiative/5
    /activiteiten/5, /mededelingen/5, /prikbord/5, /inspraak/5, /wijkboekhouding/5 likewise

A request that asks for ActivityStreams is passed on as a request for the object itself
(the object routes answer it, a Tombstone or 404 included); any other request reaches the
page with `request.state.activitypub_id` set. Both answers say `Vary: Accept`.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

AP_TYPES = ("application/activity+json", "application/ld+json")
PAGE_KINDS = {
    "initiatieven": "initiative",
    "activiteiten": "event",
    "mededelingen": "announcement",
    "prikbord": "post",
    "inspraak": "process",
    "wijkboekhouding": "ledger_entry",
}
_OBJECT_PAGE = re.compile(r"/([a-z-]+)/(\d{1,18})")
_MEMBER_PAGE = re.compile(r"/@([a-z0-9_]{2,30})", re.IGNORECASE)  # user names are lower case


def wants_activity_json(accept: str) -> bool:
    """Whether an Accept header asks for ActivityStreams (Mastodon also lists text/html)."""
    return any(kind in accept for kind in AP_TYPES)


def object_path(page: str) -> str | None:
    """The path of the object a page shows, or None when the page shows none.

    >>> object_path("/initiatieven/5"), object_path("/@lotte"), object_path("/prikbord")
    ('/ap/objects/initiative/5', '/ap/members/lotte', None)
    """
    if page == "/":
        return "/ap/actor"
    if found := _MEMBER_PAGE.fullmatch(page):
        return f"/ap/members/{found[1].lower()}"
    found = _OBJECT_PAGE.fullmatch(page)
    if found is None or found[1] not in PAGE_KINDS:
        return None
    return f"/ap/objects/{PAGE_KINDS[found[1]]}/{int(found[2])}"


class ContentNegotiation:
    def __init__(self, app: ASGIApp, *, base_url: str) -> None:
        self.app = app
        self.base_url = base_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = None
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            target = object_path(scope["path"])
        if target is None:
            await self.app(scope, receive, send)
            return
        accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
        if wants_activity_json(accept):
            scope = {**scope, "path": target, "raw_path": target.encode()}
        else:
            scope.setdefault("state", {})["activitypub_id"] = self.base_url + target

        async def varying(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).add_vary_header("Accept")
            await send(message)

        await self.app(scope, receive, varying)

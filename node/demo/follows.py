"""The demo's federation: who follows whom, set up the way an admin would do it.

Each follow is an admin of the following node logging in and submitting Beheer →
Federatie → *Volg een buurt* with the other node's handle, over HTTP, so the demo runs the
real path: WebFinger, a signed Follow from the delivery queue, the Accept back.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from node.config import Settings

# (follower, followed) by NodeSpec slug: the municipality follows everyone and everyone
# follows it (so they keep a copy of the participation processes it asks them about), the
# two villages follow each other, and the wijk keeps an eye on the neighbouring village.
FOLLOWS = [
    ("gemeente", "noord"),
    ("gemeente", "oosterbroek"),
    ("gemeente", "lindewijk"),
    ("noord", "gemeente"),
    ("oosterbroek", "gemeente"),
    ("lindewijk", "gemeente"),
    ("oosterbroek", "lindewijk"),
    ("lindewijk", "oosterbroek"),
    ("noord", "oosterbroek"),
]
ADMIN = "beheer"
FEDERATION_PAGE = "/beheer/federatie"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
AP_JSON = {"Accept": "application/activity+json"}
_INITIATIVE_COUNT = re.compile(r'id="initiatives-title">[^<]*\((\d+)\)')


def handle(settings: Settings) -> str:
    return f"{settings.handle}@{urlsplit(settings.url).netloc}"


async def _csrf(http: httpx.AsyncClient, path: str) -> str:
    page = await http.get(path)
    found = _CSRF.search(page.text)
    if page.status_code != 200 or not found:
        raise RuntimeError(f"no form at {http.base_url}{path} ({page.status_code})")
    return found.group(1)


async def follow(by: Settings, other: Settings, password: str) -> None:
    """Log in to `by` as its admin and follow `other` by handle."""
    async with httpx.AsyncClient(base_url=by.url, timeout=30) as http:
        token = await _csrf(http, "/inloggen")
        login = await http.post(
            "/inloggen", data={"username": ADMIN, "password": password, "csrf_token": token}
        )
        if login.status_code != 303:
            raise RuntimeError(f"cannot log in to {by.url} as {ADMIN} ({login.status_code})")
        token = await _csrf(http, FEDERATION_PAGE)
        sent = await http.post(
            f"{FEDERATION_PAGE}/volgen", data={"address": handle(other), "csrf_token": token}
        )
        if sent.status_code != 303:
            raise RuntimeError(f"{by.name} could not follow {other.name} ({sent.status_code})")


def _accepted_following(settings: Settings) -> int:
    """How many of this node's follows are accepted, from its public following collection."""
    reply = httpx.get(f"{settings.url}/ap/following", headers=AP_JSON, timeout=5)
    reply.raise_for_status()
    return int(reply.json()["totalItems"])


def connect(nodes: dict[str, Settings], password: str, timeout: float = 60.0) -> None:
    """Send every follow in FOLLOWS and wait, printing dots, until all are accepted."""

    async def send_all() -> None:
        for follower, followed in FOLLOWS:
            await follow(nodes[follower], nodes[followed], password)

    asyncio.run(send_all())
    expected = Counter(follower for follower, _ in FOLLOWS)
    _wait(
        lambda: [nodes[s].name for s, n in expected.items() if _accepted_following(nodes[s]) < n],
        "follows not accepted",
        timeout,
    )


def _wait(waiting: Callable[[], list[str]], failure: str, timeout: float) -> None:
    """Print a dot every quarter second until `waiting()` names nothing; raise with what it
    still names after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while names := waiting():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{failure} within {timeout:.0f}s: {', '.join(names)}")
        print(".", end="", file=sys.stdout, flush=True)
        time.sleep(0.25)


def _initiatives_from(follower: Settings, followed: Settings) -> int:
    """How many of `followed`'s initiatives `follower` keeps, from its public dashboard."""
    reply = httpx.get(
        f"{follower.url}/gemeente", params={"buurt": f"{followed.url}/ap/actor"}, timeout=30
    )
    reply.raise_for_status()
    found = _INITIATIVE_COUNT.search(reply.text)
    return int(found.group(1)) if found else 0


def wait_for_content(nodes: dict[str, Settings], timeout: float = 120.0) -> None:
    """After the Accepts, wait (printing dots) until every follower has the sample
    initiatives of the nodes it follows: backfill reads them from their outboxes."""
    _wait(
        lambda: [
            f"{nodes[a].name} ← {nodes[b].name}"
            for a, b in FOLLOWS
            if _initiatives_from(nodes[a], nodes[b]) == 0
        ],
        "content did not arrive",
        timeout,
    )


def wait_for_processes(
    nodes: dict[str, Settings], titles: dict[str, list[str]], timeout: float = 60.0
) -> None:
    """Wait (printing dots) until every node shows, on its public Inspraak page, the
    municipality's processes that concern it (backfill reads them from its outbox)."""

    def shows_all(slug: str) -> bool:
        page = httpx.get(f"{nodes[slug].url}/inspraak", timeout=30)
        page.raise_for_status()
        return all(html.escape(t, quote=False) in page.text for t in titles[slug])

    _wait(
        lambda: [nodes[s].name for s in titles if not shows_all(s)],
        "processes did not arrive",
        timeout,
    )


def describe(nodes: dict[str, Settings]) -> list[str]:
    """Who follows whom, one line per following node, for the welcome text."""
    lines = []
    for follower in dict.fromkeys(f for f, _ in FOLLOWS):
        followed = [nodes[b].name for a, b in FOLLOWS if a == follower]
        lines.append(f"{nodes[follower].name} follows {', '.join(followed)}")
    return lines

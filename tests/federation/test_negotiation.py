"""Found from the fediverse: every page of a demo node that shows one of its ActivityPub
objects links it as alternate and answers it to an ActivityPub client, as Mastodon's search
does with a pasted address. The pages are found by walking the links from the home page."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from node.app import create_app, init_node
from node.config import Settings
from node.demo import populate
from node.demo.people import NODES
from node.federation.negotiation import object_path
from tests.conftest import RunningNode

# What Mastodon 4 sends when it looks up a pasted address (FetchResourceService).
MASTODON_ACCEPT = (
    'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    ", text/html;q=0.1"
)
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ALTERNATE = re.compile(r'<link rel="alternate" type="application/activity\+json" href="([^"]+)">')
LINK = re.compile(r'href="(/[^"#?]*)')
NOT_PAGES = ("/static/", "/taal", "/feed", "/inloggen", "/registreren")
MAX_PAGES = 400


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Settings]:
    """The demo's nodes as `buurtnode demo` makes them, with their sample data (Noord has
    the buurtberichten and a public member page, the gemeente processes, Oosterbroek books)."""
    folder: Path = tmp_path_factory.mktemp("demo")
    made = []
    for port, spec in enumerate(NODES, 8701):
        settings = init_node(
            folder / spec.slug,
            url=f"http://127.0.0.1:{port}",
            name=spec.name,
            kind=spec.kind,
            dev=True,
        )
        asyncio.run(populate(settings, spec))
        made.append(settings)
    return made


@asynccontextmanager
async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=settings.url) as client:
            yield client


async def _walk(http: httpx.AsyncClient) -> dict[str, str | None]:
    """Every page reachable from the home page → the ActivityPub id it links as alternate."""
    found: dict[str, str | None] = {}
    todo = ["/"]
    while todo and len(found) < MAX_PAGES:
        path = todo.pop(0)
        if path in found or path.startswith(NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
            continue
        response = await http.get(path, headers={"accept": BROWSER_ACCEPT})
        if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
            continue
        alternate = ALTERNATE.search(response.text)
        found[path] = alternate[1] if alternate else None
        todo.extend(LINK.findall(response.text))
    return found


async def test_every_object_page_of_the_demo_resolves_to_its_object(
    demo: list[Settings],
) -> None:
    """Given the demo's nodes, when every page reachable from their home pages
    is fetched as a browser and as Mastodon's search, then each page showing an object links
    it as alternate, answers it to Mastodon, and the object's `url` is that page again."""
    seen = set()
    for settings in demo:
        async with _client(settings) as http:
            seen |= await _check_pages(http)
    # The walk reached every kind of page with an object the demo has.
    assert seen >= {
        ("actor", "Group"),
        ("members", "Person"),
        *(("objects", kind) for kind in ("initiative", "event", "announcement", "post", "process")),
        ("objects", "ledger_entry"),
    }, seen


async def _check_pages(http: httpx.AsyncClient) -> set[tuple[str, str]]:
    pages = await _walk(http)
    assert len(pages) < MAX_PAGES, "the walk did not end: raise MAX_PAGES"
    with_objects = {page: ap_id for page, ap_id in pages.items() if ap_id}
    assert {page for page in pages if object_path(page)} == set(with_objects)
    seen = set()
    for page, ap_id in with_objects.items():
        as_mastodon = await http.get(page, headers={"accept": MASTODON_ACCEPT})
        assert as_mastodon.status_code == 200, page
        assert as_mastodon.headers["content-type"].startswith("application/activity+json")
        assert "accept" in as_mastodon.headers["vary"].lower()
        document = as_mastodon.json()
        assert document["id"] == ap_id, page
        by_link = await http.get(ap_id, headers={"accept": "application/activity+json"})
        assert by_link.json() == document
        assert urlsplit(document["url"]).path == page, page  # the object points back here
        parts = urlsplit(ap_id).path.split("/")
        seen.add((parts[2], parts[3] if parts[2] == "objects" else document["type"]))
    return seen


async def test_a_browser_still_gets_the_page(demo: list[Settings]) -> None:
    """Given a page with an object, when a browser (or curl, asking for anything) opens it,
    then it gets HTML that varies by Accept."""
    async with _client(demo[0]) as http:
        for accept in (BROWSER_ACCEPT, "*/*"):
            response = await http.get("/", headers={"accept": accept})
            assert response.headers["content-type"].startswith("text/html")
            assert "accept" in response.headers["vary"].lower()


async def test_a_page_of_nothing_links_nothing(demo: list[Settings]) -> None:
    """Given an initiative that does not exist, then its page is a 404 that links no object,
    and an ActivityPub client asking for it gets a 404 too."""
    async with _client(demo[0]) as http:
        page = await http.get("/initiatieven/999999", headers={"accept": BROWSER_ACCEPT})
        assert page.status_code == 404 and not ALTERNATE.search(page.text)
        asked = await http.get("/initiatieven/999999", headers={"accept": MASTODON_ACCEPT})
        assert asked.status_code == 404


def test_a_pasted_address_answers_over_a_real_socket(running_node: RunningNode) -> None:
    """Given a node served by `buurtnode serve`, when Mastodon's search fetches its home
    page's address, then it gets the Group whose WebFinger loops back to it."""
    actor = httpx.get(running_node.url + "/", headers={"accept": MASTODON_ACCEPT}, timeout=30)
    assert actor.headers["content-type"].startswith("application/activity+json")
    document = actor.json()
    assert document["id"] == f"{running_node.url}/ap/actor" and document["type"] == "Group"
    acct = f"acct:{document['preferredUsername']}@{urlsplit(running_node.url).netloc}"
    finger = httpx.get(
        f"{running_node.url}/.well-known/webfinger", params={"resource": acct}, timeout=30
    ).json()
    assert [link["href"] for link in finger["links"] if link["rel"] == "self"] == [document["id"]]

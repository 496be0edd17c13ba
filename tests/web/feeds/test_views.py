"""The Atom feed (/feed.atom): valid RFC 4287, newest public items first, escaped, and
nothing hidden or members-only in it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from node.app import create_app
from node.community.calendar.draft import EventDraft
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from node.config import Settings
from node.web.atom import Entry, Feed, atom_bytes
from tests.conftest import add_member

NS = {"a": "http://www.w3.org/2005/Atom"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class Clock:
    """Moves one minute forward whenever asked, so every item has its own moment."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
async def ticking(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, Neighbourhood]]:
    app = create_app(settings, clock=Clock())
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=settings.url) as client:
            yield client, app.state.hood


async def fetch(client: httpx.AsyncClient) -> ET.Element:
    response = await client.get("/feed.atom", headers={"accept-language": "nl"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def titles(feed: ET.Element) -> list[str]:
    return [e.findtext("a:title", namespaces=NS) or "" for e in feed.findall("a:entry", NS)]


async def fill(hood: Neighbourhood) -> dict[str, int]:
    """One of each kind, made in this order: initiative, activity, announcement."""
    mila = await add_member(hood, "mila", display_name="Mila Jansen")
    joost = await add_member(hood, "joost", "contact", display_name="Joost Smit")
    initiative_id = await hood.initiatives.start(
        mila,
        InitiativeDraft(
            title="Bakken <groen> & bloemen",
            summary="Zes plantenbakken op het plein.",
            area="Lindeplein",
            needs=[NeedDraft("money", "aarde", "800")],
        ),
    )
    event = await hood.calendar.plan(
        mila,
        EventDraft(
            title="Plantdag",
            description="Neem **handschoenen** mee.",
            start_date="2026-11-14",
            start_time="10:00",
            end_time="13:00",
            location="Lindeplein",
        ),
    )
    news = await hood.announcements.post(
        joost, title="Nieuwe bankjes", body="Er komen <script>alert(1)</script> bankjes."
    )
    return {"initiative": initiative_id, "event": event.id, "announcement": news.id}


async def test_the_feed_is_valid_atom_with_the_newest_public_items_first(
    ticking: tuple[httpx.AsyncClient, Neighbourhood], settings: Settings
) -> None:
    client, hood = ticking
    ids = await fill(hood)

    feed = await fetch(client)

    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert feed.findtext("a:id", namespaces=NS) == f"{settings.url}/feed.atom"
    assert feed.findtext("a:title", namespaces=NS) == "Beekveld-Noord"
    assert feed.findtext("a:author/a:name", namespaces=NS) == "Beekveld-Noord"
    links = {link.get("rel"): link.get("href") for link in feed.findall("a:link", NS)}
    assert links == {"self": f"{settings.url}/feed.atom", "alternate": f"{settings.url}/"}
    entries = feed.findall("a:entry", NS)
    assert titles(feed) == ["Nieuwe bankjes", "Plantdag", "Bakken <groen> & bloemen"]
    newest_updated = entries[0].findtext("a:updated", namespaces=NS)
    assert feed.findtext("a:updated", namespaces=NS) == newest_updated
    for entry in entries:  # RFC 4287 4.1.2: id, title, updated are required; we give more
        for tag in ("id", "title", "updated", "published", "summary", "content"):
            assert entry.find(f"a:{tag}", NS) is not None, tag
        assert entry.findtext("a:updated", namespaces=NS).endswith("Z")  # type: ignore[union-attr]
        assert entry.find("a:content", NS).get("type") == "html"  # type: ignore[union-attr]
        assert entry.find("a:link", NS).get("href") == entry.findtext("a:id", namespaces=NS)  # type: ignore[union-attr]
    ids_in_feed = [e.findtext("a:id", namespaces=NS) for e in entries]
    assert ids_in_feed == [
        f"{settings.url}/mededelingen/{ids['announcement']}",
        f"{settings.url}/activiteiten/{ids['event']}",
        f"{settings.url}/initiatieven/{ids['initiative']}",
    ]


async def test_titles_are_escaped_and_html_content_is_sanitised(
    ticking: tuple[httpx.AsyncClient, Neighbourhood],
) -> None:
    client, hood = ticking
    await fill(hood)

    raw = (await client.get("/feed.atom")).text
    feed = ET.fromstring(raw)

    assert '<title type="text">Bakken &lt;groen&gt; &amp; bloemen</title>' in raw
    contents = [e.findtext("a:content", namespaces=NS) or "" for e in feed.findall("a:entry", NS)]
    assert all("<script" not in html for html in contents)
    news, activity, initiative = contents
    assert "&lt;script&gt;" in news  # shown as text, never run
    assert "<strong>handschoenen</strong>" in activity
    assert "Zes plantenbakken op het plein." in initiative and "1 behoefte open" in initiative
    authors = [e.findtext("a:author/a:name", namespaces=NS) for e in feed.findall("a:entry", NS)]
    assert authors == ["Joost Smit", None, "Mila Jansen"]  # an organiser is for members only


async def test_hidden_content_stays_out_of_the_feed(
    ticking: tuple[httpx.AsyncClient, Neighbourhood],
) -> None:
    client, hood = ticking
    ids = await fill(hood)
    fatima = await add_member(hood, "fatima", "buurtverbinder")

    for kind in ("initiative", "event", "announcement"):
        await hood.moderation.hide(fatima, kind, ids[kind], "Test")

    assert titles(await fetch(client)) == []


async def test_an_empty_node_gives_a_valid_empty_feed(
    ticking: tuple[httpx.AsyncClient, Neighbourhood],
) -> None:
    client, _ = ticking
    feed = await fetch(client)
    assert feed.findall("a:entry", NS) == []
    assert feed.findtext("a:updated", namespaces=NS)


async def test_the_feed_holds_at_most_thirty_entries(
    ticking: tuple[httpx.AsyncClient, Neighbourhood],
) -> None:
    client, hood = ticking
    joost = await add_member(hood, "joost", "contact")
    for number in range(35):
        await hood.announcements.post(joost, title=f"Bericht {number}", body="Tekst.")

    found = titles(await fetch(client))

    assert len(found) == 30
    assert found[0] == "Bericht 34" and found[-1] == "Bericht 5"


async def test_every_page_points_to_the_feed(client: httpx.AsyncClient) -> None:
    html = (await client.get("/")).text
    assert '<link rel="alternate" type="application/atom+xml" href="/feed.atom"' in html
    assert '<a href="/feed.atom" type="application/atom+xml">' in html


def test_characters_xml_forbids_are_dropped_rather_than_breaking_the_feed() -> None:
    feed = Feed("https://n.example/feed.atom", "N", "https://n.example/", "nl")
    entry = Entry("https://n.example/x", "Bel\x0bletje", "2026-01-01T00:00:00Z", "", "", "")
    parsed = ET.fromstring(atom_bytes(feed, [entry]))
    assert titles(parsed) == ["Belletje"]

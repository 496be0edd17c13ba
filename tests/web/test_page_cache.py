"""The anonymous page cache never shows anything stale or anyone else's (node/web/cache.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import httpx
import pytest

from node.community.network.nearby import RemoteObject
from node.config import Settings
from tests.conftest import CSRF_RE, add_member, login, post_form


@pytest.fixture
async def visitor(app, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """A second browser that never logs in."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as http:
        yield http


def _write_behind_the_nodes_back(settings: Settings, description: str) -> None:
    conn = sqlite3.connect(settings.database_path)
    with conn:
        conn.execute("UPDATE node_settings SET value = ? WHERE key = 'description'", (description,))
    conn.close()


async def test_an_anonymous_page_is_rendered_once_and_a_write_shows_at_once(
    hood, visitor: httpx.AsyncClient, settings: Settings
) -> None:
    await hood.settings.update(None, registration="open", description="Eerste versie.")
    assert "Eerste versie." in (await visitor.get("/")).text
    # Changed without the node knowing: the stored page is what the visitor still gets ...
    _write_behind_the_nodes_back(settings, "Buiten de node om.")
    assert "Eerste versie." in (await visitor.get("/")).text
    # ... until the node itself writes anything: then the very next request is fresh.
    await hood.settings.update(None, registration="open", description="Tweede versie.")
    assert "Tweede versie." in (await visitor.get("/")).text


async def test_a_new_post_is_on_the_prikbord_at_once(hood, visitor: httpx.AsyncClient) -> None:
    anna = await add_member(hood, "anna")
    assert "Appeltaart" not in (await visitor.get("/prikbord")).text
    await hood.posts.write(anna, "Appeltaart bij het buurthuis")
    assert "Appeltaart" in (await visitor.get("/prikbord")).text


async def test_two_languages_never_mix(visitor: httpx.AsyncClient) -> None:
    for _ in range(2):
        dutch = await visitor.get("/", headers={"accept-language": "nl"})
        english = await visitor.get("/", headers={"accept-language": "en"})
        assert '<html lang="nl"' in dutch.text and '<html lang="en"' in english.text
    visitor.cookies.set("lang", "en")
    by_cookie = await visitor.get("/", headers={"accept-language": "nl"})
    assert '<html lang="en"' in by_cookie.text


async def test_a_signed_in_page_is_never_cached_nor_served_to_others(
    hood, client: httpx.AsyncClient, visitor: httpx.AsyncClient
) -> None:
    await add_member(hood, "bert")
    assert "Uitloggen" not in (await visitor.get("/prikbord")).text
    await login(client, "bert")
    assert "Uitloggen" in (await client.get("/prikbord")).text
    assert "Uitloggen" not in (await visitor.get("/prikbord")).text
    assert "Uitloggen" in (await client.get("/prikbord")).text


async def test_a_flash_message_and_a_csrf_token_stay_with_their_visitor(
    hood, client: httpx.AsyncClient, visitor: httpx.AsyncClient
) -> None:
    await add_member(hood, "bert")
    await login(client, "bert")
    await visitor.get("/prikbord")
    posted = await post_form(client, "/prikbord", {"body": "Wie leent mij een ladder?"})
    assert posted.status_code == 303
    flash = "Uw bericht staat op het prikbord."
    assert flash in (await client.get(posted.headers["location"])).text
    assert flash not in (await visitor.get(posted.headers["location"])).text
    # A form page makes a token for its visitor: two browsers never get the same one.
    tokens = [CSRF_RE.search((await visitor.get("/inloggen")).text)]
    visitor.cookies.clear()
    tokens.append(CSRF_RE.search((await visitor.get("/inloggen")).text))
    assert tokens[0] and tokens[1] and tokens[0].group(1) != tokens[1].group(1)


async def test_the_urgent_banner_appears_and_goes_at_once(hood, visitor: httpx.AsyncClient) -> None:
    fatima = await add_member(hood, "fatima", role="buurtverbinder")
    assert "Gaslek" not in (await visitor.get("/initiatieven")).text
    news = await hood.announcements.post(fatima, title="Gaslek", body="Blijf binnen.", urgent=True)
    assert "Gaslek" in (await visitor.get("/initiatieven")).text
    await hood.announcements.end(fatima, news.id)
    assert "Gaslek" not in (await visitor.get("/initiatieven")).text


async def test_content_arriving_by_federation_shows_at_once(
    hood, visitor: httpx.AsyncClient
) -> None:
    before = (await visitor.get("/in-de-buurt")).text
    assert "Moestuin aan de Dijk" not in before
    await hood.nearby.store(
        RemoteObject(
            ap_id="https://zuid.example/ap/objects/initiative/1",
            type="Page",
            kind="initiative",
            actor_uri="https://zuid.example/ap/actor",
            origin_uri="https://zuid.example/ap/actor",
            name="Moestuin aan de Dijk",
            content_html="<p>Samen tuinieren.</p>",
        )
    )
    assert "Moestuin aan de Dijk" in (await visitor.get("/in-de-buurt")).text


async def test_nodeinfo_and_the_actor_follow_counts_and_settings(
    hood, visitor: httpx.AsyncClient
) -> None:
    users = (await visitor.get("/nodeinfo/2.1")).json()["usage"]["users"]["total"]
    await add_member(hood, "carla")
    assert (await visitor.get("/nodeinfo/2.1")).json()["usage"]["users"]["total"] == users + 1
    ap = {"accept": "application/activity+json"}
    await visitor.get("/ap/actor", headers=ap)
    await hood.settings.update(None, registration="open", description="Nieuw in de wijk.")
    assert "Nieuw in de wijk." in (await visitor.get("/ap/actor", headers=ap)).json()["summary"]
    assert (await visitor.get("/ap/actor", headers={"accept": "text/html"})).status_code == 303

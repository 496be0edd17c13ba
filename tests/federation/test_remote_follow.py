"""Follow or reply from your own server: a visitor types their fediverse address, the node
asks their server (a real uvicorn on loopback) with WebFinger through its safe outbound
client, and links them to that server's page to confirm."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from node.app import create_app, init_node
from node.community.neighbourhood import Neighbourhood
from node.config import Settings
from node.federation import intents
from tests.conftest import add_member
from tests.federation.fake_home_server import HomeServer, home_server

CONTINUE = re.compile(r'<a class="button" href="([^"]+)">Verder naar')
NL = {"accept-language": "nl"}


@pytest.fixture(scope="module")
def home() -> Iterator[HomeServer]:
    with home_server() as server:
        yield server


async def _follow(client: httpx.AsyncClient, address: str, page: str = "/") -> httpx.Response:
    return await client.get("/volgen", params={"adres": address, "pagina": page}, headers=NL)


def _target(response: httpx.Response) -> str:
    found = CONTINUE.search(response.text)
    assert found, response.text
    return unescape(found[1])


async def test_every_page_shows_the_handle_and_the_follow_form(
    client: httpx.AsyncClient, hood: Neighbourhood, settings: Settings
) -> None:
    """Given the node, then its home page shows its handle to copy and a form to follow from
    one's own server; a buurtbericht's page offers to follow or reply to it."""
    handle = f"@{settings.handle}@{settings.host}"
    home_page = (await client.get("/", headers=NL)).text
    assert "Volg ons in de fediverse:" in home_page and f">{handle}</code>" in home_page
    assert 'action="/volgen"' in home_page and 'name="pagina" value="/"' in home_page
    member = await add_member(hood, "lotte")
    _, post_id = await hood.posts.write(member, "Wie leent mij een ladder?")
    post_page = (await client.get(f"/prikbord/{post_id}", headers=NL)).text
    assert "Volg of reageer vanaf uw eigen server" in post_page
    assert f'name="pagina" value="/prikbord/{post_id}"' in post_page


async def test_a_mastodon_user_is_sent_to_their_subscribe_template(
    client: httpx.AsyncClient, settings: Settings, home: HomeServer
) -> None:
    """Given jan on a Mastodon-like server, when he types his address in the follow form,
    then the node asked his server's WebFinger and links him to its authorize_interaction
    page with our Group's id; that page opens."""
    response = await _follow(client, f"@jan@{home.host}")
    assert response.status_code == 200
    target = _target(response)
    assert f"acct:jan@{home.host}" in home.asked
    assert target.startswith(f"{home.url}/authorize_interaction?uri=")
    assert parse_qs(urlsplit(target).query)["uri"] == [f"{settings.url}/ap/actor"]
    landing = httpx.get(target, timeout=30)
    assert landing.status_code == 200 and f"{settings.url}/ap/actor" in landing.text


async def test_an_activity_intent_is_used_for_an_object(
    client: httpx.AsyncClient, hood: Neighbourhood, settings: Settings, home: HomeServer
) -> None:
    """Given a server with FEP-3b86 intents, when its user follows or replies from a
    buurtbericht's page, then the Object intent gets the post's id and the page to come
    back to; from the home page, the Follow intent gets the Group."""
    member = await add_member(hood, "lotte")
    _, post_id = await hood.posts.write(member, "Wie leent mij een ladder?")
    target = _target(await _follow(client, f"intents@{home.host}", f"/prikbord/{post_id}"))
    assert target.startswith(f"{home.url}/intent/object?")
    query = parse_qs(urlsplit(target).query)
    assert query["id"] == [f"{settings.url}/ap/objects/post/{post_id}"]
    assert query["back"] == [f"{settings.url}/prikbord/{post_id}"]
    follow = _target(await _follow(client, f"intents@{home.host}"))
    assert parse_qs(urlsplit(follow).query)["id"] == [f"{settings.url}/ap/actor"]
    assert follow.startswith(f"{home.url}/intent/follow?")


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("jan", "Typ uw eigen fediverse-adres als naam@server"),
        ("jan@", "Typ uw eigen fediverse-adres als naam@server"),
        ("javascript:alert(1)@x", "Typ uw eigen fediverse-adres als naam@server"),
        ("jan@host/pad", "Typ uw eigen fediverse-adres als naam@server"),
        ("j" * 5000 + "@example.nl", "Typ uw eigen fediverse-adres als naam@server"),
        ("", "Typ uw eigen fediverse-adres als naam@server"),
        ("nobody@{host}", "kent nobody@{host} niet, of gaf geen antwoord"),
        ("plain@{host}", "zegt niet waar u dit kunt bevestigen"),
    ],
)
async def test_a_handle_that_leads_nowhere_gets_a_clear_message(
    client: httpx.AsyncClient, settings: Settings, home: HomeServer, address: str, says: str
) -> None:
    """Given a malformed address, an unknown account or a server without a template, then
    the page says what is wrong, keeps what was typed, and shows the handle to paste into
    one's own app instead."""
    typed = address.format(host=home.host)
    response = await _follow(client, typed)
    assert response.status_code == 400
    assert says.format(host=home.host) in response.text
    assert f'value="{typed.strip()}"' in response.text  # nothing typed is lost
    handle = f"@{settings.handle}@{settings.host}"
    assert f"Zoek in uw eigen app naar {handle}" in response.text
    assert "Verder naar" not in response.text


async def test_the_lookup_gives_up_in_time(
    client: httpx.AsyncClient, home: HomeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a server that answers too late, then the visitor gets the message, not a wait."""
    monkeypatch.setattr(intents, "LOOKUP_SECONDS", 0.3)
    response = await _follow(client, f"slow@{home.host}")
    assert response.status_code == 400 and "gaf geen antwoord" in response.text


@pytest.fixture
def public_settings(tmp_path: Path) -> Settings:
    """A node as in production (not dev): private addresses are refused."""
    return init_node(tmp_path / "node", url="https://noord.example.nl", name="Noord", kind="wijk")


@pytest.fixture
async def public_client(public_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings = public_settings
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=settings.url) as client:
            yield client


async def test_a_production_node_does_not_look_up_private_addresses(
    public_client: httpx.AsyncClient, home: HomeServer
) -> None:
    """Given a node not in dev mode with no private networks allowed, when a visitor types an
    address on a loopback server, then the node does not ask it and says so."""
    before = len(home.asked)
    response = await _follow(public_client, f"jan@{home.host}")
    assert response.status_code == 400 and "gaf geen antwoord" in response.text
    assert len(home.asked) == before


async def test_the_page_to_come_back_to_is_only_a_page_of_ours(
    client: httpx.AsyncClient, settings: Settings, home: HomeServer
) -> None:
    """Given a crafted `pagina` (another site, a scheme-relative or backslash path), then
    the visitor follows the node and is linked back to its home page, nowhere else."""
    for crafted in ("//evil.example/x", "/\\evil.example", "https://evil.example/", "/a?b"):
        response = await _follow(client, f"intents@{home.host}", crafted)
        target = _target(response)
        assert parse_qs(urlsplit(target).query)["id"] == [f"{settings.url}/ap/actor"]
        assert "evil" not in response.text

"""News through HTTP: posting, the urgent banner on every page, ending early, refusals."""

import httpx
from starlette.applications import Starlette

from node.community.neighbourhood import Neighbourhood
from node.config import Settings
from tests.conftest import add_member, login, post_form

FORM = "/mededelingen/nieuw"


def announcement(**changes: str) -> dict[str, str]:
    return {"title": "Nieuw bankje", "body": "Er staat een bankje.", **changes}


async def test_given_a_buurtverbinder_when_posting_news_then_it_is_listed(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    response = await post_form(client, FORM, announcement(), form_page=FORM)
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert "Nieuw bankje" in page.text and "Er staat een bankje." in page.text
    assert "Nieuw bankje" in (await client.get("/mededelingen")).text


async def test_given_a_resident_when_posting_news_then_it_is_refused(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    assert (await client.get(FORM)).status_code == 403
    response = await post_form(client, FORM, announcement())
    assert response.status_code == 403
    assert await hood.announcements.current() == []


async def test_an_urgent_announcement_shows_on_every_page_until_it_is_ended(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "gemma", "contact")
    await login(client, "gemma")
    response = await post_form(
        client,
        FORM,
        announcement(title="Waterleiding gesprongen", body="Kook water voor gebruik.", urgent="1"),
        form_page=FORM,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    for path in ("/gids", "/contact", "/inloggen", "/bestaat-niet"):
        html = (await client.get(path)).text
        assert 'class="urgent" aria-labelledby="urgent-title"' in html, path
        assert f'href="{location}"' in html, path
    # The home page shows it in full instead of the one-line banner.
    home = (await client.get("/")).text
    assert 'class="urgent"' not in home and 'class="urgent-full"' in home
    assert "Kook water voor gebruik." in home

    ended = await post_form(client, f"{location}/beeindigen", {}, form_page=location)

    assert ended.status_code == 303
    assert 'class="urgent' not in (await client.get("/")).text
    assert 'class="urgent' not in (await client.get("/gids")).text
    assert "Eerder nieuws" in (await client.get("/mededelingen")).text


async def test_a_refused_announcement_keeps_what_was_typed(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "bert", "buurtverbinder")
    await login(client, "bert")
    response = await post_form(client, FORM, announcement(expires_date="morgen"), form_page=FORM)
    assert response.status_code == 400
    assert "dag-maand-jaar" in response.text
    assert 'value="Nieuw bankje"' in response.text and "Er staat een bankje." in response.text


async def test_a_script_in_the_markdown_is_rendered_harmless(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    posted = await hood.announcements.post(
        bert,
        title="<script>alert(1)</script>",
        body="Hallo <script>alert('x')</script> [klik](javascript:alert(1))",
    )
    html = (await client.get(f"/mededelingen/{posted.id}")).text
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


async def test_only_the_author_or_an_admin_may_change_or_end_an_announcement(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    await add_member(hood, "olga", "buurtverbinder")
    posted = await hood.announcements.post(bert, title="Markt", body="Zaterdag markt.")
    await login(client, "olga")
    path = f"/mededelingen/{posted.id}"
    assert (await client.get(f"{path}/bewerken")).status_code == 403
    assert (await post_form(client, f"{path}/beeindigen", {})).status_code == 403
    refused = await post_form(client, f"{path}/bewerken", announcement())
    assert refused.status_code == 403
    assert (await hood.announcements.get(posted.id)).title == "Markt"


async def test_the_author_changes_an_announcement_and_sees_it(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    bert = await add_member(hood, "bert", "buurtverbinder")
    posted = await hood.announcements.post(bert, title="Markt", body="Zaterdag markt.")
    await login(client, "bert")
    path = f"/mededelingen/{posted.id}/bewerken"
    form = (await client.get(path)).text
    assert 'value="Markt"' in form
    response = await post_form(
        client,
        path,
        announcement(title="Markt verplaatst", expires_date="31-12-2099"),
        form_page=path,
    )
    assert response.status_code == 303
    changed = await hood.announcements.get(posted.id)
    assert changed.title == "Markt verplaatst"
    assert changed.expires_at == "2099-12-31T22:59:00Z"  # 23:59 in Dutch winter time


async def test_a_visitor_hides_an_urgent_announcement_from_the_banner_and_not_from_others(
    app: Starlette, hood: Neighbourhood, settings: Settings
) -> None:
    """Given two urgent announcements, when a visitor hides one with its link, then their
    banner keeps only the other, another visitor (served from the page cache) still sees
    both, and the home page shows both in full."""
    gemma = await add_member(hood, "gemma", "contact")
    water = await hood.announcements.post(
        gemma, title="Waterleiding", body="Kook water.", urgent=True
    )
    storm = await hood.announcements.post(gemma, title="Storm", body="Blijf binnen.", urgent=True)
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url=settings.url) as hiding,
        httpx.AsyncClient(transport=transport, base_url=settings.url) as other,
    ):
        assert f"/mededelingen/{water.id}/verbergen" in (await other.get("/gids")).text
        hidden = await hiding.get(f"/mededelingen/{water.id}/verbergen?volgende=/gids")
        assert hidden.status_code == 303 and hidden.headers["location"] == "/gids"
        banner = (await hiding.get("/gids")).text
        assert f'href="/mededelingen/{water.id}"' not in banner
        assert f'href="/mededelingen/{storm.id}"' in banner
        assert f'href="/mededelingen/{water.id}"' in (await other.get("/gids")).text
        # On its own page an announcement is not repeated in the banner.
        own = (await other.get(f"/mededelingen/{water.id}")).text
        assert f"/mededelingen/{water.id}/verbergen" not in own
        assert f"/mededelingen/{storm.id}/verbergen" in own
        home = (await hiding.get("/")).text
        assert "Kook water." in home and "Blijf binnen." in home
        elsewhere = await hiding.get(f"/mededelingen/{storm.id}/verbergen?volgende=//evil.example")
        assert elsewhere.headers["location"] == "/"

"""The home page per node kind, the menu in the header, and addresses that only take a POST."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from node.app import create_app
from node.community.calendar.draft import EventDraft
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from node.config import Settings
from tests.budget_support import open_round
from tests.conftest import MovableClock, add_member, login
from tests.participation_support import draft as process_draft


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(datetime(2026, 3, 5, 12, tzinfo=UTC))  # input and proposals open


async def test_a_neighbourhood_home_shows_what_is_happening_now(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    hood = moving_hood
    anna = await add_member(hood, "anna", display_name="Anna de Vries")
    verbinder = await add_member(hood, "els", "buurtverbinder")
    await hood.initiatives.start(
        anna,
        InitiativeDraft(
            title="Moestuin op het plein",
            summary="Samen groente kweken.",
            description="",
            area="",
            participation_level="selfmanage",
            needs=[NeedDraft("volunteers", "Handen op zaterdag", "6")],
        ),
    )
    await hood.calendar.plan(
        anna,
        EventDraft(
            title="Repair Café",
            description="",
            start_date="2026-03-07",
            start_time="14:00",
            end_time="16:00",
            location="Buurthuis",
        ),
    )
    await hood.processes.open(verbinder, process_draft())
    await open_round(hood, await add_member(hood, "beheer", "admin"))

    html = (await moving_client.get("/")).text

    help_wanted = _section(html, "help-title")
    assert "Moestuin op het plein" in help_wanted and "Vrijwilligers" in help_wanted
    assert "Repair Café" in _section(html, "week-title")
    say = _section(html, "say-title")
    assert "Herinrichting Wilhelminaplein" in say and "nog 10 dagen" in say
    budget = _section(html, "budget-title")
    assert "Wijkbudget 2026" in budget and "Dien een voorstel in, tot 15 maart 2026." in budget
    assert "Woont u hier?" in html  # anonymous: the invitation to sign up
    assert 'class="cards"' not in html  # no link cards repeating the menu


async def test_an_empty_neighbourhood_says_so_in_one_line_per_section(
    client: httpx.AsyncClient,
) -> None:
    html = (await client.get("/")).text
    assert "Er is nu geen initiatief dat hulp zoekt." in html
    assert "Deze week staan er geen activiteiten gepland." in html
    assert "Er staat nu geen vraag open voor inspraak." in html
    assert 'id="budget-title"' not in html  # no round: no budget block at all


@pytest.fixture
async def gemeente(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(dataclasses.replace(settings, kind="gemeente", name="Gemeente Beekveld"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=settings.url) as http:
            yield http


async def test_the_municipality_home_shows_its_own_view_not_a_village(
    gemeente: httpx.AsyncClient,
) -> None:
    html = (await gemeente.get("/")).text
    assert 'href="/gemeente"' in html
    assert 'id="hoods-title"' in html and "Deze node volgt nog geen wijk of kern" in html
    assert "Er staat nu geen traject open voor inspraak." in html
    assert "Woont u hier?" not in html and 'id="help-title"' not in html
    assert 'id="budget-title"' not in html


async def test_the_home_page_is_served_from_the_page_cache_until_something_is_written(
    hood: Neighbourhood, client: httpx.AsyncClient, settings: Settings
) -> None:
    anna = await add_member(hood, "anna")
    draft = InitiativeDraft(
        title="Bankjes",
        summary="Twee bankjes.",
        description="",
        area="",
        participation_level="selfmanage",
        needs=[NeedDraft("money", "Hout", "200")],
    )
    await hood.initiatives.start(anna, draft)
    assert "Bankjes" in (await client.get("/")).text
    conn = sqlite3.connect(settings.database_path)
    with conn:
        conn.execute("UPDATE initiatives SET title = 'Buiten de node om'")
    conn.close()
    assert "Bankjes" in (await client.get("/")).text  # the stored page, no queries
    await hood.initiatives.start(anna, dataclasses.replace(draft, title="Plantenbakken"))
    fresh = (await client.get("/")).text
    assert "Plantenbakken" in fresh and "Buiten de node om" in fresh


async def test_the_header_keeps_four_sections_in_view_and_the_rest_behind_more(
    client: httpx.AsyncClient,
) -> None:
    header = (await client.get("/")).text.split("</header>")[0]
    featured = header.split('class="menu-featured"')[1].split("<details")[0]
    assert [s in featured for s in ("/initiatieven", "/activiteiten", "/inspraak", "/contact")] == [
        True
    ] * 4
    more = header.split("<details")[1]
    assert "<summary>Meer</summary>" in more
    assert 'href="/wijkboekhouding"' in more and 'href="/gids"' in more
    assert 'href="/initiatieven"' not in more


async def test_opening_a_form_address_shows_the_page_that_holds_the_form(
    hood: Neighbourhood, client: httpx.AsyncClient
) -> None:
    await add_member(hood, "beheer", "admin")
    await login(client, "beheer")
    settings_form = await client.get("/beheer/instellingen")
    assert settings_form.status_code == 303 and settings_form.headers["location"] == "/beheer"
    follow = await client.get("/beheer/federatie/volgen")
    assert follow.headers["location"] == "/beheer/federatie"
    # A machine still learns the method is wrong.
    api = await client.get("/beheer/instellingen", headers={"accept": "application/json"})
    assert api.status_code == 405


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]

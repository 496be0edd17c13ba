"""The weekly digest holds the week's items in the member's language, as HTML and text,
and the same content prints on A4 from /beheer."""

from __future__ import annotations

import httpx
import pytest

from node.community.calendar.draft import EventDraft
from node.community.errors import Invalid
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login
from tests.mail.conftest import SmtpServer
from tests.mail.support import member_with_address, part


async def a_week_in_noord(hood: Neighbourhood) -> None:
    bea = await add_member(hood, "bea", "buurtverbinder")
    await hood.initiatives.start(
        bea,
        InitiativeDraft(
            title="Moestuin op het Wilhelminaplein",
            summary="Samen groente kweken.",
            description="We zoeken handen.",
            area="Wilhelminaplein",
            participation_level="selfmanage",
            needs=[NeedDraft("volunteers", "Handen op zaterdag", "6")],
        ),
    )
    await hood.calendar.plan(
        bea,
        EventDraft(
            title="Repair Café",
            description="Neem kapotte spullen mee.",
            start_date="2026-03-05",
            start_time="14:00",
            end_time="16:30",
            location="Buurthuis",
        ),
    )


async def test_given_a_week_when_the_digest_is_sent_then_it_holds_it_in_each_members_language(
    moving_app, moving_hood: Neighbourhood, smtp: SmtpServer
) -> None:
    await a_week_in_noord(moving_hood)
    await member_with_address(moving_hood, "anna", "anna@noord.example", "nl")
    await member_with_address(moving_hood, "john", "john@noord.example", "en")
    assert await moving_hood.digests.queue() == 2
    await moving_app.state.mail.settle()

    digests = {str(m["To"]): m for m in smtp.messages() if "List-Unsubscribe" in m}
    dutch, english = digests["anna@noord.example"], digests["john@noord.example"]
    assert "deze week" in str(dutch["Subject"]) and "this week" in str(english["Subject"])
    for message, words in ((dutch, "Activiteiten komende week"), (english, "Activities next week")):
        for body in (part(message, "plain"), part(message, "html")):
            assert "Moestuin op het Wilhelminaplein" in body and "Repair Café" in body
            assert words in body
        assert "<img" not in part(message, "html")  # no tracking pixels, no images at all
    assert "Zoekt hulp bij 1 ding." in part(dutch, "plain")


async def test_a_digest_for_a_member_without_an_address_says_why_not(
    moving_hood: Neighbourhood,
) -> None:
    piet = await add_member(moving_hood, "piet")
    with pytest.raises(Invalid, match="piet gets no digest"):
        await moving_hood.digests.queue(piet)


async def test_the_printable_digest_on_beheer_shows_the_week_with_a_qr_code(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    await a_week_in_noord(moving_hood)
    await add_member(moving_hood, "adam", "admin")
    await login(moving_client, "adam")
    assert "/beheer/weekoverzicht" in (await moving_client.get("/beheer")).text
    page = await moving_client.get("/beheer/weekoverzicht")
    assert page.status_code == 200
    assert "Moestuin op het Wilhelminaplein" in page.text and 'class="qr"' in page.text

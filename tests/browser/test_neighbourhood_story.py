"""The neighbourhood at work, walked in a real browser through the forms: a resident starts
an initiative with needs, a neighbour offers help, the initiator accepts, the municipality's
contact person answers and pledges support, an activity is planned and both residents come.
Every page is audited (axe) and photographed; a few are looked at on a phone's width."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import Locator, expect

from tests.browser.conftest import Visitor

pytestmark = pytest.mark.browser

TITLE = "Plantenbakken op het Lindeplein"
MONEY = "Geld: plantenbakken en aarde"
VOLUNTEERS = "Vrijwilligers: helpen met vullen en planten"
SUPPORT = "Ondersteuning van de gemeente: toestemming voor bakken op de stoep"
ACTIVITY = "Plantdag op het Lindeplein"


def need(visitor: Visitor, title: str) -> Locator:
    """One need's block on the initiative page, found by its heading."""
    page = visitor.page
    return page.locator("article.need").filter(has=page.get_by_role("heading", name=title))


def fill_need(visitor: Visitor, number: int, kind: str, text: str, amount: str = "") -> None:
    row = visitor.page.get_by_role("group", name=f"Behoefte {number}")
    row.get_by_label("Soort hulp").select_option(label=kind)
    row.get_by_label("Wat precies?").fill(text)
    if amount:
        row.get_by_label("Hoeveel (alleen bij geld en vrijwilligers)").fill(amount)


def offer(visitor: Visitor, title: str, button: str, body: str, amount: str = "") -> None:
    block = need(visitor, title)
    block.get_by_text("Hiervoor hulp aanbieden").click()  # opens the <details>
    if amount:
        block.get_by_label(re.compile(r"^Hoeveel (euro|mensen)\?$")).fill(amount)
    block.get_by_label("Wat biedt u aan?").fill(body)
    block.get_by_role("button", name=button, exact=True).click()


def accept_offer(visitor: Visitor, title: str, offerer: str) -> None:
    row = need(visitor, title).locator("li.offer").filter(has_text=offerer)
    row.get_by_role("button", name="Aannemen", exact=True).click()
    expect(visitor.status()).to_contain_text("Het aanbod is aangenomen.")


def test_a_plan_for_the_square_finds_help_support_and_a_day_to_do_it(visitor: Visitor) -> None:
    visitor.story = "hood"
    page = visitor.page

    # Given Mila signs up on the open node and goes to the initiatives
    visitor.sign_up("Mila Jansen", "mila")
    visitor.check("mila-account")
    visitor.click_link("Initiatieven", within="Hoofdmenu")
    expect(visitor.heading("Initiatieven")).to_be_visible()
    visitor.check("initiatives-empty")

    # When she starts an initiative that needs money, volunteers and the municipality's help
    visitor.click_link("Start een initiatief")
    expect(visitor.heading("Start een initiatief")).to_be_visible()
    visitor.check("initiative-form")
    with visitor.on_phone():
        visitor.check("initiative-form-phone")
    visitor.fill(
        {
            "Titel": TITLE,
            "In het kort": "Wij willen het plein groener maken met zes grote plantenbakken.",
            "Volledige beschrijving": "Bewoners vullen en verzorgen de bakken **samen**.",
            "Waar in de buurt?": "Lindeplein",
        }
    )
    fill_need(visitor, 1, "Geld", "plantenbakken en aarde", "800")
    fill_need(visitor, 2, "Vrijwilligers", "helpen met vullen en planten", "6")
    fill_need(visitor, 3, "Ondersteuning van de gemeente", "toestemming voor bakken op de stoep")
    visitor.press("Initiatief publiceren")

    # Then the initiative is online, looking for help, with each need open
    expect(visitor.status()).to_contain_text("Uw initiatief staat online.")
    expect(visitor.heading(TITLE)).to_be_visible()
    expect(need(visitor, MONEY)).to_contain_text("€ 0 van € 800 toegezegd")
    expect(need(visitor, VOLUNTEERS)).to_contain_text("0 van 6 vrijwilligers")
    initiative_url = page.url
    visitor.check("initiative-new")
    visitor.log_out()
    visitor.check("mila-logged-out")

    # When Daan signs up and offers money and two volunteers
    visitor.sign_up("Daan de Wit", "daan")
    visitor.check("daan-account")
    visitor.click_link("Initiatieven", within="Hoofdmenu")
    visitor.click_link(TITLE)
    expect(visitor.heading(TITLE)).to_be_visible()
    visitor.check("initiative-as-neighbour")
    offer(visitor, MONEY, "Hulp aanbieden", "Van de opbrengst van onze rommelmarkt.", "250")
    expect(visitor.status()).to_contain_text("Bedankt! De initiatiefnemer ziet uw aanbod")
    visitor.check("offered-money")
    offer(visitor, VOLUNTEERS, "Hulp aanbieden", "Mijn zoon en ik helpen mee.", "2")
    expect(visitor.status()).to_contain_text("Bedankt!")
    visitor.check("offered-volunteers")
    visitor.log_out()

    # And Mila accepts both offers and sees how far each need is met
    visitor.log_in("mila")
    visitor.open(initiative_url.removeprefix(visitor.base_url))
    expect(need(visitor, MONEY)).to_contain_text("1 aanbod wacht op antwoord")
    visitor.check("offers-waiting")
    accept_offer(visitor, MONEY, "Daan de Wit")
    visitor.check("accepted-money")
    accept_offer(visitor, VOLUNTEERS, "Daan de Wit")
    expect(need(visitor, MONEY)).to_contain_text("€ 250 van € 800 toegezegd")
    expect(need(visitor, VOLUNTEERS)).to_contain_text("2 van 6 vrijwilligers")
    visitor.check("accepted-volunteers")
    with visitor.on_phone():
        visitor.check("initiative-phone")
    visitor.log_out()

    # When Joost, the municipality's contact person, answers officially and pledges support
    visitor.log_in("joost")
    visitor.check("joost-home")
    visitor.open(initiative_url.removeprefix(visitor.base_url))
    visitor.check("initiative-as-contact")
    page.get_by_label("Uw reactie").fill(
        "Mooi plan! De gemeente denkt mee over de vergunning voor de stoep."
    )
    expect(page.get_by_label("Dit is de officiële reactie van de gemeente")).to_be_checked()
    visitor.press("Reactie plaatsen")
    expect(visitor.status()).to_contain_text("Uw reactie is geplaatst.")
    comment = page.locator("article.comment-official")
    expect(comment).to_contain_text("Officiële reactie van de gemeente")
    expect(comment).to_contain_text("Joost Smit")
    visitor.check("official-reaction")
    offer(
        visitor,
        SUPPORT,
        "Aanbieden namens de gemeente",
        "Ik regel de vergunning en een gesprek met de groenbeheerder.",
    )
    expect(visitor.status()).to_contain_text("Bedankt!")
    visitor.check("municipality-offer")
    visitor.press("Ik steun dit")
    expect(visitor.status()).to_contain_text("U steunt dit initiatief.")
    expect(page.get_by_text("1 bewoner steunt dit.")).to_be_visible()
    visitor.check("supported")
    visitor.log_out()

    # And Mila accepts the municipality's help and plans a planting day next week
    visitor.log_in("mila")
    visitor.open(initiative_url.removeprefix(visitor.base_url))
    accept_offer(visitor, SUPPORT, "Joost Smit")
    expect(need(visitor, SUPPORT).locator("li.offer-municipality")).to_contain_text(
        "van de gemeente"
    )
    expect(need(visitor, SUPPORT)).to_contain_text("geregeld")
    visitor.check("municipality-accepted")
    visitor.click_link("Activiteiten", within="Hoofdmenu")
    expect(visitor.heading("Activiteiten")).to_be_visible()
    visitor.check("calendar-empty")
    visitor.click_link("Plan een activiteit")
    visitor.check("activity-form")
    day = datetime.now(ZoneInfo("Europe/Amsterdam")).date() + timedelta(days=7)
    visitor.fill(
        {
            "Titel": ACTIVITY,
            "Waar gaat het over?": "We vullen de bakken en planten samen. Neem handschoenen mee.",
            "Andere locatie": "Lindeplein, bij de grote linde",
            "Maximum aantal deelnemers (niet verplicht)": "20",
        }
    )
    page.get_by_role("group", name="Begint").get_by_label("Datum").fill(day.isoformat())
    page.get_by_role("group", name="Begint").get_by_label("Tijd").fill("10:00")
    page.get_by_role("group", name="Eindigt").get_by_label("Tijd").fill("13:00")
    page.get_by_label("Hoort bij een initiatief (niet verplicht)").select_option(label=TITLE)
    visitor.press("Activiteit opslaan")
    expect(visitor.status()).to_contain_text("Uw activiteit staat in de agenda.")
    expect(visitor.heading(ACTIVITY)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    activity_url = page.url
    visitor.check("activity-new")

    # And she says she is coming
    page.get_by_label("Ik kom", exact=True).check()
    visitor.press("Antwoord opslaan")
    expect(visitor.status()).to_contain_text("Uw antwoord is opgeslagen: Ik kom.")
    expect(page.get_by_text("1 komt", exact=False)).to_be_visible()
    visitor.check("mila-going")
    visitor.log_out()

    # When Daan finds the activity in the calendar and comes too
    visitor.log_in("daan")
    visitor.click_link("Activiteiten", within="Hoofdmenu")
    expect(page.get_by_role("link", name=ACTIVITY)).to_be_visible()
    visitor.check("calendar")
    with visitor.on_phone():
        visitor.check("calendar-phone")
    visitor.click_link(ACTIVITY)
    expect(page).to_have_url(activity_url)
    visitor.check("activity-as-daan")
    page.get_by_label("Ik kom", exact=True).check()
    visitor.press("Antwoord opslaan")
    expect(visitor.status()).to_contain_text("Uw antwoord is opgeslagen: Ik kom.")
    expect(page.get_by_text("2 komen", exact=False)).to_be_visible()
    names = page.locator("ul.names")
    expect(names).to_contain_text("Mila Jansen")
    expect(names).to_contain_text("Daan de Wit")
    visitor.check("daan-going")
    with visitor.on_phone():
        visitor.check("activity-phone")

    # Then the iCalendar link gives a calendar with the activity at local time
    with page.expect_download() as download_info:
        visitor.click_link("Zet in uw eigen agenda (iCalendar)")
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == ACTIVITY
    start = event.decoded("dtstart")
    assert start.date() == day and (start.hour, start.minute) == (10, 0)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert str(event["url"]) == activity_url
    assert calendar.walk("VTIMEZONE"), "a calendar app needs the time zone's rules"

    # And the subscription feed of all activities lists it too
    feed = page.request.get(visitor.base_url + "/activiteiten.ics")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    summaries = [
        str(e["summary"]) for e in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    ]
    assert ACTIVITY in summaries

"""Inspraak across two real nodes, in a real browser: the gemeente's contact person opens a
process for Beekveld-Noord, a resident there answers on her own wijk's copy of it, and after
the input phase the report-back, the closing and the totals of all neighbourhoods travel
back to her. Every page is audited (axe) and photographed, the wijk's copy pages also on a
phone's width.

The nodes follow each other over HTTP as their admins would (tests/federation/real_nodes.py),
and time passes as in the multinode test: the gemeente's process dates move two weeks back.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import Person, Visitor, _in_thread, make_node
from tests.conftest import RunningNode
from tests.federation.real_nodes import DEADLINE, follow_each_other, today, two_weeks_later

pytestmark = pytest.mark.browser

GEMEENTE, NOORD = "Gemeente Beekveld", "Beekveld-Noord"
TITLE = "Herinrichting Wilhelminaplein"
QUESTION = "Hoe wilt u dat het Wilhelminaplein eruitziet?"
OPTIONS = ["Meer groen", "Meer parkeerplaatsen", "Een speelplek"]
ARGUMENT = "Groen koelt de buurt af op warme dagen."
DECISION = "De raad kiest voor **meer groen** en een speelplek."
THEME = ("Meer groen op het plein", "Er komen zes bomen aan de zonkant.")


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, RunningNode]]:
    """The gemeente and one wijk, following each other; stopped when the module ends."""
    folder = tmp_path_factory.mktemp("federated")
    started: dict[str, RunningNode] = {}
    try:
        started[GEMEENTE] = make_node(
            folder / "gemeente",
            name=GEMEENTE,
            kind="gemeente",
            people=(
                Person("beheer", "admin", "Bert Beheer"),
                Person("joost", "contact", "Joost Smit"),
            ),
        )
        started[NOORD] = make_node(
            folder / "noord",
            name=NOORD,
            people=(
                Person("beheer", "admin", "Wim Beheer"),
                Person("eva", "resident", "Eva Jansen"),
            ),
        )
        _in_thread(asyncio.run, follow_each_other(started[GEMEENTE], [started[NOORD]]))
        yield started
    finally:
        for running in started.values():
            running.stop()


@pytest.fixture
def visitor_on(browser: Browser) -> Iterator[Callable[[RunningNode, str], Visitor]]:
    """A fresh Dutch-speaking browser (own cookies) on a given node, per person."""
    contexts: list[BrowserContext] = []

    def open_on(node: RunningNode, story: str) -> Visitor:
        context = browser.new_context(locale="nl-NL", bypass_csp=True)
        contexts.append(context)
        return Visitor(context.new_page(), node.url, story)

    yield open_on
    for context in contexts:
        context.close()


def reload_until(visitor: Visitor, path: str, text: str, what: str) -> None:
    """Open `path` again until `text` is on it: federation takes a moment, not a fixed one."""
    deadline = time.monotonic() + DEADLINE
    while True:
        visitor.open(path)
        if visitor.page.get_by_text(text).count():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {DEADLINE}s: {what}")
        visitor.page.wait_for_timeout(200)


def long_date(days: int) -> str:
    return format_date(today() + timedelta(days=days), "long", locale="nl")


def test_a_resident_answers_the_gemeente_on_her_own_wijk_and_reads_what_all_said(
    nodes: dict[str, RunningNode], visitor_on: Callable[[RunningNode, str], Visitor]
) -> None:
    joost = visitor_on(nodes[GEMEENTE], "fed-gemeente")
    eva = visitor_on(nodes[NOORD], "fed-wijk")

    # Given Joost, the gemeente's contact person, opens a process for Beekveld-Noord
    joost.log_in("joost")
    joost.click_link("Inspraak", within="Hoofdmenu")
    joost.check("list")
    joost.click_link("Inspraak openen")
    expect(joost.heading("Inspraak openen")).to_be_visible()
    wijken = joost.page.get_by_role("group", name="Welke wijken en kernen doen mee?")
    expect(wijken).to_have_accessible_description(
        re.compile("^Bewoners van de buurten die u aanvinkt, zien het traject")
    )
    noord_box = wijken.get_by_role("checkbox", name=NOORD, exact=True)
    expect(noord_box).not_to_be_checked()
    joost.check("form")
    with joost.on_phone():
        joost.check("form-phone")
    joost.fill(
        {
            "Titel": TITLE,
            "De vraag aan bewoners": QUESTION,
            "Achtergrond": "Het plein wordt in **2027** opnieuw ingericht.",
            "Wat betekent dit hier, concreet?": (
                f"De gemeenteraad besluit op {long_date(10)}; uw advies wordt meegewogen."
            ),
            "Inspraak begint op": today().isoformat(),
            "Inspraak eindigt op (deze dag telt mee)": (today() + timedelta(days=7)).isoformat(),
            "Besluit op": (today() + timedelta(days=10)).isoformat(),
            "Terugkoppeling uiterlijk op": (today() + timedelta(days=14)).isoformat(),
            "Keuzes, elk op een eigen regel": "\n".join(OPTIONS),
        }
    )
    joost.page.get_by_label("Adviseren", exact=True).check()
    for kind in ("Peiling", "Argumenten voor en tegen"):
        joost.page.get_by_label(kind, exact=True).check()
    noord_box.focus()
    joost.page.keyboard.press("Space")  # the fieldset is reachable with the keyboard
    expect(noord_box).to_be_checked()
    joost.press("Inspraak openen")
    expect(joost.status()).to_contain_text("De inspraak is geopend.")
    expect(joost.heading(TITLE)).to_be_visible()
    process_path = joost.page.url.removeprefix(joost.base_url)
    process_id = int(process_path.rsplit("/", 1)[1])
    expect(joost.page.get_by_text(f"Wie mag meedoen: bewoners van {NOORD}.")).to_be_visible()
    joost.check("opened")

    # When Eva, a resident of Beekveld-Noord, looks at the processes on her own wijk
    eva.log_in("eva")
    reload_until(eva, "/inspraak", TITLE, "Beekveld-Noord lists the gemeente's process")
    card = eva.page.locator("li.card").filter(has_text=TITLE)
    expect(card).to_contain_text(f"Gestart door {GEMEENTE}")
    expect(card).to_contain_text(f"reageren tot en met {long_date(7)}")
    eva.check("list")
    with eva.on_phone():
        eva.check("list-phone")
    eva.click_link(TITLE)
    copy_path = eva.page.url.removeprefix(eva.base_url)

    # Then she reads who asks, how much say she has, and the timeline
    expect(eva.heading(TITLE)).to_be_visible()
    expect(eva.page.locator(".process-origin")).to_contain_text(f"Gestart door {GEMEENTE}.")
    say = eva.page.get_by_role("region", name="Hoeveel inspraak hebben bewoners?")
    expect(say).to_contain_text("Adviseren (trede 3 van 6)")
    expect(say.locator("[aria-current=step]")).to_have_text("Adviseren")
    expect(eva.page.locator(".level-meaning")).to_contain_text(
        f"De gemeenteraad besluit op {long_date(10)}"
    )
    timeline = eva.page.get_by_role("region", name="Planning")
    expect(timeline.locator("[aria-current=step]")).to_contain_text("Uw inbreng")
    expect(timeline).to_contain_text(f"uiterlijk op {long_date(14)}")
    expect(timeline).to_contain_text("Nu kunt u reageren.")
    eva.check("copy")
    with eva.on_phone():
        eva.check("copy-phone")

    # When she votes in the poll
    poll = eva.page.locator("#inbreng-poll")
    poll.get_by_label("Meer groen", exact=True).check()
    poll.get_by_role("button", name="Versturen").click()
    expect(eva.status()).to_contain_text("Dank u wel! Uw reactie telt mee.")
    expect(eva.page.locator("#inbreng-poll")).to_contain_text(
        "U heeft dit beantwoord. Opnieuw versturen vervangt uw antwoord."
    )
    eva.check("answered-poll")

    # And gives an argument for more green
    arguments = eva.page.locator("#inbreng-arguments")
    arguments.get_by_role("radio", name="Voor", exact=True).check()
    arguments.get_by_label("Over", exact=True).select_option(label="Meer groen")
    arguments.get_by_label("Uw argument", exact=True).fill(ARGUMENT)
    arguments.get_by_role("button", name="Versturen").click()
    expect(eva.status()).to_contain_text("Dank u wel!")
    expect(eva.page.locator("li.argument").filter(has_text=ARGUMENT)).to_be_visible()
    eva.check("answered-argument")
    with eva.on_phone():
        eva.check("answered-phone")

    # Two weeks later the input phase is over: Joost reports back and closes the process
    reload_until(joost, process_path, "Meer groen: 1", "Eva's vote reaches the gemeente")
    reload_until(joost, process_path, ARGUMENT, "Eva's argument reaches the gemeente")
    two_weeks_later(nodes[GEMEENTE], process_id)
    joost.open(process_path)
    expect(joost.page.get_by_text("Reageren kan niet meer.")).to_be_visible()
    joost.check("input-over")
    joost.click_link("Terugkoppeling schrijven")
    expect(joost.heading("Terugkoppeling: u zei — wij deden")).to_be_visible()
    joost.check("report-form")
    joost.fill({"Wat is er besloten?": DECISION})
    theme = joost.page.get_by_role("group", name="Onderwerp 1")
    theme.get_by_label("U zei", exact=True).fill(THEME[0])
    theme.get_by_label("Wij deden", exact=True).fill(THEME[1])
    joost.press("Terugkoppeling plaatsen")
    expect(joost.status()).to_contain_text("De terugkoppeling staat online")
    joost.check("reported")
    joost.press("Inspraak afsluiten")
    expect(joost.status()).to_contain_text("De inspraak is afgesloten.")
    joost.check("closed")

    # When Eva comes back, the report-back and the closing have reached her wijk
    reload_until(eva, copy_path, THEME[1], "the report-back reaches Beekveld-Noord")
    reload_until(eva, copy_path, "Deze inspraak is afgerond.", "the closing reaches it too")
    expect(eva.page.locator(".tag.phase-closed")).to_have_text("Afgesloten")
    report = eva.page.get_by_role("region", name="Terugkoppeling: u zei — wij deden")
    expect(report.locator(".prose strong")).to_have_text("meer groen")
    table = report.get_by_role("table", name="Wat er met uw inbreng is gedaan")
    expect(table.get_by_role("row").filter(has_text=THEME[0])).to_contain_text(THEME[1])

    # And she reads what all neighbourhoods said together, her vote counted in
    overall = eva.page.get_by_role(
        "region", name=f"Uitslag van alle buurten samen (van {GEMEENTE})"
    )
    expect(overall).to_contain_text(
        "De antwoorden van de bewoners van deze buurt zijn hierin meegeteld."
    )
    votes = overall.get_by_role("table", name="Uitslag van de peiling, alle buurten samen")
    expect(votes.get_by_role("row", name="Meer groen").get_by_role("cell").first).to_have_text("1")
    expect(votes.get_by_role("row", name="Meer groen")).to_contain_text("100%")
    expect(votes.get_by_role("row", name="Meer parkeerplaatsen")).to_contain_text("0%")
    sides = overall.get_by_role("table", name="Aantal argumenten voor en tegen, alle buurten samen")
    expect(sides.get_by_role("row", name="Meer groen").get_by_role("cell")).to_have_text(["1", "0"])
    per_node = overall.get_by_role("table", name="Aantal reacties per buurt")
    expect(per_node.get_by_role("row", name=NOORD).get_by_role("cell")).to_have_text(
        ["1", "1", "0"]
    )
    expect(eva.page.get_by_text("Deze inspraak is afgerond.")).to_be_visible()
    expect(eva.page.get_by_role("button", name="Versturen")).to_have_count(0)
    eva.check("report-back")
    with eva.on_phone():
        eva.check("report-back-phone")

    # And the gemeente's page counts Beekveld-Noord's residents in its own row
    joost.open(process_path)
    per_wijk = joost.page.get_by_role("region", name="Uitslag per buurt")
    row = per_wijk.get_by_role("row", name=NOORD)
    expect(row).to_contain_text("1 reactie")
    expect(row).to_contain_text("Meer groen: 1")
    joost.check("results-per-wijk")

"""The demo as residents, staff and visitors see it, at a desktop's and a phone's size.

The real demo (node/demo: four federated nodes on 127.0.0.1) starts once for this module.
Each home page must show live items of the demo's data; a crawl of each node, logged out
and logged in as a resident, the contact person and an admin, must find no page wider than
a phone (320 and 390 px), no main heading below the first screen, and no axe finding at
all (WCAG 2.1 A/AA of any impact, and landmark-unique), on the desktop and on the phone.

It also writes the screenshots docs/residents.md shows (docs/img/), so they stay current.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from node.config import Settings
from node.demo import NODES, federate, prepare, start_nodes, stop_nodes
from node.demo.people import DEMO_PASSWORD
from tests.browser.conftest import AXE, REPO, _in_thread
from tests.browser.crawl import DESKTOP, PHONES, crawl
from tests.conftest import free_ports_in_a_row

pytestmark = [pytest.mark.browser, pytest.mark.multinode]

DOCS_IMG = REPO / "docs" / "img"
SHOTS = {"noord": "home-wijk", "gemeente": "home-gemeente"}  # docs/residents.md shows them
PHONE = PHONES[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Settings]]:
    folder = tmp_path_factory.mktemp("demo") / "demo"
    all_settings = _in_thread(prepare, folder, free_ports_in_a_row())
    processes = start_nodes(all_settings)
    try:
        _in_thread(federate, all_settings)
        yield {spec.slug: s for spec, s in zip(NODES, all_settings, strict=True)}
    finally:
        stop_nodes(processes)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", bypass_csp=True, viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/inloggen")
    page.get_by_label("Gebruikersnaam", exact=True).fill(username)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def _shot(page: Page, name: str) -> Path:
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    path = DOCS_IMG / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# What each kind of node's home shows now, by heading: live items of the demo's sample data.
HOME_ITEMS = {
    "noord": {  # a wijk
        "Hulp gezocht": "Moestuin op het Wilhelminaplein",
        "Inspraak": "Herinrichting Wilhelminaplein",
        "Wijkbudget": "Wijkbudget Noord 2026",
    },
    "oosterbroek": {"Hulp gezocht": "AED bij dorpshuis De Kruisweg"},  # a kern
    "gemeente": {
        "Open voor inspraak": "Herinrichting Wilhelminaplein",
        "U zei, wij deden": "Bloemrijke bermen",
        "De wijken en kernen die wij volgen": "Moestuin op het Wilhelminaplein",
    },
}


@pytest.mark.parametrize("slug", list(HOME_ITEMS))
def test_each_kind_of_home_page_shows_what_is_happening_now(
    demo: dict[str, Settings], page: Page, slug: str
) -> None:
    page.goto(demo[slug].url + "/")
    for heading, item in HOME_ITEMS[slug].items():
        section = page.locator("section").filter(
            has=page.get_by_role("heading", level=2, name=heading, exact=True)
        )
        expect(section.get_by_role("link", name=item)).to_be_visible()
    if slug == "noord":
        # This week's activities: what the calendar holds for the coming seven days.
        expect(page.locator("#week-title + ul li").first).to_be_visible()
    if slug in SHOTS:
        _shot(page, SHOTS[slug])
    page.set_viewport_size(PHONE)
    if slug == "noord":
        _shot(page, "home-phone")
        page.get_by_text("Meer", exact=True).click()  # the <details> menu
        expect(page.get_by_role("link", name="Wijkboekhouding")).to_be_visible()
        _shot(page, "menu-phone")


# Logged out on every kind of node, and as each kind of person where they work.
CRAWLS = [
    ("gemeente", None),
    ("noord", None),
    ("oosterbroek", None),
    ("noord", "bewoner"),
    ("gemeente", "contact"),
    ("noord", "beheer"),
    ("gemeente", "beheer"),
]


@pytest.mark.parametrize(("slug", "username"), CRAWLS)
def test_a_crawl_finds_no_page_too_wide_for_a_phone_and_no_accessibility_problem(
    demo: dict[str, Settings], page: Page, slug: str, username: str | None
) -> None:
    url = demo[slug].url
    if username:
        _log_in(page, url, username)
    findings = crawl(page, url, str(AXE))
    assert len(findings) > 15, sorted(findings)  # the crawl really went round the node
    problems = [f"{path}: {p}" for path, f in findings.items() for p in f.problems]
    assert problems == [], "\n".join(problems)

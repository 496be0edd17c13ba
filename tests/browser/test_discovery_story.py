"""Found from the fediverse, walked in a real browser: a Mastodon user follows the node from
their own server (a fake one on loopback), with and without JavaScript, and a resident
makes their profile public. Every page is audited at desktop and phone width."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visitor
from tests.conftest import RunningNode
from tests.federation.fake_home_server import HomeServer, home_server

pytestmark = pytest.mark.browser

ADDRESS = "Uw eigen fediverse-adres"


@pytest.fixture(scope="module")
def home() -> Iterator[HomeServer]:
    with home_server() as server:
        yield server


def _audit_both_widths(visitor: Visitor, step: str) -> None:
    visitor.check(step)
    with visitor.on_phone():
        visitor.check(f"{step}-phone")


def test_a_mastodon_user_follows_from_their_own_server(
    visitor: Visitor, node: RunningNode, home: HomeServer
) -> None:
    visitor.story = "remote-follow"
    page = visitor.page

    # Given a visitor on the home page, the footer shows the handle with a Copy button
    visitor.open("/")
    handle = f"@{node.settings.handle}@{node.settings.host}"
    expect(page.get_by_text("Volg ons in de fediverse:")).to_contain_text(handle)
    expect(page.get_by_role("button", name=f"Kopiëren {handle}")).to_be_visible()

    # When they type an address that is not one, the page says what to do
    page.get_by_label(ADDRESS).fill("jan")
    visitor.press("Volgen")
    expect(page.get_by_role("alert")).to_contain_text("naam@server")
    expect(page.get_by_text(f"Zoek in uw eigen app naar {handle}")).to_be_visible()
    _audit_both_widths(visitor, "error")

    # When they type their own address, their server is found and they go there
    page.get_by_role("textbox", name=ADDRESS).fill(f"jan@{home.host}")
    visitor.press("Zoek mijn server op")
    expect(visitor.status()).to_contain_text(f"Uw server {home.host.split(':')[0]} kent u")
    _audit_both_widths(visitor, "found")
    page.get_by_role("link", name=re.compile("^Verder naar")).click()
    expect(page).to_have_url(re.compile(re.escape(f"{home.url}/authorize_interaction?uri=")))
    expect(page.locator("#uri")).to_have_text(f"{node.url}/ap/actor")


def test_without_javascript_the_handle_is_text_and_the_form_works(
    visitor_without_js: Visitor, node: RunningNode, home: HomeServer
) -> None:
    visitor = visitor_without_js
    page = visitor.page
    visitor.open("/")
    expect(page.get_by_role("button", name=re.compile("^Kopiëren"))).to_have_count(0)
    handle = f"@{node.settings.handle}@{node.settings.host}"
    expect(page.get_by_text("Volg ons in de fediverse:")).to_contain_text(handle)
    page.get_by_label(ADDRESS).fill(f"jan@{home.host}")
    visitor.press("Volgen")
    page.get_by_role("link", name=re.compile("^Verder naar")).click()
    expect(page.locator("#uri")).to_have_text(f"{node.url}/ap/actor")
    visitor.check("landed")


def test_a_resident_makes_their_profile_public(visitor: Visitor) -> None:
    visitor.story = "public-profile"
    page = visitor.page
    visitor.sign_up("Noor Jansen", "noor")
    visitor.open("/account")
    expect(page.get_by_label("Alleen bewoners van deze node (privé)")).to_be_checked()
    page.get_by_label("Iedereen (openbaar profiel)").check()
    visitor.press("Keuze opslaan")
    expect(visitor.status()).to_contain_text("Uw profiel is nu openbaar")
    visitor.open("/@noor")
    expect(visitor.heading("Noor Jansen")).to_be_visible()
    _audit_both_widths(visitor, "member-page")

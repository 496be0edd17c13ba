"""Accounts, walked in a real browser: a resident joins and looks after their account, a
buurtverbinder opens the management page. Every page is audited and photographed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visitor
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE_LABEL = "Telefoon (alleen zichtbaar als u aanspreekpunt of buurtverbinder bent)"


def test_a_resident_signs_up_and_looks_after_their_account(visitor: Visitor) -> None:
    visitor.story = "resident"
    page = visitor.page

    # Given a visitor whose browser prefers Dutch, on the home page
    visitor.open("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(visitor.heading("Beekveld-Noord")).to_be_visible()
    expect(page.get_by_text("Joost Smit")).to_be_visible()  # the contact person is named
    visitor.check("home")

    # And the first Tab shows the way past the menus; the page fits a phone's width
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    visitor.check("home-skip-link")
    with visitor.on_phone():
        visitor.check("home-phone")

    # When they switch to English and back, the page follows and stays where it was
    visitor.click_link("Read this site in English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Sign up", exact=True).first).to_be_visible()
    visitor.check("home-english")
    visitor.click_link("Deze site in het Nederlands")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/$"))

    # And they sign up as a resident
    visitor.click_link("Aanmelden", within="Account")
    expect(visitor.heading("Aanmelden")).to_be_visible()
    visitor.check("register")
    visitor.fill(
        {
            "Uw naam": "Sanne",
            "Gebruikersnaam": "sanne",
            "Wachtwoord": PASSWORD,
            "Wachtwoord nog een keer": PASSWORD,
        }
    )
    visitor.press("Aanmelden")

    # Then they land on their account page, logged in
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(visitor.status()).to_contain_text("Welkom, Sanne!")
    expect(visitor.heading("Uw account")).to_be_visible()
    visitor.check("account-new")

    # When they fill in their details, the page says so and shows them
    visitor.fill(
        {
            "Uw naam": "Sanne de Boer",
            PHONE_LABEL: "06 1111 2222",
            "Wanneer bent u bereikbaar?": "'s Avonds",
            "Over u": "Ik woon aan de Lindelaan en help graag met de moestuin.",
        }
    )
    visitor.press("Gegevens opslaan")
    expect(visitor.status()).to_contain_text("Uw gegevens zijn opgeslagen.")
    expect(page.get_by_label("Uw naam", exact=True)).to_have_value("Sanne de Boer")
    expect(page.get_by_role("link", name="Sanne de Boer")).to_be_visible()
    visitor.check("account-saved")

    # And they log out and in again, and are greeted by their new name
    visitor.log_out()
    expect(visitor.status()).to_contain_text("U bent uitgelogd.")
    visitor.check("logged-out")
    visitor.click_link("Inloggen", within="Account")
    expect(visitor.heading("Inloggen")).to_be_visible()
    visitor.check("login")
    visitor.fill({"Gebruikersnaam": "sanne", "Wachtwoord": PASSWORD})
    visitor.press("Inloggen")
    expect(page.get_by_role("link", name="Sanne de Boer")).to_be_visible()
    expect(page.get_by_role("link", name="Beheer")).to_have_count(0)  # residents do not manage
    visitor.check("logged-in")


def test_a_buurtverbinder_sees_the_management_page(visitor: Visitor) -> None:
    visitor.story = "buurtverbinder"
    page = visitor.page
    visitor.log_in("fatima")
    visitor.check("home")
    visitor.click_link("Beheer", within="Account")
    expect(visitor.heading("De buurt beheren")).to_be_visible()
    expect(page.get_by_role("heading", name="Leden")).to_be_visible()
    expect(page.get_by_role("cell", name="Anna de Vries", exact=True)).to_be_visible()
    visitor.check("manage")
    with visitor.on_phone():
        visitor.check("manage-phone")


def test_signing_up_and_logging_in_work_without_javascript(visitor_without_js: Visitor) -> None:
    visitor = visitor_without_js
    visitor.story = "no-javascript"
    page = visitor.page
    visitor.open("/registreren")
    visitor.check("register")
    visitor.fill(
        {
            "Uw naam": "Piet",
            "Gebruikersnaam": "piet",
            "Wachtwoord": PASSWORD,
            "Wachtwoord nog een keer": PASSWORD,
        }
    )
    visitor.press("Aanmelden")
    expect(page).to_have_url(re.compile(r"/account$"))
    visitor.check("account")
    visitor.log_out()
    visitor.log_in("piet")
    expect(page.get_by_role("link", name="Piet", exact=True)).to_be_visible()
    visitor.check("logged-in")

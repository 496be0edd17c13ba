"""Forms in a real browser: every problem at once, on top and beside its field, at desktop
and phone width; also without JavaScript; a long unbroken name breaks no page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visitor
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_an_empty_sign_up_says_everything_at_once(visitor: Visitor) -> None:
    visitor.story = "form-errors"
    page = visitor.page
    # Given the sign-up form, sent empty (as a browser that does not check `required` does)
    visitor.open("/registreren")
    page.eval_on_selector("form[action='/registreren']", "form => form.noValidate = true")
    visitor.press("Aanmelden")

    # Then the summary on top names every field, each a link to it, and each field says why
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="Verbeter dit alstublieft")).to_be_visible()
    for label in ("Uw naam", "Gebruikersnaam", "Wachtwoord", "Wachtwoord nog een keer"):
        expect(summary.get_by_role("link", name=f"{label}: ")).to_be_visible()
    expect(page.get_by_label("Uw naam", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#username-error")).to_contain_text("Vul dit in.")
    visitor.check("sign-up-empty")
    with visitor.on_phone():
        visitor.check("sign-up-empty-phone")

    # And a link in the summary leads to its field
    summary.get_by_role("link", name="Gebruikersnaam: Vul dit in.").click()
    expect(page).to_have_url(visitor.base_url + "/registreren#username")


def test_a_long_unbroken_name_fits_the_management_page_on_a_phone(visitor: Visitor) -> None:
    visitor.story = "long-name"
    page = visitor.page
    long_name = "Wijkbewonersvereniging" * 3 + "X" * 14  # 80 characters, no space
    visitor.sign_up(long_name, "langenaam")
    visitor.log_out()
    visitor.log_in("anna")
    visitor.open("/beheer")
    expect(page.get_by_text(long_name).first).to_be_visible()
    with visitor.on_phone():
        # Nothing sticks out sideways (WCAG 1.4.10): the long word wraps, in every place.
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320
        for found in page.get_by_text(long_name).all():
            box = found.bounding_box()
            assert box is None or box["x"] + box["width"] <= 320
        visitor.check("admin-phone")


def test_refused_forms_work_without_javascript(visitor_without_js: Visitor) -> None:
    visitor = visitor_without_js
    page = visitor.page
    # Given a taken user name and two different passwords, sent without JavaScript
    visitor.open("/registreren")
    visitor.fill(
        {
            "Uw naam": "Bea",
            "Gebruikersnaam": "anna",
            "Wachtwoord": PASSWORD,
            "Wachtwoord nog een keer": PASSWORD + "!",
        }
    )
    visitor.press("Aanmelden")
    # Then both problems show at once, and what was typed is still there
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Gebruikersnaam")
    expect(summary).to_contain_text("Wachtwoord nog een keer")
    expect(page.get_by_label("Uw naam", exact=True)).to_have_value("Bea")
    visitor.check("sign-up-two-problems")

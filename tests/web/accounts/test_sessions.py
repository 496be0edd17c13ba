"""Sessions kept on the server, login throttling that locks nobody out, and /beheer care."""

from __future__ import annotations

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import PASSWORD, add_member, login, post_form


def browser(app, settings, address: str = "127.0.0.1") -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url=settings.url)


async def test_a_session_cookie_captured_before_logout_is_refused_after_it(
    app, settings, hood: Neighbourhood
) -> None:
    """Given a logged-in resident whose cookie someone copied, when she logs out,
    then the copied cookie no longer opens her account page."""
    await add_member(hood, "anna")
    async with browser(app, settings) as anna, browser(app, settings) as thief:
        await login(anna, "anna")
        thief.cookies.update(anna.cookies)
        assert (await thief.get("/account")).status_code == 200
        assert (await post_form(anna, "/uitloggen", {}, form_page="/account")).status_code == 303
        assert (await thief.get("/account")).status_code == 303


async def test_the_account_page_lists_sessions_and_logs_out_the_other_devices(
    app, settings, hood: Neighbourhood
) -> None:
    """Given a resident logged in on a phone and a laptop, when she chooses
    "log out on all other devices" on the laptop, then the phone is logged out."""
    await add_member(hood, "anna")
    async with browser(app, settings) as phone, browser(app, settings) as laptop:
        phone.headers["user-agent"] = "Mozilla/5.0 (Linux; Android 14) Firefox/130.0"
        await login(phone, "anna")
        await login(laptop, "anna")
        page = (await laptop.get("/account")).text
        assert "Firefox / Android" in page and "(dit apparaat)" in page
        ended = await post_form(laptop, "/account/sessies/uitloggen", {}, form_page="/account")
        assert ended.status_code == 303
        assert (await phone.get("/account")).status_code == 303
        assert (await laptop.get("/account")).status_code == 200


async def test_a_reset_link_from_beheer_ends_all_sessions(
    app, settings, hood: Neighbourhood
) -> None:
    """Given a resident logged in somewhere, when a buurtverbinder makes a reset link and she
    chooses a new password with it, then her old session ends and the link is used up."""
    anna = await add_member(hood, "anna")
    await add_member(hood, "bert", "buurtverbinder")
    async with browser(app, settings) as old, browser(app, settings) as bert:
        await login(old, "anna")
        await login(bert, "bert")
        await post_form(bert, f"/beheer/leden/{anna.id}/wachtwoord", {}, form_page="/beheer")
        link = (await bert.get("/beheer")).text.split('class="secret">')[1].split("<")[0]
        path = link.removeprefix(settings.url)
        new = {
            "new_password": "mijn nieuwe wachtwoord",
            "new_password_again": "mijn nieuwe wachtwoord",
        }
        async with browser(app, settings) as fresh:
            assert (await post_form(fresh, path, new, form_page=path)).status_code == 303
            again = await post_form(fresh, path, new, form_page="/inloggen")
            assert again.status_code == 400 and "gebruikt" in again.text
        assert (await old.get("/account")).status_code == 303


async def test_mismatched_passwords_on_a_reset_link_change_nothing(
    app, settings, hood: Neighbourhood
) -> None:
    """Given a reset link, when the two passwords differ, then the page says so and the
    link still works."""
    await add_member(hood, "anna")
    _, token = await hood.care.issue_reset(None, "anna")
    path = f"/wachtwoord-herstellen/{token}"
    async with browser(app, settings) as anna:
        wrong = {"new_password": "een lang wachtwoord", "new_password_again": "een ander"}
        response = await post_form(anna, path, wrong, form_page=path)
        assert response.status_code == 400 and "niet gelijk" in response.text
        assert (await anna.get(path)).status_code == 200
        assert (await anna.get("/wachtwoord-herstellen/onzin")).status_code == 400


async def test_fifty_wrong_passwords_from_one_address_do_not_stop_the_right_one_from_another(
    app, settings, hood: Neighbourhood
) -> None:
    """Given a stranger guessing at the admin's password from one address,
    when they fail 50 times, then they get 429 with Retry-After and a Dutch message,
    /beheer shows their address, and the admin logs in from another address."""
    await add_member(hood, "ad", "admin")
    async with browser(app, settings, "203.0.113.9") as stranger:
        answers = []
        for _ in range(50):
            response = await post_form(
                stranger,
                "/inloggen",
                {"username": "ad", "password": "raden raden"},
                form_page="/inloggen",
            )
            answers.append(response)
        last = answers[-1]
        assert last.status_code == 429 and int(last.headers["retry-after"]) > 0
        assert "Wacht" in last.text
        assert {r.status_code for r in answers} == {400, 429}
    async with browser(app, settings, "198.51.100.4") as admin:
        await login(admin, "ad", PASSWORD)
        page = (await admin.get("/beheer")).text
        assert "203.0.113.9" in page


async def test_an_admin_changes_a_role_and_removes_an_account_on_beheer(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given an admin on /beheer, when they make Anna a buurtverbinder and remove Bert,
    keeping his posts as oud-bewoner, then both show; demoting themselves is refused."""
    ad = await add_member(hood, "ad", "admin")
    anna = await add_member(hood, "anna")
    bert = await add_member(hood, "bert")
    await login(client, "ad")
    await post_form(client, f"/beheer/leden/{anna.id}/rol", {"role": "buurtverbinder"}, "/beheer")
    await post_form(
        client, f"/beheer/leden/{bert.id}/verwijderen", {"contributions": "anonymise"}, "/beheer"
    )
    assert (await hood.members.get(anna.id)).role == "buurtverbinder"
    assert await hood.members.find(bert.id) is None
    refused = await post_form(client, f"/beheer/leden/{ad.id}/rol", {"role": "resident"}, "/beheer")
    assert refused.status_code == 303
    assert (
        "enige beheerder" in (await client.get("/beheer")).text
        or "only admin" in (await client.get("/beheer")).text
    )
    assert (await hood.members.get(ad.id)).role == "admin"

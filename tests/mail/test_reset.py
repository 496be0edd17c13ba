"""Password reset by e-mail: a single-use link for an hour; older sessions end."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import MovableClock, login, post_form
from tests.mail.conftest import SmtpServer
from tests.mail.support import by_kind, member_with_address, part

LINK = re.compile(r"/wachtwoord-herstellen/[\w-]+")
NEW = "a brand new password"


async def ask_reset(app, client: httpx.AsyncClient, smtp: SmtpServer) -> str:  # type: ignore[no-untyped-def]
    asked = await post_form(
        client, "/wachtwoord-vergeten", {"email": "ANNA@noord.example"},
        form_page="/wachtwoord-vergeten",
    )  # fmt: skip
    assert asked.status_code == 303
    await app.state.mail.settle()
    [mail] = by_kind(smtp.messages(), "wachtwoord")
    found = LINK.search(part(mail, "plain"))
    assert found
    return found.group(0)


async def test_given_a_verified_address_when_reset_then_the_new_password_works_and_old_sessions_end(
    moving_app,
    moving_hood: Neighbourhood,
    moving_client: httpx.AsyncClient,
    smtp: SmtpServer,
    settings,
) -> None:  # type: ignore[no-untyped-def]
    await member_with_address(moving_hood, "anna", "anna@noord.example")
    transport = httpx.ASGITransport(app=moving_app)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as old_device:
        await login(old_device, "anna")
        path = await ask_reset(moving_app, moving_client, smtp)
        done = await post_form(
            moving_client, path, {"new_password": NEW, "new_password_again": NEW}, form_page=path
        )
        assert done.status_code == 303
        logged_out = await old_device.get("/account")
        assert logged_out.status_code == 303 and "/inloggen" in logged_out.headers["location"]
    await login(moving_client, "anna", NEW)
    again = await moving_client.get(path)
    assert again.status_code == 400 and "al gebruikt" in again.text


async def test_a_reset_link_older_than_an_hour_says_so(
    moving_app,
    moving_hood: Neighbourhood,
    moving_client: httpx.AsyncClient,
    smtp: SmtpServer,
    clock: MovableClock,
) -> None:  # type: ignore[no-untyped-def]
    await member_with_address(moving_hood, "anna", "anna@noord.example")
    path = await ask_reset(moving_app, moving_client, smtp)
    clock.advance(timedelta(minutes=61))
    late = await moving_client.get(path)
    assert late.status_code == 400 and "ouder dan een uur" in late.text


async def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    moving_app, moving_client: httpx.AsyncClient, smtp: SmtpServer
) -> None:  # type: ignore[no-untyped-def]
    asked = await post_form(
        moving_client, "/wachtwoord-vergeten", {"email": "nobody@noord.example"},
        form_page="/wachtwoord-vergeten",
    )  # fmt: skip
    assert asked.status_code == 303
    await moving_app.state.mail.settle()
    assert smtp.messages() == []

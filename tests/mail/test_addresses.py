"""A member's e-mail address: verified by a link in a real mail; bad input is refused with
a clear message; one click from a mail's header stops that kind of mail, without login."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import MovableClock, add_member, login, post_form
from tests.mail.conftest import SmtpServer
from tests.mail.support import member_with_address, part

LINK = re.compile(r"https?://\S+/account/e-mail/bevestigen\?token=\S+")


async def test_given_an_address_on_the_account_page_when_the_link_is_followed_then_it_is_used(
    moving_app, moving_hood: Neighbourhood, moving_client: httpx.AsyncClient, smtp: SmtpServer
) -> None:
    anna = await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    saved = await post_form(
        moving_client, "/account/e-mail", {"email": "anna@noord.example", "language": "nl"},
        form_page="/account",
    )  # fmt: skip
    assert saved.status_code == 303
    await moving_app.state.mail.settle()

    [mail] = smtp.messages()
    assert mail["To"] == "anna@noord.example" and mail["Subject"] == "Bevestig je e-mailadres"
    assert "List-Unsubscribe" not in mail  # asked for just now: an account mail
    link = LINK.search(part(mail, "plain"))
    assert link and link.group(0) in part(mail, "html").replace("&amp;", "&")
    path = link.group(0).split("127.0.0.1:8000", 1)[1]
    confirmed = await moving_client.get(path)
    assert confirmed.status_code == 200
    address = await moving_hood.addresses.of(anna)
    assert address is not None and address.verified


async def test_an_address_that_is_not_one_is_refused_with_a_clear_message(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient
) -> None:
    await add_member(moving_hood, "anna")
    await login(moving_client, "anna")
    page = await post_form(
        moving_client, "/account/e-mail", {"email": "anna at noord", "language": "nl"},
        form_page="/account",
    )  # fmt: skip
    assert page.status_code == 400
    assert "is geen e-mailadres" in page.text and 'value="anna at noord"' in page.text


async def test_an_expired_or_changed_verification_link_says_what_to_do(
    moving_hood: Neighbourhood, moving_client: httpx.AsyncClient, clock: MovableClock
) -> None:
    anna = await add_member(moving_hood, "anna")
    await moving_hood.addresses.set(anna, "anna@noord.example", "nl")
    assert moving_hood.addresses.tokens is not None
    token = moving_hood.addresses.tokens.verification(anna.id, "anna@noord.example")
    clock.advance(timedelta(hours=49))
    old = await moving_client.get(f"/account/e-mail/bevestigen?token={token}")
    assert old.status_code == 400 and "ouder dan twee dagen" in old.text
    broken = await moving_client.get(f"/account/e-mail/bevestigen?token={token[:-3]}xyz")
    assert broken.status_code == 400 and "niet goed" in broken.text


async def test_given_a_mail_when_its_unsubscribe_header_is_posted_without_session_then_it_stops(
    moving_app, moving_hood: Neighbourhood, smtp: SmtpServer, settings
) -> None:  # type: ignore[no-untyped-def]
    anna = await member_with_address(moving_hood, "anna", "anna@noord.example")
    assert await moving_hood.digests.queue() == 1
    await moving_app.state.mail.settle()
    [digest] = [m for m in smtp.messages() if "List-Unsubscribe" in m]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = str(digest["List-Unsubscribe"]).strip().strip("<>")

    transport = httpx.ASGITransport(app=moving_app)
    async with httpx.AsyncClient(transport=transport) as stranger:  # no session, no cookie
        answer = await stranger.post(url, data={"List-Unsubscribe": "One-Click"})
        assert answer.status_code == 200
        forged = await stranger.post(url[:-4] + "abcd", data={"List-Unsubscribe": "One-Click"})
        assert forged.status_code == 400
    assert (await moving_hood.addresses.choices(anna.id))["digest"] == "never"
    assert await moving_hood.digests.queue() == 0

"""The mail queue against a real SMTP server: a server that is down delays mail without
losing any, and one refused address is shown on /beheer without holding up the others."""

from __future__ import annotations

from datetime import timedelta

import httpx

from node.community.neighbourhood import Neighbourhood
from node.storage.mail import outbox
from tests.conftest import MovableClock, login
from tests.mail.conftest import SmtpServer
from tests.mail.support import by_kind, member_with_address


async def queue_tests(hood: Neighbourhood, addresses: list[tuple[int, str]]) -> None:
    async with hood.db.transaction() as tx:
        for member_id, address in addresses:
            await hood.mailbox.queue(tx, member_id, address, "test", {}, "nl")


async def test_given_the_server_is_down_when_ten_mails_wait_then_all_ten_arrive_once_it_is_back(
    moving_app, moving_hood: Neighbourhood, smtp: SmtpServer, clock: MovableClock
) -> None:
    mail = moving_app.state.mail
    smtp.stop()
    await queue_tests(moving_hood, [(None, f"buur{n}@noord.example") for n in range(10)])  # type: ignore[misc]
    await mail.settle()
    waiting = await outbox.due_mail(moving_hood.db, "9999", 50)
    assert len(waiting) == 10 and all(row["tries"] == 1 for row in waiting)
    assert smtp.messages() == []

    smtp.start()
    clock.advance(timedelta(minutes=2))  # past the first retry
    await mail.settle()

    received = sorted(str(m["To"]) for m in smtp.messages())
    assert received == sorted(f"buur{n}@noord.example" for n in range(10))
    assert (await moving_hood.mailbox.status()).sent == 10


async def test_given_a_550_for_one_address_then_beheer_shows_it_and_the_others_arrive(
    moving_app, moving_hood: Neighbourhood, moving_client: httpx.AsyncClient, smtp: SmtpServer
) -> None:
    await member_with_address(moving_hood, "bea", "bea@noord.example", role="admin")
    await queue_tests(
        moving_hood,
        [(None, "refused-piet@noord.example"), (None, "anna@noord.example")],  # type: ignore[list-item]
    )
    await moving_app.state.mail.settle()

    assert [str(m["To"]) for m in by_kind(smtp.messages(), "Test")] == ["anna@noord.example"]
    status = await moving_hood.mailbox.status()
    assert status.failed == 1 and status.given_up[0].address == "refused-piet@noord.example"
    await login(moving_client, "bea")
    page = await moving_client.get("/beheer")
    assert "refused-piet@noord.example" in page.text and "550" in page.text


async def test_a_node_without_mail_settings_says_so_on_beheer(
    tmp_path, node_template, settings
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from node.app import create_app
    from node.config import load
    from tests.conftest import add_member

    plain = tmp_path / "plain"
    shutil.copytree(node_template, plain)
    app = create_app(load(plain))
    async with app.router.lifespan_context(app):
        assert app.state.mail is None
        await add_member(app.state.hood, "bea", "admin")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=settings.url) as client:
            await login(client, "bea")
            page = await client.get("/beheer")
    assert "[mail]" in page.text

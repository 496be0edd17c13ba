"""The delivery queue: stored before sending, delivered only after a 2xx, retried with
backoff for up to 48 hours, and picked up again after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from node.app import create_app
from node.federation.delivery import GIVE_UP_AFTER, next_try
from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor


def test_backoff_doubles_up_to_six_hours_and_gives_up_after_two_days() -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    gaps, now, tries = [], start, 0
    while (retry := next_try(tries + 1, start, now)) is not None:
        gaps.append(retry - now)
        now, tries = retry, tries + 1
    assert gaps[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(gaps) == timedelta(hours=6)
    assert now - start <= GIVE_UP_AFTER and tries < 20


async def test_a_failing_inbox_is_retried_then_delivered(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    mastodon_user.status = 503
    await noord.fed.publisher.send(
        {"type": "Follow", "object": mastodon_user.id}, [mastodon_user.doc["inbox"]]
    )
    await network.settle()
    [row] = await queues.all_deliveries(noord.fed.db)
    assert (row["state"], row["tries"]) == ("pending", 1) and "503" in row["last_error"]
    mastodon_user.status = 202
    await network.settle()  # not due yet
    assert (await queues.all_deliveries(noord.fed.db))[0]["state"] == "pending"
    network.clock.advance(timedelta(minutes=1))
    await network.settle()
    [row] = await queues.all_deliveries(noord.fed.db)
    assert (row["state"], row["tries"]) == ("delivered", 2)


async def test_an_unreachable_inbox_is_given_up_after_two_days(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    network.transport.down.add(mastodon_user.host)
    await noord.fed.publisher.send(
        {"type": "Follow", "object": mastodon_user.id}, [mastodon_user.doc["inbox"]]
    )
    for _ in range(40):
        await network.settle()
        network.clock.advance(timedelta(hours=6))
    [row] = await queues.all_deliveries(noord.fed.db)
    assert row["state"] == "failed" and "no route" in row["last_error"]
    assert 8 < row["tries"] < 20


async def test_a_gone_inbox_is_given_up_at_once(
    network: Network, mastodon_user: RemoteActor
) -> None:
    mastodon_user.status = 410
    noord = network["noord"]
    await noord.fed.publisher.send(
        {"type": "Follow", "object": mastodon_user.id}, [mastodon_user.doc["inbox"]]
    )
    await network.settle()
    [row] = await queues.all_deliveries(noord.fed.db)
    assert (row["state"], row["tries"]) == ("failed", 1)


async def test_pending_deliveries_survive_a_restart(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    network.transport.down.add(mastodon_user.host)
    await noord.fed.publisher.send(
        {"type": "Follow", "object": mastodon_user.id}, [mastodon_user.doc["inbox"]]
    )
    await network.settle()
    network.transport.down.clear()
    network.clock.advance(timedelta(minutes=5))
    restarted = create_app(noord.settings, network.clock, http_transport=network.transport)
    async with restarted.router.lifespan_context(restarted):
        await restarted.state.federation.run_queues_once()
        [row] = await queues.all_deliveries(restarted.state.federation.db)
    assert row["state"] == "delivered"
    assert [p["type"] for p in mastodon_user.inbox_posts] == ["Follow"]


async def test_one_inbox_gets_its_activities_in_the_order_they_were_queued(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    inbox = mastodon_user.doc["inbox"]
    kinds = ["Follow", "Undo", "Follow", "Undo", "Follow"]
    mastodon_user.delays = [0.05, 0.04, 0.03, 0.02, 0.01]  # sent at once, they would reorder
    for kind in kinds:
        await noord.fed.publisher.send({"type": kind, "object": mastodon_user.id}, [inbox])
    await network.settle()
    assert [post["type"] for post in mastodon_user.inbox_posts] == kinds

"""Boosts from the fediverse: Mastodon's Announce of our content is counted as a share,
once per account, from anyone; Undo{Announce} takes it back (recorded Mastodon payloads,
ids rewritten to ours, sent through the real signed inbox)."""

from __future__ import annotations

from typing import Any

from node.community.calendar.draft import EventDraft
from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor, fixture
from tests.federation.helpers import deliver, member, start_initiative
from tests.web.mastodon.helpers import bearer, token_for


def _announce(actor: RemoteActor, number: int, target: str) -> dict[str, Any]:
    announce = fixture("mastodon/activities/announce.json")
    announce_id = f"{actor.id}/statuses/{number}/activity"
    announce.update(id=announce_id, atomUri=announce_id, actor=actor.id, object=target)
    return announce


def _undo(actor: RemoteActor, announce: dict[str, Any]) -> dict[str, Any]:
    undo = fixture("mastodon/activities/undo_announce.json")
    undo.update(id=f"{actor.id}#announces/{announce['id'][-12:]}/undo", actor=actor.id)
    undo["object"].update(id=announce["id"], actor=actor.id, object=announce["object"])
    return undo


async def _reblogs(network: Network, kind: str, subject_id: int) -> int:
    hood = network["noord"].fed.hood
    status_id = await hood.timeline.status_of(kind, subject_id)
    async with network["noord"].client() as client:
        response = await client.get(f"/api/v1/statuses/{status_id}")
    assert response.status_code == 200
    return int(response.json()["reblogs_count"])


async def test_a_mastodon_boost_of_an_initiative_is_counted_once_and_undone(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """Given an initiative on Noord and a Mastodon account Noord does not follow, when the
    account boosts it (twice, as a retry would), then the page and the app count one share;
    the Undo{Announce} Mastodon sends on unboosting takes it back."""
    noord = network["noord"]
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    target = noord.fed.ids.object("initiative", initiative_id)
    announce = _announce(mastodon_user, 1, target)
    await deliver(network, mastodon_user, announce)
    await deliver(network, mastodon_user, announce)
    await deliver(network, mastodon_user, _announce(mastodon_user, 2, target))

    async with noord.client() as client:
        page = (await client.get(f"/initiatieven/{initiative_id}")).text
    assert "1 keer gedeeld in de fediverse" in page
    assert await _reblogs(network, "initiative", initiative_id) == 1

    await deliver(network, mastodon_user, _undo(mastodon_user, announce))
    async with noord.client() as client:
        page = (await client.get(f"/initiatieven/{initiative_id}")).text
    assert "gedeeld in de fediverse" not in page
    assert await _reblogs(network, "initiative", initiative_id) == 0


async def test_an_undo_by_id_and_shares_from_several_accounts(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    other_doc = fixture("mastodon/objects/person.json")
    other_doc.update(
        id="https://other.example/users/bert",
        inbox="https://other.example/users/bert/inbox",
        preferredUsername="bert",
    )
    other_doc["publicKey"].update(
        id="https://other.example/users/bert#main-key", owner="https://other.example/users/bert"
    )
    other = network.remote(other_doc)
    anna = await member(noord, "anna")
    _, post_id = await noord.fed.hood.posts.write(anna, "Wie heeft er een ladder?")
    target = noord.fed.ids.object("post", post_id)
    first = _announce(mastodon_user, 1, target)
    await deliver(network, mastodon_user, first)
    await deliver(network, other, _announce(other, 7, target))
    assert await _reblogs(network, "post", post_id) == 2
    async with noord.client() as client:
        assert "2 keer gedeeld in de fediverse" in (await client.get(f"/prikbord/{post_id}")).text

    undo = {**_undo(mastodon_user, first), "object": first["id"]}  # the Announce by id
    await deliver(network, mastodon_user, undo)
    assert await _reblogs(network, "post", post_id) == 1


async def test_a_boost_of_a_post_notifies_its_author_as_a_reblog(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    hood = noord.fed.hood
    _, post_id = await hood.posts.write(await member(noord, "anna"), "Wie heeft er een ladder?")
    target = noord.fed.ids.object("post", post_id)
    await deliver(network, mastodon_user, _announce(mastodon_user, 1, target))
    async with noord.client() as client:
        token = await token_for(client, hood, "anna")
        response = await client.get("/api/v1/notifications", headers=bearer(token))
    [found] = response.json()
    assert found["type"] == "reblog" and found["account"]["url"] == mastodon_user.id
    assert found["status"]["reblogs_count"] == 1


async def test_boosts_of_others_objects_and_members_only_posts_are_ignored(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    anna = await member(noord, "anna")
    _, post_id = await noord.fed.hood.posts.write(anna, "Alleen voor ons", visibility="members")
    elsewhere = _announce(mastodon_user, 1, "https://elsewhere.example/notes/1")
    await deliver(network, mastodon_user, elsewhere)
    await deliver(
        network, mastodon_user, _announce(mastodon_user, 2, noord.fed.ids.object("post", post_id))
    )
    states = await queues.incoming_states(noord.fed.db)
    assert [(s["state"], s["error"]) for s in states] == [
        ("ignored", "an Announce from someone we do not follow"),
        ("ignored", f"a share of post {post_id}: not shareable, or counted"),
    ]


async def test_shares_show_on_activity_and_news_pages(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    hood = noord.fed.hood
    admin = await member(noord, "beheer", "admin")
    event = await hood.calendar.plan(
        admin,
        EventDraft(
            title="Buurtborrel",
            start_date="2025-05-10",
            start_time="16:00",
            end_time="18:00",
            location="Plein",
        ),
    )
    news = await hood.announcements.post(admin, title="Straatfeest", body="Zaterdag.")
    for number, (kind, subject_id, page) in enumerate(
        [("event", event.id, "/activiteiten"), ("announcement", news.id, "/mededelingen")]
    ):
        target = noord.fed.ids.object(kind, subject_id)
        await deliver(network, mastodon_user, _announce(mastodon_user, number, target))
        async with noord.client() as client:
            html = (await client.get(f"{page}/{subject_id}")).text
        assert "1 keer gedeeld in de fediverse" in html
        assert await _reblogs(network, kind, subject_id) == 1

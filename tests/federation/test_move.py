"""Move (account migration): a follower moving to a new account that names the old one in
`alsoKnownAs` keeps following us as the new account; we follow the new account too."""

from __future__ import annotations

from typing import Any

from node.storage.federation import actors as store
from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor, fixture
from tests.federation.helpers import INBOX, admin, body_of, follow_from

NEW = "https://nieuw.example/users/mastodon"


def new_account(network: Network, *aliases: str) -> RemoteActor:
    doc = fixture("mastodon/objects/person.json")
    doc.update(id=NEW, inbox=f"{NEW}/inbox", endpoints={}, alsoKnownAs=list(aliases))
    doc["publicKey"].update(id=f"{NEW}#main-key", owner=NEW)
    return network.remote(doc)


def move(old: RemoteActor) -> dict[str, Any]:
    """As Mastodon sends it (app/serializers/activitypub/move_serializer.rb)."""
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{old.id}#moves/1",
        "type": "Move",
        "actor": old.id,
        "object": old.id,
        "target": NEW,
    }


async def deliver(network: Network, actor: RemoteActor, activity: dict[str, Any]) -> None:
    response = await network.deliver(actor.signed(INBOX, body_of(activity), network.clock()))
    assert response.status_code == 202, response.text
    await network.settle()


async def test_a_follower_moves_and_we_follow_the_new_account(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    await deliver(network, mastodon_user, follow_from(mastodon_user, noord.fed.ids.actor))
    await noord.fed.service.follow(await admin(network, "noord"), mastodon_user.id)
    await network.settle()
    new = new_account(network, mastodon_user.id)
    await deliver(network, mastodon_user, move(mastodon_user))
    db = noord.fed.db
    assert await store.follower(db, mastodon_user.id) is None
    assert (await store.follower(db, NEW))["state"] == "accepted"
    assert await store.following(db, mastodon_user.id) is None
    assert (await store.following(db, NEW))["state"] == "pending"
    [follow] = new.inbox_posts
    assert follow["type"] == "Follow" and follow["object"] == NEW
    states = await queues.incoming_states(db)
    assert [s["state"] for s in states if s["type"] == "Move"] == ["processed"]


async def test_a_move_to_an_account_without_the_alias_is_ignored(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    await deliver(network, mastodon_user, follow_from(mastodon_user, noord.fed.ids.actor))
    new = new_account(network, "https://elders.example/users/iemand")
    await deliver(network, mastodon_user, move(mastodon_user))
    db = noord.fed.db
    assert (await store.follower(db, mastodon_user.id))["state"] == "accepted"
    assert await store.follower(db, NEW) is None and new.inbox_posts == []
    states = await queues.incoming_states(db)
    assert [s["state"] for s in states if s["type"] == "Move"] == ["ignored"]


async def test_a_move_from_a_stranger_is_ignored(
    network: Network, mastodon_user: RemoteActor
) -> None:
    new_account(network, mastodon_user.id)
    await deliver(network, mastodon_user, move(mastodon_user))
    assert await store.follower(network["noord"].fed.db, NEW) is None

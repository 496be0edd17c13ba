"""Mastodon's Update{Person} when someone changes their profile (or key)."""

from __future__ import annotations

import json

from node.storage.federation import actors as store
from tests.federation.conftest import Network, RemoteActor, fixture


async def test_a_profile_update_from_mastodon_refreshes_the_account(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    follow = {
        **fixture("mastodon/activities/follow.json"),
        "actor": mastodon_user.id,
        "object": noord.fed.ids.actor,
    }
    update = fixture("mastodon/activities/update_person.json")
    update.update(actor=mastodon_user.id, id=mastodon_user.id + "#updates/1")
    update["object"] = {**update["object"], "id": mastodon_user.id}
    for activity, name in ((follow, None), (update, "nextsoft")):
        if name:
            mastodon_user.doc["name"] = name  # what its server serves from now on
        body = json.dumps(activity).encode()
        await network.deliver(mastodon_user.signed(noord.fed.ids.inbox, body, network.clock()))
        await network.settle()
    row = await store.actor(noord.fed.db, mastodon_user.id)
    assert row is not None and row["name"] == "nextsoft"

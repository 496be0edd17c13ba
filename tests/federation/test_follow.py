"""Following between nodes over the fake network: Follow, Accept, Reject, Undo, publish."""

from __future__ import annotations

import json

import pytest

from node.community.errors import Invalid, NotAllowed, NotFound
from node.storage.federation import queues
from tests.conftest import PASSWORD
from tests.federation.conftest import Network, RemoteActor, fixture
from tests.federation.helpers import admin


async def test_a_node_follows_another_by_handle_and_the_accept_arrives(network: Network) -> None:
    """Given two nodes, when Zuid's admin follows noord by handle, then Zuid's Follow is
    pending until Noord's Accept arrives; afterwards both lists say so."""
    zuid, noord = network["zuid"], network["noord"]
    result = await zuid.fed.service.follow(await admin(network, "zuid"), noord.handle)
    assert result.node.state == "pending" and result.node.handle == noord.handle
    await network.settle()
    [followed] = await zuid.fed.service.following()
    assert followed.actor_uri == noord.fed.ids.actor and followed.state == "accepted"
    [follower] = await noord.fed.service.followers()
    assert follower.actor_uri == zuid.fed.ids.actor and follower.state == "accepted"
    async with noord.client() as http:
        followers = (await http.get("/ap/followers")).json()
    assert followers["totalItems"] == 1 and "orderedItems" not in followers


async def test_following_by_actor_url_and_undo(network: Network) -> None:
    zuid, noord = network["zuid"], network["noord"]
    by = await admin(network, "zuid")
    await zuid.fed.service.follow(by, noord.fed.ids.actor)
    await network.settle()
    await zuid.fed.service.unfollow(by, noord.fed.ids.actor)
    await network.settle()
    assert await zuid.fed.service.following() == []
    assert await noord.fed.service.followers() == []


async def test_manual_approval_waits_for_the_admin(network: Network) -> None:
    zuid, noord = network["zuid"], network["noord"]
    noord_admin = await admin(network, "noord")
    await noord.fed.service.set_manual_approval(noord_admin, True)
    await zuid.fed.service.follow(await admin(network, "zuid"), noord.handle)
    await network.settle()
    assert [n.state for n in await zuid.fed.service.following()] == ["pending"]
    [request] = await noord.fed.service.pending_follow_requests()
    await noord.fed.service.accept_follower(noord_admin, request.actor_uri)
    await network.settle()
    assert [n.state for n in await zuid.fed.service.following()] == ["accepted"]


async def test_a_rejected_follow_shows_as_rejected(network: Network) -> None:
    zuid, noord = network["zuid"], network["noord"]
    noord_admin = await admin(network, "noord")
    await noord.fed.service.set_manual_approval(noord_admin, True)
    await zuid.fed.service.follow(await admin(network, "zuid"), noord.handle)
    await network.settle()
    await noord.fed.service.reject_follower(noord_admin, zuid.fed.ids.actor)
    await network.settle()
    assert [n.state for n in await zuid.fed.service.following()] == ["rejected"]
    assert await noord.fed.service.followers() == []


async def test_follow_errors_are_clear(network: Network) -> None:
    zuid = network["zuid"]
    by = await admin(network, "zuid")
    with pytest.raises(NotFound):
        await zuid.fed.service.follow(by, "niemand@127.0.0.1:8101")
    with pytest.raises(NotFound):
        await zuid.fed.service.follow(by, "iemand@nergens.example")
    with pytest.raises(Invalid):
        await zuid.fed.service.follow(by, zuid.handle)
    resident = await zuid.fed.hood.members.add("anna", PASSWORD, "resident")
    with pytest.raises(NotAllowed):
        await zuid.fed.service.follow(resident, network["noord"].handle)


async def test_publish_sends_one_request_per_shared_inbox(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """Two accounts on one Mastodon server share an inbox: one request, signed once."""
    noord = network["noord"]
    second = network.remote(
        {**mastodon_user.doc, "id": mastodon_user.id + "2", "inbox": mastodon_user.id + "2/inbox"}
        | {
            "publicKey": {
                **mastodon_user.doc["publicKey"],
                "id": mastodon_user.id + "2#main-key",
                "owner": mastodon_user.id + "2",
            }
        }
    )
    for user in (mastodon_user, second):
        follow = {
            **fixture("mastodon/activities/follow.json"),
            "id": user.id + "#f",
            "actor": user.id,
            "object": noord.fed.ids.actor,
        }
        request = user.signed(noord.fed.ids.inbox, json.dumps(follow).encode(), network.clock())
        assert (await network.deliver(request)).status_code == 202
    await network.settle()
    network.transport.sent.clear()
    note = await noord.fed.publisher.publish({"type": "Create", "object": {"type": "Note"}})
    await network.settle()
    shared = mastodon_user.doc["endpoints"]["sharedInbox"]
    assert [a["id"] for a in network.transport.posts_to(shared)] == [note["id"]]
    async with noord.client() as http:
        outbox = (await http.get("/ap/outbox")).json()
        page = (await http.get("/ap/outbox?page=true")).json()
    assert outbox["totalItems"] == 1  # the Accepts were not public
    assert page["orderedItems"][0]["id"] == note["id"]


async def test_a_mastodon_undo_follow_removes_the_follower(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    follow = {
        **fixture("mastodon/activities/follow.json"),
        "actor": mastodon_user.id,
        "object": noord.fed.ids.actor,
    }
    undo = fixture("mastodon/activities/undo_follow.json")
    undo.update(actor=mastodon_user.id, id=mastodon_user.id + "#undo")
    undo["object"].update(actor=mastodon_user.id, object=noord.fed.ids.actor)
    for activity in (follow, undo):
        body = json.dumps(activity).encode()
        await network.deliver(mastodon_user.signed(noord.fed.ids.inbox, body, network.clock()))
        await network.settle()
    assert await noord.fed.service.followers() == []


@pytest.mark.parametrize(
    "path",
    [
        "mitra/activities/accept.json",
        "mbin/activities/accept.json",
        "lemmy/activities/following/accept.json",
    ],
)
async def test_recorded_accepts_mark_our_follow_accepted(network: Network, path: str) -> None:
    zuid = network["zuid"]
    group = network.remote(fixture("lemmy/objects/group.json"))
    group.status = 202
    await zuid.fed.service.follow(await admin(network, "zuid"), group.id)
    await network.settle()
    [sent] = group.inbox_posts
    accept = fixture(path)
    accept.update(actor=group.id, id=group.id + "#accept")
    if isinstance(accept["object"], dict):
        accept["object"].update(id=sent["id"], actor=zuid.fed.ids.actor, object=group.id)
    else:
        accept["object"] = sent["id"]
    body = json.dumps(accept).encode()
    response = await network.deliver(group.signed(zuid.fed.ids.inbox, body, network.clock()))
    assert response.status_code == 202
    await network.settle()
    assert [n.state for n in await zuid.fed.service.following()] == ["accepted"]
    states = await queues.incoming_states(zuid.fed.db)
    assert [s["state"] for s in states] == ["processed"]

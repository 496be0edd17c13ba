"""The inbox: every refusal is a 4xx and stores nothing; a good activity is stored once."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor, fixture
from tests.federation.helpers import INBOX, body_of, follow_from, stored


async def send(network: Network, request: httpx.Request) -> httpx.Response:
    return await network.deliver(request)


async def test_a_signed_follow_is_stored_answered_202_and_a_replay_is_a_no_op(
    network: Network, mastodon_user: RemoteActor
) -> None:
    activity = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    body = body_of(activity)
    first = await send(network, mastodon_user.signed(INBOX, body, network.clock()))
    replay = await send(network, mastodon_user.signed(INBOX, body, network.clock()))
    assert (first.status_code, replay.status_code) == (202, 202)
    assert await stored(network) == [activity["id"]]
    await network.settle()
    states = await queues.incoming_states(network["noord"].fed.db)
    assert [s["state"] for s in states] == ["processed"]
    accepts = mastodon_user.inbox_posts
    assert len(accepts) == 1 and accepts[0]["type"] == "Accept"  # processed once


def tamper(request: httpx.Request, **headers: str) -> httpx.Request:
    for name, value in headers.items():
        request.headers[name.replace("_", "-")] = value
    return request


async def test_refusals_are_4xx_and_store_nothing(
    network: Network, mastodon_user: RemoteActor
) -> None:
    node = network["noord"]
    body = body_of(follow_from(mastodon_user, node.fed.ids.actor))
    now = network.clock()
    other = network.remote(fixture("lemmy/objects/group.json"))
    await node.fed.blocks.add("blocked.example", "spam")
    blocked = network.remote(
        {
            **fixture("mastodon/objects/person.json"),
            "id": "https://blocked.example/users/x",
            "inbox": "https://blocked.example/users/x/inbox",
        }
        | {
            "publicKey": {
                "id": "https://blocked.example/users/x#main-key",
                "owner": "https://blocked.example/users/x",
                "publicKeyPem": "",
            }
        }
    )
    unsigned = httpx.Request("POST", INBOX, content=body)
    rfc9421 = httpx.Request(
        "POST",
        INBOX,
        content=body,
        headers={"Signature-Input": 'sig1=("@method");keyid="k"', "Signature": "sig1=:AAAA:"},
    )
    cases = {
        "unsigned": (unsigned, 401),
        "rfc 9421": (rfc9421, 401),
        "bad signature": (
            tamper(
                mastodon_user.signed(INBOX, body, now),
                signature=(
                    mastodon_user.signed(INBOX, body, now).headers["signature"][:-12]
                    + 'AAAAAAAAAA=="'
                ),
            ),
            401,
        ),
        "wrong digest": (
            tamper(mastodon_user.signed(INBOX, body, now), digest="SHA-256=AAAA"),
            401,
        ),
        "stale date": (mastodon_user.signed(INBOX, body, now - timedelta(hours=2)), 401),
        "future date": (mastodon_user.signed(INBOX, body, now + timedelta(hours=2)), 401),
        "signer is not the actor": (other.signed(INBOX, body, now), 401),
        "malformed json": (mastodon_user.signed(INBOX, b"{not json", now), 400),
        "not an activity": (mastodon_user.signed(INBOX, b"[1, 2]", now), 400),
        "blocked domain": (blocked.signed(INBOX, body, now), 403),
    }
    for name, (request, status) in cases.items():
        response = await send(network, request)
        assert response.status_code == status, (name, response.text)
        assert "error" in response.json(), name
    assert await stored(network) == []


async def test_an_oversized_body_is_refused(network: Network, mastodon_user: RemoteActor) -> None:
    activity = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    activity["padding"] = "x" * 1_100_000
    response = await send(network, mastodon_user.signed(INBOX, body_of(activity), network.clock()))
    assert response.status_code == 413
    assert await stored(network) == []


async def test_the_inbox_checks_size_itself_too(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """Without Content-Length (chunked), the inbox still stops reading past the limit."""
    activity = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    activity["padding"] = "x" * 1_100_000
    request = mastodon_user.signed(INBOX, body_of(activity), network.clock())
    del request.headers["content-length"]
    response = await send(network, request)
    assert response.status_code == 413


async def test_unknown_types_are_accepted_and_ignored(
    network: Network, mastodon_user: RemoteActor
) -> None:
    note = fixture("mastodon/activities/create_note.json")
    note.update(id=f"{mastodon_user.id}/statuses/1/activity", actor=mastodon_user.id)
    response = await send(network, mastodon_user.signed(INBOX, body_of(note), network.clock()))
    assert response.status_code == 202
    await network.settle()
    [row] = await queues.incoming_states(network["noord"].fed.db)
    assert row["state"] == "ignored"


async def test_a_rotated_key_is_fetched_again_once(
    network: Network, mastodon_user: RemoteActor
) -> None:
    node = network["noord"]
    first = body_of(follow_from(mastodon_user, node.fed.ids.actor, "1"))
    assert (
        await send(network, mastodon_user.signed(INBOX, first, network.clock()))
    ).status_code == 202
    rotated = network.remote(mastodon_user.doc)  # same actor, new key
    second = body_of(follow_from(rotated, node.fed.ids.actor, "2"))
    response = await send(network, rotated.signed(INBOX, second, network.clock()))
    assert response.status_code == 202
    assert len(await stored(network)) == 2


async def test_a_signed_query_string_is_verified_with_the_full_target(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """bovine 0.5.19 verifies only the path; we sign and verify `path?query`."""
    url = INBOX + "?x=1"
    body = body_of(follow_from(mastodon_user, network["noord"].fed.ids.actor))
    assert (
        await send(network, mastodon_user.signed(url, body, network.clock()))
    ).status_code == 202


@pytest.mark.parametrize(
    "path",
    [
        "mastodon/activities/follow.json",
        "lemmy/activities/following/follow.json",
        "lotide/activities/follow.json",
    ],
)
async def test_recorded_follows_are_processed(
    network: Network, mastodon_user: RemoteActor, path: str
) -> None:
    activity = fixture(path)
    activity.update(actor=mastodon_user.id, object=network["noord"].fed.ids.actor)
    response = await send(network, mastodon_user.signed(INBOX, body_of(activity), network.clock()))
    assert response.status_code == 202
    await network.settle()
    [follower] = await network["noord"].fed.service.followers()
    assert follower.actor_uri == mastodon_user.id and follower.state == "accepted"
    assert follower.handle == "mastodon@masto.qa.urbanwildlife.biz"

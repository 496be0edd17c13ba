"""RFC 9421 HTTP Message Signatures (Mastodon 4.4+) on the inbox: good ones are accepted,
bad ones are a 401 and store nothing."""

from __future__ import annotations

import base64
from datetime import timedelta

import httpx

from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor
from tests.federation.helpers import INBOX, body_of, follow_from, stored


async def test_an_rfc9421_signed_follow_is_accepted(
    network: Network, mastodon_user: RemoteActor
) -> None:
    activity = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    request = mastodon_user.signed_9421(INBOX, body_of(activity), network.clock())
    assert "signature-input" in request.headers and "date" not in request.headers
    response = await network.deliver(request)
    assert response.status_code == 202, response.text
    assert await stored(network) == [activity["id"]]
    await network.settle()
    states = await queues.incoming_states(network["noord"].fed.db)
    assert [s["state"] for s in states] == ["processed"]
    assert [p["type"] for p in mastodon_user.inbox_posts] == ["Accept"]


async def test_bad_rfc9421_signatures_are_refused(
    network: Network, mastodon_user: RemoteActor
) -> None:
    body = body_of(follow_from(mastodon_user, network["noord"].fed.ids.actor))
    now = network.clock()
    wrong_digest = mastodon_user.signed_9421(INBOX, body, now)
    wrong_digest.headers["content-digest"] = (
        "sha-256=:" + base64.b64encode(b"x" * 32).decode() + ":"
    )
    other_body = mastodon_user.signed_9421(INBOX, body, now)
    other_body.stream = httpx.ByteStream(body.replace(b"Follow", b"Folloe"))
    tampered = mastodon_user.signed_9421(INBOX, body, now)
    label, _, value = tampered.headers["signature"].partition("=:")
    tampered.headers["signature"] = f"{label}=:{'A' * (len(value) - 3)}==:"
    garbage = mastodon_user.signed_9421(INBOX, body, now)
    garbage.headers["signature-input"] = "sig1=(((;;"
    cases = {
        "wrong content-digest": wrong_digest,
        "body does not match the digest": other_body,
        "stale created": mastodon_user.signed_9421(INBOX, body, now - timedelta(hours=2)),
        "future created": mastodon_user.signed_9421(INBOX, body, now + timedelta(hours=2)),
        "tampered signature": tampered,
        "malformed signature-input": garbage,
    }
    for name, request in cases.items():
        response = await network.deliver(request)
        assert response.status_code == 401, (name, response.text)
        assert "error" in response.json(), name
    assert await stored(network) == []

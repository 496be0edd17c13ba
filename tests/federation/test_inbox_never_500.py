"""Never a 500 from what a stranger sends: malformed keyIds, deep JSON, odd encodings, and
Hypothesis generating bodies, headers and signature parameters against a real node.

`make test` runs a bounded, derandomised number of examples; `make fuzz` sets
BUURTNODE_FUZZ_EXAMPLES (10,000) for a long run.
"""

from __future__ import annotations

import json
import string

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from node.federation.signatures import digest_header, http_date
from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor, fixture
from tests.federation.fuzzing import FUZZ, MALFORMED_KEY_IDS, header_text, json_values, key_ids

INBOX = "http://127.0.0.1:8101/ap/inbox"


def follow_from(actor: RemoteActor, node_actor: str) -> bytes:
    activity = fixture("mastodon/activities/follow.json")
    activity.update(id=f"{actor.id}#follows/1", actor=actor.id, object=node_actor)
    return json.dumps(activity).encode()


async def stored(network: Network) -> list[str]:
    return [r["activity_id"] for r in await queues.incoming_states(network["noord"].fed.db)]


def unsigned(network: Network, body: bytes, signature: str) -> httpx.Request:
    """A request that passes the cheap checks (Date, Digest) but whose signature is made up."""
    headers = {
        "Content-Type": "application/activity+json",
        "Date": http_date(network.clock()),
        "Digest": digest_header(body),
        "Signature": signature,
    }
    return httpx.Request("POST", INBOX, content=body, headers=headers)


def made_up(key_id: str) -> str:
    return f'keyId="{key_id}",headers="(request-target) host date digest",signature="AAAA"'


@pytest.mark.parametrize("key_id", MALFORMED_KEY_IDS)
async def test_a_malformed_key_id_is_a_4xx_and_stores_nothing(
    network: Network, mastodon_user: RemoteActor, key_id: str
) -> None:
    body = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    for request in (
        unsigned(network, body, made_up(key_id)),
        mastodon_user.signed(INBOX, body, network.clock(), key_id=key_id),
    ):
        response = await network.deliver(request)
        assert 400 <= response.status_code < 500, response.text
        assert "error" in response.json()
    assert await stored(network) == []


async def test_json_nested_a_thousand_deep_is_refused_before_any_fetch(network: Network) -> None:
    body = b"[" * 1000 + b"]" * 1000
    key_id = "https://nowhere.example/actor#main-key"
    response = await network.deliver(unsigned(network, body, made_up(key_id)))
    assert response.status_code == 400 and "nests" in response.json()["error"]
    assert not [r for r in network.transport.sent if r.url.host == "nowhere.example"]


async def test_brackets_inside_strings_do_not_count_as_nesting(
    network: Network, mastodon_user: RemoteActor
) -> None:
    activity = json.loads(follow_from(mastodon_user, network["noord"].fed.ids.actor))
    activity["summary"] = '[{"' * 500
    body = json.dumps(activity).encode()
    response = await network.deliver(mastodon_user.signed(INBOX, body, network.clock()))
    assert response.status_code == 202


async def test_json_that_is_not_utf8_is_refused(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """json.loads reads UTF-16 too; we store the body as UTF-8 text, so refuse it here."""
    body = follow_from(mastodon_user, network["noord"].fed.ids.actor).decode().encode("utf-16")
    response = await network.deliver(mastodon_user.signed(INBOX, body, network.clock()))
    assert response.status_code == 400
    assert await stored(network) == []


@pytest.mark.parametrize(
    "key_id",
    [
        "https://nowhere.example/actor#main-key",  # no such host: ConnectError
        "http://127.0.0.1:8102/nothing-here#main-key",  # a node that answers 404
        "http://127.0.0.1:8102/ap/actor#other-key",  # an actor without that key
    ],
)
async def test_a_401_says_nothing_about_the_remote_host(
    network: Network, mastodon_user: RemoteActor, key_id: str
) -> None:
    body = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    response = await network.deliver(unsigned(network, body, made_up(key_id)))
    assert response.status_code == 401
    assert response.json() == {"error": "the signature could not be verified"}


signatures = st.one_of(
    header_text,
    st.builds(
        lambda key_id, algorithm, headers, signature: (
            f'keyId="{key_id}",algorithm="{algorithm}",headers="{headers}",signature="{signature}"'
        ),
        key_ids.map(lambda k: k.replace('"', "")),
        st.sampled_from(["rsa-sha256", "hs2019", "ed25519", "RSA-SHA256", ""]),
        st.sampled_from(["(request-target) host date digest", "date", "", "digest host"]),
        st.text(alphabet=string.ascii_letters + string.digits + "+/=", max_size=400),
    ),
)
activities = st.fixed_dictionaries(
    {"id": key_ids, "type": json_values | st.sampled_from(["Follow", "Create", "Delete"])},
    optional={"actor": key_ids | json_values, "object": json_values | key_ids},
)
bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    activities.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
)


@FUZZ
@given(body=bodies, signature=signatures, rfc9421=st.booleans(), extra=header_text)
async def test_no_unsigned_request_makes_a_5xx_or_stores_anything(
    network: Network, body: bytes, signature: str, rfc9421: bool, extra: str
) -> None:
    request = unsigned(network, body, signature)
    if rfc9421:
        request.headers["Signature-Input"] = extra
        request.headers["Content-Digest"] = extra
    response = await network.deliver(request)
    assert response.status_code < 500, response.text
    assert await stored(network) == []


@FUZZ
@given(activity=activities, key_id=st.none() | key_ids)
async def test_a_mis_signed_activity_makes_no_5xx_and_stores_nothing(
    network: Network, mastodon_user: RemoteActor, activity: dict[str, object], key_id: str | None
) -> None:
    """Signed with a real key, but the keyId or the actor is not the signer's."""
    body = json.dumps(activity).encode()
    request = mastodon_user.signed(INBOX, body, network.clock(), key_id=key_id)
    response = await network.deliver(request)
    assert response.status_code < 500, response.text
    legit = key_id in (None, mastodon_user.doc["publicKey"]["id"])
    if not (legit and activity.get("actor") == mastodon_user.id):
        assert activity["id"] not in await stored(network)
    # The node stays up: a good Follow is still accepted afterwards.
    good = follow_from(mastodon_user, network["noord"].fed.ids.actor)
    after = await network.deliver(mastodon_user.signed(INBOX, good, network.clock()))
    assert after.status_code == 202

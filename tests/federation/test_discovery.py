"""WebFinger, host-meta, NodeInfo and the Group actor, checked the way Mastodon checks them."""

from __future__ import annotations

import httpx
import pytest

from node.federation.remote import parse_actor
from tests.federation.conftest import Network, fixture

AP = "application/activity+json"


async def test_webfinger_loops_back_to_the_actor(network: Network) -> None:
    """Given a node, when Mastodon asks WebFinger for acct:handle@host, then rel=self points
    at an actor whose preferredUsername and host give the same acct (Mastodon's loop-back)."""
    node = network["noord"]
    async with node.client() as http:
        jrd = (await http.get(f"/.well-known/webfinger?resource=acct:{node.handle}")).json()
        self_link = next(link for link in jrd["links"] if link["rel"] == "self")
        assert self_link["type"] == AP
        actor = (await http.get(self_link["href"], headers={"Accept": AP})).json()
    assert jrd["subject"] == f"acct:{node.handle}"
    assert f"acct:{actor['preferredUsername']}@{node.settings.host}" == jrd["subject"]
    assert any(link["rel"].endswith("profile-page") for link in jrd["links"])


@pytest.mark.parametrize("resource", ["{actor}", "{url}/", "{url}", "acct:{handle_upper}"])
async def test_webfinger_knows_url_resources_too(network: Network, resource: str) -> None:
    node = network["noord"]
    value = resource.format(
        actor=node.fed.ids.actor, url=node.settings.url, handle_upper=node.handle.upper()
    )
    async with node.client() as http:
        response = await http.get("/.well-known/webfinger", params={"resource": value})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/jrd+json")


@pytest.mark.parametrize(
    "query, status",
    [
        ("resource=acct:nobody@127.0.0.1:8101", 404),
        ("resource=acct:beekveldnoord@x.nl", 404),
        ("", 400),
    ],
)
async def test_webfinger_refuses_what_is_not_ours(
    network: Network, query: str, status: int
) -> None:
    async with network["noord"].client() as http:
        response = await http.get(f"/.well-known/webfinger?{query}")
    assert response.status_code == status
    assert "error" in response.json()


async def test_host_meta_points_at_webfinger(network: Network) -> None:
    async with network["noord"].client() as http:
        response = await http.get("/.well-known/host-meta")
    assert response.headers["content-type"].startswith("application/xrd+xml")
    assert 'template="http://127.0.0.1:8101/.well-known/webfinger?resource={uri}"' in response.text


async def test_nodeinfo_reports_software_members_and_registration(network: Network) -> None:
    node = network["noord"]
    await node.fed.hood.members.add("anna", "correct horse battery", "admin")
    await node.fed.hood.settings.update(None, registration="invite", description="Onze wijk")
    async with node.client() as http:
        links = (await http.get("/.well-known/nodeinfo")).json()["links"]
        assert links[0]["rel"] == "http://nodeinfo.diaspora.software/ns/schema/2.1"
        info = (await http.get(httpx.URL(links[0]["href"]).path)).json()
    assert info["software"]["name"] == "buurtnode"
    assert info["protocols"] == ["activitypub"]
    assert info["usage"]["users"] == {"total": 1, "activeMonth": 1, "activeHalfyear": 1}
    assert info["openRegistrations"] is False
    assert info["metadata"]["nodeName"] == "Beekveld-Noord"
    assert info["metadata"]["kind"] == "wijk"


@pytest.mark.parametrize(
    "accept", [AP, 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"']
)
async def test_the_group_actor_has_what_mastodon_requires(network: Network, accept: str) -> None:
    node = network["noord"]
    await node.fed.hood.settings.update(None, registration="open", description="Wij zijn Noord")
    async with node.client() as http:
        response = await http.get("/ap/actor", headers={"Accept": accept})
    actor = response.json()
    assert response.headers["content-type"].startswith(AP)
    assert "https://w3id.org/security/v1" in actor["@context"]
    assert actor["type"] == "Group" and actor["preferredUsername"] == "beekveldnoord"
    assert actor["summary"] == "Wij zijn Noord" and actor["url"] == "http://127.0.0.1:8101/"
    assert actor["publicKey"]["owner"] == actor["id"]
    assert actor["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert actor["endpoints"]["sharedInbox"] == actor["inbox"]
    assert actor["manuallyApprovesFollowers"] is False
    for name in ("inbox", "outbox", "followers", "following"):
        assert actor[name].startswith("http://127.0.0.1:8101/ap/")
    parsed = parse_actor(actor, node.fed.ids.actor)  # the checks we apply to others
    assert parsed.key_id == actor["publicKey"]["id"]


async def test_a_browser_asking_for_the_actor_goes_to_the_home_page(network: Network) -> None:
    async with network["noord"].client() as http:
        response = await http.get("/ap/actor", headers={"Accept": "text/html,*/*"})
    assert response.status_code == 303
    assert response.headers["location"] == "http://127.0.0.1:8101/"


@pytest.mark.parametrize("path", ["lemmy/objects/group.json", "mobilizon/objects/group.json"])
def test_recorded_group_actors_pass_our_actor_checks(path: str) -> None:
    doc = fixture(path)
    actor = parse_actor(doc, doc["id"])
    assert actor.type == "Group" and actor.key_id.endswith("#main-key")
    assert actor.delivery_inbox.endswith("/inbox")


def test_an_actor_document_claiming_another_id_is_refused() -> None:
    from node.federation.http import FetchError

    doc = fixture("mastodon/objects/person.json")
    with pytest.raises(FetchError):
        parse_actor(doc, "https://evil.example/users/mastodon")

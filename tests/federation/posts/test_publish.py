"""Residents' posts (the prikbord) between nodes: a public post of Noord reaches its follower
Zuid as the Group's Note with the resident's name in it; members-only posts never leave; a
hidden or deleted post is deleted at the followers too."""

from __future__ import annotations

from typing import Any

from node.federation.ids import PUBLIC
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member

AP = {"Accept": "application/activity+json"}


def _sent(network: Network, to: str, verb: str) -> list[dict[str, Any]]:
    inbox = network[to].fed.ids.inbox
    return [a for a in network.transport.posts_to(inbox) if a["type"] == verb]


async def test_a_public_post_reaches_a_follower(network: Network) -> None:
    """Given Zuid follows Noord, when Anna posts on Noord's prikbord, then Zuid shows it on
    In de buurt, from Noord, signed with Anna's name; Noord serves the Note at its id."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    _, post_id = await noord.fed.hood.posts.write(anna, "Wie heeft mijn kat gezien? #kat")
    await network.settle()

    [item] = await zuid.fed.hood.nearby.latest()
    assert item.kind == "announcement" and item.origin_name == "Beekveld-Noord"
    assert "Wie heeft mijn kat gezien?" in item.content_html and "— Anna" in item.content_html
    assert item.url == f"{noord.settings.url}/prikbord/{post_id}"
    async with zuid.client() as http:
        assert "Wie heeft mijn kat gezien?" in (await http.get("/in-de-buurt")).text

    [create] = _sent(network, "zuid", "Create")
    note = create["object"]
    assert note["attributedTo"] == noord.fed.ids.actor and create["to"] == [PUBLIC]
    assert note["tag"][0]["name"] == "#kat"
    announced = [a["object"]["type"] for a in _sent(network, "zuid", "Announce")]
    assert sorted(announced) == ["Create", "Note"]
    async with noord.client() as http:
        served = await http.get(f"/ap/objects/post/{post_id}", headers=AP)
        assert served.status_code == 200 and served.json()["id"] == note["id"]
        assert (await http.get("/ap/objects/post/99", headers=AP)).status_code == 404


async def test_an_unlisted_post_goes_to_followers_with_public_in_cc(network: Network) -> None:
    noord = network["noord"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    _, post_id = await noord.fed.hood.posts.write(
        anna, "Alleen voor wie volgt.", visibility="unlisted"
    )
    await network.settle()
    [create] = _sent(network, "zuid", "Create")
    assert create["to"] == [noord.fed.ids.followers] and create["cc"] == [PUBLIC]
    assert create["object"]["to"] == [noord.fed.ids.followers]
    reply = await noord.fed.hood.posts.write(anna, "Nog iets.", in_reply_to=("post", post_id))
    await network.settle()
    replies = [a for a in _sent(network, "zuid", "Create") if "inReplyTo" in a["object"]]
    assert replies[0]["object"]["inReplyTo"] == noord.fed.ids.object("post", post_id)
    # A reply is announced as an activity only, not as an object of its own.
    notes = [a for a in _sent(network, "zuid", "Announce") if a["object"]["type"] == "Note"]
    assert [n["object"]["id"] for n in notes] == [noord.fed.ids.object("post", post_id)]
    assert reply[0] == "post"


async def test_a_members_only_post_sends_nothing(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    _, post_id = await noord.fed.hood.posts.write(
        anna, "Alleen voor de buurt.", visibility="members"
    )
    await network.settle()
    sent = [a["type"] for a in network.transport.posts_to(zuid.fed.ids.inbox)]
    assert sent == ["Accept"]
    assert await zuid.fed.hood.nearby.latest() == []
    async with noord.client() as http:
        gone = await http.get(f"/ap/objects/post/{post_id}", headers=AP)
    assert gone.status_code == 410 and gone.json()["formerType"] == "Note"


async def test_hiding_or_deleting_a_post_sends_a_delete(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    mod = await member(noord, "mod", "buurtverbinder")
    _, hidden_id = await noord.fed.hood.posts.write(anna, "Koop nu goedkope horloges!")
    _, deleted_id = await noord.fed.hood.posts.write(anna, "Oeps, verkeerd.")
    await network.settle()
    assert len(await zuid.fed.hood.nearby.latest()) == 2

    await noord.fed.hood.moderation.hide(mod, "post", hidden_id, "Spam")
    await noord.fed.hood.posts.delete(anna, deleted_id)
    await network.settle()
    deleted = {a["object"]["id"] for a in _sent(network, "zuid", "Delete")}
    ids = noord.fed.ids
    assert deleted == {ids.object("post", hidden_id), ids.object("post", deleted_id)}
    assert await zuid.fed.hood.nearby.latest() == []
    async with noord.client() as http:
        for post_id in (hidden_id, deleted_id):
            gone = await http.get(f"/ap/objects/post/{post_id}", headers=AP)
            assert gone.status_code == 410 and gone.json()["type"] == "Tombstone"


async def test_a_post_made_and_deleted_before_publishing_sends_nothing(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    _, post_id = await noord.fed.hood.posts.write(anna, "Toch maar niet.")
    await noord.fed.hood.posts.delete(anna, post_id)
    await network.settle()
    assert [a["type"] for a in network.transport.posts_to(zuid.fed.ids.inbox)] == ["Accept"]

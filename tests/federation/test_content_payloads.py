"""Recorded payloads from Mastodon, Lemmy, Mobilizon and lotide: parsed into remote content,
and replies, Likes and Joins from elsewhere turned into comments, supports and answers."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from node.community.calendar.draft import EventDraft
from node.community.calendar.model import Answer
from node.federation.network import translate as translate_in
from node.storage.federation import actors as store
from node.storage.federation import queues
from tests.federation.conftest import Network, RemoteActor, fixture
from tests.federation.helpers import deliver, follow, member, start_initiative

OBJECTS = [
    "mastodon/objects/note_1.json",
    "mastodon/objects/page.json",
    "lemmy/objects/page.json",
    "mobilizon/objects/event.json",
    "lotide/objects/note.json",
]
WRAPPED = [
    "lemmy/activities/create_or_update/create_page.json",
    "lemmy/activities/create_or_update/update_page.json",
    "lotide/activities/create_page.json",
    "mastodon/activities/create_note.json",
]


def _object(path: str) -> dict[str, Any]:
    document = fixture(path)
    return document["object"] if path in WRAPPED else document


@pytest.mark.parametrize("path", OBJECTS + WRAPPED)
def test_recorded_objects_parse_into_remote_content(path: str) -> None:
    document = _object(path)
    remote = translate_in.remote_object(document, origin="https://example.org/c/buurt")
    assert remote.ap_id == document["id"] and remote.type == document["type"]
    assert remote.kind in ("event", "announcement", "reply")
    assert remote.status is None and remote.open_needs is None  # not our context


def test_mobilizon_s_event_keeps_time_and_place() -> None:
    remote = translate_in.remote_object(
        fixture("mobilizon/objects/event.json"), origin="https://rendezvous.nomagic.uk/@x"
    )
    assert (remote.kind, remote.name) == ("event", "Caledonian scottish dance class")
    assert (remote.starts_at, remote.ends_at) == ("2022-12-11T19:00:00Z", "2022-12-11T21:00:00Z")
    assert remote.location_name == "The Kenn Centre"
    assert remote.location_address == "Devon Expressway, EX6 7TW Teignbridge"
    assert remote.timezone == "Europe/London"
    assert remote.actor_uri == "https://rendezvous.nomagic.uk/@devon_caledonian_society"


def test_a_lemmy_page_is_news_and_our_status_needs_our_context() -> None:
    page = fixture("lemmy/objects/page.json")
    assert translate_in.remote_object(page, origin="x").kind == "announcement"
    page["status"] = "seeking"  # without our @context this means nothing
    assert translate_in.remote_object(page, origin="x").kind == "announcement"
    context = [{"buurtnode": "https://noord.example.nl/ns#"}]
    ours = translate_in.remote_object(page, origin="x", contexts=(context,))
    assert ours.kind == "initiative" and ours.status == "seeking"


async def test_remote_html_is_sanitised_before_it_is_kept(network: Network) -> None:
    document = copy.deepcopy(fixture("lemmy/objects/page.json"))
    document["content"] = '<p onclick="x()">Hoi</p><script>alert(1)</script><img src=x>'
    remote = translate_in.remote_object(document, origin="https://enterprise.lemmy.ml/c/x")
    hood = network["zuid"].fed.hood
    await hood.nearby.store(remote)
    [item] = await hood.nearby.latest()
    assert item.content_html == "<p>Hoi</p>"


async def test_a_mastodon_reply_becomes_a_comment_and_is_announced(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """Given Zuid follows Noord, when a Mastodon user replies to Noord's initiative, then
    Noord keeps the reply as a comment and announces it to Zuid (FEP-1b12); Mastodon's
    Delete removes it again."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    create = fixture("mastodon/activities/create_note.json")
    note_id = f"{mastodon_user.id}/statuses/1"
    create.update(id=f"{note_id}/activity", actor=mastodon_user.id)
    create["object"].update(
        id=note_id,
        attributedTo=mastodon_user.id,
        inReplyTo=noord.fed.ids.object("initiative", initiative_id),
    )
    await deliver(network, mastodon_user, create)
    [comment] = await noord.fed.hood.comments.on("initiative", initiative_id)
    assert comment.is_remote and comment.author_name == "Mastodon"
    assert "thinkpad" in comment.body_html and "<span" in comment.body_html
    announced = [
        a
        for a in network.transport.posts_to(zuid.fed.ids.inbox)
        if a["type"] == "Announce" and a["object"].get("id") == create["id"]
    ]
    assert len(announced) == 1 and announced[0]["actor"] == noord.fed.ids.actor

    delete = fixture("mastodon/activities/delete.json")
    delete.update(id=f"{note_id}#delete", actor=mastodon_user.id)
    delete["object"].update(id=note_id)
    await deliver(network, mastodon_user, delete)
    assert await noord.fed.hood.comments.on("initiative", initiative_id) == []


async def test_mastodon_likes_support_and_undo_withdraws(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    target = noord.fed.ids.object("initiative", initiative_id)
    like = fixture("mastodon/activities/like_page.json")
    like.update(id=f"{mastodon_user.id}#likes/1", actor=mastodon_user.id, object=target)
    await deliver(network, mastodon_user, like)
    assert (await noord.fed.hood.initiatives.page(initiative_id)).supports == 1
    undo = fixture("mastodon/activities/undo_like_page.json")
    undo.update(id=f"{mastodon_user.id}#likes/1/undo", actor=mastodon_user.id)
    undo["object"].update(id=like["id"], actor=mastodon_user.id, object=target)
    await deliver(network, mastodon_user, undo)
    assert (await noord.fed.hood.initiatives.page(initiative_id)).supports == 0


async def test_a_join_answers_an_activity_and_is_accepted(
    network: Network, mastodon_user: RemoteActor
) -> None:
    noord = network["noord"]
    anna = await member(noord, "anna")
    event = await noord.fed.hood.calendar.plan(
        anna,
        EventDraft(
            title="Buurtborrel",
            start_date="2025-05-10",
            start_time="16:00",
            end_time="18:00",
            location="Plein",
        ),
    )
    target = noord.fed.ids.object("event", event.id)
    join = {"id": f"{mastodon_user.id}#join/1", "type": "Join", "actor": mastodon_user.id}
    await deliver(network, mastodon_user, {**join, "object": target})
    assert await noord.fed.hood.calendar.names(event.id, Answer.GOING) == ["Mastodon"]
    # Delivery is at least once: a retry after a slow answer re-sends the same Accept.
    assert {(a["type"], a["id"]) for a in mastodon_user.inbox_posts} == {
        ("Accept", mastodon_user.inbox_posts[0]["id"])
    }
    leave = {"id": f"{mastodon_user.id}#leave/1", "type": "Leave", "actor": mastodon_user.id}
    await deliver(network, mastodon_user, {**leave, "object": target})
    assert await noord.fed.hood.calendar.names(event.id, Answer.GOING) == []


async def test_a_followed_lemmy_group_s_announce_is_unwrapped(network: Network) -> None:
    noord = network["noord"]
    group = network.remote(fixture("lemmy/objects/group.json"))
    now = "2025-05-01T12:00:00Z"
    async with noord.fed.db.transaction() as tx:
        await store.put_following(tx, group.id, f"{noord.fed.ids.url}/ap/activities/f", now)
        await store.set_following_state(tx, group.id, "accepted", now)
    announce = fixture("lemmy/activities/community/announce_create_page.json")
    announce["actor"] = group.id
    await noord.fed.remote.get(group.id)
    await deliver(network, group, announce)
    [item] = await noord.fed.hood.nearby.latest()
    assert (item.name, item.kind, item.origin_uri) == ("post 4", "announcement", group.id)


async def test_content_from_a_node_we_do_not_follow_is_ignored(
    network: Network, mastodon_user: RemoteActor
) -> None:
    page = fixture("mastodon/objects/page.json")
    page.update(id=f"{mastodon_user.id}/statuses/9", attributedTo=mastodon_user.id)
    activity = {"id": f"{page['id']}/activity", "type": "Create", "actor": mastodon_user.id}
    await deliver(network, mastodon_user, {**activity, "object": page})
    assert await network["noord"].fed.hood.nearby.latest() == []
    states = await queues.incoming_states(network["noord"].fed.db)
    assert [(s["state"], s["error"]) for s in states] == [
        ("ignored", "content from a node we do not follow")
    ]

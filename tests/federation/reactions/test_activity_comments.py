"""Reactions on activities across the fediverse: a Mastodon reply to our Event becomes a
comment on the activity page (and is announced, changed and removed as its author says), and
a resident's comment goes out as a Note replying to the Event."""

from __future__ import annotations

import json
from typing import Any

from tests.federation.conftest import Network, Node, RemoteActor, fixture
from tests.federation.helpers import deliver, follow, member, plan_event


async def _page(node: Node, path: str) -> str:
    async with node.client() as http:
        response = await http.get(path)
    assert response.status_code == 200
    return response.text


def _announced(network: Network, node: Node, activity_id: str) -> list[dict[str, Any]]:
    return [
        a
        for a in network.transport.posts_to(node.fed.ids.inbox)
        if a["type"] == "Announce" and a["object"].get("id") == activity_id
    ]


async def test_a_mastodon_reply_to_an_activity_is_a_reaction_on_its_page(
    network: Network, mastodon_user: RemoteActor
) -> None:
    """Given Zuid follows Noord, when a Mastodon user replies to Noord's activity (a recorded
    Create{Note}, through the signed inbox), then the activity page shows it under the
    author's name and handle, once, and Noord announces it to Zuid; Mastodon's Update changes
    it and its Delete removes it, each announced too."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    event = await plan_event(noord, await member(noord, "anna"))
    await network.settle()
    create = fixture("mastodon/activities/create_note.json")
    note_id = f"{mastodon_user.id}/statuses/1"
    create.update(id=f"{note_id}/activity", actor=mastodon_user.id)
    create["object"].update(
        id=note_id, attributedTo=mastodon_user.id, inReplyTo=noord.fed.ids.object("event", event.id)
    )
    await deliver(network, mastodon_user, create)
    await deliver(network, mastodon_user, create)  # delivered twice: kept once
    [comment] = await noord.fed.hood.comments.on("event", event.id)
    assert comment.is_remote and not comment.is_official
    path = f"/activiteiten/{event.id}"
    page = await _page(noord, path)
    assert f'<a href="{mastodon_user.id}" rel="nofollow noopener">Mastodon</a>' in page
    assert "(@mastodon@masto.qa.urbanwildlife.biz)" in page
    assert "never been disappointed by a thinkpad" in page
    assert len(_announced(network, zuid, create["id"])) == 1

    update = json.loads(json.dumps(create))
    update.update(id=f"{note_id}#updates/1", type="Update")
    update["object"].update(content="<p>Ik kom toch, met <script>x</script>taart.</p>")
    await deliver(network, mastodon_user, update)
    page = await _page(noord, path)
    assert "met taart." in page and "thinkpad" not in page and "<script>x" not in page
    assert len(_announced(network, zuid, update["id"])) == 1

    delete = fixture("mastodon/activities/delete.json")
    delete.update(id=f"{note_id}#delete", actor=mastodon_user.id)
    delete["object"].update(id=note_id)
    await deliver(network, mastodon_user, delete)
    assert await noord.fed.hood.comments.on("event", event.id) == []
    assert "Nog geen reacties." in await _page(noord, path)
    assert len(_announced(network, zuid, delete["id"])) == 1


async def test_a_resident_s_reaction_goes_out_as_a_note_replying_to_the_event(
    network: Network,
) -> None:
    """Given Zuid follows Noord, when a Noord resident reacts on an activity, then Zuid gets
    Create{Note} inReplyTo the Event (and its Announce) and counts the reaction under the
    activity; hiding the activity takes the reaction's object along (410)."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    event = await plan_event(noord, anna)
    await network.settle()
    comment_id = await noord.fed.hood.comments.add(
        anna, "event", event.id, "Ik neem **taart** mee."
    )
    await network.settle()
    sent = network.transport.posts_to(zuid.fed.ids.inbox)
    [create] = [a for a in sent if a["type"] == "Create" and "inReplyTo" in a["object"]]
    note = create["object"]
    assert note["id"] == noord.fed.ids.object("comment", comment_id)
    assert note["inReplyTo"] == noord.fed.ids.object("event", event.id)
    assert note["url"] == f"{noord.settings.url}/activiteiten/{event.id}#reacties"
    assert "<strong>taart</strong>" in note["content"] and "— Anna" in note["content"]
    assert len(_announced(network, zuid, create["id"])) == 1
    # Mastodon shows a reply under its post: no extra Announce of the Note itself.
    assert not [a for a in sent if a["type"] == "Announce" and a["object"].get("id") == note["id"]]
    [item] = await zuid.fed.hood.nearby.latest()
    assert item.kind == "event" and item.comments == 1

    mod = await member(noord, "mod", "buurtverbinder")
    await noord.fed.hood.moderation.hide(mod, "event", event.id, "Nep")
    await network.settle()
    async with noord.client() as http:
        gone = await http.get(
            f"/ap/objects/comment/{comment_id}", headers={"Accept": "application/activity+json"}
        )
    assert gone.status_code == 410 and gone.json()["type"] == "Tombstone"

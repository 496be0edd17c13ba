"""Content between nodes over the fake network: initiatives, activities and news of a
followed node arrive on the follower; comments and supports go back to the home node."""

from __future__ import annotations

from node.community.initiatives.service import InitiativeDraft
from node.storage.federation import queues
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, plan_event, start_initiative


async def test_an_initiative_reaches_a_follower_and_changes_follow_it(network: Network) -> None:
    """Given Zuid follows Noord, when Noord's resident starts an initiative, then it is on
    Zuid's In de buurt with status and open needs; an edit and a hide follow."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    initiative_id = await start_initiative(noord, anna)
    await network.settle()
    [item] = await zuid.fed.hood.nearby.latest()
    assert item.kind == "initiative" and item.name == "Moestuin op het plein"
    assert item.status == "seeking" and item.origin_name == "Beekveld-Noord"
    assert [(n.kind, n.description) for n in item.open_needs] == [("volunteers", "Helpen spitten")]
    assert "<strong>handen</strong>" in item.content_html
    assert item.url == f"{noord.settings.url}/initiatieven/{initiative_id}"

    draft = InitiativeDraft(title="Moestuin aan de Beek", summary="Nieuw.")
    await noord.fed.hood.initiatives.edit(anna, initiative_id, draft)
    await network.settle()
    assert [i.name for i in await zuid.fed.hood.nearby.latest()] == ["Moestuin aan de Beek"]

    mod = await member(noord, "mod", "buurtverbinder")
    await noord.fed.hood.moderation.hide(mod, "initiative", initiative_id, "Spam")
    await network.settle()
    assert await zuid.fed.hood.nearby.latest() == []
    async with noord.client() as http:
        gone = await http.get(
            f"/ap/objects/initiative/{initiative_id}",
            headers={"Accept": "application/activity+json"},
        )
    assert gone.status_code == 410 and gone.json()["type"] == "Tombstone"


async def test_events_and_news_arrive_too(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    anna = await member(noord, "anna")
    await plan_event(noord, anna)
    verbinder = await member(noord, "bea", "buurtverbinder")
    await noord.fed.hood.announcements.post(verbinder, title="Straat dicht", body="Dinsdag.")
    await network.settle()
    items = {i.kind: i for i in await zuid.fed.hood.nearby.latest()}
    assert set(items) == {"event", "announcement"}
    assert items["event"].starts_at == "2025-05-10T14:00:00Z"
    assert items["event"].location_name == "Het pleintje"
    assert items["announcement"].name == "Straat dicht"


async def test_a_resident_comments_and_supports_a_remote_initiative(network: Network) -> None:
    """Given Zuid shows Noord's initiative, when a resident of Zuid reacts and supports it,
    then Noord keeps the reaction (once) and counts the support; withdrawing undoes it."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    [item] = await zuid.fed.hood.nearby.latest()
    kees = await member(zuid, "kees")
    await zuid.fed.hood.nearby.comment(kees, item.id, "Ik help graag mee!")
    assert await zuid.fed.hood.nearby.toggle_support(kees, item.id) is True
    await network.settle()

    [comment] = await noord.fed.hood.comments.on("initiative", initiative_id)
    assert comment.is_remote and comment.author_name == "Beekveld-Zuid"
    assert "Ik help graag mee!" in comment.body_html and "Kees, Beekveld-Zuid" in comment.body_html
    assert (await noord.fed.hood.initiatives.page(initiative_id)).supports == 1
    page = await zuid.fed.hood.nearby.page(item.id, kees)
    assert page.supported and [c.from_here for c in page.comments] == [True]

    assert await zuid.fed.hood.nearby.toggle_support(kees, item.id) is False
    await network.settle()
    assert (await noord.fed.hood.initiatives.page(initiative_id)).supports == 0
    states = {r["type"]: r["state"] for r in await queues.incoming_states(noord.fed.db)}
    assert states["Like"] == "processed" and states["Undo"] == "processed"


async def test_objects_are_served_at_their_ids(network: Network) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "zuid", "noord")
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    [item] = await zuid.fed.hood.nearby.latest()
    await zuid.fed.hood.nearby.comment(await member(zuid, "kees"), item.id, "Mooi!")
    await network.settle()
    ap = {"Accept": "application/activity+json"}
    async with noord.client() as http:
        page = await http.get(f"/ap/objects/initiative/{initiative_id}", headers=ap)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("application/activity+json")
        assert page.json()["type"] == "Page" and page.json()["id"] == item.ap_id
        browser = await http.get(item.ap_id, headers={"Accept": "text/html"})
        assert browser.status_code == 303 and browser.headers["location"] == item.url
        assert (await http.get("/ap/objects/initiative/99", headers=ap)).status_code == 404
        [remote_comment] = await noord.fed.hood.comments.on("initiative", initiative_id)
        # A reply from elsewhere is not ours to serve.
        path = f"/ap/objects/comment/{remote_comment.id}"
        assert (await http.get(path, headers=ap)).status_code == 404
        context = (await http.get("/ns")).json()["@context"]
        assert context["buurtnode"] == f"{noord.settings.url}/ns#"
    async with zuid.client() as http:
        reply = (await http.get("/ap/objects/reply/1", headers=ap)).json()
    assert reply["inReplyTo"] == item.ap_id and "Mooi!" in reply["content"]

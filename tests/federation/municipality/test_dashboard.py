"""Backfill and the gemeente dashboard over the fake network: a node that starts following
another gets what it published before; the municipality sees every initiative and activity
of the nodes it follows and responds officially, which the home node shows as such."""

from __future__ import annotations

import json
import re

from node.community.calendar.draft import EventDraft
from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from node.storage.federation import queues
from node.storage.network import nearby as remote_content
from tests.conftest import login, post_form
from tests.federation.conftest import Network, Node
from tests.federation.helpers import follow, member, start_initiative


async def plan_event(node: Node, title: str) -> None:
    by = await member(node, f"planner{node.settings.handle}")
    draft = EventDraft(
        title=title, start_date="2025-05-10", start_time="16:00", end_time="18:00", location="Plein"
    )
    await node.fed.hood.calendar.plan(by, draft)


async def test_a_new_follower_gets_what_was_published_before(network: Network) -> None:
    """Given Noord has an initiative, an activity and news, when Zuid follows Noord, then
    after the Accept Zuid has all three from Noord's outbox, once."""
    noord, zuid = network["noord"], network["zuid"]
    anna = await member(noord, "anna")
    await start_initiative(noord, anna)
    await plan_event(noord, "Buurtborrel")
    await network.settle()
    await follow(network, "zuid", "noord")
    items = await zuid.fed.hood.nearby.latest()
    assert sorted(i.kind for i in items) == ["event", "initiative"]
    [initiative] = [i for i in items if i.kind == "initiative"]
    assert initiative.status == "seeking" and initiative.open_needs
    outbox_reads = [r for r in network.transport.sent if "/ap/outbox" in str(r.url)]
    assert outbox_reads and all("signature" in r.headers for r in outbox_reads)

    # A second backfill (a repeated Accept) changes nothing.
    await zuid.fed.backfill.run(noord.fed.ids.actor)
    assert len(await zuid.fed.hood.nearby.latest()) == 2


async def test_backfill_ignores_objects_of_other_servers(network: Network) -> None:
    """An outbox listing a Create whose object lives elsewhere: fetched from its own id,
    which must serve itself; here that server is down, so nothing is kept."""
    noord, zuid = network["noord"], network["zuid"]
    anna = await member(noord, "anna")
    await start_initiative(noord, anna)
    await network.settle()
    network.transport.down.add("127.0.0.1:9999")
    body = json.dumps(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "x1",
            "type": "Create",
            "actor": noord.fed.ids.actor,
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": {"id": "http://127.0.0.1:9999/ap/objects/initiative/1", "type": "Page"},
        }
    )
    async with noord.fed.db.transaction() as tx:
        await queues.insert_outgoing(tx, "x1", "Create", body, True, "2025-05-01T12:00:01Z")
    await follow(network, "zuid", "noord")
    assert [i.name for i in await zuid.fed.hood.nearby.latest()] == ["Moestuin op het plein"]


async def test_the_dashboard_lists_and_filters_initiatives_and_activities(
    network: Network,
) -> None:
    noord, zuid, gemeente = network["noord"], network["zuid"], network["gemeente"]
    await start_initiative(noord, await member(noord, "anna"))
    draft = InitiativeDraft(
        title="Speeltuin opknappen",
        summary="Nieuwe schommels.",
        needs=[NeedDraft("money", "Schommels", "500")],
    )
    await zuid.fed.hood.initiatives.start(await member(zuid, "bert"), draft)
    await plan_event(zuid, "Straatfeest")
    await network.settle()
    admin = await member(gemeente, "beheer", "admin")
    for other in (noord, zuid):
        await gemeente.fed.service.follow(admin, other.handle)
    await network.settle()
    dashboard = gemeente.fed.hood.dashboard
    assert {i.name for i in await dashboard.initiatives()} == {
        "Moestuin op het plein",
        "Speeltuin opknappen",
    }
    assert [i.name for i in await dashboard.initiatives("money")] == ["Speeltuin opknappen"]
    assert [i.name for i in await dashboard.initiatives("volunteers")] == ["Moestuin op het plein"]
    noord_only = await dashboard.initiatives(origin=noord.fed.ids.actor)
    assert [i.name for i in noord_only] == ["Moestuin op het plein"]
    assert await dashboard.initiatives("location") == []
    assert [e.name for e in await dashboard.calendar()] == ["Straatfeest"]

    await member(gemeente, "contact", "contact")
    async with gemeente.client() as http:
        home = await http.get("/")
        assert 'href="/gemeente"' in home.text
        page = await http.get("/gemeente", params={"behoefte": "money"})
        assert page.status_code == 200
        assert "Speeltuin opknappen" in page.text and "Moestuin op het plein" not in page.text
        assert "Straatfeest" in page.text and "Beekveld-Zuid" in page.text
        assert 'scope="col"' in page.text and "Followed neighbourhoods" not in page.text
        await login(http, "contact")
        page = await http.get("/gemeente")
        assert "Moestuin op het plein" in page.text and noord.handle in page.text


async def test_an_official_response_and_a_pledge_show_on_the_home_node(network: Network) -> None:
    noord, gemeente = network["noord"], network["gemeente"]
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    await follow(network, "gemeente", "noord")
    await member(gemeente, "contact", "contact")
    async with gemeente.client() as http:
        await login(http, "contact")
        listing = await http.get("/gemeente")
        found = re.search(r'href="(/in-de-buurt/\d+)#officieel"', listing.text)
        assert found
        detail = found.group(1)
        page = await http.get(detail)
        assert 'id="officieel"' in page.text
        empty = await post_form(
            http, f"{detail}/officieel", {"kind": "pledge", "body": ""}, form_page=detail
        )
        assert empty.status_code == 400
        sent = await post_form(
            http,
            f"{detail}/officieel",
            {"kind": "response", "body": "We nemen contact op."},
            form_page=detail,
        )
        assert sent.status_code == 303
        pledged = await post_form(
            http,
            f"{detail}/officieel",
            {"kind": "pledge", "body": "Wij betalen het zaad."},
            form_page=detail,
        )
        assert pledged.status_code == 303
        after = await http.get(detail)
        assert "We nemen contact op." in after.text
    await network.settle()
    comments = await noord.fed.hood.comments.on("initiative", initiative_id)
    assert [c.is_official for c in comments] == [True, True]
    assert all(c.author_name == "Gemeente Beekveld" for c in comments)
    assert "De gemeente ondersteunt dit initiatief." in comments[1].body_html
    assert "Wij betalen het zaad." in comments[1].body_html
    assert (await noord.fed.hood.initiatives.page(initiative_id)).supports == 1
    async with noord.client() as http:
        shown = await http.get(f"/initiatieven/{initiative_id}")
    assert "official-badge" in shown.text


async def test_a_wijk_cannot_speak_for_the_municipality(network: Network) -> None:
    """Zuid (a wijk) has a contact person too, but Noord does not honour `official` from it."""
    noord, zuid = network["noord"], network["zuid"]
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    await follow(network, "zuid", "noord")
    contact = await member(zuid, "contact", "contact")
    [item] = await zuid.fed.hood.nearby.latest()
    await zuid.fed.hood.dashboard.respond(contact, item.id, "Officieel?", pledge=False)
    await network.settle()
    [comment] = await noord.fed.hood.comments.on("initiative", initiative_id)
    assert "Officieel?" in comment.body_html and not comment.is_official
    rows = await remote_content.comments_on(zuid.fed.db, item.id)
    assert rows[0]["official"] == "response"

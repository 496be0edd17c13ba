"""Timelines with paging, notifications, search, markers and the empty-but-valid endpoints."""

from __future__ import annotations

import re

import httpx

from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form
from tests.web.mastodon.helpers import bearer, token_for

LINK = re.compile(r'<([^>]+)>; rel="(\w+)"')


async def test_timelines_page_with_link_headers(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    anna = bearer(await token_for(client, hood, "anna"))
    ids = []
    for number in range(5):
        made = await client.post(
            "/api/v1/statuses", json={"status": f"Bericht {number} #tuin"}, headers=anna
        )
        ids.append(made.json()["id"])
    first = await client.get("/api/v1/timelines/home?limit=2", headers=anna)
    assert [s["id"] for s in first.json()] == [ids[4], ids[3]]
    links = dict((rel, url) for url, rel in LINK.findall(first.headers["link"]))
    assert first.headers["link"].startswith("<")  # next first: toot reads only that one
    second = await client.get(links["next"].removeprefix("http://127.0.0.1:8000"), headers=anna)
    assert [s["id"] for s in second.json()] == [ids[2], ids[1]]
    newer = await client.get(f"/api/v1/timelines/home?min_id={ids[1]}&limit=2", headers=anna)
    assert [s["id"] for s in newer.json()] == [ids[3], ids[2]]
    since = await client.get(f"/api/v1/timelines/public?since_id={ids[3]}&local=true")
    assert [s["id"] for s in since.json()] == [ids[4]]
    tagged = await client.get("/api/v1/timelines/tag/Tuin?limit=40")
    assert len(tagged.json()) == 5
    assert (await client.get("/api/v1/timelines/home")).status_code == 401


async def test_notifications_for_replies_favourites_offers_and_follows(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna_member = await add_member(hood, "anna")
    await add_member(hood, "bert")
    anna = bearer(await token_for(client, hood, "anna"))
    bert = bearer(await token_for(client, hood, "bert"))
    root = (
        await client.post(
            "/api/v1/statuses", json={"status": "Wie heeft een ladder?"}, headers=anna
        )
    ).json()
    await client.post(
        "/api/v1/statuses", json={"status": "Ik!", "in_reply_to_id": root["id"]}, headers=bert
    )
    await client.post(f"/api/v1/statuses/{root['id']}/favourite", headers=bert)
    await client.post(f"/api/v1/accounts/{anna_member.id}/follow", headers=bert)
    initiative_id = await hood.initiatives.start(
        anna_member, InitiativeDraft(title="Bankje bij de vijver", summary="Een bankje.")
    )
    bert_member = await hood.members.by_username("bert")
    await hood.initiatives.toggle_support(bert_member, initiative_id)
    found = (await client.get("/api/v1/notifications", headers=anna)).json()
    assert [n["type"] for n in found] == ["favourite", "follow", "favourite", "mention"]
    assert all(n["account"]["acct"] == "bert" for n in found)
    assert found[-1]["status"]["content"] == "<p>Ik!</p>\n"
    only = (await client.get("/api/v1/notifications?types[]=mention", headers=anna)).json()
    assert len(only) == 1
    relation = (
        await client.get(f"/api/v1/accounts/relationships?id[]={anna_member.id}", headers=bert)
    ).json()
    assert relation[0]["following"] is True
    await client.post(f"/api/v1/notifications/{found[0]['id']}/dismiss", headers=anna)
    assert len((await client.get("/api/v1/notifications", headers=anna)).json()) == 3
    await client.post("/api/v1/notifications/clear", headers=anna)
    assert (await client.get("/api/v1/notifications", headers=anna)).json() == []


async def test_search_markers_accounts_and_empty_lists(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna", display_name="Anna de Vries")
    anna = bearer(await token_for(client, hood, "anna"))
    await client.post(
        "/api/v1/statuses", json={"status": "Fietsenrek kapot bij de bieb"}, headers=anna
    )
    found = (await client.get("/api/v2/search?q=fietsenrek", headers=anna)).json()
    assert [s["content"] for s in found["statuses"]] == ["<p>Fietsenrek kapot bij de bieb</p>\n"]
    people = (await client.get("/api/v2/search?q=vries&type=accounts", headers=anna)).json()
    assert [a["acct"] for a in people["accounts"]] == ["anna"]
    anonymous = (await client.get("/api/v2/search?q=anna")).json()
    assert anonymous["accounts"] == []
    saved = await client.post("/api/v1/markers", data={"home[last_read_id]": "7"}, headers=anna)
    assert saved.json()["home"]["last_read_id"] == "7"
    await client.post("/api/v1/markers", json={"home": {"last_read_id": "9"}}, headers=anna)
    markers = (await client.get("/api/v1/markers?timeline[]=home", headers=anna)).json()
    assert markers["home"]["last_read_id"] == "9" and markers["home"]["version"] == 2
    for path in ("/api/v1/custom_emojis", "/api/v1/filters", "/api/v2/filters", "/api/v1/lists/"):
        assert (await client.get(path, headers=anna)).json() == []
    looked_up = (await client.get("/api/v1/accounts/lookup?acct=anna", headers=anna)).json()
    assert looked_up["display_name"] == "Anna de Vries" and looked_up["statuses_count"] == 1
    posts = (await client.get(f"/api/v1/accounts/{looked_up['id']}/statuses", headers=anna)).json()
    assert len(posts) == 1
    assert (await client.get(f"/api/v1/accounts/{looked_up['id']}")).status_code == 404
    node = (
        await client.get(
            "/api/v1/accounts/lookup?acct="
            + (await client.get("/api/v1/instance")).json()["contact_account"]["acct"]
        )
    ).json()
    assert node["group"] is True


async def test_the_prikbord_page(client: httpx.AsyncClient, hood: Neighbourhood) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    made = await post_form(
        client, "/prikbord", {"body": "Hallo buren! #welkom"}, form_page="/prikbord"
    )
    assert made.status_code == 303
    page = await client.get(made.headers["location"])
    assert "Hallo buren!" in page.text
    post_id = int(made.headers["location"].rsplit("/", 1)[1])
    reply = await post_form(
        client, "/prikbord", {"body": "Welkom!", "in_reply_to": str(post_id)}, form_page="/prikbord"
    )
    assert reply.headers["location"] == f"/prikbord/{post_id}"
    assert "Welkom!" in (await client.get(f"/prikbord/{post_id}")).text
    assert "Hallo buren!" in (await client.get("/prikbord?tag=welkom")).text
    empty = await post_form(client, "/prikbord", {"body": ""}, form_page="/prikbord")
    assert empty.status_code == 400
    removed = await post_form(client, f"/prikbord/{post_id}/verwijderen", {}, form_page="/prikbord")
    assert removed.status_code == 303
    assert (await client.get(f"/prikbord/{post_id}")).status_code == 404

"""Posts and statuses through the API: write, read, remove, threads, favourites, reblogs."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from node.community.calendar.draft import EventDraft
from node.community.calendar.model import TIMEZONE
from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member
from tests.web.mastodon.helpers import bearer, token_for


async def _anna(client: httpx.AsyncClient, hood: Neighbourhood) -> dict[str, str]:
    await add_member(hood, "anna")
    return bearer(await token_for(client, hood, "anna"))


async def test_a_post_from_an_app_is_a_buurtbericht(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given Anna's app, when it posts (form data, as Mastodon.py does), then the status has
    her account, tags and mentions, and the same message is on the prikbord page."""
    anna = await _anna(client, hood)
    await add_member(hood, "bert")
    made = await client.post(
        "/api/v1/statuses",
        data={"status": "Wie helpt met de #Snoeidag? @bert", "language": "nl"},
        headers=anna,
    )
    assert made.status_code == 200, made.text
    status = made.json()
    assert status["account"]["acct"] == "anna" and status["visibility"] == "public"
    assert status["tags"] == [
        {"name": "snoeidag", "url": "http://127.0.0.1:8000/prikbord?tag=snoeidag"}
    ]
    assert [m["acct"] for m in status["mentions"]] == ["bert"]
    page = await client.get("/prikbord")
    assert "Wie helpt met de #Snoeidag?" in page.text
    again = await client.get(f"/api/v1/statuses/{status['id']}")
    assert again.json()["content"] == status["content"]


async def test_json_bodies_idempotency_and_refused_visibilities(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await _anna(client, hood)
    headers = {**anna, "Idempotency-Key": "abc"}
    first = await client.post("/api/v1/statuses", json={"status": "Een"}, headers=headers)
    second = await client.post("/api/v1/statuses", json={"status": "Een"}, headers=headers)
    assert first.json()["id"] == second.json()["id"]
    direct = await client.post(
        "/api/v1/statuses", json={"status": "psst", "visibility": "direct"}, headers=anna
    )
    assert direct.status_code == 422 and "error" in direct.json()
    empty = await client.post("/api/v1/statuses", json={"status": " "}, headers=anna)
    assert empty.status_code == 422


async def test_members_only_posts_stay_with_residents(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    anna = await _anna(client, hood)
    made = await client.post(
        "/api/v1/statuses",
        json={"status": "Sleutel ligt bij nr 4", "visibility": "private"},
        headers=anna,
    )
    assert made.json()["visibility"] == "private"
    assert (await client.get(f"/api/v1/statuses/{made.json()['id']}")).status_code == 404
    public = (await client.get("/api/v1/timelines/public")).json()
    assert public == []
    assert "Sleutel" not in (await client.get("/prikbord")).text
    home = (await client.get("/api/v1/timelines/home", headers=anna)).json()
    assert [s["id"] for s in home] == [made.json()["id"]]


async def test_replies_threads_and_removal(client: httpx.AsyncClient, hood: Neighbourhood) -> None:
    anna = await _anna(client, hood)
    await add_member(hood, "bert")
    bert = bearer(await token_for(client, hood, "bert"))
    root = (await client.post("/api/v1/statuses", json={"status": "Vraag"}, headers=anna)).json()
    answer = await client.post(
        "/api/v1/statuses", json={"status": "Antwoord", "in_reply_to_id": root["id"]}, headers=bert
    )
    assert answer.json()["in_reply_to_id"] == root["id"]
    assert answer.json()["in_reply_to_account_id"] == root["account"]["id"]
    context = (await client.get(f"/api/v1/statuses/{root['id']}/context")).json()
    assert [s["id"] for s in context["descendants"]] == [answer.json()["id"]]
    up = (await client.get(f"/api/v1/statuses/{answer.json()['id']}/context")).json()
    assert [s["id"] for s in up["ancestors"]] == [root["id"]]
    assert (await client.get(f"/api/v1/statuses/{root['id']}")).json()["replies_count"] == 1
    refused = await client.delete(f"/api/v1/statuses/{root['id']}", headers=bert)
    assert refused.status_code == 403
    removed = await client.delete(f"/api/v1/statuses/{root['id']}", headers=anna)
    assert removed.json()["text"] == "Vraag"
    assert (await client.get(f"/api/v1/statuses/{root['id']}")).status_code == 404


async def test_initiatives_are_statuses_of_the_node_and_favourites_support_them(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given an initiative, then it is a status of the node's group account with a card;
    a favourite is "ik steun dit", a reply becomes a comment, and hiding removes it."""
    anna = await _anna(client, hood)
    starter = await add_member(hood, "carla")
    initiative_id = await hood.initiatives.start(
        starter, InitiativeDraft(title="Moestuin achter de school", summary="Samen tuinieren.")
    )
    public = (await client.get("/api/v1/timelines/public")).json()
    status = public[0]
    assert status["account"]["group"] is True
    assert status["card"]["url"].endswith(f"/initiatieven/{initiative_id}")
    assert "Moestuin achter de school" in status["content"]
    liked = await client.post(f"/api/v1/statuses/{status['id']}/favourite", headers=anna)
    assert liked.json()["favourited"] is True and liked.json()["favourites_count"] == 1
    anna_member = await hood.members.by_username("anna")
    assert await hood.initiatives.supported_by(anna_member, initiative_id)
    comment = await client.post(
        "/api/v1/statuses",
        json={"status": "Ik doe mee!", "in_reply_to_id": status["id"]},
        headers=anna,
    )
    assert comment.json()["in_reply_to_id"] == status["id"]
    comments = await hood.comments.on("initiative", initiative_id)
    assert [c.member_id for c in comments] == [anna_member.id]
    context = (await client.get(f"/api/v1/statuses/{status['id']}/context")).json()
    assert [s["id"] for s in context["descendants"]] == [comment.json()["id"]]
    boosted = await client.post(f"/api/v1/statuses/{status['id']}/reblog", headers=anna)
    assert boosted.json()["reblogs_count"] == 1 and boosted.json()["reblogged"] is True
    moderator = await add_member(hood, "dirk", role="buurtverbinder")
    await hood.moderation.hide(moderator, "initiative", initiative_id, "Klacht")
    assert (await client.get(f"/api/v1/statuses/{status['id']}")).status_code == 404
    assert (await client.get(f"/api/v1/statuses/{comment.json()['id']}")).status_code == 404
    assert (await client.get("/api/v1/timelines/public")).json() == []


async def test_posting_is_limited_per_hour(client: httpx.AsyncClient, hood: Neighbourhood) -> None:
    anna = await _anna(client, hood)
    for number in range(30):
        made = await client.post("/api/v1/statuses", json={"status": f"#{number}"}, headers=anna)
        assert made.status_code == 200
    too_many = await client.post("/api/v1/statuses", json={"status": "nog een"}, headers=anna)
    assert too_many.status_code == 429 and too_many.headers["retry-after"] == "3600"


async def test_a_reply_to_an_activity_is_a_comment_in_its_context(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given an activity (a status of the node), when an app replies to it, then the reply is
    a comment on the activity's page; comments from the page are in its context too, and
    hiding the activity takes its comments along."""
    anna = await _anna(client, hood)
    olga = await add_member(hood, "olga")
    day = (datetime.now(TIMEZONE) + timedelta(days=3)).date().isoformat()
    event = await hood.calendar.plan(
        olga,
        EventDraft(
            title="Buurtbarbecue",
            start_date=day,
            start_time="17:00",
            end_time="20:00",
            location="Veld",
        ),
    )
    status_id = str(await hood.timeline.status_of("event", event.id))
    bert = await add_member(hood, "bert")
    await hood.comments.add(bert, "event", event.id, "Ik neem de grill mee.")
    reply = await client.post(
        "/api/v1/statuses",
        json={"status": "Ik kom met de kinderen.", "in_reply_to_id": status_id},
        headers=anna,
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["in_reply_to_id"] == status_id
    assert f"/activiteiten/{event.id}#reactie-" in reply.json()["url"]  # the anchor is on the page
    comments = await hood.comments.on("event", event.id)
    assert [c.author_name for c in comments] == ["Bert", "Anna"]
    context = (await client.get(f"/api/v1/statuses/{status_id}/context")).json()
    descendants = context["descendants"]
    assert [s["account"]["username"] for s in descendants] == ["bert", "anna"]
    assert descendants[1]["id"] == reply.json()["id"]
    assert all(s["in_reply_to_id"] == status_id for s in descendants)
    up = (await client.get(f"/api/v1/statuses/{reply.json()['id']}/context")).json()
    assert [s["id"] for s in up["ancestors"]] == [status_id]
    shown = (await client.get(f"/api/v1/statuses/{status_id}")).json()
    assert shown["replies_count"] == 2
    moderator = await add_member(hood, "dirk", role="buurtverbinder")
    await hood.moderation.hide(moderator, "event", event.id, "Klacht")
    assert (await client.get(f"/api/v1/statuses/{reply.json()['id']}")).status_code == 404
    public = (await client.get("/api/v1/timelines/public")).json()
    assert reply.json()["id"] not in [s["id"] for s in public]

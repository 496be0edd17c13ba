"""What apps call when they start (Tusky, Elk, Phanpy, Ivory; docs/mastodon.md has the
table): every call answers 200 with what Mastodon answers when there is nothing, and
account search finds residents and the node itself."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from node.community.neighbourhood import Neighbourhood
from node.storage.federation import actors
from node.web.mastodon.entities import remote_id
from tests.conftest import add_member
from tests.web.mastodon.helpers import bearer, token_for

DOC = Path(__file__).resolve().parents[3] / "docs" / "mastodon.md"
# A row of the start-up table: | `GET /api/...` | apps | what we answer |
ROW = re.compile(r"^\| `GET (/api/[^`]+)` \|", re.MULTILINE)


def _startup_paths() -> list[str]:
    section = DOC.read_text().split("## What apps call at start-up", 1)[1].split("\n## ", 1)[0]
    return ROW.findall(section)


async def test_every_start_up_call_in_the_docs_answers_200(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    anna = bearer(await token_for(client, hood, "anna"))
    me = (await client.get("/api/v1/accounts/verify_credentials", headers=anna)).json()
    paths = _startup_paths()
    assert len(paths) >= 20, paths
    for path in paths:
        answer = await client.get(path.replace(":id", me["id"]), headers=anna)
        assert answer.status_code == 200, (path, answer.text)


async def test_what_the_node_has_none_of_answers_an_empty_list(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    anna = bearer(await token_for(client, hood, "anna"))
    for path in (
        "/api/v1/announcements",
        "/api/v1/followed_tags",
        "/api/v1/follow_requests",
        "/api/v1/bookmarks",
        "/api/v1/conversations",
        "/api/v1/trends/tags",
        "/api/v1/trends/statuses",
        "/api/v1/trends/links",
        "/api/v2/suggestions",
        "/api/v1/scheduled_statuses",
    ):
        assert (await client.get(path, headers=anna)).json() == [], path
    assert (await client.get("/api/v1/bookmarks")).status_code == 401  # still needs a token
    assert (await client.get("/api/v1/trends/tags")).json() == []  # public, as on Mastodon
    prefs = (await client.get("/api/v1/preferences", headers=anna)).json()
    assert prefs["posting:default:visibility"] == "public"


async def test_account_search_finds_residents_and_the_node(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna", display_name="Anna de Vries")
    await add_member(hood, "bert", display_name="Bert Visser")
    anna = bearer(await token_for(client, hood, "anna"))
    found = (await client.get("/api/v1/accounts/search?q=vries", headers=anna)).json()
    assert [a["acct"] for a in found] == ["anna"]
    handle = (await client.get("/api/v1/instance")).json()["contact_account"]["acct"]
    found = (await client.get(f"/api/v1/accounts/search?q=@{handle}", headers=anna)).json()
    assert found[0]["group"] is True
    bert_id = next(
        a["id"] for a in (await client.get("/api/v1/accounts/search?q=bert", headers=anna)).json()
    )
    followed = "/api/v1/accounts/search?q=bert&following=true"
    assert (await client.get(followed, headers=anna)).json() == []
    await client.post(f"/api/v1/accounts/{bert_id}/follow", headers=anna)
    assert [a["acct"] for a in (await client.get(followed, headers=anna)).json()] == ["bert"]
    assert (await client.get("/api/v1/accounts/search?q=", headers=anna)).json() == []
    assert (await client.get("/api/v1/accounts/search?q=anna")).status_code == 401


async def _follow_zuid(hood: Neighbourhood) -> str:
    """This node follows Zuid (accepted), as after Beheer → Federatie → Volgen."""
    actor = "https://zuid.example.nl/ap/actor"
    async with hood.db.transaction() as tx:
        await actors.upsert_actor(
            tx,
            uri=actor,
            host="zuid.example.nl",
            handle="zuid@zuid.example.nl",
            name="Beekveld-Zuid",
            type="Group",
            inbox=f"{actor}/inbox",
            shared_inbox=None,
            key_id=f"{actor}#main-key",
            public_key_pem="",
            fetched_at="2026-01-01T00:00:00Z",
        )
        await actors.put_following(tx, actor, f"{actor}/follow/1", "2026-01-01T00:00:00Z")
        await actors.set_following_state(tx, actor, "accepted", "2026-01-01T00:00:00Z")
    return remote_id(actor)


async def test_a_followed_nodes_group_account_is_found_and_followed(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given the node follows Zuid, then an app finds Zuid's group, sees it followed, and
    "following" it answers that it is (its content is on every home timeline already);
    unfollowing it from an app says who can."""
    zuid = await _follow_zuid(hood)
    await add_member(hood, "anna")
    anna = bearer(await token_for(client, hood, "anna"))
    found = (await client.get("/api/v1/accounts/search?q=zuid", headers=anna)).json()
    assert [(a["id"], a["acct"], a["group"]) for a in found] == [
        (zuid, "zuid@zuid.example.nl", True)
    ]
    assert (await client.get(f"/api/v1/accounts/{zuid}", headers=anna)).json()["group"] is True
    followed = await client.post(f"/api/v1/accounts/{zuid}/follow", headers=anna)
    assert followed.status_code == 200 and followed.json()["following"] is True
    relations = f"/api/v1/accounts/relationships?id[]={zuid}"
    assert (await client.get(relations, headers=anna)).json()[0]["following"] is True
    refused = await client.post(f"/api/v1/accounts/{zuid}/unfollow", headers=anna)
    assert refused.status_code == 422 and "Beheer" in refused.json()["error"]
    assert (await client.post("/api/v1/accounts/123456/follow", headers=anna)).status_code == 404

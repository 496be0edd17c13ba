"""Concurrent requests through the in-process app: a new status is readable by the request
that created it (under 25 concurrent creates, 3 once answered 404 although all were made)."""

from __future__ import annotations

import asyncio

import httpx

from node.community.neighbourhood import Neighbourhood
from node.community.posts.service import PER_HOUR
from tests.conftest import add_member
from tests.web.mastodon.helpers import bearer, token_for


async def test_a_hundred_concurrent_creates_all_answer_200(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    # Five residents, twenty each: under the limit of 30 posts an hour per resident.
    tokens = []
    for name in ("anna", "bram", "cees", "dirk", "eva"):
        await add_member(hood, name)
        tokens.append(bearer(await token_for(client, hood, name)))

    async def create(n: int) -> httpx.Response:
        return await client.post(
            "/api/v1/statuses", data={"status": f"Bericht {n}"}, headers=tokens[n % 5]
        )

    answers = await asyncio.gather(*(create(n) for n in range(100)))
    statuses = [a.status_code for a in answers]
    assert statuses.count(200) == 100, {s: statuses.count(s) for s in set(statuses)}
    texts = {a.json()["content"] for a in answers}
    assert len(texts) == 100  # each answer is the status it created, not another


async def test_concurrent_creates_cannot_pass_the_hourly_limit_together(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    """Given one resident, when 40 creates arrive at once, then exactly the limit (30) are
    made and the rest answer 429: the count and the insert are one transaction."""
    await add_member(hood, "anna")
    token = bearer(await token_for(client, hood, "anna"))

    async def create(n: int) -> httpx.Response:
        return await client.post("/api/v1/statuses", data={"status": f"Bericht {n}"}, headers=token)

    answers = await asyncio.gather(*(create(n) for n in range(PER_HOUR + 10)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * PER_HOUR + [429] * 10
    assert len(await hood.posts.recent(None, limit=100)) == PER_HOUR

"""Followed nodes' content in the Mastodon API: the home timeline (and the federated public
one) shows a followed node's initiatives as statuses of a group account elsewhere, in the
same id space as ours, so apps page through both alike."""

from __future__ import annotations

from typing import Any

import httpx

from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, start_initiative
from tests.web.mastodon.helpers import bearer, token_for


async def _get(client: httpx.AsyncClient, token: str, path: str) -> httpx.Response:
    response = await client.get(path, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response


async def test_home_shows_a_followed_node_s_initiative_between_our_posts(
    network: Network,
) -> None:
    """Given Noord follows Zuid, when Zuid starts an initiative between two posts on Noord,
    then Noord's home timeline shows it as Zuid's group account with a card to its page,
    and paging one by one walks through all three in order."""
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "noord", "zuid")
    anna = await member(noord, "anna")
    await noord.fed.hood.posts.write(anna, "Eerste bericht")
    remote_id = await start_initiative(zuid, await member(zuid, "bert"), "Bankje bij de vijver")
    await network.settle()
    await noord.fed.hood.posts.write(anna, "Tweede bericht")

    async with noord.client() as client:
        token = await token_for(client, noord.fed.hood, "anna")
        home = (await _get(client, token, "/api/v1/timelines/home")).json()
        [theirs] = [
            s for s in home if s["account"]["group"] and s["account"]["id"] != "999999999999"
        ]
        assert [s["content"].strip() for s in home if s is not theirs] == [
            "<p>Tweede bericht</p>",
            "<p>Eerste bericht</p>",
        ]
        assert home.index(theirs) == 1
        assert theirs["uri"] == zuid.fed.ids.object("initiative", remote_id)
        assert theirs["account"]["acct"] == zuid.handle
        assert theirs["account"]["url"] == zuid.fed.ids.actor
        assert "Bankje bij de vijver" in theirs["content"]
        assert (
            theirs["card"]["url"]
            == theirs["url"]
            == f"{zuid.settings.url}/initiatieven/{remote_id}"
        )

        walked: list[dict[str, Any]] = []
        path = "/api/v1/timelines/home?limit=1"
        while True:
            response = await _get(client, token, path)
            if not response.json():
                break
            walked += response.json()
            path = response.links["next"]["url"]
        assert [s["id"] for s in walked] == [s["id"] for s in home]
        newer = await _get(client, token, f"/api/v1/timelines/home?min_id={home[2]['id']}")
        assert [s["id"] for s in newer.json()] == [home[0]["id"], home[1]["id"]]

        shown = await _get(client, token, f"/api/v1/statuses/{theirs['id']}")
        assert shown.json()["uri"] == theirs["uri"]
        local = (await _get(client, token, "/api/v1/timelines/public?local=true")).json()
        federated = (await _get(client, token, "/api/v1/timelines/public")).json()
        remote = (await _get(client, token, "/api/v1/timelines/public?remote=true")).json()
        assert theirs["id"] not in [s["id"] for s in local]
        assert [s["id"] for s in federated] == [s["id"] for s in home]
        assert [s["id"] for s in remote] == [theirs["id"]]


async def test_a_favourite_of_a_followed_node_s_initiative_supports_it_there(
    network: Network,
) -> None:
    noord, zuid = network["noord"], network["zuid"]
    await follow(network, "noord", "zuid")
    await member(noord, "anna")
    remote_id = await start_initiative(zuid, await member(zuid, "bert"))
    await network.settle()
    async with noord.client() as client:
        token = await token_for(client, noord.fed.hood, "anna")
        [theirs] = (await _get(client, token, "/api/v1/timelines/home")).json()
        liked = await client.post(
            f"/api/v1/statuses/{theirs['id']}/favourite", headers=bearer(token)
        )
        assert liked.json()["favourited"] is True and liked.json()["favourites_count"] == 1
        await network.settle()
        assert (await zuid.fed.hood.initiatives.page(remote_id)).supports == 1
        shared = await client.post(f"/api/v1/statuses/{theirs['id']}/reblog", headers=bearer(token))
        assert shared.status_code == 422 and "error" in shared.json()

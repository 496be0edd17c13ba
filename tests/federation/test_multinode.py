"""Three real `buurtnode serve` processes on loopback sockets federate with each other."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    actor,
    eventually,
    follow,
    handle,
    logged_in,
    make_node,
    no_tracebacks,
    query,
)

pytestmark = pytest.mark.multinode
NODES = (("Beekveld-Noord", "wijk"), ("Beekveld-Zuid", "wijk"), ("Gemeente Beekveld", "gemeente"))


@pytest.fixture
def three_nodes(tmp_path: Path) -> Iterator[dict[str, RunningNode]]:
    nodes: dict[str, RunningNode] = {}
    try:
        for name, kind in NODES:
            nodes[name] = make_node(tmp_path / name.replace(" ", ""), name=name, kind=kind)
        yield nodes
    finally:
        for node in nodes.values():
            node.stop()


def _rows(node: RunningNode, table: str) -> list[tuple[str, str]]:
    return query(node, f"SELECT actor_uri, state FROM {table} ORDER BY actor_uri")


async def _story(noord: RunningNode, zuid: RunningNode, gemeente: RunningNode) -> None:
    noord_handle = handle(noord)
    assert noord_handle.startswith("beekveldnoord@127.0.0.1:")
    for follower in (gemeente, zuid):
        http = await logged_in(follower, "beheer")
        try:
            await follow(http, noord_handle)
        finally:
            await http.aclose()
    for follower in (gemeente, zuid):
        await eventually(
            lambda f=follower: _rows(f, "federation_following") == [(actor(noord), "accepted")],
            f"{follower.settings.name} gets Noord's Accept",
        )
    expected = sorted([(actor(zuid), "accepted"), (actor(gemeente), "accepted")])
    await eventually(lambda: _rows(noord, "federation_followers") == expected, "Noord lists both")
    ap = {"Accept": "application/activity+json"}
    async with httpx.AsyncClient() as http:
        followers = (await http.get(f"{noord.url}/ap/followers", headers=ap)).json()
        following = (await http.get(f"{gemeente.url}/ap/following", headers=ap)).json()
    assert followers["totalItems"] == 2 and following["totalItems"] == 1
    assert _rows(noord, "federation_following") == []


def test_the_municipality_and_a_neighbour_follow_a_node_by_handle(
    three_nodes: dict[str, RunningNode],
) -> None:
    """Given three nodes on real sockets, when the municipality and Zuid follow Noord by
    handle, then both get Noord's Accept and the lists on every side agree."""
    asyncio.run(_story(*three_nodes.values()))
    no_tracebacks(*three_nodes.values())

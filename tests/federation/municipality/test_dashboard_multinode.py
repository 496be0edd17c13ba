"""The gemeente dashboard over real sockets: two wijken each start an initiative, then the
gemeente node follows both; backfill brings what they published before, and /gemeente lists
the initiatives of both with their open needs."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    eventually,
    follow,
    handle,
    initiative_form,
    logged_in,
    make_node,
    no_tracebacks,
    submit,
)

pytestmark = pytest.mark.multinode
DEADLINE = 60.0
NODES = [
    ("Gemeente Beekveld", "gemeente", ""),
    ("Beekveld-Noord", "wijk", "Moestuin op het plein"),
    ("Beekveld-Zuid", "wijk", "Speeltuin opknappen"),
]


@pytest.fixture
def three_nodes(tmp_path: Path) -> Iterator[list[RunningNode]]:
    nodes: list[RunningNode] = []
    try:
        for name, kind, _ in NODES:
            nodes.append(make_node(tmp_path / name, name=name, kind=kind))
        yield nodes
    finally:
        for node in nodes:
            node.stop()


async def _story(gemeente: RunningNode, wijken: list[RunningNode]) -> None:
    at_gemeente = await logged_in(gemeente, "beheer")
    try:
        for wijk, (_, _, title) in zip(wijken, NODES[1:], strict=True):
            at_wijk = await logged_in(wijk, "beheer")
            try:
                await submit(
                    at_wijk, "/initiatieven/nieuw", "/initiatieven/nieuw", initiative_form(title)
                )
            finally:
                await at_wijk.aclose()
        for wijk in wijken:
            await follow(at_gemeente, handle(wijk))
        titles = [title for _, _, title in NODES[1:]]

        async def listed() -> bool:
            page = (await at_gemeente.get("/gemeente")).text
            return all(title in page for title in titles)

        await eventually(listed, f"/gemeente lists {titles}", within=DEADLINE)
        page = (await at_gemeente.get("/gemeente")).text
        assert "Beekveld-Noord" in page and "Beekveld-Zuid" in page and "Helpen spitten" in page
        filtered = (await at_gemeente.get("/gemeente", params={"behoefte": "money"})).text
        assert not any(title in filtered for title in titles)
    finally:
        await at_gemeente.aclose()


def test_the_gemeente_dashboard_lists_initiatives_of_every_followed_node(
    three_nodes: list[RunningNode],
) -> None:
    gemeente, *wijken = three_nodes
    asyncio.run(_story(gemeente, wijken))
    no_tracebacks(*three_nodes)

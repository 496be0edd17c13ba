"""The gemeente dashboard over real sockets: two wijken each start an initiative, then the
gemeente node follows both; backfill brings what they published before, and /gemeente lists
the initiatives of both with their open needs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from node.app import init_node
from tests.conftest import RunningNode, free_port, start_node
from tests.federation.real_nodes import logged_in, submit
from tests.federation.test_content_multinode import _initiative
from tests.federation.test_multinode import _add_admin

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
            port = free_port()
            data = tmp_path / name
            init_node(data, url=f"http://127.0.0.1:{port}", name=name, kind=kind, dev=True)
            asyncio.run(_add_admin(data))
            nodes.append(start_node(data, port))
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
                    at_wijk, "/initiatieven/nieuw", "/initiatieven/nieuw", _initiative(title)
                )
            finally:
                await at_wijk.aclose()
        for wijk in wijken:
            handle = f"{wijk.settings.handle}@{wijk.settings.host}"
            await submit(
                at_gemeente, "/beheer/federatie/volgen", "/beheer/federatie", {"address": handle}
            )
        deadline = time.monotonic() + DEADLINE
        titles = [title for _, _, title in NODES[1:]]
        while True:
            page = (await at_gemeente.get("/gemeente")).text
            if all(title in page for title in titles):
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"not within {DEADLINE}s on /gemeente: {titles}")
            await asyncio.sleep(0.2)
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
    for node in three_nodes:
        assert "Traceback" not in node.log_path.read_text()

"""Content between two real `buurtnode serve` processes on loopback sockets: an initiative
of Noord shows on Zuid's In de buurt, a resident of Zuid reacts from there, and Noord's
edit and hide reach Zuid."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    accepted,
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
TITLE, NEW_TITLE = "Moestuin op het plein", "Moestuin aan de Beek"


@pytest.fixture
def two_nodes(tmp_path: Path) -> Iterator[tuple[RunningNode, RunningNode]]:
    nodes: list[RunningNode] = []
    try:
        for name in ("Beekveld-Noord", "Beekveld-Zuid"):
            nodes.append(make_node(tmp_path / name, name=name))
        yield nodes[0], nodes[1]
    finally:
        for node in nodes:
            node.stop()


async def _story(noord: RunningNode, zuid: RunningNode) -> None:
    at_noord, at_zuid = await logged_in(noord, "beheer"), await logged_in(zuid, "beheer")
    try:
        await follow(at_zuid, handle(noord))

        async def nearby_has(text: str) -> bool:
            return text in (await at_zuid.get("/in-de-buurt")).text

        # Wait for the Accept, so the initiative is published to Zuid as a follower.
        await eventually(lambda: accepted(zuid, noord), "Zuid's Follow of Noord is accepted")
        page = await submit(
            at_noord, "/initiatieven/nieuw", "/initiatieven/nieuw", initiative_form(TITLE)
        )
        initiative_path = httpx.URL(page).path
        await eventually(lambda: nearby_has(TITLE), "Noord's initiative shows on Zuid")

        listing = (await at_zuid.get("/in-de-buurt")).text
        detail = listing.split('href="/in-de-buurt/', 1)[1].split('"', 1)[0]
        item = f"/in-de-buurt/{detail}"
        await submit(at_zuid, f"{item}/reacties", item, {"body": "Ik help graag mee!"})

        async def reaction_arrived() -> bool:
            return "Ik help graag mee!" in (await at_noord.get(initiative_path)).text

        await eventually(reaction_arrived, "Zuid's reaction shows on Noord's initiative")

        edit = f"{initiative_path}/bewerken"
        await submit(
            at_noord,
            edit,
            edit,
            {
                **initiative_form(NEW_TITLE),
                "need_0_kind": "",
                "need_0_text": "",
                "need_0_amount": "",
            },
        )
        await eventually(lambda: nearby_has(NEW_TITLE), "the new title reaches Zuid")

        initiative_id = initiative_path.rsplit("/", 1)[1]
        await submit(
            at_noord,
            "/beheer/meldingen",
            "/beheer/meldingen",
            {"type": "initiative", "id": initiative_id, "decision": "hide", "reason": "Dubbel"},
        )

        async def gone() -> bool:
            return not await nearby_has(NEW_TITLE)

        await eventually(gone, "the hidden initiative disappears from Zuid")
    finally:
        await at_noord.aclose()
        await at_zuid.aclose()


def test_content_travels_between_two_real_nodes(
    two_nodes: tuple[RunningNode, RunningNode],
) -> None:
    noord, zuid = two_nodes
    asyncio.run(_story(noord, zuid))
    no_tracebacks(*two_nodes)

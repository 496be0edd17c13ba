"""Real `buurtnode serve` processes: the gemeente's contact person, assigned to Noord,
answers a Noord resident's question from her own node, and Noord's response times show it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    ADMIN,
    Person,
    actor,
    eventually,
    follow_each_other,
    logged_in,
    make_node,
    no_tracebacks,
    query,
    submit,
)

pytestmark = pytest.mark.multinode
MARIEKE = Person("marieke", "contact", "Marieke Jansen")
FATIMA = Person("fatima", "resident", "Fatima El Amrani")


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[RunningNode, RunningNode]]:
    started: list[RunningNode] = []
    try:
        started.append(
            make_node(
                tmp_path / "gemeente",
                name="Gemeente Beekveld",
                kind="gemeente",
                people=(ADMIN, MARIEKE),
            )
        )
        started.append(make_node(tmp_path / "noord", people=(ADMIN, FATIMA)))
        yield started[0], started[1]
    finally:
        for node in started:
            node.stop()


def test_a_question_from_noord_is_answered_from_the_gemeente(
    nodes: tuple[RunningNode, RunningNode],
) -> None:
    asyncio.run(_story(*nodes))
    no_tracebacks(*nodes)


async def _story(gemeente: RunningNode, noord: RunningNode) -> None:
    await follow_each_other(gemeente, [noord])
    [(marieke_id,)] = query(gemeente, "SELECT id FROM members WHERE username = 'marieke'")

    # Given the gemeente's admin assigns Marieke to Noord, Noord shows her.
    admin = await logged_in(gemeente, "beheer")
    await submit(
        admin,
        "/gemeente/aanspreekpunten",
        "/gemeente/aanspreekpunten",
        {"node": actor(noord), "contact": str(marieke_id), "standin": ""},
    )
    await admin.aclose()
    fatima = await logged_in(noord, "fatima")
    await eventually(
        lambda: "Marieke Jansen" in query_page(noord, "/contact"), "Noord shows Marieke"
    )
    before = (await fatima.get("/reactietijden")).text
    assert "Nog geen vraag beantwoord" in before

    # When Fatima asks, the question lands in Marieke's queue on the gemeente.
    await submit(
        fatima, "/contact", "/contact", {"subject": "Losse stoeptegel", "body": "Bij de bakker."}
    )
    marieke = await logged_in(gemeente, "marieke")

    async def in_queue() -> bool:
        return "Losse stoeptegel" in (await marieke.get("/gemeente/werk?mijn=1")).text

    await eventually(in_queue, "the question reaches Marieke's queue")
    queue = (await marieke.get("/gemeente/werk")).text
    found = re.search(r'href="/gemeente/werk/vragen/(\d+)">Losse stoeptegel<', queue)
    assert found and '<span class="tag">Wacht</span>' in queue
    path = f"/gemeente/werk/vragen/{found.group(1)}"
    await submit(marieke, f"{path}/antwoord", path, {"answer": "We leggen hem donderdag."})

    # Then Fatima reads the answer on Noord, the queue says answered, the median is there.
    async def answered() -> bool:
        return "We leggen hem donderdag." in (await fatima.get("/account/vragen")).text

    await eventually(answered, "the answer reaches Fatima on Noord")
    assert '<span class="tag">Beantwoord</span>' in (await marieke.get("/gemeente/werk")).text
    after = (await fatima.get("/reactietijden")).text
    assert "1 vraag beantwoord" in after and "dagen (mediaan)" in after
    assert "Nog geen vraag beantwoord" not in after
    notices = (await fatima.get("/meldingen")).text
    assert "Losse stoeptegel" in notices
    await fatima.aclose()
    await marieke.aclose()


def query_page(node: RunningNode, path: str) -> str:
    return httpx.get(f"{node.url}{path}", timeout=30).text

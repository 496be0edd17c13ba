"""Per-buurt results of a process the gemeente runs for three wijken: every answer counts
for the wijk of the resident who gave it; answers given on the gemeente's own node (by its
own members, or on paper at the gemeentehuis) are shown apart, labelled as such."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest

from node.app import create_app, init_node
from node.community.participation.model import Answer
from node.config import load
from tests.conftest import MovableClock, login
from tests.federation.conftest import FakeNetwork, Network, Node
from tests.federation.helpers import member
from tests.federation.participation.support import connect, copy_on, open_for, option_ids


@pytest.fixture(scope="module")
def oost(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("federation") / "oost"
    init_node(folder, url="http://127.0.0.1:8104", name="Beekveld-Oost", kind="wijk", dev=True)
    return folder


@pytest.fixture
async def four_nodes(
    tmp_path: Path, node_templates: dict[str, Path], oost: Path
) -> AsyncIterator[Network]:
    """The usual fake network (noord, zuid, gemeente) and a third wijk, Oost."""
    folders = {**node_templates, "oost": oost}
    transport, clock = FakeNetwork(), MovableClock(datetime(2025, 5, 1, 12, 0, tzinfo=UTC))
    nodes = {}
    async with AsyncExitStack() as stack:
        for name, template in folders.items():
            shutil.copytree(template, tmp_path / name)
            settings = load(tmp_path / name)
            app = create_app(settings, clock, http_transport=transport)
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport.apps[settings.host] = app
            nodes[name] = Node(app, settings)
        yield Network(transport, clock, nodes)


async def poll(network: Network, wijk: str, username: str, label: str) -> None:
    node = network[wijk]
    copy = await copy_on(node)
    who = await member(node, username)
    choice = (await option_ids(node, copy.id))[label]
    await node.fed.hood.processes.input.respond(who, copy.id, "poll", Answer(choices=[choice]))


async def test_every_answer_counts_for_the_wijk_of_who_gave_it(four_nodes: Network) -> None:
    network, gemeente = four_nodes, four_nodes["gemeente"]
    await connect(network, "noord", "zuid", "oost")
    process_id = await open_for(network, ("noord", "zuid", "oost"))
    await poll(network, "noord", "anna", "Meer groen")
    await poll(network, "noord", "bram", "Meer groen")
    await poll(network, "zuid", "kees", "Een speelplek")
    await poll(network, "oost", "olga", "Meer parkeerplaatsen")
    noord = network["noord"]
    anna = await noord.fed.hood.members.by_username("anna")
    copy = await copy_on(noord)
    await noord.fed.hood.processes.input.respond(anna, copy.id, "open", Answer("Bankjes"))
    # On the gemeente's own node: one of its members online, one answer on paper.
    processes = gemeente.fed.hood.processes
    ids = await option_ids(gemeente, process_id)
    sanne = await member(gemeente, "sanne")
    await processes.input.respond(sanne, process_id, "poll", Answer(choices=[ids["Meer groen"]]))
    contact = await gemeente.fed.hood.members.by_username("contact")
    assert contact is not None
    await processes.input.enter_paper(
        contact, process_id, "poll", Answer(choices=[ids["Een speelplek"]])
    )
    await network.settle()

    page = await processes.page(process_id, contact)
    cells = {
        (group.name, group.own): [
            (r.form.kind.value, r.respondents, {c.option.label: c.count for c in r.counts})
            for r in group.results
        ]
        for group in page.by_node
    }
    none = {"Meer groen": 0, "Meer parkeerplaatsen": 0, "Een speelplek": 0}
    assert cells == {
        ("Beekveld-Noord", False): [
            ("poll", 2, {**none, "Meer groen": 2}),
            ("arguments", 0, {}),
            ("open", 1, {}),
        ],
        ("Beekveld-Zuid", False): [
            ("poll", 1, {**none, "Een speelplek": 1}),
            ("arguments", 0, {}),
            ("open", 0, {}),
        ],
        ("Beekveld-Oost", False): [
            ("poll", 1, {**none, "Meer parkeerplaatsen": 1}),
            ("arguments", 0, {}),
            ("open", 0, {}),
        ],
        ("Gemeente Beekveld", True): [
            ("poll", 2, {**none, "Meer groen": 1, "Een speelplek": 1}),
            ("arguments", 0, {}),
            ("open", 0, {}),
        ],
    }
    # The participating wijken first, in the order the process names them; the gemeente's
    # own answers last and apart. The totals are the sum of the rows.
    assert [g.name for g in page.by_node][-1] == "Gemeente Beekveld"
    assert [r.respondents for r in page.results] == [6, 0, 1]

    async with gemeente.client() as http:
        await login(http, "contact")
        html = (await http.get(f"/inspraak/{process_id}")).text
    table = html.split('id="per-node"', 1)[1].split("</table>", 1)[0]
    assert "Gegeven op de node van Gemeente Beekveld zelf (geen deelnemende wijk)" in table
    assert table.index("Beekveld-Oost") < table.index("geen deelnemende wijk")

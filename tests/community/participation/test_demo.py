"""The demo's sample processes load on every node with the rules intact."""

import pytest

from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.community.participation.model import Phase
from node.demo.people import NODES, PEOPLE, node_url
from node.demo.processes import seed
from tests.conftest import add_member


@pytest.mark.parametrize("spec", NODES, ids=[n.slug for n in NODES])
async def test_the_demo_fills_the_processes_of_each_node(hood: Neighbourhood, spec) -> None:  # type: ignore[no-untyped-def]
    url = node_url(8701, spec.slug)
    node = Neighbourhood(hood.db, system_clock, NodeIdentity(spec.name, spec.kind, url))
    people = {
        p.username: await add_member(node, p.username, p.role, p.display_name)
        for p in PEOPLE[spec.slug]
    }
    await seed(node, spec, people)
    today = node.processes.today()
    found = {p.title: (p.phase(today), p.days_late(today)) for p in await node.processes.all()}
    expected = {
        "gemeente": {
            "Herinrichting Wilhelminaplein": (Phase.INPUT, 0),
            "Bloemrijke bermen in Oosterbroek en Lindewijk": (Phase.CLOSED, 0),
        },
        "noord": {"Speeltuin De Horst: wat komt erin?": (Phase.CLOSED, 0)},
        "oosterbroek": {"Veilig over de Dorpsstraat": (Phase.DECISION, 12)},
    }
    assert found == expected.get(spec.slug, {})
    if spec.slug == "gemeente":  # the processes for other nodes count each node apart
        nodes = {p.title: await node.processes.nodes(p.id) for p in await node.processes.all()}
        assert [n.name for n in nodes["Herinrichting Wilhelminaplein"]] == [
            "Beekveld-Noord",
            "Oosterbroek",
            "Lindewijk",
        ]
        [closed] = [p for p in await node.processes.all() if p.closed_at]
        page = await node.processes.page(closed.id, None)
        assert page.report is not None
        by_node = {n.name: [r.respondents for r in n.results] for n in page.by_node}
        assert by_node == {"Gemeente Beekveld": [1, 0], "Oosterbroek": [2, 1], "Lindewijk": [2, 2]}

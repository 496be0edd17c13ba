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


async def test_the_demo_counts_each_answer_for_the_wijk_it_came_from(hood: Neighbourhood) -> None:
    """Issue 13: the open process showed all its answers under the gemeente; the wijken's
    residents answer on their own node, only paper handed in at the gemeentehuis is its own."""
    [spec] = [n for n in NODES if n.slug == "gemeente"]
    node = Neighbourhood(
        hood.db, system_clock, NodeIdentity(spec.name, spec.kind, node_url(8701, spec.slug))
    )
    people = {
        p.username: await add_member(node, p.username, p.role, p.display_name)
        for p in PEOPLE[spec.slug]
    }
    await seed(node, spec, people)
    [open_one] = [p for p in await node.processes.all() if not p.closed_at]
    page = await node.processes.page(open_one.id, people["contact"])
    cells = {
        (g.name, g.own): {r.form.kind.value: r.respondents for r in g.results} for g in page.by_node
    }
    assert cells == {
        ("Beekveld-Noord", False): {"open": 0, "poll": 2, "ranking": 2, "arguments": 1},
        ("Oosterbroek", False): {"open": 0, "poll": 1, "ranking": 0, "arguments": 1},
        ("Lindewijk", False): {"open": 1, "poll": 1, "ranking": 0, "arguments": 0},
        ("Gemeente Beekveld", True): {"open": 1, "poll": 1, "ranking": 0, "arguments": 0},
    }
    poll = [f.kind.value for f in page.forms].index("poll")
    polls = {g.name: [c.count for c in g.results[poll].counts] for g in page.by_node}
    assert polls == {
        "Beekveld-Noord": [1, 0, 1],
        "Oosterbroek": [0, 1, 0],
        "Lindewijk": [1, 0, 0],
        "Gemeente Beekveld": [0, 1, 0],
    }

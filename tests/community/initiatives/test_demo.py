"""The demo's sample initiatives load on every demo node without breaking a rule."""

import pytest

from node.community.neighbourhood import Neighbourhood
from node.demo.initiatives import seed
from node.demo.people import NODES, PEOPLE
from tests.conftest import add_member


@pytest.mark.parametrize("spec", NODES, ids=[n.slug for n in NODES])
async def test_the_demo_fills_the_initiatives_of_each_node(hood: Neighbourhood, spec) -> None:  # type: ignore[no-untyped-def]
    people = {
        p.username: await add_member(hood, p.username, p.role, p.display_name)
        for p in PEOPLE[spec.slug]
    }
    await seed(hood, spec, people)
    found = await hood.initiatives.public()
    assert found
    assert all(i.title and i.summary for i in found)

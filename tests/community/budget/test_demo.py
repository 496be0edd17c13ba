"""The demo's budget rounds and books load through the domain, signed and intact."""

import pytest

from node.community.budget.model import Phase
from node.community.neighbourhood import Neighbourhood
from node.demo.initiatives import seed as seed_initiatives
from node.demo.people import NODES, PEOPLE
from node.demo.zz_budget import seed
from tests.conftest import add_member

SPECS = {n.slug: n for n in NODES}


@pytest.mark.parametrize("slug", ["oosterbroek", "noord"])
async def test_the_demo_fills_a_budget_round_with_intact_books(
    hood: Neighbourhood, slug: str
) -> None:
    spec = SPECS[slug]
    people = {
        p.username: await add_member(hood, p.username, p.role, p.display_name) for p in PEOPLE[slug]
    }
    await seed_initiatives(hood, spec, people)

    await seed(hood, spec, people)

    (budget_round,) = await hood.budget.rounds()
    phase = hood.budget.phase(budget_round)
    assert await hood.budget.ledger.check() is None
    if slug == "oosterbroek":
        assert phase is Phase.SPENDING
        results = await hood.budget.results(budget_round.id)
        assert results.voters == 3 and len(results.tally.winners) == 2
        books = await hood.budget.ledger.books(budget_round.id)
        assert books.income == 500_000 and books.spent == 124_000 - 3_600 + 38_560
        assert any(e.kind.value == "correction" for e in books.entries)
    else:
        assert phase is Phase.VOTING
        assert await hood.budget.ledger.entries() == []

# ruff: noqa: F811  (pytest fixtures imported from tests/budget_support.py)
"""A whole wijkbudget round through the domain: proposals, review, secret votes, result, books.

The expected results are worked out by hand in the docstrings, for both voting methods.
"""

from __future__ import annotations

import pytest

from node.community.budget.tally import Outcome
from node.community.errors import Invalid, NotAllowed
from node.community.ledger.model import EntryDraft
from node.community.neighbourhood import Neighbourhood
from tests.budget_support import (  # noqa: F401  (fixtures)
    IN_RESULTS,
    IN_REVIEW,
    IN_VOTING,
    clock,
    open_round,
)
from tests.conftest import MovableClock, add_member

EUR = 100


async def people(hood: Neighbourhood) -> dict[str, object]:
    found: dict[str, object] = {
        "admin": await add_member(hood, "beheer", "admin"),
        "contact": await add_member(hood, "contact", "contact"),
        "verbinder": await add_member(hood, "verbinder", "buurtverbinder"),
    }
    for name in ("anna", "bert", "cor", "dirk", "eva"):
        found[name] = await add_member(hood, name)
    return found


async def propose_all(hood: Neighbourhood, round_id: int, by: object, plans: list[tuple[str, int]]):
    ids = []
    for title, euros in plans:
        ids.append(
            await hood.budget.propose(
                by, round_id, title, f"{title}: een plan voor de buurt.", str(euros)
            )
        )
    return ids


async def test_given_an_approval_round_when_residents_vote_then_the_tally_matches_the_hand_count(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    """Budget € 1.000. Votes: P3 4, P1 3, P4 3, P2 2, P6 1 (P5 is not feasible).
    Ranking: P3; then P1 and P4 tie at 3 -> the cheaper P4 first; then P1, P2, P6.
    Greedy: P3 600 (400 left), P4 200 (200 left), P1 400 does not fit, P2 300 does not fit,
    P6 100 fits (100 left). Anna first voted for P6 only, then changed: counted once."""
    p = await people(moving_hood)
    round_id = await open_round(moving_hood, p["admin"])
    ids = await propose_all(
        moving_hood,
        round_id,
        p["anna"],
        [
            ("Bankjes", 400),
            ("Moestuin", 300),
            ("Speeltoestel", 600),
            ("Buurtfeest", 200),
            ("Bloembakken", 150),
            ("Kunstwerk", 100),
        ],
    )
    p1, p2, p3, p4, p5, p6 = ids
    clock.now = IN_REVIEW
    for proposal_id in (p1, p2, p3, p4, p6):
        await moving_hood.budget.review(p["verbinder"], proposal_id, True, "")
    await moving_hood.budget.review(
        p["contact"], p5, False, "Bloembakken op de stoep mogen hier niet."
    )
    clock.now = IN_VOTING
    votes = {
        "anna": [p1, p2, p3],
        "bert": [p1, p3],
        "cor": [p2, p3, p4],
        "dirk": [p1, p4, p6],
        "eva": [p3, p4],
    }
    await moving_hood.budget.vote(p["anna"], round_id, [str(p6)])
    for name, choice in votes.items():
        await moving_hood.budget.vote(p[name], round_id, [str(c) for c in choice])
    assert await moving_hood.budget.ballots.own_choices(p["anna"], round_id) == [p1, p2, p3]
    clock.now = IN_RESULTS

    results = await moving_hood.budget.results(round_id)

    lines = [(line.proposal_id, line.votes, line.outcome) for line in results.tally.lines]
    assert lines == [
        (p3, 4, Outcome.WON),
        (p4, 3, Outcome.WON),
        (p1, 3, Outcome.OVER_BUDGET),
        (p2, 2, Outcome.OVER_BUDGET),
        (p6, 1, Outcome.WON),
    ]
    assert results.tally.ballots == 5
    assert results.tally.left == 100 * EUR
    assert (results.voters, results.eligible) == (5, 6)  # five residents and the buurtverbinder
    assert p5 not in results.proposals


async def test_given_a_knapsack_round_when_residents_vote_then_the_tally_matches_the_hand_count(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    """Budget € 1.000. K3 3 votes; K1, K2, K4, K5 2 each -> by amount: K4 250, K2 400, K1 500,
    K5 700. Greedy: K3 300 (700 left), K4 250 (450 left), K2 400 (50 left); K1, K5 skipped."""
    p = await people(moving_hood)
    round_id = await open_round(moving_hood, p["contact"], method="knapsack")
    k1, k2, k3, k4, k5 = await propose_all(
        moving_hood,
        round_id,
        p["bert"],
        [
            ("Jeu de boules", 500),
            ("Buurtbieb", 400),
            ("AED", 300),
            ("Zitbank", 250),
            ("Speelplek", 700),
        ],
    )
    clock.now = IN_REVIEW
    for proposal_id in (k1, k2, k3, k4, k5):
        await moving_hood.budget.review(p["contact"], proposal_id, True, "")
    clock.now = IN_VOTING
    with pytest.raises(Invalid, match="more than the budget of €\xa01.000,00"):
        await moving_hood.budget.vote(p["anna"], round_id, [str(k1), str(k5)])  # € 1.200
    ballots = {
        "anna": [k1, k2],
        "bert": [k1, k3],
        "cor": [k2, k3, k4],
        "dirk": [k5, k4],
        "eva": [k5, k3],  # exactly € 1.000: allowed
    }
    for name, choice in ballots.items():
        await moving_hood.budget.vote(p[name], round_id, [str(c) for c in choice])
    clock.now = IN_RESULTS

    results = await moving_hood.budget.results(round_id)

    assert results.tally.winners == [k3, k4, k2]
    assert [line.proposal_id for line in results.tally.lines] == [k3, k4, k2, k1, k5]
    assert results.tally.left == 50 * EUR


async def test_given_a_closed_or_unopened_vote_when_someone_votes_then_it_is_refused(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    p = await people(moving_hood)
    round_id = await open_round(moving_hood, p["admin"])
    (plan,) = await propose_all(moving_hood, round_id, p["anna"], [("Bankjes", 400)])
    clock.now = IN_REVIEW
    await moving_hood.budget.review(p["verbinder"], plan, True, "")
    with pytest.raises(Invalid, match="not started"):
        await moving_hood.budget.vote(p["anna"], round_id, [str(plan)])
    clock.now = IN_RESULTS
    with pytest.raises(Invalid, match="closed"):
        await moving_hood.budget.vote(p["anna"], round_id, [str(plan)])
    clock.now = IN_VOTING
    for outsider in ("contact", "admin"):
        with pytest.raises(NotAllowed):
            await moving_hood.budget.vote(p[outsider], round_id, [str(plan)])
    clock.now = IN_RESULTS
    assert (await moving_hood.budget.results(round_id)).tally.ballots == 0


async def test_given_ballots_when_the_database_is_read_then_no_ballot_names_its_voter(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    p = await people(moving_hood)
    round_id = await open_round(moving_hood, p["admin"])
    (plan,) = await propose_all(moving_hood, round_id, p["anna"], [("Bankjes", 400)])
    clock.now = IN_REVIEW
    await moving_hood.budget.review(p["verbinder"], plan, True, "")
    clock.now = IN_VOTING
    await moving_hood.budget.vote(p["anna"], round_id, [str(plan)])

    ballot_columns = await moving_hood.db.fetch_all("PRAGMA table_info(budget_ballots)")
    voter_columns = await moving_hood.db.fetch_all("PRAGMA table_info(budget_voters)")

    assert [c["name"] for c in ballot_columns] == ["id", "key", "public_id", "round_id", "choices"]
    assert [c["name"] for c in voter_columns] == ["id", "round_id", "member_id"]
    # Without the node's secret the ballot cannot be found back from the voter.
    assert await moving_hood.budget.ballots.own_choices(p["anna"], round_id) == [plan]
    moving_hood.budget.ballots.secret = b"someone else's guess"
    assert await moving_hood.budget.ballots.own_choices(p["anna"], round_id) == []


async def test_given_a_refused_proposal_when_reviewed_without_reason_then_it_is_refused(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    p = await people(moving_hood)
    round_id = await open_round(moving_hood, p["admin"])
    (plan,) = await propose_all(moving_hood, round_id, p["anna"], [("Bankjes", 400)])
    with pytest.raises(Invalid, match="why"):
        await moving_hood.budget.review(p["contact"], plan, False, "")
    with pytest.raises(NotAllowed):
        await moving_hood.budget.review(p["bert"], plan, True, "")
    clock.now = IN_VOTING
    with pytest.raises(Invalid, match="Voting has started"):
        await moving_hood.budget.review(p["contact"], plan, True, "")


async def test_given_a_finished_round_when_the_books_are_kept_then_balances_add_up(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    p = await people(moving_hood)
    round_id = await open_round(moving_hood, p["admin"])
    (plan,) = await propose_all(moving_hood, round_id, p["anna"], [("Bankjes", 400)])
    admin, rid = p["admin"], str(round_id)
    ledger = moving_hood.budget.ledger
    await ledger.record(
        admin, EntryDraft("income", rid, "2026-03-01", "Subsidie", "1000", "municipality")
    )
    await ledger.record(
        admin,
        EntryDraft("allocation", rid, "2026-04-16", "Voor bankjes", "400", proposal_id=str(plan)),
    )
    expense = await ledger.record(
        admin,
        EntryDraft("expense", rid, "2026-05-02", "Hout", "120", "business", proposal_id=str(plan)),
    )
    await ledger.record(
        admin,
        EntryDraft(
            "correction", rid, "2026-05-03", "Bon was € 102", "-18", corrects=str(expense.number)
        ),
    )

    books = await ledger.books(round_id)

    assert (books.income, books.allocated, books.spent) == (1000 * EUR, 400 * EUR, 102 * EUR)
    assert books.balance == 898 * EUR
    assert books.projects["Bankjes"].spent == 102 * EUR
    assert await ledger.check() is None

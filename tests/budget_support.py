"""Helpers for the wijkbudget and wijkboekhouding tests: the phases of a test round, and
`clock`, set in its proposal phase (the node on it: `moving_app` in tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from node.community.accounts.members import Member
from node.community.budget.model import RoundDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import MovableClock

# Phases of the test rounds (local dates): each starts at midnight in the Netherlands.
DATES = {
    "proposals_from": "2026-03-01",
    "review_from": "2026-03-15",
    "voting_from": "2026-04-01",
    "results_from": "2026-04-15",
    "spending_from": "2026-05-01",
}
IN_PROPOSALS = datetime(2026, 3, 5, 12, tzinfo=UTC)
IN_REVIEW = datetime(2026, 3, 20, 12, tzinfo=UTC)
IN_VOTING = datetime(2026, 4, 5, 12, tzinfo=UTC)
IN_RESULTS = datetime(2026, 4, 20, 12, tzinfo=UTC)
IN_SPENDING = datetime(2026, 5, 10, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(IN_PROPOSALS)


def round_draft(**overrides: str) -> RoundDraft:
    values = {
        "name": "Wijkbudget 2026",
        "total": "1.000",
        "method": "approval",
        "participation_level": "codecide",
        "description": "Geld van de gemeente voor plannen van bewoners.",
        **DATES,
    }
    values.update(overrides)
    return RoundDraft(**values)


async def open_round(hood: Neighbourhood, admin: Member, **overrides: str) -> int:
    return await hood.budget.open_round(admin, round_draft(**overrides))

"""Counting a budget round: pure functions anyone can run on the published ballots.

The rule, for both voting methods: count for each proposal the ballots that chose it.
Take the proposals in order of votes, most first; on equal votes the cheaper proposal
first, and on equal amounts the one submitted first (lower id). A proposal wins when it
fits in what is left of the budget; one that does not fit is skipped and the next one is
tried, so a cheaper proposal further down can still win. A proposal without votes never
wins.

>>> result = tally(
...     [Candidate(1, 600), Candidate(2, 500), Candidate(3, 300)],
...     [[1, 2], [1, 3], [2, 3], [1]],
...     budget=1000,
... )
>>> [(line.proposal_id, line.votes, line.outcome.value) for line in result.lines]
[(1, 3, 'won'), (3, 2, 'won'), (2, 2, 'over_budget')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from node.community.errors import N_


class Outcome(StrEnum):
    WON = "won"
    OVER_BUDGET = "over_budget"  # more than what was left when its turn came
    NO_VOTES = "no_votes"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.WON: N_("Chosen"),
    Outcome.OVER_BUDGET: N_("Not chosen: more than what was left"),
    Outcome.NO_VOTES: N_("Not chosen: no votes"),
}


@dataclass(frozen=True)
class Candidate:
    proposal_id: int  # ids go up with submission, so a lower id was submitted earlier
    amount: int  # cents


@dataclass(frozen=True)
class TallyLine:
    proposal_id: int
    amount: int
    votes: int
    outcome: Outcome
    left_before: int  # what was left of the budget when its turn came

    @property
    def won(self) -> bool:
        return self.outcome is Outcome.WON


@dataclass(frozen=True)
class Tally:
    lines: list[TallyLine]  # in ranking order
    ballots: int
    budget: int

    @property
    def awarded(self) -> int:
        return sum(line.amount for line in self.lines if line.won)

    @property
    def left(self) -> int:
        return self.budget - self.awarded

    @property
    def winners(self) -> list[int]:
        return [line.proposal_id for line in self.lines if line.won]


def count_votes(
    candidates: Sequence[Candidate], ballots: Iterable[Iterable[int]]
) -> dict[int, int]:
    """Votes per proposal; a ballot counts once per proposal, unknown ids are ignored."""
    votes = {c.proposal_id: 0 for c in candidates}
    for ballot in ballots:
        for proposal_id in set(ballot):
            if proposal_id in votes:
                votes[proposal_id] += 1
    return votes


def ranking_key(candidate: Candidate, votes: Mapping[int, int]) -> tuple[int, int, int]:
    """The tie rule: most votes, then lower amount, then submitted first."""
    return (-votes[candidate.proposal_id], candidate.amount, candidate.proposal_id)


def tally(candidates: Sequence[Candidate], ballots: Iterable[Iterable[int]], budget: int) -> Tally:
    ballots = [list(b) for b in ballots]
    votes = count_votes(candidates, ballots)
    left = budget
    lines = []
    for candidate in sorted(candidates, key=lambda c: ranking_key(c, votes)):
        count = votes[candidate.proposal_id]
        if count == 0:
            outcome = Outcome.NO_VOTES
        elif candidate.amount <= left:
            outcome = Outcome.WON
        else:
            outcome = Outcome.OVER_BUDGET
        lines.append(TallyLine(candidate.proposal_id, candidate.amount, count, outcome, left))
        if outcome is Outcome.WON:
            left -= candidate.amount
    return Tally(lines, len(ballots), budget)


def tally_document(document: Mapping[str, Any]) -> Tally:
    """Recount from the published ballots (GET /wijkbudget/ROUND/stembiljetten.json)."""
    candidates = [Candidate(int(p["id"]), int(p["amount_cents"])) for p in document["proposals"]]
    ballots = [[int(c) for c in b["choices"]] for b in document["ballots"]]
    return tally(candidates, ballots, int(document["round"]["total_cents"]))

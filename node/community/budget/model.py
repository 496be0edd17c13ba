"""What a budget round (wijkbudget) is: its phases, voting methods, proposals and rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from node.community.accounts.permissions import Role
from node.community.clock import iso, parse_iso
from node.community.errors import N_, Invalid
from node.community.fields import Field
from node.community.ladder import ParticipationLevel
from node.storage import Row

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
# Who may vote: active residents of this node. Buurtverbinders are residents with a task;
# the municipality's contact person and the association's admin account are not.
VOTER_ROLES = (Role.RESIDENT.value, Role.BUURTVERBINDER.value)


class Phase(StrEnum):
    UPCOMING = "upcoming"
    PROPOSALS = "proposals"
    REVIEW = "review"
    VOTING = "voting"
    RESULTS = "results"
    SPENDING = "spending"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.UPCOMING: N_("Not started yet"),
    Phase.PROPOSALS: N_("Proposals"),
    Phase.REVIEW: N_("Review"),
    Phase.VOTING: N_("Voting"),
    Phase.RESULTS: N_("Results"),
    Phase.SPENDING: N_("Spending"),
}
PHASES = [Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING, Phase.RESULTS, Phase.SPENDING]
PHASE_FIELDS = ("proposals_from", "review_from", "voting_from", "results_from", "spending_from")
PHASE_STARTS = tuple(
    Field(f"round.{name}", _PHASE_LABELS[phase], 20, required=True)
    for name, phase in zip(PHASE_FIELDS, PHASES, strict=True)
)
ROUND_NAME = Field("round.name", N_("Name of the round"), 120, required=True)
ROUND_TOTAL = Field("round.total", N_("Total amount in euros"), 20, required=True)
ROUND_DESCRIPTION = Field("round.description", N_("What is the money for?"), 4000)
ROUND_METHOD = Field("round.method", N_("How do residents vote?"), 20, required=True)
ROUND_LEVEL = Field(
    "round.participation_level", N_("How much say do residents have?"), 20, required=True
)
PROPOSAL_TITLE = Field("proposal.title", N_("Title"), 120, required=True)
PROPOSAL_DESCRIPTION = Field(
    "proposal.description",
    N_("What is the money for?"),
    4000,
    required=True,
    missing=N_("Describe in a few sentences what the money is for."),
)
PROPOSAL_AMOUNT = Field("proposal.amount", N_("Amount in euros"), 20, required=True)
REVIEW_REASON = Field("review.reason", N_("Reason"), 2000)


class VotingMethod(StrEnum):
    APPROVAL = "approval"  # tick as many proposals as you like
    KNAPSACK = "knapsack"  # choose proposals that together fit in the budget

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self][0]

    @property
    def explanation(self) -> str:
        return _METHOD_LABELS[self][1]

    @classmethod
    def parse(cls, value: str) -> VotingMethod:
        try:
            return cls(value)
        except ValueError:
            raise Invalid(N_("Choose how residents vote.")) from None


_METHOD_LABELS = {
    VotingMethod.APPROVAL: (
        N_("Tick what you support"),
        N_("Tick every proposal you support. You may tick as many as you like."),
    ),
    VotingMethod.KNAPSACK: (
        N_("Fill the budget"),
        N_("Choose the proposals you want most. Together they may not cost more than the budget."),
    ),
}


class Review(StrEnum):
    PENDING = "pending"
    FEASIBLE = "feasible"
    NOT_FEASIBLE = "not_feasible"

    @property
    def label(self) -> str:
        return _REVIEW_LABELS[self]


_REVIEW_LABELS = {
    Review.PENDING: N_("Waiting for review"),
    Review.FEASIBLE: N_("Feasible"),
    Review.NOT_FEASIBLE: N_("Not feasible"),
}


@dataclass(frozen=True)
class RoundDraft:
    """What the form to open a round sends: amounts and dates still as text."""

    name: str
    total: str
    method: str = VotingMethod.APPROVAL.value
    participation_level: str = ParticipationLevel.CODECIDE.value
    description: str = ""
    proposals_from: str = ""
    review_from: str = ""
    voting_from: str = ""
    results_from: str = ""
    spending_from: str = ""


@dataclass(frozen=True)
class TimelineStep:
    phase: Phase
    starts: str  # UTC timestamp
    state: str  # past | current | future


@dataclass(frozen=True)
class BudgetRound:
    id: int
    name: str
    description: str
    total: int  # cents
    participation_level: ParticipationLevel
    method: VotingMethod
    starts: dict[Phase, str]  # UTC timestamps
    created_at: str

    @classmethod
    def from_row(cls, row: Row) -> BudgetRound:
        return cls(
            id=row["id"],
            name=row["name"],
            description=row["description"],
            total=row["total"],
            participation_level=ParticipationLevel(row["participation_level"]),
            method=VotingMethod(row["method"]),
            starts={p: row[f] for p, f in zip(PHASES, PHASE_FIELDS, strict=True)},
            created_at=row["created_at"],
        )

    def phase(self, now: datetime) -> Phase:
        current = Phase.UPCOMING
        for phase in PHASES:
            if parse_iso(self.starts[phase]) <= now:
                current = phase
        return current

    def timeline(self, now: datetime) -> list[TimelineStep]:
        current = self.phase(now)
        order = [Phase.UPCOMING, *PHASES]
        steps = []
        for phase in PHASES:
            if phase == current:
                state = "current"
            elif order.index(phase) < order.index(current):
                state = "past"
            else:
                state = "future"
            steps.append(TimelineStep(phase, self.starts[phase], state))
        return steps

    @property
    def voting_closes(self) -> str:
        return self.starts[Phase.RESULTS]


@dataclass(frozen=True)
class Proposal:
    id: int
    round_id: int
    title: str
    description: str
    amount: int  # cents
    initiative_id: int | None
    initiative_title: str
    proposer_name: str
    member_id: int | None
    review: Review
    review_reason: str
    created_at: str

    @classmethod
    def from_row(cls, row: Row) -> Proposal:
        return cls(
            id=row["id"],
            round_id=row["round_id"],
            title=row["title"],
            description=row["description"],
            amount=row["amount"],
            initiative_id=row["initiative_id"],
            initiative_title=row["initiative_title"] or "",
            proposer_name=row["proposer_name"] or "",
            member_id=row["member_id"],
            review=Review(row["review"]),
            review_reason=row["review_reason"],
            created_at=row["created_at"],
        )


def parse_day(text: str) -> date:
    """A date as a browser's date field sends it (2026-04-01) or as Dutch people write it."""
    cleaned = text.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise Invalid(N_("Write each date as day-month-year, for example 15-04-2026."))


def day_start(day: date) -> str:
    """Midnight at the start of that day in the Netherlands, as a stored UTC timestamp."""
    return iso(datetime.combine(day, time(0, 0), tzinfo=LOCAL_ZONE))


def local_day(stored: str) -> str:
    """The local date (YYYY-MM-DD) of a stored timestamp, for a date field's value."""
    return parse_iso(stored).astimezone(LOCAL_ZONE).date().isoformat()

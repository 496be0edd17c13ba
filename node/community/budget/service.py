"""The wijkbudget: open a round, collect and review proposals, count the result.

Voting itself (secret ballots) lives in budget_voting.py, the books in ledger.py; this
service holds both so the node has one `hood.budget`.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.budget.model import (
    PHASE_FIELDS,
    PHASE_STARTS,
    PHASES,
    PROPOSAL_AMOUNT,
    PROPOSAL_DESCRIPTION,
    PROPOSAL_TITLE,
    REVIEW_REASON,
    ROUND_DESCRIPTION,
    ROUND_LEVEL,
    ROUND_METHOD,
    ROUND_NAME,
    ROUND_TOTAL,
    VOTER_ROLES,
    BudgetRound,
    Phase,
    Proposal,
    Review,
    RoundDraft,
    VotingMethod,
    day_start,
    parse_day,
)
from node.community.budget.tally import Candidate, Tally, tally
from node.community.budget.voting import BallotBox
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Problems
from node.community.initiatives.model import Initiative, may_manage
from node.community.initiatives.needs import NeedKind, parse_euros
from node.community.ladder import ParticipationLevel
from node.community.ledger.chain import Signer
from node.community.ledger.service import Ledger
from node.storage import Database
from node.storage.budget import queries as store
from node.storage.initiatives import queries as initiative_store


@dataclass(frozen=True)
class MoneyNeed:
    """A money need of an initiative, offered as a ready-made proposal."""

    need_id: int
    initiative_id: int
    initiative_title: str
    description: str
    amount: int


@dataclass(frozen=True)
class RoundResults:
    round: BudgetRound
    tally: Tally
    proposals: dict[int, Proposal]
    voters: int
    eligible: int


class Budget:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.ballots = BallotBox(db, clock)
        self.ledger = Ledger(db, clock, db.path.parent / "receipts")

    def configure(self, *, signer: Signer, ballot_secret: bytes) -> None:
        """Node/app.py hands over the node's key and secret once they are loaded."""
        self.ballots.secret = ballot_secret
        self.ledger.signer = signer

    async def open_round(self, by: Member, draft: RoundDraft) -> int:
        if not by.can(Action.OPEN_BUDGET_ROUND):
            raise NotAllowed(N_("Only an administrator or the contact person can open a round."))
        problems = Problems()
        name = problems.text(ROUND_NAME, draft.name, single_line=True)
        if name and len(name) < 3:
            problems.add(ROUND_NAME, N_("Give the round a name of 3 to 120 characters."))
        description = problems.text(ROUND_DESCRIPTION, draft.description)
        if problems.text(ROUND_TOTAL, draft.total) and not problems.about("total"):
            total = problems.attempt(ROUND_TOTAL, lambda: parse_euros(draft.total))
        method = problems.attempt(ROUND_METHOD, lambda: VotingMethod.parse(draft.method))
        level = problems.attempt(
            ROUND_LEVEL, lambda: ParticipationLevel.parse(draft.participation_level)
        )
        days = []
        for spec in PHASE_STARTS:
            text = problems.text(spec, getattr(draft, spec.name))
            if text and not problems.about(spec.name):
                days.append(problems.attempt(spec, lambda text=text: parse_day(text)))
        read = [day for day in days if day is not None]
        in_order = all(earlier < later for earlier, later in zip(read, read[1:], strict=False))
        if len(read) == len(PHASE_STARTS) and not in_order:
            problems.add(None, N_("Each phase must start after the one before it."))
        problems.check()
        now = iso(self.clock())
        fields: dict[str, object] = {
            "name": name,
            "description": description,
            "total": total,
            "participation_level": level.value,
            "method": method.value,
            **{field: day_start(day) for field, day in zip(PHASE_FIELDS, days, strict=True)},
            "created_by": by.id,
            "created_at": now,
        }
        async with self.db.transaction() as tx:
            round_id = await store.insert_round(tx, fields)
            await record(tx, "budget_round", round_id, ChangeKind.CREATED, by.id, now)
        return round_id

    async def rounds(self) -> list[BudgetRound]:
        return [BudgetRound.from_row(r) for r in await store.all_rounds(self.db)]

    async def get(self, round_id: int) -> BudgetRound:
        row = await store.round_by_id(self.db, round_id)
        if row is None:
            raise NotFound(N_("This budget round does not exist."))
        return BudgetRound.from_row(row)

    def phase(self, budget_round: BudgetRound) -> Phase:
        return budget_round.phase(self.clock())

    async def proposals(self, round_id: int) -> list[Proposal]:
        return [Proposal.from_row(r) for r in await store.proposals_of(self.db, round_id)]

    async def proposal(self, proposal_id: int) -> Proposal:
        row = await store.proposal_by_id(self.db, proposal_id)
        if row is None:
            raise NotFound(N_("This proposal does not exist."))
        return Proposal.from_row(row)

    async def propose(
        self, by: Member, round_id: int, title: str, description: str, amount: str
    ) -> int:
        """A proposal typed in directly."""
        budget_round = await self._open_for_proposals(by, round_id)
        problems = Problems()
        title = problems.text(PROPOSAL_TITLE, title, single_line=True)
        if title and len(title) < 3:
            problems.add(PROPOSAL_TITLE, N_("Give the proposal a title of 3 to 120 characters."))
        description = problems.text(PROPOSAL_DESCRIPTION, description)
        if 0 < len(description) < 10:
            problems.add(
                PROPOSAL_DESCRIPTION, N_("Describe in a few sentences what the money is for.")
            )
        if problems.text(PROPOSAL_AMOUNT, amount) and not problems.about("amount"):
            cents = problems.attempt(PROPOSAL_AMOUNT, lambda: parse_euros(amount))
        problems.check()
        return await self._insert(by, budget_round, title, description, cents, None)

    async def propose_need(self, by: Member, round_id: int, need_id: int) -> int:
        """A money need of an initiative becomes a proposal with that amount and a link."""
        budget_round = await self._open_for_proposals(by, round_id)
        need = await initiative_store.need_by_id(self.db, need_id)
        if need is None or need["kind"] != NeedKind.MONEY.value or not need["amount"]:
            raise Invalid(N_("Choose a money need of one of your initiatives."))
        options = {o.need_id: o for o in await self.money_needs(by)}
        if need_id not in options:
            raise NotAllowed(N_("Only the initiator or a buurtverbinder can propose this."))
        option = options[need_id]
        description = option.description or option.initiative_title
        return await self._insert(
            by,
            budget_round,
            option.initiative_title[:120],
            description,
            option.amount,
            option.initiative_id,
        )

    async def money_needs(self, member: Member) -> list[MoneyNeed]:
        """The money needs of active initiatives this member may put forward."""
        found = []
        for row in await initiative_store.list_initiatives(self.db, need_kind="money"):
            found_row = await initiative_store.initiative_by_id(self.db, row["id"])
            if found_row is None:
                continue
            initiative = Initiative.from_row(found_row)
            if not initiative.status.is_active or not may_manage(member, initiative):
                continue
            for need in await initiative_store.needs_of(self.db, row["id"]):
                if need["kind"] == NeedKind.MONEY.value and need["amount"]:
                    found.append(
                        MoneyNeed(
                            need["id"], row["id"], row["title"], need["description"], need["amount"]
                        )
                    )
        return found

    async def review(self, by: Member, proposal_id: int, feasible: bool, reason: str) -> None:
        if not by.can(Action.REVIEW_BUDGET_PROPOSALS):
            raise NotAllowed(N_("Only a buurtverbinder or the contact person can review."))
        proposal = await self.proposal(proposal_id)
        budget_round = await self.get(proposal.round_id)
        if PHASES.index(self.phase(budget_round)) >= PHASES.index(Phase.VOTING):
            raise Invalid(N_("Voting has started: the review can no longer change."))
        problems = Problems()
        reason = problems.text(REVIEW_REASON, reason)
        if not feasible and len(reason) < 10 and not problems.about("reason"):
            problems.add(REVIEW_REASON, N_("Say in a sentence why the proposal is not feasible."))
        problems.check()
        if feasible and proposal.amount > budget_round.total:
            raise Invalid(N_("This proposal costs more than the whole budget."))
        review = Review.FEASIBLE if feasible else Review.NOT_FEASIBLE
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.set_review(tx, proposal_id, review.value, reason, by.id, now)
            await record(tx, "budget_proposal", proposal_id, ChangeKind.UPDATED, by.id, now)

    async def results(self, round_id: int) -> RoundResults:
        """The count, once voting has closed; recorded as a change the first time."""
        budget_round = await self.get(round_id)
        if self.phase(budget_round) not in (Phase.RESULTS, Phase.SPENDING):
            raise NotAllowed(N_("The result is shown once voting has closed."))
        proposals = [p for p in await self.proposals(round_id) if p.review is Review.FEASIBLE]
        ballots = await self.ballots.choices(round_id)
        counted = tally([Candidate(p.id, p.amount) for p in proposals], ballots, budget_round.total)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if await store.mark_results_recorded(tx, round_id, now):
                await record(tx, "budget_result", round_id, ChangeKind.CREATED, None, now)
        return RoundResults(
            budget_round,
            counted,
            {p.id: p for p in proposals},
            await store.count_voters(self.db, round_id),
            await self.eligible_count(),
        )

    async def eligible_count(self) -> int:
        return await store.count_eligible(self.db, VOTER_ROLES)

    async def vote(self, by: Member, round_id: int, choices: list[str]) -> None:
        budget_round = await self.get(round_id)
        feasible = [p for p in await self.proposals(round_id) if p.review is Review.FEASIBLE]
        await self.ballots.cast(by, budget_round, feasible, choices)

    async def ballots_document(self, round_id: int) -> dict[str, object]:
        """The anonymous ballots with what is needed to recount (see tally.tally_document)."""
        results = await self.results(round_id)
        budget_round = results.round
        return {
            "format": "buurtnode-ballots/1",
            "round": {
                "id": budget_round.id,
                "name": budget_round.name,
                "method": budget_round.method.value,
                "total_cents": budget_round.total,
                "voting_closed": budget_round.voting_closes,
            },
            "rule": "votes desc, then amount asc, then proposal id asc; skip what does not fit",
            "proposals": [
                {"id": p.id, "title": p.title, "amount_cents": p.amount}
                for p in results.proposals.values()
            ],
            "ballots": await self.ballots.published(round_id),
            "voters": results.voters,
            "eligible": results.eligible,
        }

    async def _open_for_proposals(self, by: Member, round_id: int) -> BudgetRound:
        if not by.can(Action.PROPOSE_BUDGET):
            raise NotAllowed(N_("Log in to make a proposal."))
        budget_round = await self.get(round_id)
        if self.phase(budget_round) is not Phase.PROPOSALS:
            raise Invalid(N_("Proposals can only be made during the proposal phase."))
        return budget_round

    async def _insert(
        self,
        by: Member,
        budget_round: BudgetRound,
        title: str,
        description: str,
        cents: int,
        initiative_id: int | None,
    ) -> int:
        if cents > budget_round.total:
            raise Invalid(N_("A proposal may not cost more than the whole budget."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            proposal_id = await store.insert_proposal(
                tx,
                round_id=budget_round.id,
                member_id=by.id,
                initiative_id=initiative_id,
                title=title,
                description=description,
                amount=cents,
                now=now,
            )
            await record(tx, "budget_proposal", proposal_id, ChangeKind.CREATED, by.id, now)
        return proposal_id

"""Secret ballots: one per resident, changeable until voting closes, never linked to a name.

Two tables, nothing in common that a reader could join on:
- budget_voters holds (round, member): who voted, so each resident votes once;
- budget_ballots holds (key, public id, round, choices): what was voted.
The key is HMAC-SHA256(node secret, round:member). When a resident comes back to change
the ballot the node recomputes the key to find it; nobody with only the database (or an
export or backup without DATA/session.secret) can compute which ballot is whose. Neither
table keeps a time, and both use random row ids, so no insertion order either.
See docs/budget.md for what this does not cover.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets

from babel.numbers import format_currency

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.budget.model import BudgetRound, Phase, Proposal, VotingMethod
from node.community.clock import Clock
from node.community.errors import N_, Invalid, NotAllowed
from node.storage import Database
from node.storage.budget import queries as store


def euro_text(cents: int) -> str:
    """Money in an error message: Dutch style (€ 1.250,00), the interface's first language."""
    return format_currency(cents / 100, "EUR", locale="nl_NL")


def _random_id() -> int:
    """A row id that says nothing about when the row was written."""
    return secrets.randbits(62) + 1


class BallotBox:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.secret: bytes | None = None  # set by Budget.configure()

    def _key(self, round_id: int, member_id: int) -> str:
        if not self.secret:
            raise RuntimeError("the ballot secret is not configured")
        message = f"buurtnode-ballot:{round_id}:{member_id}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    async def has_voted(self, member: Member | None, round_id: int) -> bool:
        return member is not None and await store.has_voted(self.db, round_id, member.id)

    async def own_choices(self, member: Member, round_id: int) -> list[int]:
        """The member's own current choices (shown only to them, to change them)."""
        if not await store.has_voted(self.db, round_id, member.id):
            return []
        row = await store.ballot_by_key(self.db, self._key(round_id, member.id))
        return [] if row is None else [int(c) for c in json.loads(row["choices"])]

    async def cast(
        self, by: Member, budget_round: BudgetRound, feasible: list[Proposal], choices: list[str]
    ) -> None:
        if not by.can(Action.VOTE_BUDGET):
            raise NotAllowed(N_("Only residents of this neighbourhood can vote."))
        phase = budget_round.phase(self.clock())
        if phase is not Phase.VOTING:
            if phase in (Phase.RESULTS, Phase.SPENDING):
                raise Invalid(N_("Voting has closed; your ballot was not counted."))
            raise Invalid(N_("Voting has not started yet."))
        amounts = {p.id: p.amount for p in feasible}
        chosen: set[int] = set()
        for choice in choices:
            if not choice.isdigit() or int(choice) not in amounts:
                raise Invalid(N_("You can only vote for proposals on this ballot."))
            chosen.add(int(choice))
        if not chosen:
            raise Invalid(N_("Choose at least one proposal."))
        cost = sum(amounts[c] for c in chosen)
        if budget_round.method is VotingMethod.KNAPSACK and cost > budget_round.total:
            raise Invalid(
                N_(
                    "Together your choices cost %(cost)s, more than the budget of %(total)s. "
                    "Leave something out."
                ),
                cost=euro_text(cost),
                total=euro_text(budget_round.total),
            )
        key = self._key(budget_round.id, by.id)
        async with self.db.transaction() as tx:
            if await store.has_voted(tx, budget_round.id, by.id):
                existing = await store.ballot_by_key(tx, key)
                if existing is None:  # the node's secret changed since this vote
                    raise Invalid(N_("Your earlier ballot can no longer be changed."))
                public_id = existing["public_id"]
            else:
                await store.insert_voter(tx, _random_id(), budget_round.id, by.id)
                public_id = secrets.token_hex(8)
            await store.upsert_ballot(
                tx,
                row_id=_random_id(),
                key=key,
                public_id=public_id,
                round_id=budget_round.id,
                choices=json.dumps(sorted(chosen)),
            )

    async def choices(self, round_id: int) -> list[list[int]]:
        return [json.loads(r["choices"]) for r in await store.ballots_of(self.db, round_id)]

    async def published(self, round_id: int) -> list[dict[str, object]]:
        """Ballots as the export shows them: a random id and the choices, nothing else."""
        return [
            {"id": r["public_id"], "choices": json.loads(r["choices"])}
            for r in await store.ballots_of(self.db, round_id)
        ]

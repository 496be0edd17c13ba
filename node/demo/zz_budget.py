"""Sample wijkbudget rounds and books: Oosterbroek's round is finished and spent,
Beekveld-Noord's round is in its voting phase. Named zz_ so it runs after the initiatives.

Rounds run on dates; to let residents propose and vote in a round that is already over,
the seeding goes through the domain with a clock set to each phase in turn.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from node.community.accounts.members import Member
from node.community.budget.model import Review, RoundDraft
from node.community.budget.service import Budget
from node.community.ledger.model import EntryDraft


class _Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def _days(start: datetime, *offsets: int) -> dict[str, str]:
    names = ("proposals_from", "review_from", "voting_from", "results_from", "spending_from")
    return {
        n: (start + timedelta(days=d)).date().isoformat()
        for n, d in zip(names, offsets, strict=True)
    }


def _budget(hood: Any, clock: _Clock) -> Budget:
    budget = Budget(hood.db, clock)
    signer = hood.budget.ledger.signer
    secret = hood.budget.ballots.secret
    if signer is None or secret is None:
        raise RuntimeError("populate() configures the node's signer before seeding")
    budget.configure(signer=signer, ballot_secret=secret)
    return budget


async def seed(hood: Any, spec: Any, people: dict[str, Member]) -> None:
    if spec.slug == "oosterbroek":
        await _finished_round(hood, people)
    elif spec.slug == "noord":
        await _voting_round(hood, people)


async def _finished_round(hood: Any, people: dict[str, Member]) -> None:
    clock = _Clock()
    today = clock.now
    budget = _budget(hood, clock)
    dates = _days(today, -120, -100, -80, -60, -50)
    clock.now = today - timedelta(days=119)
    round_id = await budget.open_round(
        people["beheer"],
        RoundDraft(
            name="Dorpsbudget Oosterbroek 2026",
            total="5.000",
            method="approval",
            description="De gemeente geeft het dorp € 5.000 voor plannen van bewoners.",
            **dates,
        ),
    )
    aed = [n for n in await budget.money_needs(people["henk"])][:1]
    ids = [await budget.propose_need(people["henk"], round_id, aed[0].need_id)] if aed else []
    for by, title, text, amount in (
        (
            "bewoner",
            "Jeu-de-boulesbaan bij De Kruisweg",
            "Een baan van 12 meter naast het dorpshuis, met een bank erbij.",
            "1.800",
        ),
        (
            "verbinder",
            "Bloembakken langs de Dorpsstraat",
            "Tien bakken met vaste planten, bewoners geven water.",
            "900",
        ),
        (
            "henk",
            "Nieuwe luifel boven de ingang",
            "Zodat ouderen droog kunnen wachten op de buurtbus.",
            "3.500",
        ),
    ):
        ids.append(await budget.propose(people[by], round_id, title, text, amount))
    clock.now = today - timedelta(days=99)
    for proposal_id in ids:
        await budget.review(people["verbinder"], proposal_id, True, "")
    clock.now = today - timedelta(days=79)
    votes = {"bewoner": ids[:2], "henk": [ids[0], ids[3]], "verbinder": ids[:3]}
    for username, chosen in votes.items():
        await budget.vote(people[username], round_id, [str(i) for i in chosen])
    clock.now = today - timedelta(days=49)
    results = await budget.results(round_id)
    await _books(budget, people["beheer"], round_id, results.tally.winners, results.proposals)


async def _books(
    budget: Budget, admin: Member, round_id: int, winners: list[int], proposals: dict[int, Any]
) -> None:
    ledger, rid = budget.ledger, str(round_id)
    day = (budget.clock() - timedelta(days=60)).date()
    await ledger.record(
        admin,
        EntryDraft(
            "income", rid, day.isoformat(), "Subsidie dorpsbudget 2026", "5.000", "municipality"
        ),
    )
    for proposal_id in winners:
        amount = f"{proposals[proposal_id].amount // 100}"
        await ledger.record(
            admin,
            EntryDraft(
                "allocation",
                rid,
                (day + timedelta(days=12)).isoformat(),
                "Toegekend na de stemming",
                amount,
                proposal_id=str(proposal_id),
            ),
        )
    first, second = winners[0], winners[-1]
    expense = await ledger.record(
        admin,
        EntryDraft(
            "expense",
            rid,
            (day + timedelta(days=20)).isoformat(),
            "Factuur leverancier",
            "1.240",
            "business",
            proposal_id=str(first),
        ),
    )
    await ledger.record(
        admin,
        EntryDraft(
            "expense",
            rid,
            (day + timedelta(days=25)).isoformat(),
            "Gravel en opsluitbanden voor de baan",
            "385,60",
            "business",
            proposal_id=str(second),
        ),
    )
    await ledger.record(
        admin,
        EntryDraft(
            "correction",
            rid,
            (day + timedelta(days=27)).isoformat(),
            "Factuur was € 1.204: creditnota van de leverancier",
            "-36",
            corrects=str(expense.number),
        ),
    )


async def _voting_round(hood: Any, people: dict[str, Member]) -> None:
    clock = _Clock()
    today = clock.now
    budget = _budget(hood, clock)
    dates = _days(today, -30, -20, -5, 10, 20)
    clock.now = today - timedelta(days=29)
    round_id = await budget.open_round(
        people["contact"],
        RoundDraft(
            name="Wijkbudget Noord 2026",
            total="8.000",
            method="knapsack",
            description="Kies samen de plannen. Samen mogen ze niet meer kosten dan € 8.000.",
            **dates,
        ),
    )
    ids = []
    for by, title, text, amount in (
        ("bewoner", "Moestuinbakken Wilhelminaplein", "Zes bakken, aarde en zaden.", "800"),
        ("kees", "Speeltoestel park De Horst", "Een klimrek voor kinderen tot 12 jaar.", "5.500"),
        (
            "lotte",
            "Buurtfeest op het plein",
            "Muziek, springkussen en koffie voor iedereen.",
            "1.500",
        ),
        ("kees", "Parkeerplaatsen erbij", "Twintig plekken op het grasveld.", "4.000"),
    ):
        ids.append(await budget.propose(people[by], round_id, title, text, amount))
    clock.now = today - timedelta(days=19)
    for proposal_id in ids[:3]:
        await budget.review(people["verbinder"], proposal_id, True, "")
    await budget.review(
        people["contact"],
        ids[3],
        False,
        "Het grasveld is groen in het bestemmingsplan; daar mag niet geparkeerd worden.",
    )
    clock.now = today - timedelta(days=2)
    feasible = [p.id for p in await budget.proposals(round_id) if p.review is Review.FEASIBLE]
    await budget.vote(people["kees"], round_id, [str(i) for i in feasible[:2]])
    await budget.vote(people["lotte"], round_id, [str(feasible[0]), str(feasible[2])])

# ruff: noqa: F811  (pytest fixtures imported from tests/budget_support.py)
"""The wijkboekhouding refuses edits and shows any tampering at the first broken entry."""

from __future__ import annotations

import base64
import sqlite3

import pytest

from node.community.budget.tally import Candidate, Outcome, tally, tally_document
from node.community.errors import Invalid, NotAllowed
from node.community.ledger.chain import entry_hash, verify_chain
from node.community.ledger.model import EntryDraft
from node.community.neighbourhood import Neighbourhood
from node.community.signing import verify_with_pem
from tests.budget_support import clock, open_round  # noqa: F401
from tests.conftest import add_member


async def books_with_three_entries(hood: Neighbourhood) -> tuple[object, int]:
    admin = await add_member(hood, "beheer", "admin")
    round_id = await open_round(hood, admin)
    rid = str(round_id)
    ledger = hood.budget.ledger
    await ledger.record(
        admin, EntryDraft("income", rid, "2026-03-01", "Subsidie", "1000", "municipality")
    )
    await ledger.record(
        admin, EntryDraft("expense", rid, "2026-03-02", "Koffie", "12,50", "business")
    )
    await ledger.record(admin, EntryDraft("expense", rid, "2026-03-03", "Verf", "80", "business"))
    return admin, round_id


async def test_given_entries_when_sql_tries_to_update_or_delete_them_then_the_database_refuses(
    moving_hood: Neighbourhood,
) -> None:
    await books_with_three_entries(moving_hood)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        await moving_hood.db.execute("UPDATE ledger_entries SET amount = 1 WHERE number = 2")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        await moving_hood.db.execute("DELETE FROM ledger_entries WHERE number = 3")
    assert [e.amount for e in await moving_hood.budget.ledger.entries()] == [100000, 1250, 8000]


async def test_given_a_forged_entry_inserted_directly_when_verified_then_that_entry_is_named(
    moving_hood: Neighbourhood,
) -> None:
    """Someone with the database but not the node's key appends a neat-looking entry."""
    await books_with_three_entries(moving_hood)
    last = (await moving_hood.budget.ledger.entries())[-1].document()
    forged = {**last, "number": 4, "description": "Contant opgenomen", "amount_cents": 50000}
    forged["prev_hash"] = last["hash"]
    forged["hash"] = entry_hash(forged)
    await moving_hood.db.execute(
        "INSERT INTO ledger_entries (number, kind, round_id, occurred_on, description, amount,"
        " counterparty, project, receipt_sha256, recorded_at, prev_hash, hash, signature, key_id)"
        " VALUES (4, 'expense', ?, ?, ?, ?, 'business', '', '', ?, ?, ?, ?, ?)",
        (
            forged["round"],
            forged["date"],
            forged["description"],
            forged["amount_cents"],
            forged["recorded_at"],
            forged["prev_hash"],
            forged["hash"],
            base64.b64encode(b"not a signature").decode(),
            forged["key_id"],
        ),
    )

    found = await moving_hood.budget.ledger.check()

    assert found is not None and found.number == 4
    assert "signature" in found.problem


async def test_given_published_entries_when_one_is_altered_then_verify_names_it(
    moving_hood: Neighbourhood,
) -> None:
    await books_with_three_entries(moving_hood)
    document = await moving_hood.budget.ledger.document({"name": "x", "kind": "wijk", "url": "x"})
    pem = document["key"]["public_key_pem"]
    check = lambda data, sig: verify_with_pem(pem, data, sig)  # noqa: E731
    assert verify_chain(document["entries"], check) is None

    document["entries"][1]["amount_cents"] = 125  # € 12,50 becomes € 1,25
    found = verify_chain(document["entries"], check)
    assert found is not None and found.number == 2 and "content" in found.problem

    del document["entries"][1]  # leaving it out breaks the numbering
    assert verify_chain(document["entries"], check).number == 2  # type: ignore[union-attr]


async def test_given_wrong_entries_when_recorded_then_they_are_refused(
    moving_hood: Neighbourhood,
) -> None:
    admin, round_id = await books_with_three_entries(moving_hood)
    rid = str(round_id)
    resident = await add_member(moving_hood, "anna")
    ledger = moving_hood.budget.ledger
    with pytest.raises(NotAllowed):
        await ledger.record(
            resident, EntryDraft("income", rid, "2026-03-01", "Gift", "5", "resident")
        )
    with pytest.raises(Invalid, match="which entry"):
        await ledger.record(admin, EntryDraft("correction", rid, "2026-03-04", "Fout", "-5"))
    with pytest.raises(Invalid, match="whole euros"):
        await ledger.record(
            admin, EntryDraft("expense", rid, "2026-03-04", "Verf", "-5", "business")
        )
    with pytest.raises(Invalid, match="initiative or proposal"):
        await ledger.record(admin, EntryDraft("allocation", rid, "2026-03-04", "Potje", "5"))
    with pytest.raises(Invalid, match="PDF"):
        await ledger.record(
            admin, EntryDraft("expense", rid, "2026-03-04", "Verf", "5", "business"), b"<html>"
        )
    assert len(await ledger.entries()) == 3


def test_given_equal_votes_and_amounts_when_counted_then_the_earlier_proposal_goes_first() -> None:
    result = tally([Candidate(7, 300), Candidate(5, 300), Candidate(9, 200)], [[7, 5, 9]], 500)
    assert [(line.proposal_id, line.outcome) for line in result.lines] == [
        (9, Outcome.WON),  # cheapest of the three tied proposals
        (5, Outcome.WON),  # same amount as 7, but submitted first
        (7, Outcome.OVER_BUDGET),
    ]


def test_given_a_published_ballot_document_when_recounted_then_the_same_winners_come_out() -> None:
    document = {
        "round": {"total_cents": 1000},
        "proposals": [{"id": 1, "amount_cents": 600}, {"id": 2, "amount_cents": 500}],
        "ballots": [
            {"id": "a1", "choices": [1]},
            {"id": "b2", "choices": [1, 2]},
            {"id": "c3", "choices": []},
        ],
    }
    result = tally_document(document)
    assert result.winners == [1] and result.ballots == 3
    assert [line.outcome for line in result.lines] == [Outcome.WON, Outcome.OVER_BUDGET]

"""SQL for budget rounds, proposals and the secret ballots."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

_PROPOSAL = """
SELECT p.*, m.display_name AS proposer_name, i.title AS initiative_title
FROM budget_proposals p
LEFT JOIN members m ON m.id = p.member_id
LEFT JOIN initiatives i ON i.id = p.initiative_id AND i.hidden_at IS NULL
"""


async def insert_round(tx: Transaction, fields: dict[str, object]) -> int:
    columns = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    return await tx.execute(
        f"INSERT INTO budget_rounds ({columns}) VALUES ({marks})", list(fields.values())
    )


async def round_by_id(db: Database | Transaction, round_id: int) -> Row | None:
    return await db.fetch_one("SELECT * FROM budget_rounds WHERE id = ?", (round_id,))


async def all_rounds(db: Database, limit: int = -1) -> list[Row]:
    """Newest first; `limit` -1 is all of them."""
    return await db.fetch_all(
        "SELECT * FROM budget_rounds ORDER BY voting_from DESC, id DESC LIMIT ?", (limit,)
    )


async def mark_results_recorded(tx: Transaction, round_id: int, now: str) -> bool:
    """True for the one call that records the result; later calls change nothing."""
    changed = await tx.execute_count(
        "UPDATE budget_rounds SET results_recorded_at = ?"
        " WHERE id = ? AND results_recorded_at IS NULL",
        (now, round_id),
    )
    return changed == 1


async def insert_proposal(
    tx: Transaction,
    *,
    round_id: int,
    member_id: int,
    initiative_id: int | None,
    title: str,
    description: str,
    amount: int,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO budget_proposals (round_id, member_id, initiative_id, title, description,"
        " amount, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (round_id, member_id, initiative_id, title, description, amount, now),
    )


async def proposals_of(db: Database | Transaction, round_id: int) -> list[Row]:
    return await db.fetch_all(f"{_PROPOSAL} WHERE p.round_id = ? ORDER BY p.id", (round_id,))


async def proposal_by_id(db: Database | Transaction, proposal_id: int) -> Row | None:
    return await db.fetch_one(f"{_PROPOSAL} WHERE p.id = ?", (proposal_id,))


async def set_review(
    tx: Transaction, proposal_id: int, review: str, reason: str, member_id: int, now: str
) -> None:
    await tx.execute(
        "UPDATE budget_proposals SET review = ?, review_reason = ?, reviewed_by = ?,"
        " reviewed_at = ? WHERE id = ?",
        (review, reason, member_id, now, proposal_id),
    )


async def has_voted(db: Database | Transaction, round_id: int, member_id: int) -> bool:
    found = await db.fetch_value(
        "SELECT 1 FROM budget_voters WHERE round_id = ? AND member_id = ?", (round_id, member_id)
    )
    return found == 1


async def insert_voter(tx: Transaction, row_id: int, round_id: int, member_id: int) -> None:
    await tx.execute(
        "INSERT INTO budget_voters (id, round_id, member_id) VALUES (?, ?, ?)",
        (row_id, round_id, member_id),
    )


async def count_voters(db: Database, round_id: int) -> int:
    return int(
        await db.fetch_value("SELECT COUNT(*) FROM budget_voters WHERE round_id = ?", (round_id,))
    )


async def ballot_by_key(db: Database | Transaction, key: str) -> Row | None:
    return await db.fetch_one("SELECT * FROM budget_ballots WHERE key = ?", (key,))


async def upsert_ballot(
    tx: Transaction, *, row_id: int, key: str, public_id: str, round_id: int, choices: str
) -> None:
    """A new ballot, or new choices on the voter's existing one (its ids stay)."""
    await tx.execute(
        "INSERT INTO budget_ballots (id, key, public_id, round_id, choices)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET choices = excluded.choices",
        (row_id, key, public_id, round_id, choices),
    )


async def ballots_of(db: Database, round_id: int) -> list[Row]:
    """The ballots without their key, in the order of their random public id."""
    return await db.fetch_all(
        "SELECT public_id, choices FROM budget_ballots WHERE round_id = ? ORDER BY public_id",
        (round_id,),
    )


async def count_eligible(db: Database, roles: tuple[str, ...]) -> int:
    marks = ", ".join("?" * len(roles))
    return int(
        await db.fetch_value(
            f"SELECT COUNT(*) FROM members WHERE status = 'active' AND role IN ({marks})", roles
        )
    )

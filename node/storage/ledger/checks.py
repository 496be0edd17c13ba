"""SQL for the municipality's checks of the books of the nodes it follows."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def put_check(
    tx: Transaction,
    actor_uri: str,
    *,
    checked_at: str,
    intact: bool,
    entries: int,
    totals: tuple[int, int, int, int],
    problem: str,
) -> None:
    """Store a check; `totals` is income, allocated, spent and balance in cents."""
    await tx.execute(
        "INSERT INTO ledger_checks (actor_uri, checked_at, intact, entries, income_cents,"
        " allocated_cents, spent_cents, balance_cents, problem, due)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (actor_uri) DO UPDATE SET"
        " checked_at = excluded.checked_at, intact = excluded.intact,"
        " entries = excluded.entries, income_cents = excluded.income_cents,"
        " allocated_cents = excluded.allocated_cents, spent_cents = excluded.spent_cents,"
        " balance_cents = excluded.balance_cents, problem = excluded.problem, due = 0",
        (actor_uri, checked_at, int(intact), entries, *totals, problem),
    )


async def request_check(tx: Transaction, actor_uri: str, before: str) -> int:
    """Mark a node's books for checking again when the last check is older than `before`."""
    return await tx.execute_count(
        "UPDATE ledger_checks SET due = 1 WHERE actor_uri = ? AND due = 0 AND checked_at < ?",
        (actor_uri, before),
    )


async def due(db: Database, before: str, limit: int) -> list[str]:
    """Followed nodes (accepted) never checked, marked due, or last checked before `before`."""
    rows = await db.fetch_all(
        "SELECT f.actor_uri FROM federation_following f"
        " JOIN remote_actors a ON a.uri = f.actor_uri"
        " LEFT JOIN ledger_checks c ON c.actor_uri = f.actor_uri"
        " WHERE f.state = 'accepted' AND a.node_kind IS NOT NULL"
        " AND (c.actor_uri IS NULL OR c.due = 1 OR c.checked_at < ?)"
        " ORDER BY c.checked_at IS NOT NULL, c.checked_at, f.actor_uri LIMIT ?",
        (before, limit),
    )
    return [r["actor_uri"] for r in rows]


async def checks(db: Database) -> list[Row]:
    """The last check of every node still followed, with its name, by name."""
    return await db.fetch_all(
        "SELECT c.actor_uri, COALESCE(a.name, a.handle, c.actor_uri) AS name, c.checked_at,"
        " c.intact, c.entries, c.income_cents, c.allocated_cents, c.spent_cents,"
        " c.balance_cents, c.problem FROM ledger_checks c"
        " JOIN federation_following f ON f.actor_uri = c.actor_uri"
        " LEFT JOIN remote_actors a ON a.uri = c.actor_uri ORDER BY name, c.actor_uri"
    )

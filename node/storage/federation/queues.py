"""SQL for the federation queues: incoming activities, deliveries and our outbox."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

# Incoming activities.


async def insert_incoming_batch(
    db: Database, rows: list[tuple[str, str, str, str, str]]
) -> set[str]:
    """Store verified activities (id, actor, type, body, now) in one statement and one
    transaction; returns the ids stored now (a replayed id is left out). Nothing a page shows
    changes until the processor has handled them: a quiet write."""
    values = ", ".join(["(?, ?, ?, ?, ?)"] * len(rows))
    async with db.transaction(quiet=True) as tx:
        stored = await tx.fetch_all(
            "INSERT INTO inbox_activities (activity_id, actor, type, body, received_at)"
            f" VALUES {values} ON CONFLICT (activity_id) DO NOTHING RETURNING activity_id",
            [value for row in rows for value in row],
        )
    return {row[0] for row in stored}


async def waiting_incoming(db: Database, limit: int = 50) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, activity_id, actor, type, body FROM inbox_activities"
        " WHERE state = 'received' ORDER BY id LIMIT ?",
        (limit,),
    )


async def finish_incoming(
    tx: Transaction, outcomes: list[tuple[int, str, str | None]], now: str
) -> None:
    """(row id, state, error) of processed activities, in one statement."""
    await tx.execute_many(
        "UPDATE inbox_activities SET state = ?, error = ?, processed_at = ? WHERE id = ?",
        [(state, error, now, row_id) for row_id, state, error in outcomes],
    )


async def incoming_states(db: Database) -> list[Row]:
    return await db.fetch_all(
        "SELECT activity_id, type, state, error FROM inbox_activities ORDER BY id"
    )


# Deliveries.


async def insert_delivery(
    tx: Transaction, activity_id: str, inbox: str, body: str, now: str
) -> None:
    await tx.execute(
        "INSERT INTO deliveries (activity_id, inbox, body, next_try_at, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (activity_id, inbox) DO NOTHING",
        (activity_id, inbox, body, now, now),
    )


async def due_deliveries(db: Database, now: str, limit: int = 50) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, activity_id, inbox, body, tries, created_at FROM deliveries"
        " WHERE state = 'pending' AND next_try_at <= ? ORDER BY next_try_at, id LIMIT ?",
        (now, limit),
    )


async def next_delivery_at(db: Database) -> str | None:
    value = await db.fetch_value("SELECT MIN(next_try_at) FROM deliveries WHERE state = 'pending'")
    return None if value is None else str(value)


async def delivered(tx: Transaction, delivery_ids: list[int], now: str) -> None:
    await tx.execute_many(
        "UPDATE deliveries SET state = 'delivered', tries = tries + 1, delivered_at = ?,"
        " last_error = NULL WHERE id = ?",
        [(now, delivery_id) for delivery_id in delivery_ids],
    )


async def delivery_failed(
    tx: Transaction, delivery_id: int, error: str, next_try_at: str | None
) -> None:
    """Count a failed try; without `next_try_at` the delivery is given up."""
    await tx.execute(
        "UPDATE deliveries SET tries = tries + 1, last_error = ?,"
        " state = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,"
        " next_try_at = COALESCE(?, next_try_at) WHERE id = ?",
        (error[:500], next_try_at, next_try_at, delivery_id),
    )


async def all_deliveries(db: Database) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, activity_id, inbox, state, tries, next_try_at, last_error FROM deliveries"
        " ORDER BY id"
    )


# Our outbox.


async def insert_outgoing(
    tx: Transaction, activity_id: str, type: str, body: str, public: bool, now: str
) -> None:
    await tx.execute(
        "INSERT INTO outbox_activities (activity_id, type, body, public, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (activity_id) DO NOTHING",
        (activity_id, type, body, int(public), now),
    )


async def count_public_outgoing(db: Database) -> int:
    return int(await db.fetch_value("SELECT COUNT(*) FROM outbox_activities WHERE public = 1"))


async def public_outgoing_page(db: Database, before_id: int | None, limit: int) -> list[Row]:
    """Newest first; `before_id` continues after the previous page."""
    return await db.fetch_all(
        "SELECT id, body FROM outbox_activities WHERE public = 1 AND (? IS NULL OR id < ?)"
        " ORDER BY id DESC LIMIT ?",
        (before_id, before_id, limit),
    )


async def outgoing(db: Database, activity_id: str) -> Row | None:
    return await db.fetch_one(
        "SELECT id, type, body, public FROM outbox_activities WHERE activity_id = ?",
        (activity_id,),
    )

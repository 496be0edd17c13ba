"""SQL for the outgoing mail queue (mail_outbox), shaped like the delivery queue."""

from __future__ import annotations

from collections.abc import Iterable

from node.storage.database import Database, Row, Transaction


async def insert_mail(
    tx: Transaction,
    member_id: int | None,
    address: str,
    kind: str,
    params: str,
    language: str,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO mail_outbox (member_id, address, kind, params, language, next_try_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (member_id, address, kind, params, language, now, now),
    )


async def insert_many(tx: Transaction, rows: Iterable[tuple[object, ...]], now: str) -> None:
    """Many mails in one statement each: (member_id, address, kind, params, language)."""
    for row in rows:
        await tx.execute(
            "INSERT INTO mail_outbox (member_id, address, kind, params, language, next_try_at,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*row, now, now),
        )


async def due_mail(db: Database, now: str, limit: int = 20) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, member_id, address, kind, params, language, tries, created_at"
        " FROM mail_outbox WHERE state = 'pending' AND next_try_at <= ?"
        " ORDER BY next_try_at, id LIMIT ?",
        (now, limit),
    )


async def next_mail_at(db: Database) -> str | None:
    value = await db.fetch_value("SELECT MIN(next_try_at) FROM mail_outbox WHERE state = 'pending'")
    return None if value is None else str(value)


async def mail_sent(tx: Transaction, mail_id: int, now: str) -> None:
    await tx.execute(
        "UPDATE mail_outbox SET state = 'sent', tries = tries + 1, sent_at = ?, params = '{}',"
        " last_error = NULL WHERE id = ?",
        (now, mail_id),
    )


async def mail_failed(tx: Transaction, mail_id: int, error: str, next_try_at: str | None) -> None:
    """Count a failed try; without `next_try_at` the mail is given up (and its params go)."""
    await tx.execute(
        "UPDATE mail_outbox SET tries = tries + 1, last_error = ?,"
        " state = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,"
        " params = CASE WHEN ? IS NULL THEN '{}' ELSE params END,"
        " next_try_at = COALESCE(?, next_try_at) WHERE id = ?",
        (error[:500], next_try_at, next_try_at, next_try_at, mail_id),
    )


async def counts(db: Database) -> dict[str, int]:
    rows = await db.fetch_all("SELECT state, COUNT(*) AS n FROM mail_outbox GROUP BY state")
    return {row["state"]: row["n"] for row in rows}


async def failed_mail(db: Database, limit: int = 50) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, address, kind, tries, last_error, created_at FROM mail_outbox"
        " WHERE state = 'failed' ORDER BY id DESC LIMIT ?",
        (limit,),
    )


async def delayed_mail(db: Database, limit: int = 50) -> list[Row]:
    """Mails still waiting after at least one failed try."""
    return await db.fetch_all(
        "SELECT id, address, kind, tries, last_error, next_try_at FROM mail_outbox"
        " WHERE state = 'pending' AND tries > 0 ORDER BY id LIMIT ?",
        (limit,),
    )

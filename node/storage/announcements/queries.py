"""SQL for announcements (mededelingen)."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

_COLUMNS = (
    "a.id, a.author_id, a.title, a.body, a.urgent, a.created_at, a.updated_at, a.expires_at,"
    " a.ended_at, a.hidden_at, m.display_name AS author_name"
)
_FROM = "announcements a LEFT JOIN members m ON m.id = a.author_id"
# Current: not hidden and not yet expired (`?` is now).
_CURRENT = "a.hidden_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > ?)"


async def insert_announcement(
    tx: Transaction,
    *,
    author_id: int,
    title: str,
    body: str,
    urgent: bool,
    expires_at: str | None,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO announcements (author_id, title, body, urgent, expires_at, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (author_id, title, body, int(urgent), expires_at, now, now),
    )


async def update_announcement(
    tx: Transaction,
    announcement_id: int,
    *,
    title: str,
    body: str,
    urgent: bool,
    expires_at: str | None,
    now: str,
) -> None:
    await tx.execute(
        "UPDATE announcements SET title = ?, body = ?, urgent = ?, expires_at = ?,"
        " updated_at = ? WHERE id = ?",
        (title, body, int(urgent), expires_at, now, announcement_id),
    )


async def end_announcement(tx: Transaction, announcement_id: int, by: int, now: str) -> None:
    await tx.execute(
        "UPDATE announcements SET expires_at = ?, ended_at = ?, ended_by = ?, updated_at = ?"
        " WHERE id = ?",
        (now, now, by, now, announcement_id),
    )


async def announcement_by_id(db: Database | Transaction, announcement_id: int) -> Row | None:
    return await db.fetch_one(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.id = ? AND a.hidden_at IS NULL",
        (announcement_id,),
    )


async def current_announcements(db: Database, now: str, limit: int = 50) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE {_CURRENT}"
        " ORDER BY a.urgent DESC, a.created_at DESC, a.id DESC LIMIT ?",
        (now, limit),
    )


async def urgent_announcements(db: Database, now: str) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.urgent = 1 AND {_CURRENT}"
        " ORDER BY a.created_at DESC, a.id DESC LIMIT 5",
        (now,),
    )


async def past_announcements(db: Database, now: str, limit: int = 20) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.hidden_at IS NULL AND a.expires_at <= ?"
        " ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
        (now, limit),
    )


async def public_announcements(
    db: Database, limit: int = 50, before_id: int | None = None
) -> list[Row]:
    """Every visible announcement, newest first, expired ones included (an archive)."""
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE a.hidden_at IS NULL AND a.id < ?"
        " ORDER BY a.id DESC LIMIT ?",
        (before_id if before_id is not None else 2**62, limit),
    )

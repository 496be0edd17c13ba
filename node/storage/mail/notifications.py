"""SQL the mail layer reads from the notifications table (written by triggers): new rows to
mail at once, and one member's rows of the week for the digest."""

from __future__ import annotations

from node.storage.database import Database, Row


async def notifications_after(db: Database, after_id: int, limit: int = 200) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, member_id, type, from_member_id, status_id, subject, created_at"
        " FROM notifications WHERE id > ? ORDER BY id LIMIT ?",
        (after_id, limit),
    )


async def last_notification_id(db: Database) -> int:
    return int(await db.fetch_value("SELECT COALESCE(MAX(id), 0) FROM notifications"))


async def recent_notifications(
    db: Database, member_id: int, types: list[str], since: str
) -> list[Row]:
    marks = ", ".join("?" for _ in types)
    return await db.fetch_all(
        "SELECT id, type, from_member_id, status_id, subject, created_at FROM notifications"
        f" WHERE member_id = ? AND type IN ({marks}) AND created_at >= ?"
        " ORDER BY id DESC LIMIT 50",
        (member_id, *types, since),
    )

"""SQL the mail layer reads from the notifications table (written by triggers), as the
notification centre reads it (node/storage/accounts/notices.py): new rows to mail at once,
and one member's rows of the week for the digest. Each row has its centre `kind`."""

from __future__ import annotations

from node.storage.accounts import notices
from node.storage.database import Database, Row


async def notifications_after(db: Database, after_id: int, limit: int = 200) -> list[Row]:
    return await notices.since(db, after_id, limit)


async def last_notification_id(db: Database) -> int:
    return int(await db.fetch_value("SELECT COALESCE(MAX(id), 0) FROM notifications"))


async def recent_notifications(
    db: Database, member_id: int, types: list[str], since: str
) -> list[Row]:
    return await notices.recent_of_kinds(db, member_id, types, since)

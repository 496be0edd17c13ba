"""SQL for shares (boosts) of our content from the fediverse."""

from __future__ import annotations

from node.storage.database import Database, Transaction


async def add(
    tx: Transaction, subject_type: str, subject_id: int, actor_uri: str, announce_id: str, now: str
) -> bool:
    """True when this actor had not shared it yet (a repeated Announce changes nothing)."""
    return (
        await tx.execute_count(
            "INSERT OR IGNORE INTO fediverse_shares"
            " (subject_type, subject_id, actor_uri, announce_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (subject_type, subject_id, actor_uri, announce_id, now),
        )
        > 0
    )


async def remove_by_announce(tx: Transaction, actor_uri: str, announce_id: str) -> int:
    return await tx.execute_count(
        "DELETE FROM fediverse_shares WHERE announce_id = ? AND actor_uri = ?",
        (announce_id, actor_uri),
    )


async def remove_by_subject(
    tx: Transaction, subject_type: str, subject_id: int, actor_uri: str
) -> int:
    return await tx.execute_count(
        "DELETE FROM fediverse_shares WHERE subject_type = ? AND subject_id = ? AND actor_uri = ?",
        (subject_type, subject_id, actor_uri),
    )


async def is_share(db: Database, announce_id: str) -> bool:
    found = await db.fetch_value(
        "SELECT 1 FROM fediverse_shares WHERE announce_id = ? LIMIT 1", (announce_id,)
    )
    return found == 1


async def count(db: Database, subject_type: str, subject_id: int) -> int:
    return int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM fediverse_shares WHERE subject_type = ? AND subject_id = ?",
            (subject_type, subject_id),
        )
    )

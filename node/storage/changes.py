"""SQL for the change log that the federation layer reads."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def insert_change(
    tx: Transaction,
    subject_type: str,
    subject_id: int,
    kind: str,
    member_id: int | None,
    created_at: str,
) -> int:
    return await tx.execute(
        "INSERT INTO changes (subject_type, subject_id, kind, member_id, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (subject_type, subject_id, kind, member_id, created_at),
    )


async def unpublished_changes(db: Database, limit: int = 100) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, subject_type, subject_id, kind, member_id, created_at FROM changes"
        " WHERE published_at IS NULL ORDER BY id LIMIT ?",
        (limit,),
    )


async def mark_published(tx: Transaction, change_id: int, published_at: str) -> None:
    await tx.execute("UPDATE changes SET published_at = ? WHERE id = ?", (published_at, change_id))

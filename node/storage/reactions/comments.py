"""SQL for comments: generic over their subject, on initiatives and activities (events) now,
announcements maybe later."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

# subject type -> table. A whitelist: table names in SQL text come only from here.
SUBJECT_TABLES = {"initiative": "initiatives", "event": "events"}


async def subject_visible(db: Database | Transaction, subject_type: str, subject_id: int) -> bool:
    table = SUBJECT_TABLES[subject_type]
    found = await db.fetch_value(
        f"SELECT 1 FROM {table} WHERE id = ? AND hidden_at IS NULL", (subject_id,)
    )
    return found == 1


async def insert_comment(
    tx: Transaction,
    *,
    subject_type: str,
    subject_id: int,
    body_html: str,
    now: str,
    member_id: int | None = None,
    remote_actor_uri: str | None = None,
    remote_actor_name: str | None = None,
    ap_id: str | None = None,
    is_official: bool = False,
) -> int:
    return await tx.execute(
        "INSERT INTO comments (subject_type, subject_id, member_id, remote_actor_uri,"
        " remote_actor_name, ap_id, body_html, is_official, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            subject_type,
            subject_id,
            member_id,
            remote_actor_uri,
            remote_actor_name,
            ap_id,
            body_html,
            int(is_official),
            now,
            now,
        ),
    )


async def comment_id_by_ap_id(db: Database | Transaction, ap_id: str) -> int | None:
    value = await db.fetch_value("SELECT id FROM comments WHERE ap_id = ?", (ap_id,))
    return None if value is None else int(value)


async def remote_comment_id(tx: Transaction, ap_id: str, actor_uri: str) -> int | None:
    value = await tx.fetch_value(
        "SELECT id FROM comments WHERE ap_id = ? AND remote_actor_uri = ?", (ap_id, actor_uri)
    )
    return None if value is None else int(value)


async def update_body(tx: Transaction, comment_id: int, body_html: str, now: str) -> None:
    await tx.execute(
        "UPDATE comments SET body_html = ?, updated_at = ? WHERE id = ?",
        (body_html, now, comment_id),
    )


async def delete_comment(tx: Transaction, comment_id: int) -> None:
    await tx.execute("DELETE FROM comments WHERE id = ?", (comment_id,))


async def comments_on(db: Database, subject_type: str, subject_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT c.id, c.member_id, c.remote_actor_uri,"
        " COALESCE(m.display_name, c.remote_actor_name, c.remote_actor_uri) AS author_name,"
        " m.role AS author_role, ra.handle AS remote_handle, c.body_html, c.is_official,"
        " c.created_at"
        " FROM comments c LEFT JOIN members m ON m.id = c.member_id"
        " LEFT JOIN remote_actors ra ON ra.uri = c.remote_actor_uri"
        " WHERE c.subject_type = ? AND c.subject_id = ? AND c.hidden_at IS NULL"
        " ORDER BY c.created_at, c.id",
        (subject_type, subject_id),
    )

"""SQL for reports, hiding and restoring content, and the moderation log."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

# content type -> (table, column shown as its title). A whitelist: table names in SQL text
# come only from here, never from a request.
CONTENT_TABLES: dict[str, tuple[str, str]] = {
    "initiative": ("initiatives", "title"),
    "comment": ("comments", "body_html"),
    "event": ("events", "title"),
    "announcement": ("announcements", "title"),
    "directory_entry": ("directory_entries", "title"),
    "post": ("posts", "body_html"),
}


async def content_title(
    db: Database | Transaction, content_type: str, content_id: int
) -> Row | None:
    table, title = CONTENT_TABLES[content_type]
    return await db.fetch_one(
        f"SELECT id, {title} AS title, hidden_at, hidden_reason FROM {table} WHERE id = ?",
        (content_id,),
    )


async def set_hidden(
    tx: Transaction, content_type: str, content_id: int, hidden_at: str | None, reason: str | None
) -> int:
    table, _ = CONTENT_TABLES[content_type]
    return await tx.execute_count(
        f"UPDATE {table} SET hidden_at = ?, hidden_reason = ? WHERE id = ?",
        (hidden_at, reason, content_id),
    )


async def insert_report(
    tx: Transaction, content_type: str, content_id: int, reporter_id: int, reason: str, now: str
) -> int:
    return await tx.execute(
        "INSERT INTO reports (content_type, content_id, reporter_id, reason, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (content_type, content_id, reporter_id, reason, now),
    )


async def open_report_exists(
    tx: Transaction, content_type: str, content_id: int, reporter_id: int
) -> bool:
    found = await tx.fetch_value(
        "SELECT 1 FROM reports WHERE content_type = ? AND content_id = ? AND reporter_id = ?"
        " AND resolved_at IS NULL",
        (content_type, content_id, reporter_id),
    )
    return found == 1


async def resolve_reports(
    tx: Transaction, content_type: str, content_id: int, by: int, decision: str, now: str
) -> None:
    await tx.execute(
        "UPDATE reports SET resolved_at = ?, resolved_by = ?, decision = ?"
        " WHERE content_type = ? AND content_id = ? AND resolved_at IS NULL",
        (now, by, decision, content_type, content_id),
    )


async def open_reports(db: Database) -> list[Row]:
    return await db.fetch_all(
        "SELECT r.id, r.content_type, r.content_id, r.reason, r.created_at,"
        " m.display_name AS reporter_name"
        " FROM reports r LEFT JOIN members m ON m.id = r.reporter_id"
        " WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id"
    )


async def insert_log(
    tx: Transaction,
    content_type: str,
    content_id: int,
    action: str,
    reason: str,
    member_id: int,
    now: str,
) -> None:
    await tx.execute(
        "INSERT INTO moderation_log (content_type, content_id, action, reason, member_id,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (content_type, content_id, action, reason, member_id, now),
    )


async def recent_log(db: Database, limit: int = 50) -> list[Row]:
    return await db.fetch_all(
        "SELECT l.content_type, l.content_id, l.action, l.reason, l.created_at,"
        " m.display_name AS member_name FROM moderation_log l"
        " LEFT JOIN members m ON m.id = l.member_id ORDER BY l.id DESC LIMIT ?",
        (limit,),
    )

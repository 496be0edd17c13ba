"""SQL for the status id space: pages of visible statuses, favourites, reblogs, threads."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction
from node.storage.reactions.comments import SUBJECT_TABLES

# A status is visible when what it points at still exists and is not hidden; a comment also
# needs its subject (initiative, activity) visible.
_FROM = (
    " FROM statuses s"
    " LEFT JOIN posts p ON s.subject_type = 'post' AND p.id = s.subject_id"
    " LEFT JOIN comments c ON s.subject_type = 'comment' AND c.id = s.subject_id"
    " LEFT JOIN initiatives i ON s.subject_type = 'initiative' AND i.id = s.subject_id"
    " LEFT JOIN events e ON s.subject_type = 'event' AND e.id = s.subject_id"
    " LEFT JOIN announcements a ON s.subject_type = 'announcement' AND a.id = s.subject_id"
)
_SUBJECT_VISIBLE = " ".join(
    f"WHEN '{kind}' THEN EXISTS (SELECT 1 FROM {table} cs"
    " WHERE cs.id = c.subject_id AND cs.hidden_at IS NULL)"
    for kind, table in SUBJECT_TABLES.items()
)
_VISIBLE = (
    "((p.id IS NOT NULL AND p.hidden_at IS NULL AND p.deleted_at IS NULL"
    "   AND p.visibility IN ({marks}))"
    " OR (c.id IS NOT NULL AND c.hidden_at IS NULL AND {remote}"
    f"   AND CASE c.subject_type {_SUBJECT_VISIBLE} ELSE 0 END)"
    " OR (i.id IS NOT NULL AND i.hidden_at IS NULL)"
    " OR (e.id IS NOT NULL AND e.hidden_at IS NULL)"
    " OR (a.id IS NOT NULL AND a.hidden_at IS NULL))"
)
_COLUMNS = "SELECT s.id, s.subject_type, s.subject_id, s.member_id, s.created_at"
# Initiatives, activities and news of followed nodes (migration 0015): subject 'remote',
# the id of the remote object.
_FOLLOWED = (
    "SELECT r.id, 'remote' AS subject_type, o.id AS subject_id, NULL AS member_id,"
    " COALESCE(o.published, o.received_at) AS created_at"
    " FROM remote_statuses r JOIN remote_objects o ON o.id = r.remote_object_id"
    " WHERE o.deleted_at IS NULL"
)
# In a timeline a series (a day's bookings of one node) shows as its newest object only.
_FOLLOWED_GROUPED = (
    f"{_FOLLOWED} AND (o.series IS NULL OR NOT EXISTS (SELECT 1 FROM remote_objects n"
    " WHERE n.series = o.series AND n.origin_uri = o.origin_uri AND n.deleted_at IS NULL"
    " AND n.id > o.id))"
)


def _visible(visibilities: tuple[str, ...], include_remote: bool) -> str:
    return _VISIBLE.format(
        marks=",".join("?" * len(visibilities)),
        remote="1" if include_remote else "c.member_id IS NOT NULL",
    )


async def page(
    db: Database,
    *,
    visibilities: tuple[str, ...],
    include_remote: bool = True,
    local: bool = True,
    followed: bool = False,
    tag: str | None = None,
    member_id: int | None = None,
    max_id: int | None = None,
    since_id: int | None = None,
    min_id: int | None = None,
    limit: int = 20,
) -> list[Row]:
    """Visible statuses, newest first; with `min_id` the ones just after it (then reversed).

    `local`: this node's statuses (`include_remote`: with comments from elsewhere);
    `followed`: also the content of followed nodes.
    """
    sources: list[str] = []
    params: list[Any] = []
    if local:
        where = [_visible(visibilities, include_remote)]
        params.extend(visibilities)
        if tag is not None:
            where.append("p.id IN (SELECT post_id FROM post_tags WHERE tag = ?)")
            params.append(tag)
        if member_id is not None:
            where.append("s.member_id = ? AND s.subject_type IN ('post', 'comment')")
            params.append(member_id)
        sources.append(f"{_COLUMNS}{_FROM} WHERE {' AND '.join(where)}")
    if followed:
        sources.append(_FOLLOWED_GROUPED)
    if not sources:
        return []
    bounds = ["1"]
    for value, clause in ((max_id, "id < ?"), (since_id, "id > ?"), (min_id, "id > ?")):
        if value is not None:
            bounds.append(clause)
            params.append(value)
    order = "ASC" if min_id is not None else "DESC"
    rows = await db.fetch_all(
        f"SELECT * FROM ({' UNION ALL '.join(sources)}) WHERE {' AND '.join(bounds)}"
        f" ORDER BY id {order} LIMIT ?",
        (*params, limit),
    )
    return rows[::-1] if min_id is not None else rows


async def visible_status(db: Database, status_id: int, visibilities: tuple[str, ...]) -> Row | None:
    """One visible status: ours, or one of a followed node."""
    return await db.fetch_one(
        f"SELECT * FROM ({_COLUMNS}{_FROM} WHERE s.id = ? AND {_visible(visibilities, True)}"
        f" UNION ALL {_FOLLOWED} AND r.id = ?)",
        (status_id, *visibilities, status_id),
    )


async def status_id_of(
    db: Database | Transaction, subject_type: str, subject_id: int
) -> int | None:
    value = await db.fetch_value(
        "SELECT id FROM statuses WHERE subject_type = ? AND subject_id = ?",
        (subject_type, subject_id),
    )
    return None if value is None else int(value)


async def comment_by_id(db: Database, comment_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT c.id, c.subject_type, c.subject_id, c.member_id, c.remote_actor_uri,"
        " COALESCE(m.display_name, c.remote_actor_name, c.remote_actor_uri) AS author_name,"
        " COALESCE(ra.handle, '') AS remote_handle, c.body_html, c.created_at"
        " FROM comments c LEFT JOIN members m ON m.id = c.member_id"
        " LEFT JOIN remote_actors ra ON ra.uri = c.remote_actor_uri"
        " WHERE c.id = ? AND c.hidden_at IS NULL",
        (comment_id,),
    )


async def reply_ids(db: Database, post_id: int) -> list[int]:
    """Status ids of every post below this one in its thread, oldest first."""
    rows = await db.fetch_all(
        "WITH RECURSIVE thread(id) AS (SELECT id FROM posts WHERE in_reply_to_post_id = ?"
        " UNION SELECT p.id FROM posts p JOIN thread t ON p.in_reply_to_post_id = t.id)"
        " SELECT s.id FROM statuses s JOIN thread t ON s.subject_type = 'post'"
        " AND s.subject_id = t.id ORDER BY s.id",
        (post_id,),
    )
    return [row["id"] for row in rows]


async def comment_status_ids(db: Database, subject_type: str, subject_id: int) -> list[int]:
    rows = await db.fetch_all(
        "SELECT s.id FROM statuses s JOIN comments c ON s.subject_type = 'comment'"
        " AND s.subject_id = c.id WHERE c.subject_type = ? AND c.subject_id = ? ORDER BY s.id",
        (subject_type, subject_id),
    )
    return [row["id"] for row in rows]


async def counts(db: Database, status_id: int, subject_type: str, subject_id: int) -> Row:
    """Replies, favourites and reblogs (ours and shares from the fediverse) of one status."""
    row = await db.fetch_one(
        "SELECT"
        " (SELECT COUNT(*) FROM posts WHERE ? = 'post' AND in_reply_to_post_id = ?"
        "   AND deleted_at IS NULL AND hidden_at IS NULL)"
        " + (SELECT COUNT(*) FROM comments WHERE subject_type = ? AND subject_id = ?"
        "   AND hidden_at IS NULL) AS replies,"
        " (SELECT COUNT(*) FROM status_favourites WHERE status_id = ?) AS favourites,"
        " (SELECT COUNT(*) FROM status_reblogs WHERE status_id = ?)"
        " + (SELECT COUNT(*) FROM fediverse_shares WHERE subject_type = ? AND subject_id = ?)"
        "   AS reblogs",
        (subject_type, subject_id, subject_type, subject_id, status_id, status_id)
        + (subject_type, subject_id),
    )
    assert row is not None
    return row


async def marked_by(db: Database, table: str, status_id: int, member_id: int) -> bool:
    assert table in ("status_favourites", "status_reblogs")
    found = await db.fetch_value(
        f"SELECT 1 FROM {table} WHERE status_id = ? AND member_id = ?", (status_id, member_id)
    )
    return found == 1


async def mark(tx: Transaction, table: str, status_id: int, member_id: int, now: str) -> None:
    assert table in ("status_favourites", "status_reblogs")
    await tx.execute(
        f"INSERT OR IGNORE INTO {table} (status_id, member_id, created_at) VALUES (?, ?, ?)",
        (status_id, member_id, now),
    )


async def unmark(tx: Transaction, table: str, status_id: int, member_id: int) -> None:
    assert table in ("status_favourites", "status_reblogs")
    await tx.execute(
        f"DELETE FROM {table} WHERE status_id = ? AND member_id = ?", (status_id, member_id)
    )


async def idempotent_status(db: Database, member_id: int, key: str) -> int | None:
    value = await db.fetch_value(
        "SELECT status_id FROM post_idempotency WHERE member_id = ? AND key = ?", (member_id, key)
    )
    return None if value is None else int(value)


async def remember_key(tx: Transaction, member_id: int, key: str, status_id: int, now: str) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO post_idempotency (member_id, key, status_id, created_at)"
        " VALUES (?, ?, ?, ?)",
        (member_id, key, status_id, now),
    )


async def post_ids_matching(db: Database, words: list[str], limit: int) -> list[int]:
    """Status ids of posts whose text contains every word (a simple local search)."""
    where = " AND ".join("p.body LIKE ? ESCAPE '\\'" for _ in words) or "0"
    rows = await db.fetch_all(
        f"SELECT s.id FROM statuses s JOIN posts p ON s.subject_type = 'post'"
        f" AND p.id = s.subject_id WHERE {where} ORDER BY s.id DESC LIMIT ?",
        (*[f"%{w}%" for w in words], limit),
    )
    return [row["id"] for row in rows]

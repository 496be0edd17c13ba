"""SQL for what residents keep with each other: local follows, notifications, markers."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction


async def follow(tx: Transaction, follower_id: int, followed_id: int, now: str) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO local_follows (follower_id, followed_id, created_at)"
        " VALUES (?, ?, ?)",
        (follower_id, followed_id, now),
    )


async def unfollow(tx: Transaction, follower_id: int, followed_id: int) -> None:
    await tx.execute(
        "DELETE FROM local_follows WHERE follower_id = ? AND followed_id = ?",
        (follower_id, followed_id),
    )


async def follows(db: Database, follower_id: int, followed_id: int) -> bool:
    found = await db.fetch_value(
        "SELECT 1 FROM local_follows WHERE follower_id = ? AND followed_id = ?",
        (follower_id, followed_id),
    )
    return found == 1


async def account_counts(db: Database, member_id: int) -> Row:
    row = await db.fetch_one(
        "SELECT"
        " (SELECT COUNT(*) FROM posts WHERE member_id = ? AND deleted_at IS NULL"
        "   AND hidden_at IS NULL) AS statuses,"
        " (SELECT MAX(created_at) FROM posts WHERE member_id = ? AND deleted_at IS NULL)"
        "   AS last_status_at,"
        " (SELECT COUNT(*) FROM local_follows WHERE followed_id = ?) AS followers,"
        " (SELECT COUNT(*) FROM local_follows WHERE follower_id = ?) AS following",
        (member_id, member_id, member_id, member_id),
    )
    assert row is not None
    return row


async def find_members(db: Database, pattern: str, limit: int) -> list[int]:
    rows = await db.fetch_all(
        "SELECT id FROM members WHERE status = 'active' AND (username LIKE ? ESCAPE '\\'"
        " OR display_name LIKE ? ESCAPE '\\') ORDER BY username LIMIT ?",
        (pattern, pattern, limit),
    )
    return [row["id"] for row in rows]


# Who it is from: a member, or (a share from the fediverse, see migration 0015) someone
# elsewhere, whose actor URI follows 'share:' in `subject`.
_NOTIFICATION = (
    "id, type, from_member_id, status_id, created_at,"
    " CASE WHEN subject LIKE 'share:%' THEN substr(subject, 7) END AS from_remote_uri"
)


async def notifications(
    db: Database,
    member_id: int,
    *,
    types: tuple[str, ...],
    max_id: int | None,
    since_id: int | None,
    min_id: int | None,
    limit: int,
) -> list[Row]:
    where = ["member_id = ?", f"type IN ({','.join('?' * len(types))})"]
    params: list[Any] = [member_id, *types]
    for value, clause in ((max_id, "id < ?"), (since_id, "id > ?"), (min_id, "id > ?")):
        if value is not None:
            where.append(clause)
            params.append(value)
    order = "ASC" if min_id is not None else "DESC"
    rows = await db.fetch_all(
        f"SELECT {_NOTIFICATION} FROM notifications"
        f" WHERE {' AND '.join(where)} ORDER BY id {order} LIMIT ?",
        (*params, limit),
    )
    return rows[::-1] if min_id is not None else rows


async def notification(
    db: Database, member_id: int, notification_id: int, types: tuple[str, ...]
) -> Row | None:
    return await db.fetch_one(
        f"SELECT {_NOTIFICATION} FROM notifications WHERE member_id = ? AND id = ?"
        f" AND type IN ({','.join('?' * len(types))})",
        (member_id, notification_id, *types),
    )


async def dismiss(
    tx: Transaction, member_id: int, notification_id: int | None, types: tuple[str, ...]
) -> None:
    """Only the types an app shows: clearing an app leaves the notification centre alone."""
    kinds = f"type IN ({','.join('?' * len(types))})"
    if notification_id is None:
        await tx.execute(
            f"DELETE FROM notifications WHERE member_id = ? AND {kinds}", (member_id, *types)
        )
    else:
        await tx.execute(
            f"DELETE FROM notifications WHERE member_id = ? AND id = ? AND {kinds}",
            (member_id, notification_id, *types),
        )


async def markers(db: Database, member_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT timeline, last_read_id, version, updated_at FROM markers WHERE member_id = ?",
        (member_id,),
    )


async def set_marker(
    tx: Transaction, member_id: int, timeline: str, last_read_id: str, now: str
) -> None:
    await tx.execute(
        "INSERT INTO markers (member_id, timeline, last_read_id, version, updated_at)"
        " VALUES (?, ?, ?, 1, ?) ON CONFLICT (member_id, timeline) DO UPDATE SET"
        " last_read_id = excluded.last_read_id, version = version + 1,"
        " updated_at = excluded.updated_at",
        (member_id, timeline, last_read_id, now),
    )

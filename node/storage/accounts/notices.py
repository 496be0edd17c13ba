"""SQL for the notification centre: a member's notifications with what each is about, its
title and who caused it, read in one query; the unread count; marking read."""

from __future__ import annotations

from node.storage import Database, Row, Transaction

# What a row is about, whether a trigger named it (subject_type) or it hangs on a status
# (the Mastodon types: a comment or reply, "ik steun dit", an offer of help, a share).
_CENTRE = """
SELECT n.id, n.member_id, n.type, n.subject, n.created_at, n.read_at,
    COALESCE(actor.display_name, '') AS actor_name,
    CASE
        WHEN n.type = 'favourite' AND n.subject LIKE 'offer:%' THEN 'offer'
        WHEN n.type = 'favourite' AND n.subject LIKE 'support:%' THEN 'support'
        WHEN n.type = 'mention' AND s.subject_type = 'comment' AND c.is_official = 1
            THEN 'official'
        WHEN n.type = 'mention' AND s.subject_type = 'comment' THEN 'comment'
        WHEN n.type = 'mention' THEN 'reply'
        WHEN n.type = 'reblog' AND n.subject LIKE 'share:%' THEN 'share'
        ELSE n.type
    END AS kind,
    COALESCE(n.subject_type, CASE WHEN s.subject_type = 'comment' THEN c.subject_type
        ELSE s.subject_type END) AS about_type,
    COALESCE(n.subject_id, CASE WHEN s.subject_type = 'comment' THEN c.subject_id
        ELSE s.subject_id END) AS about_id,
    COALESCE(i.title, e.title, a.title, pr.title, q.subject, bp.title, who.display_name,
        substr(p.body, 1, 80), '') AS title,
    bp.round_id AS round_id
FROM notifications n
LEFT JOIN members actor ON actor.id = n.from_member_id
LEFT JOIN statuses s ON s.id = n.status_id
LEFT JOIN comments c ON s.subject_type = 'comment' AND c.id = s.subject_id
LEFT JOIN initiatives i ON i.id = CASE
    WHEN n.subject_type = 'initiative' THEN n.subject_id
    WHEN s.subject_type = 'initiative' THEN s.subject_id
    WHEN c.subject_type = 'initiative' THEN c.subject_id END
LEFT JOIN events e ON e.id = CASE
    WHEN n.subject_type = 'event' THEN n.subject_id
    WHEN s.subject_type = 'event' THEN s.subject_id
    WHEN c.subject_type = 'event' THEN c.subject_id END
LEFT JOIN announcements a ON a.id = CASE
    WHEN n.subject_type = 'announcement' THEN n.subject_id
    WHEN s.subject_type = 'announcement' THEN s.subject_id END
LEFT JOIN posts p ON s.subject_type = 'post' AND p.id = s.subject_id
LEFT JOIN processes pr ON n.subject_type = 'process' AND pr.id = n.subject_id
LEFT JOIN questions q ON n.subject_type = 'question' AND q.id = n.subject_id
LEFT JOIN budget_proposals bp ON n.subject_type = 'budget_proposal' AND bp.id = n.subject_id
LEFT JOIN members who ON n.subject_type = 'member' AND who.id = n.subject_id
"""


async def centre(
    db: Database, member_id: int, *, before_id: int | None, limit: int, only_unread: bool
) -> list[Row]:
    where, params = ["n.member_id = ?"], [member_id]
    if before_id is not None:
        where.append("n.id < ?")
        params.append(before_id)
    if only_unread:
        where.append("n.read_at IS NULL")
    return await db.fetch_all(
        f"{_CENTRE} WHERE {' AND '.join(where)} ORDER BY n.id DESC LIMIT ?", (*params, limit)
    )


async def one(db: Database, member_id: int, notification_id: int) -> Row | None:
    return await db.fetch_one(
        f"{_CENTRE} WHERE n.member_id = ? AND n.id = ?", (member_id, notification_id)
    )


async def since(db: Database, after_id: int, limit: int) -> list[Row]:
    """Every member's notifications after an id, oldest first (for whoever sends them on)."""
    return await db.fetch_all(f"{_CENTRE} WHERE n.id > ? ORDER BY n.id LIMIT ?", (after_id, limit))


async def recent_of_kinds(
    db: Database, member_id: int, kinds: list[str], since: str, limit: int = 50
) -> list[Row]:
    """One member's notifications of these kinds since a moment, newest first (the digest)."""
    marks = ", ".join("?" for _ in kinds)
    return await db.fetch_all(
        f"SELECT * FROM ({_CENTRE} WHERE n.member_id = ? AND n.created_at >= ?)"
        f" WHERE kind IN ({marks}) ORDER BY id DESC LIMIT ?",
        (member_id, since, *kinds, limit),
    )


async def unread_count(db: Database, member_id: int) -> int:
    value = await db.fetch_value(
        "SELECT count(*) FROM notifications WHERE member_id = ? AND read_at IS NULL",
        (member_id,),
    )
    return int(value or 0)


async def mark_read(tx: Transaction, member_id: int, notification_id: int | None, now: str) -> int:
    if notification_id is None:
        return await tx.execute_count(
            "UPDATE notifications SET read_at = ? WHERE member_id = ? AND read_at IS NULL",
            (now, member_id),
        )
    return await tx.execute_count(
        "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE member_id = ? AND id = ?",
        (now, member_id, notification_id),
    )

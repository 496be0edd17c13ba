"""SQL for buurtberichten (residents' posts), their hashtags and mentions."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction
from node.storage.posts import photos


async def insert_post(
    tx: Transaction,
    *,
    member_id: int,
    body: str,
    body_html: str,
    visibility: str,
    spoiler_text: str,
    language: str | None,
    in_reply_to_post_id: int | None,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO posts (member_id, body, body_html, visibility, spoiler_text, language,"
        " in_reply_to_post_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (member_id, body, body_html, visibility, spoiler_text, language, in_reply_to_post_id, now),
    )


async def insert_tags(tx: Transaction, post_id: int, tags: list[str]) -> None:
    for tag in tags:
        await tx.execute(
            "INSERT OR IGNORE INTO post_tags (post_id, tag) VALUES (?, ?)", (post_id, tag)
        )


async def update_post(
    tx: Transaction,
    post_id: int,
    *,
    body: str,
    body_html: str,
    spoiler_text: str,
    language: str | None,
    now: str,
) -> None:
    await tx.execute(
        "UPDATE posts SET body = ?, body_html = ?, spoiler_text = ?, language = ?,"
        " edited_at = ? WHERE id = ?",
        (body, body_html, spoiler_text, language, now, post_id),
    )


async def replace_tags(tx: Transaction, post_id: int, tags: list[str]) -> None:
    await tx.execute("DELETE FROM post_tags WHERE post_id = ?", (post_id,))
    await insert_tags(tx, post_id, tags)


async def replace_mentions(tx: Transaction, post_id: int, member_ids: list[int]) -> None:
    await tx.execute("DELETE FROM post_mentions WHERE post_id = ?", (post_id,))
    await insert_mentions(tx, post_id, member_ids)


async def insert_mentions(tx: Transaction, post_id: int, member_ids: list[int]) -> None:
    for member_id in member_ids:
        await tx.execute(
            "INSERT OR IGNORE INTO post_mentions (post_id, member_id) VALUES (?, ?)",
            (post_id, member_id),
        )


async def active_member_ids(db: Database, usernames: list[str]) -> dict[str, int]:
    if not usernames:
        return {}
    marks = ",".join("?" * len(usernames))
    rows = await db.fetch_all(
        f"SELECT id, username FROM members WHERE status = 'active' AND username IN ({marks})",
        usernames,
    )
    return {row["username"].lower(): row["id"] for row in rows}


_POST = (
    "SELECT p.*, m.username AS author_username, m.display_name AS author_name,"
    " m.public_profile AS author_public_profile,"
    " (SELECT group_concat(tag, ' ') FROM post_tags WHERE post_id = p.id) AS tags,"
    " (SELECT group_concat(pm.member_id || ':' || mm.username || ':' || mm.public_profile, ' ')"
    "   FROM post_mentions pm JOIN members mm ON mm.id = pm.member_id"
    "   WHERE pm.post_id = p.id) AS mentions,"
    f" {photos.OF_POST} AS photos"
    " FROM posts p LEFT JOIN members m ON m.id = p.member_id"
)


async def post_by_id(db: Database | Transaction, post_id: int) -> Row | None:
    """The post, also when deleted or hidden (the caller decides what to show)."""
    return await db.fetch_one(f"{_POST} WHERE p.id = ?", (post_id,))


async def visible_posts(
    db: Database,
    visibilities: tuple[str, ...],
    limit: int,
    before_id: int | None,
    tag: str | None = None,
) -> list[Row]:
    marks = ",".join("?" * len(visibilities))
    tagged = " AND p.id IN (SELECT post_id FROM post_tags WHERE tag = ?)" if tag else ""
    return await db.fetch_all(
        f"{_POST} WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL"
        f" AND p.visibility IN ({marks}) AND p.id < ?{tagged} ORDER BY p.id DESC LIMIT ?",
        (*visibilities, before_id or 2**62, *([tag] if tag else []), limit),
    )


async def count_since(db: Database | Transaction, member_id: int, since: str) -> int:
    value = await db.fetch_value(
        "SELECT COUNT(*) FROM posts WHERE member_id = ? AND created_at >= ?", (member_id, since)
    )
    return int(value or 0)


async def mark_deleted(tx: Transaction, post_id: int, now: str) -> None:
    await tx.execute("UPDATE posts SET deleted_at = ? WHERE id = ?", (now, post_id))

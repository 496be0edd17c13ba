"""SQL federation needs beyond the domain's own queries: a comment as it is now (hidden or
not), the initiative a change to an offer or an update belongs to, a remote support by the
id of its Like."""

from __future__ import annotations

from node.storage.database import Database, Row


async def comment(db: Database, comment_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT c.id, c.subject_type, c.subject_id, c.member_id, c.remote_actor_uri, c.ap_id,"
        " c.body_html, c.is_official, c.created_at, c.updated_at, c.hidden_at,"
        " m.display_name AS author_name"
        " FROM comments c LEFT JOIN members m ON m.id = c.member_id WHERE c.id = ?",
        (comment_id,),
    )


async def initiative_of_offer(db: Database, offer_id: int) -> int | None:
    value = await db.fetch_value(
        "SELECT n.initiative_id FROM offers o JOIN needs n ON n.id = o.need_id WHERE o.id = ?",
        (offer_id,),
    )
    return None if value is None else int(value)


async def initiative_of_update(db: Database, update_id: int) -> int | None:
    value = await db.fetch_value(
        "SELECT initiative_id FROM initiative_updates WHERE id = ?", (update_id,)
    )
    return None if value is None else int(value)


async def hidden_at(db: Database, table: str, row_id: int) -> tuple[bool, str | None]:
    """(exists, hidden_at) for an initiative, event or announcement row."""
    if table not in ("initiatives", "events", "announcements"):
        raise ValueError(table)
    row = await db.fetch_one(f"SELECT hidden_at FROM {table} WHERE id = ?", (row_id,))
    return (row is not None, None if row is None else row["hidden_at"])


async def support_by_ap_id(db: Database, ap_id: str) -> Row | None:
    return await db.fetch_one(
        "SELECT initiative_id, remote_actor_uri FROM supports WHERE ap_id = ?", (ap_id,)
    )

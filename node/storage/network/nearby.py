"""SQL for content from followed nodes and our residents' comments and supports on it."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction

_OBJECT_FIELDS = (
    "type",
    "kind",
    "actor_uri",
    "origin_uri",
    "in_reply_to",
    "name",
    "content_html",
    "url",
    "published",
    "updated",
    "starts_at",
    "ends_at",
    "timezone",
    "location_name",
    "location_address",
    "status",
    "participation_level",
    "open_needs",
    "series",
)
# The newest object of its series stands for the series (and counts it).
_LATEST_OF_SERIES = (
    "(o.series IS NULL OR NOT EXISTS (SELECT 1 FROM remote_objects n WHERE n.series = o.series"
    " AND n.origin_uri = o.origin_uri AND n.deleted_at IS NULL AND n.id > o.id))"
)

# One row per visible object, with its origin node's name and what our residents did.
_SELECT = """
SELECT o.*, a.name AS origin_name, a.handle AS origin_handle,
       (SELECT COUNT(*) FROM remote_objects r
         WHERE r.in_reply_to = o.ap_id AND r.deleted_at IS NULL)
       + (SELECT COUNT(*) FROM remote_interactions c
           WHERE c.remote_object_id = o.id AND c.kind = 'comment') AS comments,
       (SELECT COUNT(*) FROM remote_interactions s
         WHERE s.remote_object_id = o.id AND s.kind = 'support' AND s.withdrawn_at IS NULL)
           AS supports,
       (SELECT COUNT(*) FROM remote_objects g WHERE g.series = o.series
         AND g.origin_uri = o.origin_uri AND g.deleted_at IS NULL) AS in_series
FROM remote_objects o LEFT JOIN remote_actors a ON a.uri = o.origin_uri
WHERE o.deleted_at IS NULL
"""


async def upsert_object(tx: Transaction, values: dict[str, Any], now: str) -> int:
    """Insert or refresh by ap_id (an Update after a Delete brings it back: a restore)."""
    columns = ", ".join(_OBJECT_FIELDS)
    marks = ", ".join(f":{name}" for name in _OBJECT_FIELDS)
    updates = ", ".join(f"{name} = excluded.{name}" for name in _OBJECT_FIELDS)
    await tx.execute(
        f"INSERT INTO remote_objects (ap_id, {columns}, received_at)"
        f" VALUES (:ap_id, {marks}, :now) ON CONFLICT (ap_id) DO UPDATE SET {updates},"
        " deleted_at = NULL",
        {**{k: values.get(k) for k in _OBJECT_FIELDS}, "ap_id": values["ap_id"], "now": now},
    )
    return int(
        await tx.fetch_value("SELECT id FROM remote_objects WHERE ap_id = ?", (values["ap_id"],))
    )


async def object_by_ap_id(db: Database | Transaction, ap_id: str) -> Row | None:
    """Deleted ones too: the caller decides (a late Update must not revive a Delete twice)."""
    return await db.fetch_one("SELECT * FROM remote_objects WHERE ap_id = ?", (ap_id,))


async def visible_object(db: Database, object_id: int) -> Row | None:
    return await db.fetch_one(f"{_SELECT} AND o.id = ?", (object_id,))


async def mark_deleted(tx: Transaction, ap_id: str, now: str) -> int:
    return await tx.execute_count(
        "UPDATE remote_objects SET deleted_at = ?, content_html = '', name = ''"
        " WHERE ap_id = ? AND deleted_at IS NULL",
        (now, ap_id),
    )


async def listing(db: Database, kinds: tuple[str, ...], limit: int) -> list[Row]:
    """Newest first; a series (a day's bookings of one node) as its newest object."""
    marks = ", ".join("?" for _ in kinds)
    return await db.fetch_all(
        f"{_SELECT} AND o.kind IN ({marks}) AND {_LATEST_OF_SERIES}"
        " ORDER BY COALESCE(o.published, o.received_at) DESC, o.id DESC LIMIT ?",
        (*kinds, limit),
    )


async def replies_to(db: Database, ap_id: str) -> list[Row]:
    return await db.fetch_all(
        "SELECT o.id, o.actor_uri, o.content_html, o.url, o.published, o.received_at,"
        " COALESCE(a.name, o.actor_uri) AS author_name FROM remote_objects o"
        " LEFT JOIN remote_actors a ON a.uri = o.actor_uri"
        " WHERE o.in_reply_to = ? AND o.deleted_at IS NULL ORDER BY o.published, o.id",
        (ap_id,),
    )


# Our residents' interactions.


async def insert_interaction(
    tx: Transaction,
    object_id: int,
    member_id: int,
    kind: str,
    now: str,
    *,
    body_html: str = "",
    author_name: str = "",
    official: str | None = None,
) -> int:
    return await tx.execute(
        "INSERT INTO remote_interactions (remote_object_id, member_id, kind, body_html,"
        " author_name, created_at, official) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (object_id, member_id, kind, body_html, author_name, now, official),
    )


async def interaction(db: Database | Transaction, interaction_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT i.*, o.ap_id AS object_ap_id, o.origin_uri, o.actor_uri AS object_actor,"
        " o.url AS object_url, o.deleted_at AS object_deleted_at"
        " FROM remote_interactions i JOIN remote_objects o ON o.id = i.remote_object_id"
        " WHERE i.id = ?",
        (interaction_id,),
    )


async def active_support(tx: Database | Transaction, object_id: int, member_id: int) -> int | None:
    value = await tx.fetch_value(
        "SELECT id FROM remote_interactions WHERE remote_object_id = ? AND member_id = ?"
        " AND kind = 'support' AND withdrawn_at IS NULL",
        (object_id, member_id),
    )
    return None if value is None else int(value)


async def withdraw_support(tx: Transaction, interaction_id: int, now: str) -> None:
    await tx.execute(
        "UPDATE remote_interactions SET withdrawn_at = ? WHERE id = ?", (now, interaction_id)
    )


async def comments_on(db: Database, object_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, author_name, body_html, created_at, official FROM remote_interactions"
        " WHERE remote_object_id = ? AND kind = 'comment' ORDER BY created_at, id",
        (object_id,),
    )


# The gemeente dashboard.


async def initiatives(db: Database, need_kind: str | None, origin: str | None) -> list[Row]:
    """Remote initiatives, by node then newest; optionally only those with an open need of
    `need_kind` (open_needs is a JSON list of {kind, description}) or from `origin`."""
    return await db.fetch_all(
        f"{_SELECT} AND o.kind = 'initiative' AND (:origin IS NULL OR o.origin_uri = :origin)"
        " AND (:need IS NULL OR EXISTS (SELECT 1 FROM json_each(o.open_needs) n"
        " WHERE json_extract(n.value, '$.kind') = :need))"
        " ORDER BY origin_name, COALESCE(o.published, o.received_at) DESC, o.id DESC",
        {"origin": origin, "need": need_kind},
    )


async def upcoming_events(db: Database, now: str, limit: int) -> list[Row]:
    """Remote activities not over yet, soonest first."""
    return await db.fetch_all(
        f"{_SELECT} AND o.kind = 'event' AND o.starts_at IS NOT NULL"
        " AND COALESCE(o.ends_at, o.starts_at) >= ? ORDER BY o.starts_at, o.id LIMIT ?",
        (now, limit),
    )


async def initiative_counts(db: Database) -> dict[str, int]:
    rows = await db.fetch_all(
        "SELECT origin_uri, COUNT(*) AS n FROM remote_objects"
        " WHERE kind = 'initiative' AND deleted_at IS NULL GROUP BY origin_uri"
    )
    return {r["origin_uri"]: int(r["n"]) for r in rows}


async def followed_nodes_now(db: Database, now: str) -> list[Row]:
    """Every node this node follows (accepted), with the id of its newest initiative that
    still has open needs and of its next activity; each found through an index."""
    return await db.fetch_all(
        "SELECT f.actor_uri, COALESCE(NULLIF(a.name, ''), NULLIF(a.handle, ''), f.actor_uri)"
        " AS name,"
        " (SELECT o.id FROM remote_objects o WHERE o.origin_uri = f.actor_uri"
        "   AND o.kind = 'initiative' AND o.deleted_at IS NULL"
        "   AND o.open_needs NOT IN ('', '[]')"  # as the partial index says
        "   ORDER BY o.published DESC LIMIT 1) AS initiative_id,"
        " (SELECT e.id FROM remote_objects e WHERE e.origin_uri = f.actor_uri"
        "   AND e.kind = 'event' AND e.deleted_at IS NULL AND e.starts_at >= ?"
        "   ORDER BY e.starts_at LIMIT 1) AS event_id"
        " FROM federation_following f LEFT JOIN remote_actors a ON a.uri = f.actor_uri"
        " WHERE f.state = 'accepted' ORDER BY name LIMIT 50",
        (now,),
    )


async def objects_by_ids(db: Database, ids: list[int]) -> list[Row]:
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return await db.fetch_all(f"{_SELECT} AND o.id IN ({marks})", ids)

"""SQL for activities (events) and the answers residents and remote actors give (RSVPs)."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction

# One row per activity, with its place, organiser, initiative and answer counts, so a
# listing needs one query. Place columns are prefixed `place_`.
_SELECT = """
SELECT e.id, e.title, e.description, e.starts_at, e.ends_at, e.place_id, e.location,
       e.capacity, e.initiative_id, i.title AS initiative_title, e.organiser_id,
       m.display_name AS organiser_name, e.cancelled_at, e.created_at, e.updated_at,
       p.kind AS place_kind, p.name AS place_name,
       p.street_address AS place_street_address, p.postal_code AS place_postal_code,
       p.locality AS place_locality, p.latitude AS place_latitude,
       p.longitude AS place_longitude, p.opening_hours AS place_opening_hours,
       p.accessibility AS place_accessibility, p.description AS place_description,
       p.created_at AS place_created_at, p.updated_at AS place_updated_at,
       (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id AND r.answer = 'going') AS going,
       (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id AND r.answer = 'maybe') AS maybe,
       (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id AND r.answer = 'not_going')
           AS not_going
FROM events e
LEFT JOIN places p ON p.id = e.place_id
LEFT JOIN members m ON m.id = e.organiser_id
LEFT JOIN initiatives i ON i.id = e.initiative_id AND i.hidden_at IS NULL
WHERE e.hidden_at IS NULL
"""

_EDITABLE = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place_id",
    "location",
    "capacity",
    "initiative_id",
)


async def insert_event(
    tx: Transaction, values: dict[str, Any], organiser_id: int | None, now: str
) -> int:
    columns = ", ".join(_EDITABLE)
    marks = ", ".join(f":{name}" for name in _EDITABLE)
    return await tx.execute(
        f"INSERT INTO events ({columns}, organiser_id, created_at, updated_at)"
        f" VALUES ({marks}, :organiser_id, :now, :now)",
        {**{k: values[k] for k in _EDITABLE}, "organiser_id": organiser_id, "now": now},
    )


async def update_event(tx: Transaction, event_id: int, values: dict[str, Any], now: str) -> int:
    assignments = ", ".join(f"{name} = :{name}" for name in _EDITABLE)
    return await tx.execute_count(
        f"UPDATE events SET {assignments}, updated_at = :now WHERE id = :id",
        {**{k: values[k] for k in _EDITABLE}, "now": now, "id": event_id},
    )


async def cancel_event(tx: Transaction, event_id: int, now: str) -> int:
    return await tx.execute_count(
        "UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ? AND cancelled_at IS NULL",
        (now, now, event_id),
    )


async def event_by_id(db: Database | Transaction, event_id: int) -> Row | None:
    return await db.fetch_one(f"{_SELECT} AND e.id = ?", (event_id,))


async def events_starting_between(db: Database, start: str, end: str, limit: int = -1) -> list[Row]:
    """Soonest first; `limit` -1 is all of them."""
    return await db.fetch_all(
        f"{_SELECT} AND e.starts_at >= ? AND e.starts_at < ? ORDER BY e.starts_at, e.id LIMIT ?",
        (start, end, limit),
    )


async def events_ending_after(db: Database, moment: str, limit: int = 500) -> list[Row]:
    return await db.fetch_all(
        f"{_SELECT} AND e.ends_at > ? ORDER BY e.starts_at, e.id LIMIT ?", (moment, limit)
    )


async def events_at_place_ending_after(db: Database, place_id: int, moment: str) -> list[Row]:
    return await db.fetch_all(
        f"{_SELECT} AND e.place_id = ? AND e.ends_at > ? ORDER BY e.starts_at, e.id",
        (place_id, moment),
    )


async def going_count(
    tx: Transaction, event_id: int, *, member_id: int | None = None, remote_uri: str | None = None
) -> int:
    """How many are going, leaving out the one who answers now (their old answer)."""
    return int(
        await tx.fetch_value(
            "SELECT COUNT(*) FROM rsvps WHERE event_id = ? AND answer = 'going'"
            " AND NOT (member_id IS ? AND remote_actor_uri IS ?)",
            (event_id, member_id, remote_uri),
        )
    )


async def put_member_rsvp(
    tx: Transaction, event_id: int, member_id: int, answer: str, now: str
) -> None:
    await tx.execute(
        "INSERT INTO rsvps (event_id, member_id, answer, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (event_id, member_id) WHERE member_id IS NOT NULL"
        " DO UPDATE SET answer = excluded.answer",
        (event_id, member_id, answer, now),
    )


async def put_remote_rsvp(
    tx: Transaction, event_id: int, actor_uri: str, actor_name: str, answer: str, now: str
) -> None:
    await tx.execute(
        "INSERT INTO rsvps (event_id, remote_actor_uri, remote_actor_name, answer, created_at)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (event_id, remote_actor_uri) WHERE remote_actor_uri IS NOT NULL"
        " DO UPDATE SET answer = excluded.answer, remote_actor_name = excluded.remote_actor_name",
        (event_id, actor_uri, actor_name, answer, now),
    )


async def delete_remote_rsvp(tx: Transaction, event_id: int, actor_uri: str) -> int:
    return await tx.execute_count(
        "DELETE FROM rsvps WHERE event_id = ? AND remote_actor_uri = ?", (event_id, actor_uri)
    )


async def member_answer(db: Database, event_id: int, member_id: int) -> str | None:
    value = await db.fetch_value(
        "SELECT answer FROM rsvps WHERE event_id = ? AND member_id = ?", (event_id, member_id)
    )
    return None if value is None else str(value)


async def names_with_answer(db: Database, event_id: int, answer: str) -> list[str]:
    rows = await db.fetch_all(
        "SELECT COALESCE(m.display_name, r.remote_actor_name, r.remote_actor_uri) AS name"
        " FROM rsvps r LEFT JOIN members m ON m.id = r.member_id"
        " WHERE r.event_id = ? AND r.answer = ? ORDER BY r.created_at, name",
        (event_id, answer),
    )
    return [str(row["name"]) for row in rows]


async def initiative_choices(db: Database) -> list[Row]:
    """Initiatives an activity may be linked to (the table belongs to initiatives)."""
    return await db.fetch_all(
        "SELECT id, title FROM initiatives WHERE hidden_at IS NULL ORDER BY title COLLATE NOCASE"
    )


async def initiative_exists(tx: Transaction, initiative_id: int) -> bool:
    return (
        await tx.fetch_value(
            "SELECT 1 FROM initiatives WHERE id = ? AND hidden_at IS NULL", (initiative_id,)
        )
        == 1
    )

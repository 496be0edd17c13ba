"""SQL for the municipality's contact persons: whom a gemeente node assigned to each node it
follows (`contact_nodes`), and on a wijk whom the gemeente told us about
(`municipal_contacts`)."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

# -- on the gemeente ----------------------------------------------------------------


async def assignments(db: Database | Transaction) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, node_actor_uri, contact_id, standin_id, updated_at FROM contact_nodes"
    )


async def assignment(db: Database | Transaction, node_actor_uri: str) -> Row | None:
    return await db.fetch_one(
        "SELECT id, node_actor_uri, contact_id, standin_id, updated_at FROM contact_nodes"
        " WHERE node_actor_uri = ?",
        (node_actor_uri,),
    )


async def assignment_by_id(db: Database | Transaction, assignment_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT id, node_actor_uri, contact_id, standin_id, updated_at FROM contact_nodes"
        " WHERE id = ?",
        (assignment_id,),
    )


async def assignments_of(db: Database | Transaction, member_id: int) -> list[int]:
    """The ids of the assignments in which this member is contact person or stand-in."""
    rows = await db.fetch_all(
        "SELECT id FROM contact_nodes WHERE contact_id = ? OR standin_id = ?",
        (member_id, member_id),
    )
    return [row["id"] for row in rows]


async def put_assignment(
    tx: Transaction,
    node_actor_uri: str,
    *,
    contact_id: int | None,
    standin_id: int | None,
    by: int,
    now: str,
) -> int:
    """Set a node's contact person and stand-in; the row's id."""
    await tx.execute(
        "INSERT INTO contact_nodes (node_actor_uri, contact_id, standin_id, updated_by,"
        " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (node_actor_uri) DO UPDATE SET"
        " contact_id = excluded.contact_id, standin_id = excluded.standin_id,"
        " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        (node_actor_uri, contact_id, standin_id, by, now),
    )
    return int(
        await tx.fetch_value(
            "SELECT id FROM contact_nodes WHERE node_actor_uri = ?", (node_actor_uri,)
        )
    )


# -- on a wijk ----------------------------------------------------------------------


async def replace_municipal(
    tx: Transaction, origin: str, people: list[tuple[str, str, str, str, str]], now: str
) -> None:
    """What the gemeente says now replaces what it said before: (position, name, phone,
    hours, about) per person."""
    await tx.execute("DELETE FROM municipal_contacts WHERE origin_actor_uri = ?", (origin,))
    for position, name, phone, hours, about in people:
        await tx.execute(
            "INSERT INTO municipal_contacts (origin_actor_uri, position, name, phone, hours,"
            " about, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (origin, position, name, phone, hours, about, now),
        )


async def municipal(db: Database | Transaction) -> list[Row]:
    """The contact person first, then the stand-in (of the gemeente that told us last)."""
    return await db.fetch_all(
        "SELECT origin_actor_uri, position, name, phone, hours, about, updated_at"
        " FROM municipal_contacts ORDER BY updated_at DESC, position = 'standin'"
    )


async def followed_names(db: Database) -> dict[str, str]:
    """The names of the nodes we follow, by actor URI."""
    rows = await db.fetch_all(
        "SELECT f.actor_uri, COALESCE(NULLIF(a.name, ''), f.actor_uri) AS name"
        " FROM federation_following f LEFT JOIN remote_actors a ON a.uri = f.actor_uri"
        " WHERE f.state = 'accepted'"
    )
    return {row["actor_uri"]: row["name"] for row in rows}

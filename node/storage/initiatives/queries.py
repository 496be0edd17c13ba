"""SQL for initiatives, their needs, updates and supports, and the full-text search."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

# One row per initiative with what a list needs: who started it and how far its needs are.
_SUMMARY = """
SELECT i.id, i.member_id, m.display_name AS initiator_name, i.title, i.summary, i.area,
       i.status, i.participation_level, i.image_path, i.created_at, i.updated_at,
       (SELECT COUNT(*) FROM supports s WHERE s.initiative_id = i.id) AS supports,
       (SELECT COUNT(*) FROM needs n WHERE n.initiative_id = i.id) AS needs,
       (SELECT COUNT(*) FROM need_progress p WHERE p.initiative_id = i.id AND p.is_open)
           AS open_needs
FROM initiatives i LEFT JOIN members m ON m.id = i.member_id
"""

_ACTIVE = "('idea', 'seeking', 'running')"


async def insert_initiative(
    tx: Transaction,
    *,
    member_id: int,
    title: str,
    summary: str,
    description_md: str,
    description_html: str,
    area: str,
    status: str,
    participation_level: str,
    image_path: str | None,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO initiatives (member_id, title, summary, description_md, description_html,"
        " area, status, participation_level, image_path, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            member_id,
            title,
            summary,
            description_md,
            description_html,
            area,
            status,
            participation_level,
            image_path,
            now,
            now,
        ),
    )


async def update_initiative(
    tx: Transaction,
    initiative_id: int,
    *,
    title: str,
    summary: str,
    description_md: str,
    description_html: str,
    area: str,
    participation_level: str,
    image_path: str | None,
    now: str,
) -> None:
    await tx.execute(
        "UPDATE initiatives SET title = ?, summary = ?, description_md = ?, description_html = ?,"
        " area = ?, participation_level = ?, image_path = ?, updated_at = ? WHERE id = ?",
        (
            title,
            summary,
            description_md,
            description_html,
            area,
            participation_level,
            image_path,
            now,
            initiative_id,
        ),
    )


async def set_status(
    tx: Transaction, initiative_id: int, status: str, reason: str, now: str
) -> None:
    await tx.execute(
        "UPDATE initiatives SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
        (status, reason, now, initiative_id),
    )


async def touch(tx: Transaction, initiative_id: int, now: str) -> None:
    await tx.execute("UPDATE initiatives SET updated_at = ? WHERE id = ?", (now, initiative_id))


async def initiative_by_id(db: Database | Transaction, initiative_id: int) -> Row | None:
    """The full row, hidden or not; the caller decides who may see a hidden one."""
    return await db.fetch_one(
        "SELECT i.*, m.display_name AS initiator_name FROM initiatives i"
        " LEFT JOIN members m ON m.id = i.member_id WHERE i.id = ?",
        (initiative_id,),
    )


async def summary_by_id(db: Database, initiative_id: int) -> Row | None:
    return await db.fetch_one(
        f"{_SUMMARY} WHERE i.id = ? AND i.hidden_at IS NULL", (initiative_id,)
    )


async def list_initiatives(
    db: Database,
    *,
    status: str | None = None,
    need_kind: str | None = None,
    open_needs_only: bool = False,
    match: str | None = None,
    limit: int = 100,
) -> list[Row]:
    """Visible initiatives, newest activity first; `match` is an FTS5 expression."""
    where = ["i.hidden_at IS NULL"]
    params: list[object] = []
    if status:
        where.append("i.status = ?")
        params.append(status)
    if need_kind:
        where.append("EXISTS (SELECT 1 FROM needs n WHERE n.initiative_id = i.id AND n.kind = ?)")
        params.append(need_kind)
    if open_needs_only:
        where.append(
            f"i.status IN {_ACTIVE} AND EXISTS (SELECT 1 FROM need_progress p"
            " WHERE p.initiative_id = i.id AND p.is_open)"
        )
    if match:
        where.append("i.id IN (SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH ?)")
        params.append(match)
    params.append(limit)
    return await db.fetch_all(
        f"{_SUMMARY} WHERE {' AND '.join(where)} ORDER BY i.updated_at DESC, i.id DESC LIMIT ?",
        params,
    )


async def insert_need(
    tx: Transaction,
    initiative_id: int,
    kind: str,
    description: str,
    amount: int | None,
    position: int,
) -> int:
    return await tx.execute(
        "INSERT INTO needs (initiative_id, kind, description, amount, position)"
        " VALUES (?, ?, ?, ?, ?)",
        (initiative_id, kind, description, amount, position),
    )


async def max_need_position(tx: Transaction, initiative_id: int) -> int:
    value = await tx.fetch_value(
        "SELECT MAX(position) FROM needs WHERE initiative_id = ?", (initiative_id,)
    )
    return int(value) if value is not None else -1


async def needs_of(db: Database | Transaction, initiative_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT n.id, n.initiative_id, n.kind, n.description, n.amount, p.pledged, p.accepted,"
        " p.pending, p.is_open FROM needs n JOIN need_progress p ON p.need_id = n.id"
        " WHERE n.initiative_id = ? ORDER BY n.position, n.id",
        (initiative_id,),
    )


async def need_by_id(db: Database | Transaction, need_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT n.id, n.initiative_id, n.kind, n.description, n.amount, p.pledged, p.accepted,"
        " p.pending, p.is_open FROM needs n JOIN need_progress p ON p.need_id = n.id"
        " WHERE n.id = ?",
        (need_id,),
    )


async def insert_update(
    tx: Transaction, initiative_id: int, member_id: int, body_html: str, now: str
) -> int:
    return await tx.execute(
        "INSERT INTO initiative_updates (initiative_id, member_id, body_html, created_at)"
        " VALUES (?, ?, ?, ?)",
        (initiative_id, member_id, body_html, now),
    )


async def updates_of(db: Database, initiative_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT u.id, u.body_html, u.created_at, m.display_name AS author_name"
        " FROM initiative_updates u LEFT JOIN members m ON m.id = u.member_id"
        " WHERE u.initiative_id = ? ORDER BY u.created_at DESC, u.id DESC",
        (initiative_id,),
    )


async def support_id(tx: Transaction, initiative_id: int, member_id: int) -> int | None:
    value = await tx.fetch_value(
        "SELECT id FROM supports WHERE initiative_id = ? AND member_id = ?",
        (initiative_id, member_id),
    )
    return None if value is None else int(value)


async def insert_support(
    tx: Transaction,
    initiative_id: int,
    now: str,
    *,
    member_id: int | None = None,
    remote_actor_uri: str | None = None,
    ap_id: str | None = None,
) -> int:
    """A new support; 0 when this member or remote actor already supports it."""
    return await tx.execute(
        "INSERT INTO supports (initiative_id, member_id, remote_actor_uri, ap_id, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (initiative_id, member_id, remote_actor_uri, ap_id, now),
    )


async def delete_support(tx: Transaction, support_id: int) -> None:
    await tx.execute("DELETE FROM supports WHERE id = ?", (support_id,))


async def remote_support_id(
    tx: Transaction, initiative_id: int, remote_actor_uri: str
) -> int | None:
    value = await tx.fetch_value(
        "SELECT id FROM supports WHERE initiative_id = ? AND remote_actor_uri = ?",
        (initiative_id, remote_actor_uri),
    )
    return None if value is None else int(value)


async def supports_count(db: Database | Transaction, initiative_id: int) -> int:
    return int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM supports WHERE initiative_id = ?", (initiative_id,)
        )
    )


async def member_supports(db: Database, initiative_id: int, member_id: int) -> bool:
    found = await db.fetch_value(
        "SELECT 1 FROM supports WHERE initiative_id = ? AND member_id = ?",
        (initiative_id, member_id),
    )
    return found == 1


async def open_need_kinds(db: Database, initiative_ids: list[int]) -> list[Row]:
    """(initiative_id, kind) of every open need of these initiatives, for a short list."""
    if not initiative_ids:
        return []
    marks = ", ".join("?" * len(initiative_ids))
    return await db.fetch_all(
        "SELECT initiative_id, kind FROM need_progress"
        f" WHERE initiative_id IN ({marks}) AND is_open ORDER BY initiative_id, need_id",
        initiative_ids,
    )

"""SQL for the neighbourhood guide (directory entries) and its full-text search."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction

_COLUMNS = (
    "e.id, e.kind, e.title, e.description, e.phone, e.email, e.website, e.address,"
    " e.visibility, e.show_contact, e.owner_id, e.created_by, e.created_at, e.updated_at,"
    " e.hidden_at, m.display_name AS owner_name"
)
# Entries of closed accounts disappear with them; hidden entries wait for moderation.
_LISTED = "e.hidden_at IS NULL AND (e.owner_id IS NULL OR m.status = 'active')"
_FROM = "directory_entries e LEFT JOIN members m ON m.id = e.owner_id"

_KIND_ORDER = (
    "CASE e.kind WHEN 'service' THEN 0 WHEN 'organisation' THEN 1"
    " WHEN 'skill_offer' THEN 2 ELSE 3 END"
)
# Column names are put into the SQL text, so only these may be written.
_WRITABLE = frozenset(
    (
        "kind",
        "title",
        "description",
        "phone",
        "email",
        "website",
        "address",
        "visibility",
        "show_contact",
        "owner_id",
        "created_by",
        "created_at",
        "updated_at",
    )
)


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - _WRITABLE
    if unknown:
        raise ValueError(f"not a writable directory column: {sorted(unknown)}")
    return fields


async def insert_entry(tx: Transaction, fields: dict[str, Any]) -> int:
    fields = _checked(fields)
    names = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    return await tx.execute(
        f"INSERT INTO directory_entries ({names}) VALUES ({marks})", tuple(fields.values())
    )


async def update_entry(tx: Transaction, entry_id: int, fields: dict[str, Any]) -> None:
    fields = _checked(fields)
    assignments = ", ".join(f"{name} = ?" for name in fields)
    await tx.execute(
        f"UPDATE directory_entries SET {assignments} WHERE id = ?",
        (*fields.values(), entry_id),
    )


async def delete_entry(tx: Transaction, entry_id: int) -> None:
    await tx.execute("DELETE FROM directory_entries WHERE id = ?", (entry_id,))


async def entry_by_id(db: Database | Transaction, entry_id: int) -> Row | None:
    return await db.fetch_one(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE e.id = ? AND {_LISTED}", (entry_id,)
    )


async def search_entries(
    db: Database,
    *,
    match: str | None,
    kinds: tuple[str, ...],
    visibilities: tuple[str, ...],
    limit: int = 200,
) -> list[Row]:
    """Listed entries of these kinds and visibilities; `match` is an FTS5 query, already safe."""
    where = [_LISTED]
    params: list[Any] = []
    where.append(f"e.kind IN ({','.join('?' * len(kinds))})")
    params.extend(kinds)
    where.append(f"e.visibility IN ({','.join('?' * len(visibilities))})")
    params.extend(visibilities)
    if match:
        where.append("e.id IN (SELECT rowid FROM directory_search WHERE directory_search MATCH ?)")
        params.append(match)
    params.append(limit)
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE {' AND '.join(where)}"
        f" ORDER BY {_KIND_ORDER}, e.title COLLATE NOCASE, e.id LIMIT ?",
        params,
    )


async def entries_of_owner(db: Database, owner_id: int) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE e.owner_id = ? AND e.hidden_at IS NULL"
        " ORDER BY e.created_at DESC, e.id DESC",
        (owner_id,),
    )

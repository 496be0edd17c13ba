"""SQL for a resident's own data: find every row that refers to them, and remove them.

Rows are found through the schema's foreign keys to `members`, so a new part of the node
is covered the day its migration declares `REFERENCES members(id)`.
"""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Transaction

# Never part of a personal export: they protect the account, they are not its data.
SECRET_COLUMNS = {"password_hash", "token_hash", "session_epoch"}

# Who wrote a piece of moderatable content, per table, for "remove my posts".
AUTHOR_COLUMNS: dict[str, tuple[str, str]] = {
    "initiatives": ("initiative", "member_id"),
    "comments": ("comment", "member_id"),
    "events": ("event", "organiser_id"),
    "announcements": ("announcement", "author_id"),
    "posts": ("post", "member_id"),
}


async def member_references(db: Database | Transaction) -> list[tuple[str, str]]:
    """(table, column) for every column that refers to members(id)."""
    tables = await db.fetch_all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    )
    found = []
    for (table,) in tables:
        for key in await db.fetch_all(f"PRAGMA foreign_key_list('{table}')"):
            if key["table"] == "members":
                found.append((table, key["from"]))
    return found


async def rows_of_member(db: Database, member_id: int) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    by_table: dict[str, list[str]] = {}
    for table, column in await member_references(db):
        by_table.setdefault(table, []).append(column)
    for table, columns in by_table.items():
        where = " OR ".join(f'"{c}" = ?' for c in columns)
        rows = await db.fetch_all(
            f'SELECT * FROM "{table}" WHERE {where}', [member_id] * len(columns)
        )
        if rows:
            result[table] = [
                {k: v for k, v in dict(row).items() if k not in SECRET_COLUMNS} for row in rows
            ]
    member = await db.fetch_one("SELECT * FROM members WHERE id = ?", (member_id,))
    if member is not None:
        result["members"] = [{k: v for k, v in dict(member).items() if k not in SECRET_COLUMNS}]
    return result


async def hide_authored(
    tx: Transaction, member_id: int, now: str, reason: str
) -> list[tuple[str, int]]:
    """Hide everything the member wrote; returns (content type, id) of what was hidden."""
    hidden = []
    for table, (content_type, column) in AUTHOR_COLUMNS.items():
        rows = await tx.fetch_all(
            f"SELECT id FROM {table} WHERE {column} = ? AND hidden_at IS NULL", (member_id,)
        )
        await tx.execute(
            f"UPDATE {table} SET hidden_at = ?, hidden_reason = ?"
            f" WHERE {column} = ? AND hidden_at IS NULL",
            (now, reason, member_id),
        )
        hidden.extend((content_type, row["id"]) for row in rows)
    return hidden


async def authored(tx: Transaction, member_id: int) -> list[tuple[str, int]]:
    found = []
    for table, (content_type, column) in AUTHOR_COLUMNS.items():
        rows = await tx.fetch_all(
            f"SELECT id FROM {table} WHERE {column} = ? AND hidden_at IS NULL", (member_id,)
        )
        found.extend((content_type, row["id"]) for row in rows)
    return found


async def count_admins(tx: Transaction) -> int:
    return int(
        await tx.fetch_value(
            "SELECT COUNT(*) FROM members WHERE role = 'admin' AND status = 'active'"
        )
    )


async def delete_member(tx: Transaction, member_id: int) -> None:
    # Foreign keys do the rest: authored content keeps existing without an author
    # (ON DELETE SET NULL), private traces such as questions and RSVPs go (CASCADE).
    await tx.execute("DELETE FROM members WHERE id = ?", (member_id,))

"""The whole node as plain data: every table, every row (data sovereignty).

Full-text indexes and SQLite's own tables are left out: they are rebuilt from the rows.
"""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path
from typing import Any

EXPORT_FORMAT = "buurtnode-export/1"


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    virtual = {name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL")}
    # FTS5 keeps its index in shadow tables named <virtual>_data, <virtual>_idx, ...
    return [
        name
        for name, _ in rows
        if name not in virtual and not any(name.startswith(v + "_") for v in virtual)
    ]


def _order(conn: sqlite3.Connection, table: str) -> str:
    """Primary-key order, so two exports of the same data are equal (WITHOUT ROWID too)."""
    keys = sorted((r[5], r[1]) for r in conn.execute(f"PRAGMA table_info('{table}')") if r[5])
    return ", ".join(f'"{name}"' for _, name in keys) or "rowid"


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def export_database(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables: dict[str, Any] = {}
        for table in _tables(conn):
            cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY {_order(conn, table)}')
            columns = [d[0] for d in cursor.description]
            tables[table] = {
                "columns": columns,
                "rows": [[_plain(v) for v in row] for row in cursor.fetchall()],
            }
        return {"format": EXPORT_FORMAT, "tables": tables}
    finally:
        conn.close()


def import_database(path: Path, data: dict[str, Any]) -> None:
    """Load an export into a freshly migrated, empty database (moving to another host)."""
    if data.get("format") != EXPORT_FORMAT:
        raise ValueError("not a Buurtnode export")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table
        conn.execute("BEGIN")
        existing = set(_tables(conn))
        for table, content in data["tables"].items():
            if table not in existing:
                raise ValueError(f"the export has a table this version does not know: {table}")
            conn.execute(f'DELETE FROM "{table}"')
            columns = ", ".join(f'"{c}"' for c in content["columns"])
            marks = ", ".join("?" * len(content["columns"]))
            conn.executemany(
                f'INSERT INTO "{table}" ({columns}) VALUES ({marks})',
                [
                    [base64.b64decode(v["base64"]) if isinstance(v, dict) else v for v in row]
                    for row in content["rows"]
                ],
            )
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            conn.execute("ROLLBACK")
            raise ValueError(f"the export is inconsistent: {len(problems)} broken references")
        conn.execute("COMMIT")
        # Full-text indexes are not exported; rebuild every one from its content table.
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        ).fetchall():
            conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
    finally:
        conn.close()

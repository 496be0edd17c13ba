"""SQL for participation processes: forms, options, responses, supports and report-backs."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction

_PROCESS = """
SELECT p.*, COALESCE(m.display_name, p.origin_name) AS opener_name,
       EXISTS (SELECT 1 FROM process_report_backs r WHERE r.process_id = p.id) AS reported
FROM processes p LEFT JOIN members m ON m.id = p.member_id
"""


async def insert_process(tx: Transaction, fields: dict[str, Any]) -> int:
    columns = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    # Column names come from the domain's fixed dict, never from input.
    return await tx.execute(
        f"INSERT INTO processes ({columns}) VALUES ({marks})", tuple(fields.values())
    )


async def insert_document(
    tx: Transaction, process_id: int, title: str, url: str, position: int
) -> None:
    await tx.execute(
        "INSERT INTO process_documents (process_id, title, url, position) VALUES (?, ?, ?, ?)",
        (process_id, title, url, position),
    )


async def insert_node(
    tx: Transaction, process_id: int, name: str, url: str, actor_uri: str | None = None
) -> None:
    await tx.execute(
        "INSERT INTO process_nodes (process_id, name, url, actor_uri) VALUES (?, ?, ?, ?)",
        (process_id, name, url, actor_uri),
    )


async def insert_option(tx: Transaction, process_id: int, label: str, position: int) -> None:
    await tx.execute(
        "INSERT INTO process_options (process_id, label, position) VALUES (?, ?, ?)",
        (process_id, label, position),
    )


async def insert_form(tx: Transaction, process_id: int, kind: str, multiple: bool) -> None:
    await tx.execute(
        "INSERT INTO process_forms (process_id, kind, multiple) VALUES (?, ?, ?)",
        (process_id, kind, int(multiple)),
    )


async def process_by_id(db: Database | Transaction, process_id: int) -> Row | None:
    return await db.fetch_one(f"{_PROCESS} WHERE p.id = ?", (process_id,))


async def list_processes(db: Database, limit: int = 200) -> list[Row]:
    """Running processes first, newest first; closed ones after them."""
    return await db.fetch_all(
        f"{_PROCESS} ORDER BY p.closed_at IS NOT NULL, p.created_at DESC, p.id DESC LIMIT ?",
        (limit,),
    )


async def documents_of(db: Database, process_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT title, url FROM process_documents WHERE process_id = ? ORDER BY position, id",
        (process_id,),
    )


async def nodes_of(db: Database | Transaction, process_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT name, url, actor_uri FROM process_nodes WHERE process_id = ? ORDER BY id",
        (process_id,),
    )


async def options_of(db: Database | Transaction, process_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, label FROM process_options WHERE process_id = ? ORDER BY position, id",
        (process_id,),
    )


async def forms_of(db: Database | Transaction, process_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, kind, multiple FROM process_forms WHERE process_id = ?"
        " ORDER BY CASE kind WHEN 'poll' THEN 1 WHEN 'ranking' THEN 2"
        " WHEN 'arguments' THEN 3 ELSE 4 END",
        (process_id,),
    )


async def responses_of(db: Database, process_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT r.*, m.display_name AS member_name,"
        " (SELECT COUNT(*) FROM argument_supports s WHERE s.response_id = r.id) AS supports"
        " FROM process_responses r JOIN process_forms f ON f.id = r.form_id"
        " LEFT JOIN members m ON m.id = r.member_id"
        " WHERE f.process_id = ? ORDER BY r.id",
        (process_id,),
    )


async def own_response_id(tx: Database | Transaction, form_id: int, member_id: int) -> int | None:
    value = await tx.fetch_value(
        "SELECT id FROM process_responses WHERE form_id = ? AND member_id = ?"
        " AND channel = 'online'",
        (form_id, member_id),
    )
    return None if value is None else int(value)


async def delete_response(tx: Transaction, response_id: int) -> None:
    await tx.execute("DELETE FROM process_responses WHERE id = ?", (response_id,))


async def insert_response(tx: Transaction, fields: dict[str, Any]) -> int:
    columns = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    return await tx.execute(
        f"INSERT INTO process_responses ({columns}) VALUES ({marks})", tuple(fields.values())
    )


async def update_response(tx: Transaction, response_id: int, fields: dict[str, Any]) -> None:
    sets = ", ".join(f"{column} = ?" for column in fields)
    await tx.execute(
        f"UPDATE process_responses SET {sets} WHERE id = ?", (*fields.values(), response_id)
    )


async def response_by_id(db: Database | Transaction, response_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT r.*, f.process_id, f.kind, m.display_name AS member_name"
        " FROM process_responses r JOIN process_forms f ON f.id = r.form_id"
        " LEFT JOIN members m ON m.id = r.member_id WHERE r.id = ?",
        (response_id,),
    )


async def answered_forms(db: Database, process_id: int, member_id: int) -> list[int]:
    """The forms this resident answered online."""
    rows = await db.fetch_all(
        "SELECT r.form_id FROM process_responses r JOIN process_forms f ON f.id = r.form_id"
        " WHERE f.process_id = ? AND r.member_id = ? AND r.channel = 'online'",
        (process_id, member_id),
    )
    return [r[0] for r in rows]


async def support_id(tx: Transaction, response_id: int, member_id: int) -> int | None:
    value = await tx.fetch_value(
        "SELECT id FROM argument_supports WHERE response_id = ? AND member_id = ?",
        (response_id, member_id),
    )
    return None if value is None else int(value)


async def insert_support(tx: Transaction, response_id: int, member_id: int, now: str) -> int:
    return await tx.execute(
        "INSERT INTO argument_supports (response_id, member_id, created_at) VALUES (?, ?, ?)",
        (response_id, member_id, now),
    )


async def delete_support(tx: Transaction, support: int) -> None:
    await tx.execute("DELETE FROM argument_supports WHERE id = ?", (support,))


async def supported_by(db: Database, process_id: int, member_id: int) -> list[int]:
    rows = await db.fetch_all(
        "SELECT s.response_id FROM argument_supports s"
        " JOIN process_responses r ON r.id = s.response_id"
        " JOIN process_forms f ON f.id = r.form_id WHERE f.process_id = ? AND s.member_id = ?",
        (process_id, member_id),
    )
    return [r[0] for r in rows]


async def replace_report_back(
    tx: Transaction,
    process_id: int,
    member_id: int | None,
    decision_md: str,
    decision_html: str,
    themes: list[tuple[str, str]],
    now: str,
) -> None:
    await tx.execute("DELETE FROM process_report_backs WHERE process_id = ?", (process_id,))
    await tx.execute(
        "INSERT INTO process_report_backs"
        " (process_id, member_id, decision_md, decision_html, published_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (process_id, member_id, decision_md, decision_html, now),
    )
    for position, (you_said, we_did) in enumerate(themes):
        await tx.execute(
            "INSERT INTO process_report_themes (process_id, you_said, we_did, position)"
            " VALUES (?, ?, ?, ?)",
            (process_id, you_said, we_did, position),
        )


async def report_back_of(db: Database, process_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT * FROM process_report_backs WHERE process_id = ?", (process_id,)
    )


async def themes_of(db: Database, process_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT you_said, we_did FROM process_report_themes WHERE process_id = ?"
        " ORDER BY position, id",
        (process_id,),
    )


async def touch(tx: Transaction, process_id: int, now: str) -> None:
    await tx.execute("UPDATE processes SET updated_at = ? WHERE id = ?", (now, process_id))


async def set_closed(tx: Transaction, process_id: int, now: str) -> None:
    await tx.execute(
        "UPDATE processes SET closed_at = ?, updated_at = ? WHERE id = ?",
        (now, now, process_id),
    )


async def open_for_input(db: Database, today: str, limit: int) -> list[Row]:
    """Processes taking input today, the nearest deadline first."""
    return await db.fetch_all(
        f"{_PROCESS} WHERE p.closed_at IS NULL AND p.input_until >= ? AND p.input_from <= ?"
        " AND NOT EXISTS (SELECT 1 FROM process_report_backs r WHERE r.process_id = p.id)"
        " ORDER BY p.input_until, p.id LIMIT ?",
        (today, today, limit),
    )


async def latest_report_backs(db: Database, limit: int) -> list[Row]:
    """The newest published report-backs, with their process's title."""
    return await db.fetch_all(
        "SELECT p.id, p.title, r.published_at FROM process_report_backs r"
        " JOIN processes p ON p.id = r.process_id"
        " ORDER BY r.published_at DESC, r.process_id DESC LIMIT ?",
        (limit,),
    )

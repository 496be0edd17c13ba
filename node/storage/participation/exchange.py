"""SQL for processes across nodes: copies of another node's process, responses and supports
that arrived from participating nodes, and Mastodon votes on a poll."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction
from node.storage.participation.queries import _PROCESS


async def followed_nodes(db: Database) -> list[Row]:
    """Nodes (Group actors) whose follow by us they accepted: who a process can be opened for."""
    return await db.fetch_all(
        "SELECT a.uri AS actor_uri, a.name, a.host FROM federation_following f"
        " JOIN remote_actors a ON a.uri = f.actor_uri"
        " WHERE f.state = 'accepted' AND a.type = 'Group' ORDER BY a.name, a.uri"
    )


async def process_by_ap_id(db: Database | Transaction, ap_id: str) -> Row | None:
    return await db.fetch_one(f"{_PROCESS} WHERE p.ap_id = ?", (ap_id,))


async def update_process(tx: Transaction, process_id: int, fields: dict[str, Any]) -> None:
    # Column names come from the domain's fixed dict, never from input.
    columns = ", ".join(f"{name} = ?" for name in fields)
    await tx.execute(f"UPDATE processes SET {columns} WHERE id = ?", (*fields.values(), process_id))


async def overall_results(db: Database, process_id: int) -> str | None:
    """The totals over all nodes a copy keeps (JSON, as the domain wrote it), or None."""
    value = await db.fetch_value(
        "SELECT overall_results FROM processes WHERE id = ?", (process_id,)
    )
    return None if value is None else str(value)


async def delete_process(tx: Transaction, process_id: int) -> None:
    await tx.execute("DELETE FROM processes WHERE id = ?", (process_id,))


async def clear_documents_and_nodes(tx: Transaction, process_id: int) -> None:
    await tx.execute("DELETE FROM process_documents WHERE process_id = ?", (process_id,))
    await tx.execute("DELETE FROM process_nodes WHERE process_id = ?", (process_id,))


async def remote_response_id(db: Database, form_id: int, respondent: str) -> int | None:
    value = await db.fetch_value(
        "SELECT id FROM process_responses WHERE form_id = ? AND remote_actor_uri = ?",
        (form_id, respondent),
    )
    return None if value is None else int(value)


async def response_by_ap_id(db: Database, ap_id: str) -> Row | None:
    return await db.fetch_one(
        "SELECT r.*, f.process_id, f.kind FROM process_responses r"
        " JOIN process_forms f ON f.id = r.form_id WHERE r.ap_id = ?",
        (ap_id,),
    )


async def set_response_ap_id(tx: Transaction, response_id: int, ap_id: str) -> None:
    await tx.execute("UPDATE process_responses SET ap_id = ? WHERE id = ?", (ap_id, response_id))


async def insert_remote_support(tx: Transaction, response_id: int, key: str, now: str) -> int:
    return await tx.execute(
        "INSERT INTO argument_supports (response_id, remote_actor_uri, created_at)"
        " VALUES (?, ?, ?)",
        (response_id, key, now),
    )


async def remote_support(db: Database | Transaction, key: str) -> Row | None:
    return await db.fetch_one(
        "SELECT s.id, s.response_id, f.process_id FROM argument_supports s"
        " JOIN process_responses r ON r.id = s.response_id"
        " JOIN process_forms f ON f.id = r.form_id WHERE s.remote_actor_uri = ?",
        (key,),
    )


async def insert_fediverse_vote(
    tx: Transaction, process_id: int, option_id: int, actor_uri: str, ap_id: str, now: str
) -> None:
    await tx.execute(
        "INSERT INTO process_fediverse_votes"
        " (process_id, option_id, actor_uri, ap_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (process_id, option_id, actor_uri, ap_id, now),
    )


async def fediverse_choices(db: Database, process_id: int, actor_uri: str) -> list[int]:
    rows = await db.fetch_all(
        "SELECT option_id FROM process_fediverse_votes WHERE process_id = ? AND actor_uri = ?",
        (process_id, actor_uri),
    )
    return [r[0] for r in rows]


async def fediverse_votes(db: Database, process_id: int) -> list[Row]:
    """(option_id, actor_uri) of every fediverse vote on this process's poll."""
    return await db.fetch_all(
        "SELECT option_id, actor_uri FROM process_fediverse_votes WHERE process_id = ?",
        (process_id,),
    )

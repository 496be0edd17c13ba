"""SQL for the questions that reached a gemeente node from the nodes it follows."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

_COLUMNS = (
    "q.id, q.ap_id, q.origin_actor_uri, q.asker_name, q.subject, q.body, q.asked_at,"
    " q.received_at, q.answer, q.answered_by, q.answered_at, q.withdrawn_at,"
    " m.display_name AS answerer_name, COALESCE(a.name, q.origin_actor_uri) AS origin_name"
)
_FROM = (
    "inbound_questions q LEFT JOIN members m ON m.id = q.answered_by"
    " LEFT JOIN remote_actors a ON a.uri = q.origin_actor_uri"
)


async def insert(
    tx: Transaction,
    *,
    ap_id: str,
    origin: str,
    asker_name: str,
    subject: str,
    body: str,
    asked_at: str,
    now: str,
) -> int:
    """A new question, or nothing when it arrived before (a repeated delivery): its id."""
    await tx.execute(
        "INSERT INTO inbound_questions (ap_id, origin_actor_uri, asker_name, subject, body,"
        " asked_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ap_id) DO NOTHING",
        (ap_id, origin, asker_name, subject, body, asked_at, now),
    )
    return int(await tx.fetch_value("SELECT id FROM inbound_questions WHERE ap_id = ?", (ap_id,)))


async def by_id(db: Database | Transaction, question_id: int) -> Row | None:
    return await db.fetch_one(f"SELECT {_COLUMNS} FROM {_FROM} WHERE q.id = ?", (question_id,))


async def by_ap_id(db: Database | Transaction, ap_id: str) -> Row | None:
    return await db.fetch_one(f"SELECT {_COLUMNS} FROM {_FROM} WHERE q.ap_id = ?", (ap_id,))


async def set_answer(tx: Transaction, question_id: int, *, answer: str, by: int, now: str) -> int:
    """An answer, or a correction of one: the first answer's moment stays."""
    return await tx.execute_count(
        "UPDATE inbound_questions SET answer = ?, answered_by = ?,"
        " answered_at = COALESCE(answered_at, ?) WHERE id = ? AND withdrawn_at IS NULL",
        (answer, by, now, question_id),
    )


async def set_withdrawn(tx: Transaction, ap_id: str, origin: str, now: str) -> int:
    return await tx.execute_count(
        "UPDATE inbound_questions SET withdrawn_at = COALESCE(withdrawn_at, ?)"
        " WHERE ap_id = ? AND origin_actor_uri = ?",
        (now, ap_id, origin),
    )

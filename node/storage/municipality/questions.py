"""SQL for residents' questions to the contact person."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

_COLUMNS = (
    "q.id, q.asker_id, q.subject, q.body, q.created_at, q.answer, q.answered_by,"
    " q.answered_at, asker.display_name AS asker_name,"
    " COALESCE(answerer.display_name, q.answerer_name) AS answerer_name,"
    " q.to_actor_uri, q.withdrawn_at, q.refused_at"
)
_FROM = (
    "questions q JOIN members asker ON asker.id = q.asker_id"
    " LEFT JOIN members answerer ON answerer.id = q.answered_by"
)


async def insert_question(
    tx: Transaction, *, asker_id: int, subject: str, body: str, now: str, to: str | None = None
) -> int:
    return await tx.execute(
        "INSERT INTO questions (asker_id, subject, body, created_at, to_actor_uri)"
        " VALUES (?, ?, ?, ?, ?)",
        (asker_id, subject, body, now, to),
    )


async def set_remote_answer(
    tx: Transaction, question_id: int, *, answer: str, by_name: str, now: str
) -> int:
    """The gemeente's answer (or its correction): the first answer's moment stays."""
    return await tx.execute_count(
        "UPDATE questions SET answer = ?, answerer_name = ?,"
        " answered_at = COALESCE(answered_at, ?) WHERE id = ? AND withdrawn_at IS NULL",
        (answer, by_name, now, question_id),
    )


async def set_withdrawn(tx: Transaction, question_id: int, now: str) -> int:
    return await tx.execute_count(
        "UPDATE questions SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL"
        " AND answered_at IS NULL",
        (now, question_id),
    )


async def set_refused(tx: Transaction, question_id: int, now: str) -> int:
    return await tx.execute_count(
        "UPDATE questions SET refused_at = ? WHERE id = ? AND answered_at IS NULL",
        (now, question_id),
    )


async def set_answer(tx: Transaction, question_id: int, *, answer: str, by: int, now: str) -> int:
    return await tx.execute_count(
        "UPDATE questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?",
        (answer, by, now, question_id),
    )


async def question_by_id(db: Database | Transaction, question_id: int) -> Row | None:
    return await db.fetch_one(f"SELECT {_COLUMNS} FROM {_FROM} WHERE q.id = ?", (question_id,))


async def questions_of(db: Database, asker_id: int) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE q.asker_id = ?"
        " ORDER BY q.created_at DESC, q.id DESC",
        (asker_id,),
    )


async def queue(db: Database, limit: int = 200) -> list[Row]:
    """Questions for our own contact person: open ones first (oldest first: they waited
    longest), then the latest answered."""
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM {_FROM}"
        " WHERE q.to_actor_uri IS NULL AND q.withdrawn_at IS NULL"
        " ORDER BY q.answered_at IS NOT NULL, "
        " CASE WHEN q.answered_at IS NULL THEN q.created_at END ASC,"
        " q.answered_at DESC, q.id DESC LIMIT ?",
        (limit,),
    )


async def count_open(db: Database) -> int:
    return int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM questions WHERE answered_at IS NULL"
            " AND to_actor_uri IS NULL AND withdrawn_at IS NULL"
        )
    )

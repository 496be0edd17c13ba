"""SQL for what lets someone in: server-side login sessions and app tokens."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def insert_session(
    tx: Transaction, token_hash: str, member_id: int, now: str, user_agent: str
) -> int:
    return await tx.execute(
        "INSERT INTO sessions (token_hash, member_id, created_at, last_seen_at, user_agent)"
        " VALUES (?, ?, ?, ?, ?)",
        (token_hash, member_id, now, now, user_agent),
    )


async def session_by_hash(db: Database | Transaction, token_hash: str) -> Row | None:
    return await db.fetch_one(
        "SELECT id, member_id, created_at, last_seen_at, user_agent FROM sessions"
        " WHERE token_hash = ?",
        (token_hash,),
    )


async def touch_session(tx: Transaction, session_id: int, now: str) -> None:
    await tx.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?", (now, session_id))


async def sessions_of(db: Database, member_id: int) -> list[Row]:
    return await db.fetch_all(
        "SELECT id, member_id, created_at, last_seen_at, user_agent FROM sessions"
        " WHERE member_id = ? ORDER BY last_seen_at DESC, id DESC",
        (member_id,),
    )


async def delete_session(tx: Transaction, token_hash: str) -> int:
    return await tx.execute_count("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))


async def delete_sessions_of(tx: Transaction, member_id: int, keep_id: int | None = None) -> int:
    return await tx.execute_count(
        "DELETE FROM sessions WHERE member_id = ? AND id IS NOT ?", (member_id, keep_id)
    )


async def delete_sessions_before(tx: Transaction, cutoff: str) -> int:
    return await tx.execute_count("DELETE FROM sessions WHERE last_seen_at < ?", (cutoff,))


async def end_app_tokens(tx: Transaction, member_id: int, now: str) -> int:
    """Revoke every OAuth token an app holds for this member."""
    return await tx.execute_count(
        "UPDATE oauth_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL",
        (now, member_id),
    )

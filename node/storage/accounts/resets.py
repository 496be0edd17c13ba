"""SQL for the one-time links to choose a new password, handed over in person or sent by
e-mail; only a hash of each token is kept."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def insert(
    tx: Transaction, token_hash: str, member_id: int, by: int | None, now: str, expires: str
) -> int:
    # A new link replaces any earlier one that was not used yet.
    await tx.execute(
        "UPDATE password_resets SET used_at = ? WHERE member_id = ? AND used_at IS NULL",
        (now, member_id),
    )
    return await tx.execute(
        "INSERT INTO password_resets (token_hash, member_id, created_by, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (token_hash, member_id, by, now, expires),
    )


async def by_hash(db: Database | Transaction, token_hash: str) -> Row | None:
    return await db.fetch_one(
        "SELECT member_id, created_by, expires_at, used_at FROM password_resets"
        " WHERE token_hash = ?",
        (token_hash,),
    )


async def use(tx: Transaction, token_hash: str, now: str) -> int:
    """1 when this call used the token; 0 when it was used (or replaced) before."""
    return await tx.execute_count(
        "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
        (now, token_hash),
    )

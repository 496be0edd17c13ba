"""SQL for OAuth apps, authorization codes and access tokens (all secrets stored hashed)."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def insert_app(
    tx: Transaction,
    *,
    client_id: str,
    secret_hash: str,
    name: str,
    website: str | None,
    redirect_uris: str,
    scopes: str,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO oauth_apps (client_id, secret_hash, name, website, redirect_uris, scopes,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (client_id, secret_hash, name, website, redirect_uris, scopes, now),
    )


async def app_by_client_id(db: Database | Transaction, client_id: str) -> Row | None:
    return await db.fetch_one("SELECT * FROM oauth_apps WHERE client_id = ?", (client_id,))


async def app_by_id(db: Database | Transaction, app_id: int) -> Row | None:
    return await db.fetch_one("SELECT * FROM oauth_apps WHERE id = ?", (app_id,))


async def insert_code(
    tx: Transaction,
    *,
    code_hash: str,
    app_id: int,
    member_id: int,
    redirect_uri: str,
    scopes: str,
    code_challenge: str | None,
    now: str,
    expires_at: str,
) -> int:
    return await tx.execute(
        "INSERT INTO oauth_codes (code_hash, app_id, member_id, redirect_uri, scopes,"
        " code_challenge, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (code_hash, app_id, member_id, redirect_uri, scopes, code_challenge, now, expires_at),
    )


async def use_code(tx: Transaction, code_hash: str, app_id: int, now: str) -> Row | None:
    """The unused, unexpired code of this app, marked used in the same step; else None."""
    row = await tx.fetch_one(
        "SELECT * FROM oauth_codes WHERE code_hash = ? AND app_id = ? AND used_at IS NULL"
        " AND expires_at > ?",
        (code_hash, app_id, now),
    )
    if row is not None:
        await tx.execute("UPDATE oauth_codes SET used_at = ? WHERE id = ?", (now, row["id"]))
    return row


async def insert_token(
    tx: Transaction,
    *,
    token_hash: str,
    app_id: int,
    member_id: int | None,
    session_epoch: int,
    scopes: str,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO oauth_tokens (token_hash, app_id, member_id, session_epoch, scopes,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (token_hash, app_id, member_id, session_epoch, scopes, now),
    )


async def live_token(db: Database, token_hash: str) -> Row | None:
    return await db.fetch_one(
        "SELECT t.id, t.member_id, t.session_epoch, t.scopes, t.created_at,"
        " a.id AS app_id, a.name AS app_name, a.website AS app_website"
        " FROM oauth_tokens t JOIN oauth_apps a ON a.id = t.app_id"
        " WHERE t.token_hash = ? AND t.revoked_at IS NULL",
        (token_hash,),
    )


async def revoke_token(tx: Transaction, token_hash: str, app_id: int, now: str) -> int:
    return await tx.execute_count(
        "UPDATE oauth_tokens SET revoked_at = ? WHERE token_hash = ? AND app_id = ?"
        " AND revoked_at IS NULL",
        (now, token_hash, app_id),
    )

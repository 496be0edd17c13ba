"""SQL for members, invites and node settings."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

MEMBER_COLUMNS = (
    "id, username, display_name, password_hash, role, status, phone, availability, about,"
    " session_epoch, must_change_password, created_at, public_profile"
)


async def insert_member(
    tx: Transaction,
    *,
    username: str,
    display_name: str,
    password_hash: str,
    role: str,
    status: str,
    created_at: str,
) -> int:
    return await tx.execute(
        "INSERT INTO members (username, display_name, password_hash, role, status, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (username, display_name, password_hash, role, status, created_at),
    )


async def username_taken(tx: Transaction, username: str) -> bool:
    return await tx.fetch_value("SELECT 1 FROM members WHERE username = ?", (username,)) == 1


async def member_by_id(db: Database | Transaction, member_id: int) -> Row | None:
    return await db.fetch_one(f"SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?", (member_id,))


async def member_by_username(db: Database | Transaction, username: str) -> Row | None:
    return await db.fetch_one(
        f"SELECT {MEMBER_COLUMNS} FROM members WHERE username = ?", (username,)
    )


async def members_with_roles(db: Database, roles: tuple[str, ...]) -> list[Row]:
    marks = ",".join("?" * len(roles))
    return await db.fetch_all(
        f"SELECT {MEMBER_COLUMNS} FROM members WHERE status = 'active' AND role IN ({marks})"
        " ORDER BY role, display_name",
        roles,
    )


async def members_by_status(db: Database, status: str) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {MEMBER_COLUMNS} FROM members WHERE status = ? ORDER BY created_at, id", (status,)
    )


async def all_members(db: Database) -> list[Row]:
    return await db.fetch_all(f"SELECT {MEMBER_COLUMNS} FROM members ORDER BY display_name, id")


async def count_active_members(db: Database) -> int:
    return int(await db.fetch_value("SELECT COUNT(*) FROM members WHERE status = 'active'"))


async def set_status(tx: Transaction, member_id: int, status: str, approved_by: int | None) -> int:
    return await tx.execute_count(
        "UPDATE members SET status = ?, approved_by = COALESCE(?, approved_by) WHERE id = ?",
        (status, approved_by, member_id),
    )


async def set_role(tx: Transaction, member_id: int, role: str) -> None:
    await tx.execute("UPDATE members SET role = ? WHERE id = ?", (role, member_id))


async def set_password(
    tx: Transaction, member_id: int, password_hash: str, *, must_change: bool
) -> None:
    await tx.execute(
        "UPDATE members SET password_hash = ?, must_change_password = ?,"
        " session_epoch = session_epoch + 1 WHERE id = ?",
        (password_hash, int(must_change), member_id),
    )


async def update_password_hash(tx: Transaction, member_id: int, password_hash: str) -> None:
    """Store a rehashed password (stronger parameters) without ending sessions."""
    await tx.execute(
        "UPDATE members SET password_hash = ? WHERE id = ?", (password_hash, member_id)
    )


async def update_profile(
    tx: Transaction, member_id: int, *, display_name: str, phone: str, availability: str, about: str
) -> None:
    await tx.execute(
        "UPDATE members SET display_name = ?, phone = ?, availability = ?, about = ? WHERE id = ?",
        (display_name, phone, availability, about, member_id),
    )


async def set_public_profile(tx: Transaction, member_id: int, public: bool) -> None:
    await tx.execute("UPDATE members SET public_profile = ? WHERE id = ?", (int(public), member_id))


async def insert_invite(
    tx: Transaction, token_hash: str, created_by: int, created_at: str, expires_at: str
) -> int:
    return await tx.execute(
        "INSERT INTO invites (token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)",
        (token_hash, created_by, created_at, expires_at),
    )


async def usable_invite(db: Database | Transaction, token_hash: str, now: str) -> Row | None:
    return await db.fetch_one(
        "SELECT id FROM invites WHERE token_hash = ? AND used_by IS NULL AND expires_at > ?",
        (token_hash, now),
    )


async def use_invite(tx: Transaction, invite_id: int, member_id: int, now: str) -> int:
    return await tx.execute_count(
        "UPDATE invites SET used_by = ?, used_at = ? WHERE id = ? AND used_by IS NULL",
        (member_id, now, invite_id),
    )


async def get_setting(db: Database | Transaction, key: str) -> str | None:
    value = await db.fetch_value("SELECT value FROM node_settings WHERE key = ?", (key,))
    return None if value is None else str(value)


async def all_settings(db: Database) -> dict[str, str]:
    rows = await db.fetch_all("SELECT key, value FROM node_settings")
    return {row["key"]: row["value"] for row in rows}


async def put_setting(tx: Transaction, key: str, value: str) -> None:
    await tx.execute(
        "INSERT INTO node_settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )

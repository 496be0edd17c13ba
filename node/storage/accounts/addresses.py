"""SQL for members' e-mail addresses, their choices per kind of mail."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def put_address(
    tx: Transaction, member_id: int, address: str, language: str, now: str
) -> None:
    """A new or changed address starts unverified; the same address keeps its verification."""
    await tx.execute(
        "INSERT INTO mail_addresses (member_id, address, language, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET"
        " verified_at = CASE WHEN address = excluded.address THEN verified_at END,"
        " address = excluded.address, language = excluded.language,"
        " updated_at = excluded.updated_at",
        (member_id, address, language, now),
    )


async def address_of(db: Database | Transaction, member_id: int) -> Row | None:
    return await db.fetch_one(
        "SELECT member_id, address, language, verified_at FROM mail_addresses WHERE member_id = ?",
        (member_id,),
    )


async def verify_address(tx: Transaction, member_id: int, address: str, now: str) -> int:
    return await tx.execute_count(
        "UPDATE mail_addresses SET verified_at = COALESCE(verified_at, ?)"
        " WHERE member_id = ? AND address = ?",
        (now, member_id, address),
    )


async def remove_address(tx: Transaction, member_id: int) -> None:
    await tx.execute("DELETE FROM mail_addresses WHERE member_id = ?", (member_id,))


async def verified_by_address(db: Database, address: str) -> Row | None:
    return await db.fetch_one(
        "SELECT a.member_id, a.address, a.language FROM mail_addresses a"
        " JOIN members m ON m.id = a.member_id"
        " WHERE a.address = ? COLLATE NOCASE AND a.verified_at IS NOT NULL"
        " AND m.status = 'active'",
        (address,),
    )


async def verified_recipients(db: Database) -> list[Row]:
    """Every active member with a verified address."""
    return await db.fetch_all(
        "SELECT a.member_id, a.address, a.language FROM mail_addresses a"
        " JOIN members m ON m.id = a.member_id"
        " WHERE a.verified_at IS NOT NULL AND m.status = 'active' ORDER BY a.member_id"
    )


async def choices_of(db: Database | Transaction, member_id: int) -> dict[str, str]:
    rows = await db.fetch_all(
        "SELECT kind, choice FROM mail_choices WHERE member_id = ?", (member_id,)
    )
    return {row["kind"]: row["choice"] for row in rows}


async def all_choices(db: Database) -> dict[int, dict[str, str]]:
    chosen: dict[int, dict[str, str]] = {}
    for row in await db.fetch_all("SELECT member_id, kind, choice FROM mail_choices"):
        chosen.setdefault(row["member_id"], {})[row["kind"]] = row["choice"]
    return chosen


async def put_choice(tx: Transaction, member_id: int, kind: str, choice: str) -> None:
    await tx.execute(
        "INSERT INTO mail_choices (member_id, kind, choice) VALUES (?, ?, ?)"
        " ON CONFLICT (member_id, kind) DO UPDATE SET choice = excluded.choice",
        (member_id, kind, choice),
    )

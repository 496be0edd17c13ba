"""SQL for the ledger (wijkboekhouding): append-only; triggers refuse UPDATE and DELETE."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

COLUMNS = (
    "number",
    "kind",
    "round_id",
    "occurred_on",
    "description",
    "amount",
    "counterparty",
    "initiative_id",
    "project",
    "proposal_id",
    "corrects",
    "receipt",
    "receipt_sha256",
    "recorded_at",
    "prev_hash",
    "hash",
    "signature",
    "key_id",
)


async def last_entry(tx: Transaction) -> Row | None:
    return await tx.fetch_one(
        "SELECT number, hash FROM ledger_entries ORDER BY number DESC LIMIT 1"
    )


async def insert_entry(tx: Transaction, fields: dict[str, object]) -> int:
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown ledger columns: {sorted(unknown)}")
    columns = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    return await tx.execute(
        f"INSERT INTO ledger_entries ({columns}) VALUES ({marks})", list(fields.values())
    )


async def entry_by_number(db: Database | Transaction, number: int) -> Row | None:
    return await db.fetch_one("SELECT * FROM ledger_entries WHERE number = ?", (number,))


async def all_entries(db: Database, round_id: int | None = None) -> list[Row]:
    if round_id is None:
        return await db.fetch_all("SELECT * FROM ledger_entries ORDER BY number")
    return await db.fetch_all(
        "SELECT * FROM ledger_entries WHERE round_id = ? ORDER BY number", (round_id,)
    )


async def receipt_known(db: Database, name: str) -> bool:
    return await db.fetch_value("SELECT 1 FROM ledger_entries WHERE receipt = ?", (name,)) == 1

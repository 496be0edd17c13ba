"""SQL for places: community centres, libraries and other meeting places."""

from __future__ import annotations

from typing import Any

from node.storage.database import Database, Row, Transaction

PLACE_COLUMNS = (
    "id, kind, name, street_address, postal_code, locality, latitude, longitude,"
    " opening_hours, accessibility, description, created_at, updated_at"
)
_EDITABLE = (
    "kind",
    "name",
    "street_address",
    "postal_code",
    "locality",
    "latitude",
    "longitude",
    "opening_hours",
    "accessibility",
    "description",
)


async def insert_place(
    tx: Transaction, values: dict[str, Any], created_by: int | None, now: str
) -> int:
    columns = ", ".join(_EDITABLE)
    marks = ", ".join(f":{name}" for name in _EDITABLE)
    return await tx.execute(
        f"INSERT INTO places ({columns}, created_by, created_at, updated_at)"
        f" VALUES ({marks}, :created_by, :now, :now)",
        {**{k: values[k] for k in _EDITABLE}, "created_by": created_by, "now": now},
    )


async def update_place(tx: Transaction, place_id: int, values: dict[str, Any], now: str) -> int:
    assignments = ", ".join(f"{name} = :{name}" for name in _EDITABLE)
    return await tx.execute_count(
        f"UPDATE places SET {assignments}, updated_at = :now WHERE id = :id",
        {**{k: values[k] for k in _EDITABLE}, "now": now, "id": place_id},
    )


async def place_by_id(db: Database | Transaction, place_id: int) -> Row | None:
    return await db.fetch_one(f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,))


async def all_places(db: Database) -> list[Row]:
    return await db.fetch_all(f"SELECT {PLACE_COLUMNS} FROM places ORDER BY name COLLATE NOCASE")

"""SQL for photos on buurtberichten: uploaded, described, attached to a post."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction

_COLUMNS = "id, member_id, post_id, file_name, description, width, height"
# The photos of a post as one JSON array, for the post's own query (queries._POST).
OF_POST = (
    "(SELECT json_group_array(json_object('id', id, 'file_name', file_name,"
    " 'description', description, 'width', width, 'height', height))"
    " FROM (SELECT * FROM post_photos WHERE post_id = p.id ORDER BY position))"
)


async def insert_photo(
    tx: Transaction,
    *,
    member_id: int,
    file_name: str,
    description: str,
    width: int,
    height: int,
    now: str,
) -> int:
    return await tx.execute(
        "INSERT INTO post_photos (member_id, file_name, description, width, height, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (member_id, file_name, description, width, height, now),
    )


async def photo(db: Database | Transaction, photo_id: int) -> Row | None:
    return await db.fetch_one(f"SELECT {_COLUMNS} FROM post_photos WHERE id = ?", (photo_id,))


async def describe(tx: Transaction, photo_id: int, description: str) -> None:
    await tx.execute("UPDATE post_photos SET description = ? WHERE id = ?", (description, photo_id))


async def photos_of(db: Database | Transaction, post_id: int) -> list[Row]:
    return await db.fetch_all(
        f"SELECT {_COLUMNS} FROM post_photos WHERE post_id = ? ORDER BY position", (post_id,)
    )


async def attach(tx: Transaction, post_id: int, photo_ids: list[int]) -> None:
    for position, photo_id in enumerate(photo_ids):
        await tx.execute(
            "UPDATE post_photos SET post_id = ?, position = ? WHERE id = ?",
            (post_id, position, photo_id),
        )


async def remove(tx: Transaction, photo_ids: list[int]) -> None:
    for photo_id in photo_ids:
        await tx.execute("DELETE FROM post_photos WHERE id = ?", (photo_id,))


async def shown(db: Database, file_name: str) -> bool:
    """Whether a photo file may be served: waiting to be attached, or on a post that is
    neither deleted nor hidden."""
    value = await db.fetch_value(
        "SELECT 1 FROM post_photos ph LEFT JOIN posts p ON p.id = ph.post_id"
        " WHERE ph.file_name = ? AND (ph.post_id IS NULL"
        " OR (p.deleted_at IS NULL AND p.hidden_at IS NULL))",
        (file_name,),
    )
    return value is not None

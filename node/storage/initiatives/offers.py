"""SQL for offers that meet (part of) an initiative's need."""

from __future__ import annotations

from node.storage.database import Database, Row, Transaction


async def insert_offer(
    tx: Transaction,
    *,
    need_id: int,
    source: str,
    amount: int | None,
    body: str,
    now: str,
    member_id: int | None = None,
    remote_actor_uri: str | None = None,
    remote_actor_name: str | None = None,
    ap_id: str | None = None,
) -> int:
    return await tx.execute(
        "INSERT INTO offers (need_id, member_id, remote_actor_uri, remote_actor_name, ap_id,"
        " source, amount, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (need_id, member_id, remote_actor_uri, remote_actor_name, ap_id, source, amount, body, now),
    )


_OFFER = (
    "SELECT o.id, o.need_id, n.initiative_id, o.member_id, o.source, o.amount, o.body,"
    " o.status, o.created_at, o.decided_at,"
    " COALESCE(m.display_name, o.remote_actor_name, o.remote_actor_uri) AS offerer_name"
    " FROM offers o JOIN needs n ON n.id = o.need_id LEFT JOIN members m ON m.id = o.member_id"
)


async def offer_by_id(db: Database | Transaction, offer_id: int) -> Row | None:
    return await db.fetch_one(f"{_OFFER} WHERE o.id = ?", (offer_id,))


async def offers_on_initiative(db: Database, initiative_id: int) -> list[Row]:
    return await db.fetch_all(
        f"{_OFFER} WHERE n.initiative_id = ? ORDER BY o.created_at, o.id", (initiative_id,)
    )


async def decide_offer(tx: Transaction, offer_id: int, status: str, now: str) -> int:
    return await tx.execute_count(
        "UPDATE offers SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
        (status, now, offer_id),
    )

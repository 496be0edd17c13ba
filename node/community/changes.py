"""Domain changes, recorded in the same transaction as the change itself.

Nothing here knows about ActivityPub: the federation layer reads unpublished changes and
decides what, if anything, to send. Record a change for every create, update or delete
of content that may be public (initiatives, events, announcements, comments, supports...).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from node.storage import Database, Transaction
from node.storage import changes as store


class ChangeKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True)
class Change:
    id: int
    subject_type: str
    subject_id: int
    kind: ChangeKind
    member_id: int | None
    created_at: str


async def record(
    tx: Transaction,
    subject_type: str,
    subject_id: int,
    kind: ChangeKind,
    member_id: int | None,
    now: str,
) -> None:
    await store.insert_change(tx, subject_type, subject_id, kind.value, member_id, now)


async def unpublished(db: Database, limit: int = 100) -> list[Change]:
    return [
        Change(
            r["id"],
            r["subject_type"],
            r["subject_id"],
            ChangeKind(r["kind"]),
            r["member_id"],
            r["created_at"],
        )
        for r in await store.unpublished_changes(db, limit)
    ]


async def mark_published(db: Database, change_id: int, now: str) -> None:
    async with db.transaction() as tx:
        await store.mark_published(tx, change_id, now)

"""The outgoing mail queue as the rest of the node sees it: what kinds of mail there are,
putting a mail in the queue, and how the queue is doing (for /beheer).

A queued mail says *what* to write (its kind and params), not the words: the mail layer
(node/mail/) composes it in the recipient's language when it sends it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from node.community.clock import Clock, iso
from node.storage import Database, Row, Transaction
from node.storage.mail import outbox as store

# Kinds of notification a member chooses for (the notification centre's types).
KINDS = (
    "signup",
    "offer",
    "answer",
    "urgent",
    "comment",
    "official",
    "proposal",
    "report_back",
    "event_changed",
)
# Urgent news and what waits for the member come at once; the rest in the weekly digest.
IMMEDIATE_BY_DEFAULT = frozenset({"urgent", "signup", "offer", "answer", "official"})
CHOICES = ("immediately", "weekly", "never")
DIGEST = "digest"  # the weekly digest itself: 'weekly' or 'never'


@dataclass(frozen=True)
class FailedMail:
    id: int
    address: str
    kind: str
    tries: int
    error: str
    when: str  # queued (given up) or the next try (delayed)


@dataclass(frozen=True)
class MailStatus:
    pending: int
    sent: int
    failed: int
    given_up: list[FailedMail]
    delayed: list[FailedMail]


class Mailbox:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def queue(
        self,
        tx: Transaction,
        member_id: int | None,
        address: str,
        kind: str,
        params: dict[str, object],
        language: str,
    ) -> int:
        """Queue inside the caller's transaction: the mail exists exactly when what it tells of
        does."""
        body = json.dumps(params, ensure_ascii=False)
        return await store.insert_mail(
            tx, member_id, address, kind, body, language, iso(self.clock())
        )

    async def status(self) -> MailStatus:
        counts = await store.counts(self.db)
        return MailStatus(
            pending=counts.get("pending", 0),
            sent=counts.get("sent", 0),
            failed=counts.get("failed", 0),
            given_up=[_failed(r, r["created_at"]) for r in await store.failed_mail(self.db)],
            delayed=[_failed(r, r["next_try_at"]) for r in await store.delayed_mail(self.db)],
        )


def _failed(row: Row, when: str) -> FailedMail:
    return FailedMail(
        id=row["id"],
        address=row["address"],
        kind=row["kind"],
        tries=row["tries"],
        error=row["last_error"] or "",
        when=when,
    )

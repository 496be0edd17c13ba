"""Reports and moderation: any resident reports, buurtverbinders hide or restore, with a
reason that is kept. Hidden content disappears from lists and pages but is not deleted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.text import plain_text
from node.storage import Database
from node.storage.moderation import queries as store

REPORT_REASON = Field(
    "report.reason",
    N_("What is wrong with it?"),
    1000,
    required=True,
    missing=N_("Say briefly what is wrong, so a buurtverbinder can judge it."),
)
DECISION_REASON = Field(
    "decision.reason",
    N_("Your reason"),
    1000,
    required=True,
    missing=N_("Give the reason; it is kept with the decision."),
)


class ContentType(StrEnum):
    INITIATIVE = "initiative"
    COMMENT = "comment"
    EVENT = "event"
    ANNOUNCEMENT = "announcement"
    DIRECTORY_ENTRY = "directory_entry"
    POST = "post"


@dataclass(frozen=True)
class ReportedItem:
    report_id: int
    content_type: ContentType
    content_id: int
    title: str
    reason: str
    reporter_name: str | None
    created_at: str
    hidden: bool


@dataclass(frozen=True)
class LogEntry:
    content_type: str
    content_id: int
    action: str
    reason: str
    member_name: str | None
    created_at: str


def _content_type(value: str) -> ContentType:
    try:
        return ContentType(value)
    except ValueError:
        raise NotFound(N_("There is nothing to report here.")) from None


class Moderation:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def describe(self, content_type: str, content_id: int) -> tuple[ContentType, str]:
        kind = _content_type(content_type)
        row = await store.content_title(self.db, kind, content_id)
        if row is None:
            raise NotFound(N_("There is nothing to report here."))
        return kind, plain_text(str(row["title"]), limit=120)

    async def report(self, by: Member, content_type: str, content_id: int, reason: str) -> None:
        if not by.can(Action.REPORT_CONTENT):
            raise NotAllowed(N_("Log in to report something."))
        kind, _ = await self.describe(content_type, content_id)
        problems = Problems()
        reason = problems.text(REPORT_REASON, reason)
        problems.check()
        async with self.db.transaction() as tx:
            if await store.open_report_exists(tx, kind, content_id, by.id):
                raise Invalid(
                    N_("You have already reported this; a buurtverbinder will look at it.")
                )
            await store.insert_report(tx, kind, content_id, by.id, reason, iso(self.clock()))

    async def queue(self, by: Member) -> list[ReportedItem]:
        self._check(by)
        items = []
        for row in await store.open_reports(self.db):
            content = await store.content_title(self.db, row["content_type"], row["content_id"])
            items.append(
                ReportedItem(
                    report_id=row["id"],
                    content_type=ContentType(row["content_type"]),
                    content_id=row["content_id"],
                    title=plain_text(str(content["title"]), limit=120) if content else "",
                    reason=row["reason"],
                    reporter_name=row["reporter_name"],
                    created_at=row["created_at"],
                    hidden=bool(content and content["hidden_at"]),
                )
            )
        return items

    async def hide(self, by: Member, content_type: str, content_id: int, reason: str) -> None:
        await self._decide(by, content_type, content_id, reason, hide=True)

    async def restore(self, by: Member, content_type: str, content_id: int, reason: str) -> None:
        await self._decide(by, content_type, content_id, reason, hide=False)

    async def log(self, by: Member) -> list[LogEntry]:
        self._check(by)
        return [
            LogEntry(
                r["content_type"],
                r["content_id"],
                r["action"],
                r["reason"],
                r["member_name"],
                r["created_at"],
            )
            for r in await store.recent_log(self.db)
        ]

    def _check(self, by: Member) -> None:
        if not by.can(Action.MODERATE):
            raise NotAllowed(N_("Only a buurtverbinder or admin can moderate."))

    async def _decide(
        self, by: Member, content_type: str, content_id: int, reason: str, *, hide: bool
    ) -> None:
        self._check(by)
        kind, _ = await self.describe(content_type, content_id)
        problems = Problems()
        reason = problems.text(DECISION_REASON, reason)
        problems.check()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.set_hidden(
                tx, kind, content_id, now if hide else None, reason if hide else None
            )
            await store.insert_log(
                tx, kind, content_id, "hide" if hide else "restore", reason, by.id, now
            )
            await store.resolve_reports(
                tx, kind, content_id, by.id, "hidden" if hide else "kept", now
            )
            # Followers elsewhere should drop hidden content (and get it back on restore).
            await record(
                tx,
                kind.value,
                content_id,
                ChangeKind.DELETED if hide else ChangeKind.UPDATED,
                by.id,
                now,
            )

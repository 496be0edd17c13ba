"""Logins kept on the server: a browser holds a random id; the node knows whose it is.

Only the SHA-256 of the id is stored, so a copy of the database opens no browser session.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from node.community.accounts.members import Member, Members
from node.community.clock import Clock, iso, parse_iso
from node.storage import Database, Row, Transaction
from node.storage.accounts import sessions as store

LIFETIME = timedelta(days=30)  # as long as the cookie lives, counted from the last visit
# Writing "last seen" on every page view would make each visit a write; every few minutes
# is enough to tell a resident which device they used when.
TOUCH_EVERY = timedelta(minutes=5)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_summary(user_agent: str) -> str:
    """'Firefox op Android': enough to recognise a device, without keeping the full string."""
    agent = user_agent.lower()
    browser = next(
        (
            name
            for key, name in (
                ("edg/", "Edge"),
                ("firefox", "Firefox"),
                ("chrome", "Chrome"),
                ("safari", "Safari"),
            )
            if key in agent
        ),
        "",
    )
    system = next(
        (
            name
            for key, name in (
                ("android", "Android"),
                ("iphone", "iPhone"),
                ("ipad", "iPad"),
                ("windows", "Windows"),
                ("mac os", "macOS"),
                ("linux", "Linux"),
            )
            if key in agent
        ),
        "",
    )
    return " / ".join(part for part in (browser, system) if part)[:60]


@dataclass(frozen=True)
class Session:
    id: int
    member_id: int
    created_at: str
    last_seen_at: str
    device: str

    @classmethod
    def from_row(cls, row: Row) -> Session:
        return cls(
            row["id"], row["member_id"], row["created_at"], row["last_seen_at"], row["user_agent"]
        )


class Sessions:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self.db = db
        self.clock = clock
        self.members = members

    async def start(self, member: Member, user_agent: str) -> str:
        """A new session for this member; returns the id for the cookie (shown only now)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        async with self.db.transaction() as tx:
            await store.delete_sessions_before(tx, iso(now - LIFETIME))
            await store.insert_session(
                tx, token_hash(token), member.id, iso(now), device_summary(user_agent)
            )
        return token

    async def member_for(self, token: str) -> tuple[Member, Session] | None:
        """The active member this session id belongs to, or None when it is ended or unknown."""
        row = await store.session_by_hash(self.db, token_hash(token))
        if row is None:
            return None
        now = self.clock()
        last_seen = parse_iso(row["last_seen_at"])
        if last_seen < now - LIFETIME:
            return None
        member = await self.members.find(row["member_id"])
        if member is None or not member.is_active:
            return None
        if last_seen < now - TOUCH_EVERY:
            async with self.db.transaction() as tx:
                await store.touch_session(tx, row["id"], iso(now))
        return member, Session.from_row(row)

    async def of(self, member: Member) -> list[Session]:
        return [Session.from_row(r) for r in await store.sessions_of(self.db, member.id)]

    async def end(self, token: str) -> None:
        async with self.db.transaction() as tx:
            await store.delete_session(tx, token_hash(token))

    async def end_others(self, member: Member, keep: Session) -> int:
        async with self.db.transaction() as tx:
            return await store.delete_sessions_of(tx, member.id, keep.id)


async def end_access(tx: Transaction, member_id: int, now: str) -> None:
    """Every browser session and every app's token of the member ends."""
    await store.delete_sessions_of(tx, member_id)
    await store.end_app_tokens(tx, member_id, now)

"""One-time links to choose a new password: handed over in person by a buurtverbinder or
admin (account care), or sent by e-mail to a verified address. A link works once, for an
hour; only its hash is kept; a newer link replaces an unused older one. Setting the new
password ends every session and app token of the member."""

from __future__ import annotations

import secrets
from datetime import timedelta

from node.community.accounts.addresses import check_address
from node.community.accounts.mailbox import Mailbox
from node.community.accounts.members import (
    Member,
    Members,
    check_password_strength,
    hash_password,
)
from node.community.accounts.sessions import end_access, token_hash
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid
from node.storage import Database, Transaction
from node.storage.accounts import addresses as addresses_store
from node.storage.accounts import members as members_store
from node.storage.accounts import resets as store

RESET_LIFETIME = timedelta(hours=1)
_NOT_RIGHT = N_("This reset link is not right. Ask for a new one.")
_USED = N_("This reset link was used already. Ask for a new one.")
_EXPIRED = N_("This reset link is older than an hour. Ask for a new one.")
_HANDED_OVER_UNUSABLE = N_(
    "This link to choose a new password is used, expired (after an hour) or "
    "replaced. Ask a buurtverbinder for a new one."
)


class PasswordResets:
    def __init__(self, db: Database, clock: Clock, members: Members, mailbox: Mailbox) -> None:
        self.db = db
        self.clock = clock
        self.members = members
        self.mailbox = mailbox

    async def hand_over(self, member: Member, by: Member | None) -> str:
        """A link for someone to hand over in person (account care checked who may)."""
        async with self.db.transaction() as tx:
            return await self._issue(tx, member.id, by.id if by else None)

    async def request(self, address: str) -> None:
        """Send a reset link if a member has this verified address. Says nothing either way,
        so the form does not tell strangers who lives here."""
        found = await addresses_store.verified_by_address(self.db, check_address(address))
        if found is None:
            return
        async with self.db.transaction() as tx:
            token = await self._issue(tx, found["member_id"], None)
            await self.mailbox.queue(
                tx, found["member_id"], found["address"], "reset", {"token": token},
                found["language"],
            )  # fmt: skip

    async def member_for(self, token: str) -> Member:
        """Whose link this is; a clear error, saying whom to ask, when it is not usable."""
        row = await store.by_hash(self.db, token_hash(token))
        if row is None:
            raise Invalid(_NOT_RIGHT)
        member = await self.members.find(row["member_id"])
        expired = parse_iso(row["expires_at"]) <= self.clock()
        unusable = row["used_at"] is not None or expired or member is None or not member.is_active
        if unusable and row["created_by"] is not None:
            raise Invalid(_HANDED_OVER_UNUSABLE)
        if row["used_at"] is not None:
            raise Invalid(_USED)
        if unusable:
            raise Invalid(_EXPIRED if expired else _NOT_RIGHT)
        return member

    async def use(self, token: str, password: str, repeat: str | None = None) -> Member:
        """`repeat`, when given, must match: both problems are told at once."""
        member = await self.member_for(token)
        check_password_strength(password, repeat)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if not await store.use(tx, token_hash(token), now):
                raise Invalid(_USED)  # used a moment ago, by another request
            await replace_password(tx, member.id, password, now)
        return member

    async def _issue(self, tx: Transaction, member_id: int, by: int | None) -> str:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        await store.insert(
            tx, token_hash(token), member_id, by, iso(now), iso(now + RESET_LIFETIME)
        )
        return token


async def replace_password(tx: Transaction, member_id: int, password: str, now: str) -> None:
    """The new password, and every browser session and app token of the member ends."""
    await members_store.set_password(tx, member_id, hash_password(password), must_change=False)
    await end_access(tx, member_id, now)

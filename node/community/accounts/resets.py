"""Password reset by e-mail, for members with a verified address: a single-use token valid
for an hour, stored only as a hash. Setting the new password ends every session and app token
of the member."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from node.community.accounts.addresses import check_address
from node.community.accounts.mailbox import Mailbox
from node.community.accounts.members import check_password_strength, hash_password
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid
from node.storage import Database
from node.storage.accounts import addresses as store
from node.storage.accounts import members as members_store
from node.storage.accounts import sessions

RESET_LIFETIME = timedelta(hours=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PasswordResets:
    def __init__(self, db: Database, clock: Clock, mailbox: Mailbox) -> None:
        self.db = db
        self.clock = clock
        self.mailbox = mailbox

    async def request(self, address: str) -> None:
        """Send a reset link if a member has this verified address. Says nothing either way,
        so the form does not tell strangers who lives here."""
        found = await store.verified_by_address(self.db, check_address(address))
        if found is None:
            return
        token = secrets.token_urlsafe(32)
        now = self.clock()
        async with self.db.transaction() as tx:
            await store.insert_reset(
                tx, _hash(token), found["member_id"], iso(now), iso(now + RESET_LIFETIME)
            )
            await self.mailbox.queue(
                tx, found["member_id"], found["address"], "reset", {"token": token},
                found["language"],
            )  # fmt: skip

    async def check(self, token: str) -> int:
        """The member a usable token is for; a clear error when it is not usable."""
        row = await store.reset_by_hash(self.db, _hash(token))
        if row is None:
            raise Invalid(N_("This reset link is not right. Ask for a new one."))
        if row["used_at"] is not None:
            raise Invalid(N_("This reset link was used already. Ask for a new one."))
        if parse_iso(row["expires_at"]) < self.clock():
            raise Invalid(N_("This reset link is older than an hour. Ask for a new one."))
        return int(row["member_id"])

    async def reset(self, token: str, password: str, repeat: str | None = None) -> int:
        member_id = await self.check(token)
        check_password_strength(password, repeat)
        async with self.db.transaction() as tx:
            if not await store.use_reset(tx, _hash(token), iso(self.clock())):
                raise Invalid(N_("This reset link was used already. Ask for a new one."))
            await members_store.set_password(
                tx, member_id, hash_password(password), must_change=False
            )
            await sessions.delete_sessions_of(tx, member_id, None)  # every device logs in anew
            await sessions.end_app_tokens(tx, member_id, iso(self.clock()))
        return member_id

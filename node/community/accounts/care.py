"""Account care an association does itself: roles, disabling, removing, reset links.

`by` is the member doing it on /beheer, or None for the command line: whoever has a shell
on the node's server already holds all of its data, so the rules of roles do not bind them;
the rule that the node keeps an admin does.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from node.community.accounts.members import (
    Member,
    Members,
    check_password_strength,
    hash_password,
)
from node.community.accounts.permissions import Care, Role, can_care
from node.community.accounts.privacy import Privacy, leave_mode
from node.community.accounts.sessions import token_hash
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.storage import Database, Transaction
from node.storage.accounts import members as store
from node.storage.accounts import privacy as privacy_store
from node.storage.accounts import sessions

RESET_LIFETIME = timedelta(hours=1)
_LAST_ADMIN = N_("%(name)s is the only admin. Make someone else admin first.")


class AccountCare:
    def __init__(self, db: Database, clock: Clock, members: Members, privacy: Privacy) -> None:
        self.db = db
        self.clock = clock
        self.members = members
        self.privacy = privacy

    async def target(self, by: Member | None, care: Care, username_or_id: str | int) -> Member:
        """The member to care for, after checking `by` may do this to them."""
        if isinstance(username_or_id, int):
            found = await self.members.find(username_or_id)
        else:
            found = await self.members.by_username(username_or_id)
        if found is None:
            raise NotFound(
                N_("Nobody with the user name '%(name)s' is known here."), name=username_or_id
            )
        if by is not None:
            if not by.is_active or not can_care(by.role, care, found.role):
                raise NotAllowed(
                    N_("You may not do this to %(name)s's account."), name=found.display_name
                )
            if found.id == by.id and care is not Care.ROLE:
                raise NotAllowed(N_("Use your own account page to look after your own account."))
        return found

    async def change_role(self, by: Member | None, who: str | int, role: str) -> Member:
        try:
            new = Role(role)
        except ValueError:
            raise Invalid(
                N_("Unknown role '%(role)s'. Choose one of: %(roles)s."),
                role=role,
                roles=", ".join(r.value for r in Role),
            ) from None
        member = await self.target(by, Care.ROLE, who)
        async with self.db.transaction() as tx:
            if new is not Role.ADMIN:
                await _keep_an_admin(tx, member)
            await store.set_role(tx, member.id, new)
        return await self.members.get(member.id)

    async def disable(self, by: Member | None, who: str | int) -> Member:
        """Close the account for now: nobody can log in with it, its sessions and apps end."""
        member = await self.target(by, Care.DISABLE, who)
        if member.status == "disabled":
            raise Invalid(N_("%(name)s's account is already disabled."), name=member.display_name)
        async with self.db.transaction() as tx:
            await _keep_an_admin(tx, member)
            await store.set_status(tx, member.id, "disabled", None)
            await _end_access(tx, member.id, iso(self.clock()))
        return await self.members.get(member.id)

    async def enable(self, by: Member | None, who: str | int) -> Member:
        member = await self.target(by, Care.DISABLE, who)
        if member.status != "disabled":
            raise Invalid(N_("%(name)s's account is not disabled."), name=member.display_name)
        async with self.db.transaction() as tx:
            await store.set_status(tx, member.id, "active", None)
        return await self.members.get(member.id)

    async def remove(self, by: Member | None, who: str | int, mode: str) -> Member:
        """Delete the account and its personal data; contributions stay as 'oud-bewoner'
        (mode 'anonymise') or are removed (mode 'remove')."""
        chosen = leave_mode(mode, N_("Choose whether their contributions stay or go."))
        member = await self.target(by, Care.REMOVE, who)
        await self.privacy.erase(member, chosen, _LAST_ADMIN, "account removed")
        return member

    async def issue_reset(self, by: Member | None, who: str | int) -> tuple[Member, str]:
        """A one-time token (valid for an hour) to choose a new password; only its hash is
        kept, so it is shown once and handed over in person."""
        member = await self.target(by, Care.RESET, who)
        if not member.is_active:
            raise Invalid(
                N_("%(name)s's account is not active; enable it first."), name=member.display_name
            )
        token = secrets.token_urlsafe(24)
        now = self.clock()
        async with self.db.transaction() as tx:
            await sessions.insert_reset(
                tx,
                token_hash(token),
                member.id,
                by.id if by else None,
                iso(now),
                iso(now + RESET_LIFETIME),
            )
        return member, token

    async def reset_for(self, token: str) -> Member:
        """Whose reset link this is; refused when used, replaced or expired."""
        row = await sessions.usable_reset(self.db, token_hash(token), iso(self.clock()))
        member = None if row is None else await self.members.find(row["member_id"])
        if member is None or not member.is_active:
            raise Invalid(
                N_(
                    "This link to choose a new password is used, expired (after an hour) or "
                    "replaced. Ask a buurtverbinder for a new one."
                )
            )
        return member

    async def use_reset(self, token: str, password: str, repeat: str | None = None) -> Member:
        member = await self.reset_for(token)
        check_password_strength(password, repeat)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            row = await sessions.usable_reset(tx, token_hash(token), now)
            if row is None or not await sessions.use_reset(tx, row["id"], now):
                raise Invalid(N_("This link was just used. Ask a buurtverbinder for a new one."))
            await _set_password(tx, member.id, password, now)
        return member

    async def set_password(self, who: str, password: str) -> Member:
        """The command line sets a password directly: shell access is the proof."""
        member = await self.target(None, Care.RESET, who)
        check_password_strength(password)
        async with self.db.transaction() as tx:
            await _set_password(tx, member.id, password, iso(self.clock()))
        return member


async def _keep_an_admin(tx: Transaction, member: Member) -> None:
    if member.role is Role.ADMIN and member.is_active and await privacy_store.count_admins(tx) <= 1:
        raise NotAllowed(_LAST_ADMIN, name=member.display_name)


async def _set_password(tx: Transaction, member_id: int, password: str, now: str) -> None:
    await store.set_password(tx, member_id, hash_password(password), must_change=False)
    await _end_access(tx, member_id, now)


async def _end_access(tx: Transaction, member_id: int, now: str) -> None:
    """Every browser session and every app's token of the member ends."""
    await sessions.delete_sessions_of(tx, member_id)
    await sessions.end_app_tokens(tx, member_id, now)

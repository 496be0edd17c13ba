"""Accounts: registration (open, by invite, or with approval), login and passwords."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from node.community.accounts.permissions import Action, Role, can
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.storage import Database, Row
from node.storage.accounts import members as store
from node.storage.accounts import sessions

MIN_PASSWORD_LENGTH = 10
INVITE_LIFETIME = timedelta(days=14)
USERNAME_PATTERN = re.compile(r"^[a-z0-9_]{2,30}$")

USERNAME = Field("account.username", N_("User name"), 30, required=True)
LOGIN_USERNAME = Field("login.username", N_("User name"), 200, required=True)
DISPLAY_NAME = Field(
    "account.display_name",
    N_("Your name"),
    80,
    required=True,
    missing=N_("Fill in the name others see."),
)
PASSWORD = Field("account.password", N_("Password"), 200, required=True)
PASSWORD_AGAIN = Field("account.password_again", N_("Password again"), 200, required=True)
PHONE = Field("account.phone", N_("Phone number"), 40)
AVAILABILITY = Field("account.availability", N_("When you can be reached"), 200)
ABOUT = Field("account.about", N_("About you"), 2000)
CURRENT_PASSWORD = Field("account.current_password", N_("Current password"), 200, required=True)
NEW_PASSWORD = Field("account.new_password", N_("New password"), 200, required=True)
NEW_PASSWORD_AGAIN = Field(
    "account.new_password_again", N_("New password again"), 200, required=True
)

# argon2id with the library's (RFC 9106 low-memory) defaults.
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when a username does not exist, so timing reveals nothing.

    Made on first use: hashing at import would cost every process start ~0.5 s and 64 MB.
    """
    return _hasher.hash("not a real password")


class RegistrationMode(StrEnum):
    OPEN = "open"
    INVITE = "invite"
    APPROVAL = "approval"  # anyone may sign up; a buurtverbinder approves


@dataclass(frozen=True)
class Member:
    id: int
    username: str
    display_name: str
    role: Role
    status: str
    phone: str
    availability: str
    about: str
    session_epoch: int
    must_change_password: bool
    created_at: str
    public_profile: bool  # chose a page at /@name and a Person actor others can find

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def can(self, action: Action) -> bool:
        return self.is_active and can(self.role, action)

    @classmethod
    def from_row(cls, row: Row) -> Member:
        return cls(
            id=row["id"],
            username=row["username"],
            display_name=row["display_name"],
            role=Role(row["role"]),
            status=row["status"],
            phone=row["phone"],
            availability=row["availability"],
            about=row["about"],
            session_epoch=row["session_epoch"],
            must_change_password=bool(row["must_change_password"]),
            created_at=row["created_at"],
            public_profile=bool(row["public_profile"]),
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str, repeat: str | None = None) -> None:
    """A new password (and, when the form has one, the same typed again) fits the rules."""
    problems = Problems()
    _check_password(problems, password, NEW_PASSWORD)
    _check_repeat(problems, NEW_PASSWORD_AGAIN, password, repeat)
    problems.check()


def check_login(username: str, password: str) -> None:
    """Both login fields filled in and not absurdly long (before any password is hashed)."""
    problems = Problems()
    problems.text(LOGIN_USERNAME, username)
    if not password or len(password) > PASSWORD.max:
        problems.text(PASSWORD, password)
    problems.check()


def _check_password(problems: Problems, password: str, spec: Field = PASSWORD) -> None:
    if not password:
        problems.add(spec, N_("Fill this in."))
    elif len(password) < MIN_PASSWORD_LENGTH:
        problems.add(
            spec,
            N_("Choose a password of at least %(count)s characters."),
            count=MIN_PASSWORD_LENGTH,
        )
    elif len(password) > spec.max:
        problems.add(
            spec,
            N_("Use at most %(max)s characters; this has %(count)s."),
            max=spec.max,
            count=len(password),
        )


def _check_repeat(problems: Problems, spec: Field, password: str, repeat: str | None) -> None:
    """The password typed a second time (None: there is no second field)."""
    if repeat is None:
        return
    if not repeat or len(repeat) > spec.max:
        problems.text(spec, repeat)
    elif password and repeat != password:
        problems.add(spec, N_("The two passwords are not the same. Type them again."))


def normalise_username(username: str) -> str:
    problems = Problems()
    name = _username(problems, username)
    problems.check()
    return name


def _username(problems: Problems, username: str) -> str:
    name = username.strip().lower()
    if not name:
        problems.add(USERNAME, N_("Fill this in."))
    elif not USERNAME_PATTERN.match(name):
        problems.add(
            USERNAME, N_("A user name has 2 to 30 characters: lower-case letters, digits or _.")
        )
    return name


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Members:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(
        self,
        username: str,
        password: str,
        role: Role | str,
        *,
        display_name: str | None = None,
        status: str = "active",
        repeat: str | None = None,
    ) -> Member:
        """Create an account directly (command line, demo, approved registration);
        `repeat`: the password typed a second time, when there is one."""
        try:
            role = Role(role)
        except ValueError:
            raise Invalid(N_("Unknown role '%(role)s'."), role=role) from None
        problems = Problems()
        display_name = problems.text(DISPLAY_NAME, display_name or username, single_line=True)
        username = _username(problems, username)
        _check_password(problems, password)
        _check_repeat(problems, PASSWORD_AGAIN, password, repeat)
        if not problems.about("username") and await store.username_taken(self.db, username):
            problems.add(USERNAME, N_("The user name '%(name)s' is already taken."), name=username)
        problems.check()
        async with self.db.transaction() as tx:
            if await store.username_taken(tx, username):  # taken since the check above
                raise Invalid(N_("The user name '%(name)s' is already taken."), name=username)
            member_id = await store.insert_member(
                tx,
                username=username,
                display_name=display_name,
                password_hash=hash_password(password),
                role=role,
                status=status,
                created_at=iso(self.clock()),
            )
        return await self.get(member_id)

    async def register(
        self,
        mode: RegistrationMode,
        username: str,
        display_name: str,
        password: str,
        invite_token: str | None = None,
        *,
        repeat: str | None = None,
    ) -> Member:
        """A resident signs up. Returns the member, active or pending approval."""
        if mode is RegistrationMode.INVITE:
            if not invite_token:
                raise NotAllowed(N_("This neighbourhood only accepts new residents by invitation."))
            now = iso(self.clock())
            invite = await store.usable_invite(self.db, _token_hash(invite_token), now)
            if invite is None:
                raise Invalid(
                    N_("This invitation link is used up or has expired. Ask for a new one.")
                )
        status = "pending" if mode is RegistrationMode.APPROVAL else "active"
        member = await self.add(
            username,
            password,
            Role.RESIDENT,
            display_name=display_name,
            status=status,
            repeat=repeat,
        )
        if mode is RegistrationMode.INVITE:
            async with self.db.transaction() as tx:
                if not await store.use_invite(tx, invite["id"], member.id, iso(self.clock())):
                    raise Invalid(N_("This invitation link is used up or has expired."))
        return member

    async def authenticate(self, username: str, password: str) -> Member | None:
        """The member when the password is right and the account active, else None."""
        row = await store.member_by_username(self.db, username.strip().lower())
        if row is None:
            _verify(_dummy_hash(), password)
            return None
        if not _verify(row["password_hash"], password):
            return None
        if _hasher.check_needs_rehash(row["password_hash"]):
            async with self.db.transaction() as tx:
                await store.update_password_hash(tx, row["id"], hash_password(password))
        return Member.from_row(row)

    async def get(self, member_id: int) -> Member:
        row = await store.member_by_id(self.db, member_id)
        if row is None:
            raise NotFound(N_("This person is not known here."))
        return Member.from_row(row)

    async def find(self, member_id: int) -> Member | None:
        row = await store.member_by_id(self.db, member_id)
        return None if row is None else Member.from_row(row)

    async def by_username(self, username: str) -> Member | None:
        row = await store.member_by_username(self.db, username.strip().lower())
        return None if row is None else Member.from_row(row)

    async def public_profile(self, username: str) -> Member | None:
        """An active member who chose a public profile; None for everyone else, so a
        visitor cannot tell a private member from a name nobody has."""
        found = await self.by_username(username)
        return found if found is not None and found.is_active and found.public_profile else None

    async def set_public_profile(self, member: Member, public: bool) -> Member:
        async with self.db.transaction() as tx:
            await store.set_public_profile(tx, member.id, public)
        return await self.get(member.id)

    async def all(self) -> list[Member]:
        return [Member.from_row(r) for r in await store.all_members(self.db)]

    async def pending(self) -> list[Member]:
        return [Member.from_row(r) for r in await store.members_by_status(self.db, "pending")]

    async def contacts(self) -> list[Member]:
        """The contact person(s) and buurtverbinders, for 'who can I call?'."""
        rows = await store.members_with_roles(self.db, (Role.CONTACT, Role.BUURTVERBINDER))
        return [Member.from_row(r) for r in rows]

    async def count_active(self) -> int:
        return await store.count_active_members(self.db)

    async def approve(self, by: Member, member_id: int) -> Member:
        if not by.can(Action.APPROVE_MEMBERS):
            raise NotAllowed(N_("Only a buurtverbinder or admin can approve new residents."))
        target = await self.get(member_id)
        if target.status != "pending":
            raise Invalid(N_("%(name)s does not wait for approval."), name=target.display_name)
        async with self.db.transaction() as tx:
            await store.set_status(tx, member_id, "active", by.id)
        return await self.get(member_id)

    async def decline(self, by: Member, member_id: int) -> None:
        if not by.can(Action.APPROVE_MEMBERS):
            raise NotAllowed(N_("Only a buurtverbinder or admin can approve new residents."))
        target = await self.get(member_id)
        if target.status != "pending":
            raise Invalid(N_("%(name)s does not wait for approval."), name=target.display_name)
        async with self.db.transaction() as tx:
            await store.set_status(tx, member_id, "disabled", by.id)

    async def change_password(
        self,
        member: Member,
        current: str,
        new: str,
        keep_session: int | None = None,
        *,
        repeat: str | None = None,
    ) -> Member:
        """A new password; every other session and every app's token of the member ends."""
        problems = Problems()
        row = await store.member_by_id(self.db, member.id)
        if not current:
            problems.add(CURRENT_PASSWORD, N_("Fill this in."))
        elif row is None or not _verify(row["password_hash"], current):
            problems.add(CURRENT_PASSWORD, N_("Your current password is not right."))
        _check_password(problems, new, NEW_PASSWORD)
        _check_repeat(problems, NEW_PASSWORD_AGAIN, new, repeat)
        problems.check()
        async with self.db.transaction() as tx:
            await store.set_password(tx, member.id, hash_password(new), must_change=False)
            await sessions.delete_sessions_of(tx, member.id, keep_session)
            await sessions.end_app_tokens(tx, member.id, iso(self.clock()))
        return await self.get(member.id)

    async def update_profile(
        self, member: Member, *, display_name: str, phone: str, availability: str, about: str
    ) -> Member:
        problems = Problems()
        values = {
            "display_name": problems.text(DISPLAY_NAME, display_name, single_line=True),
            "phone": problems.text(PHONE, phone),
            "availability": problems.text(AVAILABILITY, availability),
            "about": problems.text(ABOUT, about),
        }
        problems.check()
        async with self.db.transaction() as tx:
            await store.update_profile(tx, member.id, **values)
        return await self.get(member.id)

    async def create_invite(self, by: Member) -> str:
        """A new invitation token; only its hash is kept, so show it once."""
        if not by.can(Action.CREATE_INVITE):
            raise NotAllowed(N_("Only a buurtverbinder or admin can invite residents."))
        token = secrets.token_urlsafe(24)
        now = self.clock()
        async with self.db.transaction() as tx:
            await store.insert_invite(
                tx, _token_hash(token), by.id, iso(now), iso(now + INVITE_LIFETIME)
            )
        return token


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False

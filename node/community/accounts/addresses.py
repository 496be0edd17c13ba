"""A member's e-mail address (used once verified by a link) and what they want to hear by
mail: per kind of notification immediately, in the weekly digest, or never."""

from __future__ import annotations

import re
from dataclasses import dataclass

from node.community.accounts.mailbox import (
    CHOICES,
    DIGEST,
    IMMEDIATE_BY_DEFAULT,
    KINDS,
    Mailbox,
)
from node.community.accounts.members import Member
from node.community.accounts.tokens import MailTokens, TokenExpired, TokenInvalid
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid
from node.community.fields import Field, Problems
from node.storage import Database
from node.storage.accounts import addresses as store

# Deliberately plain: one @, no spaces, a dot in the domain. The link we send is the real test.
ADDRESS_PATTERN = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]{2,}$")
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class EmailAddress:
    address: str
    language: str
    verified: bool


@dataclass(frozen=True)
class Recipient:
    member_id: int
    address: str
    language: str


EMAIL = Field("account.email", N_("E-mail address"), 254)  # empty: no mail
FORGOT_EMAIL = Field("forgot.email", N_("E-mail address"), 254, required=True)


def check_address(address: str, spec: Field = FORGOT_EMAIL) -> str:
    problems = Problems()
    address = problems.text(spec, address)
    if address and len(address) <= spec.max and not ADDRESS_PATTERN.match(address):
        problems.add(spec, N_("This is not an e-mail address. Write it like naam@voorbeeld.nl."))
    problems.check()
    return address


def default_choice(kind: str) -> str:
    return "immediately" if kind in IMMEDIATE_BY_DEFAULT else "weekly"


class Addresses:
    def __init__(self, db: Database, clock: Clock, mailbox: Mailbox) -> None:
        self.db = db
        self.clock = clock
        self.mailbox = mailbox
        self.tokens: MailTokens | None = None  # node/app.py gives the secret

    def configure(self, secret: bytes) -> None:
        self.tokens = MailTokens(secret, self.clock)

    def _tokens(self) -> MailTokens:
        assert self.tokens is not None, "Addresses.configure was not called"
        return self.tokens

    async def of(self, member: Member) -> EmailAddress | None:
        row = await store.address_of(self.db, member.id)
        if row is None:
            return None
        return EmailAddress(row["address"], row["language"], row["verified_at"] is not None)

    async def set(self, member: Member, address: str, language: str) -> EmailAddress:
        """Store the address and send it a link; until followed, nothing else is sent there."""
        address = check_address(address, EMAIL)
        language = language if language in LANGUAGES else LANGUAGES[0]
        async with self.db.transaction() as tx:
            await store.put_address(tx, member.id, address, language, iso(self.clock()))
            row = await store.address_of(tx, member.id)
            assert row is not None
            if row["verified_at"] is None:
                token = self._tokens().verification(member.id, address)
                await self.mailbox.queue(
                    tx, member.id, address, "verify", {"token": token}, language
                )
        return EmailAddress(address, language, row["verified_at"] is not None)

    async def verify(self, token: str) -> int:
        """Follow a verification link; returns the member's id."""
        try:
            member_id, address = self._tokens().check_verification(token)
        except TokenExpired:
            raise Invalid(
                N_("This link is older than two days. Save your address again for a new link.")
            ) from None
        except TokenInvalid:
            raise Invalid(
                N_("This link is not right. Copy the whole link from the e-mail.")
            ) from None
        async with self.db.transaction() as tx:
            if not await store.verify_address(tx, member_id, address, iso(self.clock())):
                raise Invalid(
                    N_("This link is for an address you no longer use. Use the newest e-mail.")
                )
        return member_id

    async def remove(self, member: Member) -> None:
        async with self.db.transaction() as tx:
            await store.remove_address(tx, member.id)

    async def choices(self, member_id: int) -> dict[str, str]:
        """Every kind with the member's choice (or the default), the digest last."""
        chosen = await store.choices_of(self.db, member_id)
        kinds = {kind: chosen.get(kind, default_choice(kind)) for kind in KINDS}
        return {**kinds, DIGEST: chosen.get(DIGEST, "weekly")}

    async def choose(self, member: Member, choices: dict[str, str]) -> None:
        async with self.db.transaction() as tx:
            for kind, choice in choices.items():
                allowed = ("weekly", "never") if kind == DIGEST else CHOICES
                if (kind in KINDS or kind == DIGEST) and choice in allowed:
                    await store.put_choice(tx, member.id, kind, choice)

    def unsubscribe_token(self, member_id: int, kind: str) -> str:
        return self._tokens().unsubscribe(member_id, kind)

    async def unsubscribe(self, token: str) -> str:
        """One click from a mail, without logging in: that kind of mail stops. The kind."""
        try:
            member_id, kind = self._tokens().check_unsubscribe(token)
        except TokenInvalid:
            raise Invalid(
                N_("This link is not right. Copy the whole link from the e-mail.")
            ) from None
        if kind not in KINDS and kind != DIGEST:
            raise Invalid(N_("This link is not right. Copy the whole link from the e-mail."))
        async with self.db.transaction() as tx:
            await store.put_choice(tx, member_id, kind, "never")
        return kind

    async def recipient(self, member_id: int, kind: str, choice: str) -> Recipient | None:
        """Where to send `kind` for this member, if they chose `choice` for it."""
        row = await store.address_of(self.db, member_id)
        if row is None or row["verified_at"] is None:
            return None
        if (await self.choices(member_id)).get(kind) != choice:
            return None
        return Recipient(member_id, row["address"], row["language"])

    async def digest_recipients(self) -> list[Recipient]:
        """Active members with a verified address who did not turn the digest off."""
        chosen = await store.all_choices(self.db)
        return [
            Recipient(r["member_id"], r["address"], r["language"])
            for r in await store.verified_recipients(self.db)
            if chosen.get(r["member_id"], {}).get(DIGEST, "weekly") != "never"
        ]

    async def weekly_kinds(self, member_id: int) -> list[str]:
        return [
            k for k, c in (await self.choices(member_id)).items() if c == "weekly" and k in KINDS
        ]

"""Signed tokens in mail links: verifying an address (expires) and unsubscribing (per member
and kind, never expires, so an old mail's link still works). Signed with a secret derived
from the node's session secret; nothing is stored, so a token cannot be looked up."""

from __future__ import annotations

from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from node.community.clock import Clock, iso, parse_iso

# The expiry is inside the signed token and read against the node's clock (not the
# library's timestamps, which follow the real clock), so tests can move time.
VERIFY_LIFETIME = timedelta(hours=48)


class TokenExpired(Exception):
    """The signature is right but the token is too old."""


class TokenInvalid(Exception):
    """Not a token of this node, or changed."""


class MailTokens:
    def __init__(self, secret: bytes, clock: Clock) -> None:
        self.clock = clock
        self._verify = URLSafeSerializer(secret, salt="mail-verify")
        self._unsubscribe = URLSafeSerializer(secret, salt="mail-unsubscribe")

    def verification(self, member_id: int, address: str) -> str:
        until = iso(self.clock() + VERIFY_LIFETIME)
        return str(self._verify.dumps([member_id, address, until]))

    def check_verification(self, token: str) -> tuple[int, str]:
        try:
            member_id, address, until = self._verify.loads(token)
            expired = parse_iso(str(until)) < self.clock()
        except (BadSignature, ValueError, TypeError):
            raise TokenInvalid from None
        if expired:
            raise TokenExpired
        return int(member_id), str(address)

    def unsubscribe(self, member_id: int, kind: str) -> str:
        return str(self._unsubscribe.dumps([member_id, kind]))

    def check_unsubscribe(self, token: str) -> tuple[int, str]:
        try:
            member_id, kind = self._unsubscribe.loads(token)
        except (BadSignature, ValueError, TypeError):
            raise TokenInvalid from None
        return int(member_id), str(kind)

"""OAuth 2 for apps (Mastodon clients): registered apps, authorization codes with PKCE, and
access tokens with Mastodon's scopes. Secrets, codes and tokens are stored as sha256 hashes.

A resident's tokens end when their password changes (as their browser sessions do), when
their account is closed, or when the app revokes them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from node.community.accounts.members import Member, Members
from node.community.accounts.permissions import Action
from node.community.clock import Clock, iso
from node.community.errors import N_, DomainError, NotAllowed
from node.storage import Database, Row, Transaction
from node.storage.accounts import oauth as store

OOB = "urn:ietf:wg:oauth:2.0:oob"
CODE_LIFETIME = timedelta(minutes=10)
_READ = "accounts blocks bookmarks favourites filters follows lists mutes notifications search"
_WRITE = "accounts blocks bookmarks conversations favourites filters follows lists media mutes"
_SUB = {
    "read": [*_READ.split(), "statuses"],
    "write": [*_WRITE.split(), "notifications", "reports", "statuses"],
}
# `follow` is Mastodon's old name for managing follows, blocks and mutes.
_FOLLOW = {"read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes"}
_FOLLOW |= {"write:mutes"}
SCOPES = frozenset(
    {"read", "write", "follow", "push", "profile"}
    | {f"{top}:{sub}" for top, subs in _SUB.items() for sub in subs}
)


class OAuthError(DomainError):
    """An OAuth failure with RFC 6749's error code (invalid_client, invalid_grant, ...)."""

    def __init__(self, code: str, message: str, status: int = 400, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code
        self.status = status


def parse_scopes(text: str | None, default: str = "read") -> tuple[str, ...]:
    words = tuple(dict.fromkeys((text or default).replace("+", " ").split()))
    unknown = [w for w in words if w not in SCOPES]
    if unknown or not words:
        raise OAuthError("invalid_scope", N_("This app asks for permissions we do not know."))
    return words


def covers(granted: tuple[str, ...] | frozenset[str], required: str) -> bool:
    """True when the granted scopes include `required` (e.g. `read` covers `read:statuses`)."""
    if required in granted:
        return True
    top = required.split(":", 1)[0]
    return top in granted or ("follow" in granted and required in _FOLLOW)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _valid_redirect(uri: str) -> bool:
    if uri == OOB:
        return True
    parts = urlsplit(uri)
    web = parts.scheme in {"http", "https"}
    return bool(parts.scheme) and not parts.fragment and (bool(parts.netloc) or not web)


@dataclass(frozen=True)
class App:
    id: int
    client_id: str
    name: str
    website: str | None
    redirect_uris: tuple[str, ...]
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class Token:
    access_token: str
    scopes: tuple[str, ...]
    created_at: str


@dataclass(frozen=True)
class Grant:
    """Who an access token speaks for (None: the app itself), with what scopes."""

    member: Member | None
    app_name: str
    app_website: str | None
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        return covers(self.scopes, scope)


def _app(row: Row) -> App:
    return App(
        id=row["id"],
        client_id=row["client_id"],
        name=row["name"],
        website=row["website"],
        redirect_uris=tuple(row["redirect_uris"].split()),
        scopes=tuple(row["scopes"].split()),
    )


class OAuth:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self.db = db
        self.clock = clock
        self.members = members

    async def register_app(
        self, name: str, redirect_uris: str, scopes: str | None, website: str | None = None
    ) -> tuple[App, str]:
        """A new app; returns it with its client secret (shown once, kept only hashed)."""
        name = " ".join(name.split())
        if not name:
            raise OAuthError("invalid_request", N_("Give the app a name."), 422)
        if len(name) > 100 or len((website or "").strip()) > 300:
            raise OAuthError(
                "invalid_request",
                N_("Keep the app's name under 100 and its website under 300 characters."),
                422,
            )
        uris = redirect_uris.split() or [OOB]
        if len(uris) > 10 or not all(_valid_redirect(u) for u in uris):
            raise OAuthError("invalid_request", N_("The app's redirect address is not valid."), 422)
        words = parse_scopes(scopes)
        client_id, secret = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        async with self.db.transaction() as tx:
            app_id = await store.insert_app(
                tx,
                client_id=client_id,
                secret_hash=_hash(secret),
                name=name,
                website=(website or "").strip() or None,
                redirect_uris="\n".join(uris),
                scopes=" ".join(words),
                now=iso(self.clock()),
            )
        return App(app_id, client_id, name, website or None, tuple(uris), words), secret

    async def app(self, client_id: str, secret: str | None = None, *, check: bool = False) -> App:
        """The app; with `check`, the secret must match (confidential clients)."""
        row = await store.app_by_client_id(self.db, client_id or "")
        if row is None or (
            check and not hmac.compare_digest(_hash(secret or ""), row["secret_hash"])
        ):
            raise OAuthError("invalid_client", N_("This app is not known here."), 401)
        return _app(row)

    async def check_request(
        self, client_id: str, redirect_uri: str, scope: str | None, method: str | None = None
    ) -> tuple[App, tuple[str, ...]]:
        """Validate an authorization request before showing the consent page."""
        app = await self.app(client_id)
        if redirect_uri not in app.redirect_uris:
            raise OAuthError("invalid_request", N_("The app's redirect address is not valid."))
        words = parse_scopes(scope, default=" ".join(app.scopes))
        if not all(any(covers((g,), w) for g in app.scopes) for w in words):
            raise OAuthError("invalid_scope", N_("This app asks for more than it registered."))
        if method not in (None, "", "S256"):
            raise OAuthError("invalid_request", N_("Only the S256 code challenge is supported."))
        return app, words

    async def authorize(
        self,
        member: Member,
        client_id: str,
        redirect_uri: str,
        scope: str | None,
        code_challenge: str | None = None,
        code_challenge_method: str | None = None,
    ) -> str:
        """The resident allows the app: a one-time code for the app to exchange."""
        if not member.can(Action.USE_APPS):
            raise NotAllowed(N_("Your account may not use apps."))
        app, words = await self.check_request(client_id, redirect_uri, scope, code_challenge_method)
        code = secrets.token_urlsafe(32)
        now = self.clock()
        async with self.db.transaction() as tx:
            await store.insert_code(
                tx,
                code_hash=_hash(code),
                app_id=app.id,
                member_id=member.id,
                redirect_uri=redirect_uri,
                scopes=" ".join(words),
                code_challenge=code_challenge or None,
                now=iso(now),
                expires_at=iso(now + CODE_LIFETIME),
            )
        return code

    async def token_for_code(
        self,
        client_id: str,
        client_secret: str | None,
        code: str,
        redirect_uri: str,
        code_verifier: str | None = None,
    ) -> Token:
        # With PKCE an app that cannot keep a secret (no client_secret) may still log in.
        app = await self.app(client_id, client_secret, check=client_secret is not None)
        now = iso(self.clock())
        bad = OAuthError("invalid_grant", N_("This login code is not valid (any more)."))
        # Used up in its own transaction: a failed attempt (wrong verifier) spends it too.
        async with self.db.transaction() as tx:
            row = await store.use_code(tx, _hash(code or ""), app.id, now)
        # RFC 6749 §4.1.3: the redirect_uri of the authorization request, given again.
        if row is None or not hmac.compare_digest(row["redirect_uri"], redirect_uri):
            raise bad
        if row["code_challenge"]:
            verifier = code_verifier or ""
            if not hmac.compare_digest(_s256(verifier), row["code_challenge"]):
                raise bad
        elif client_secret is None:
            raise OAuthError("invalid_client", N_("This app is not known here."), 401)
        member = await self.members.find(row["member_id"])
        if member is None or not member.is_active:
            raise bad
        async with self.db.transaction() as tx:
            return await self._issue(tx, app, member, tuple(row["scopes"].split()), now)

    async def token_for_app(self, client_id: str, client_secret: str, scope: str | None) -> Token:
        """client_credentials: a token for the app itself, not for any resident."""
        app = await self.app(client_id, client_secret, check=True)
        words = parse_scopes(scope)
        if not all(any(covers((g,), w) for g in app.scopes) for w in words):
            raise OAuthError("invalid_scope", N_("This app asks for more than it registered."))
        async with self.db.transaction() as tx:
            return await self._issue(tx, app, None, words, iso(self.clock()))

    async def _issue(
        self, tx: Transaction, app: App, member: Member | None, words: tuple[str, ...], now: str
    ) -> Token:
        token = secrets.token_urlsafe(32)
        await store.insert_token(
            tx,
            token_hash=_hash(token),
            app_id=app.id,
            member_id=member.id if member else None,
            session_epoch=member.session_epoch if member else 0,
            scopes=" ".join(words),
            now=now,
        )
        return Token(token, words, now)

    async def revoke(self, client_id: str, client_secret: str | None, token: str) -> None:
        """RFC 7009: revoking an unknown token is not an error."""
        app = await self.app(client_id, client_secret, check=True)
        async with self.db.transaction() as tx:
            await store.revoke_token(tx, _hash(token or ""), app.id, iso(self.clock()))

    async def authenticate(self, access_token: str) -> Grant | None:
        row = await store.live_token(self.db, _hash(access_token))
        if row is None:
            return None
        member = None
        if row["member_id"] is not None:
            member = await self.members.find(row["member_id"])
            if member is None or not member.is_active:
                return None
            if member.session_epoch != row["session_epoch"]:
                return None  # the password changed since: log in again
        return Grant(member, row["app_name"], row["app_website"], frozenset(row["scopes"].split()))

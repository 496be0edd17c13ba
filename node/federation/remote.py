"""Remote actors and their keys: fetched with signed GETs, kept in the database and, parsed,
in a bounded memory cache; WebFinger look-ups of `name@host`."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from node.community.clock import Clock, iso
from node.community.text import shorten
from node.federation.http import FediClient, FetchError
from node.federation.signatures import SignatureError, identifier_from_pem
from node.storage import Database, Row
from node.storage.federation import actors as store

if TYPE_CHECKING:
    from bovine.crypto.types import CryptographicIdentifier

ACTOR_TYPES = ("Application", "Group", "Organization", "Person", "Service")
NODE_KINDS = ("wijk", "kern", "gemeente")
MAX_CACHED_KEYS = 2000
# A bad signature makes us refetch the key once (it may have rotated), but not more often
# than this per key, so forged requests cannot make us hammer a server.
REFETCH_INTERVAL = 300.0


@dataclass(frozen=True)
class RemoteActor:
    uri: str
    host: str
    handle: str
    name: str
    type: str
    inbox: str
    shared_inbox: str | None
    key_id: str
    public_key_pem: str
    node_kind: str | None = None  # wijk, kern or gemeente: another Buurtnode says which
    ledger_url: str | None = None  # where another Buurtnode publishes its books

    @property
    def delivery_inbox(self) -> str:
        return self.shared_inbox or self.inbox

    @classmethod
    def from_row(cls, row: Row) -> RemoteActor:
        return cls(*(row[k] for k in cls.__dataclass_fields__))


def _id(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def parse_actor(doc: Any, fetched_url: str) -> RemoteActor:
    """Check an actor document the way Mastodon does; FetchError when it falls short."""
    if not isinstance(doc, dict):
        raise FetchError(f"{fetched_url} is not an actor")
    uri = doc.get("id")
    if uri != fetched_url.split("#")[0]:
        raise FetchError(f"{fetched_url} claims to be {uri!r}")
    if doc.get("type") not in ACTOR_TYPES:
        raise FetchError(f"{fetched_url} is a {doc.get('type')!r}, not an actor")
    inbox, username = doc.get("inbox"), doc.get("preferredUsername")
    if not isinstance(inbox, str) or not isinstance(username, str):
        raise FetchError(f"{fetched_url} lacks inbox or preferredUsername")
    endpoints = doc.get("endpoints") if isinstance(doc.get("endpoints"), dict) else {}
    shared = endpoints.get("sharedInbox") if endpoints else None
    keys = doc.get("publicKey")
    keys = keys if isinstance(keys, list) else [keys]
    key = next((k for k in keys if isinstance(k, dict) and _id(k.get("owner")) == uri), None)
    host = urlsplit(uri).netloc
    ours = _buurtnode_context(doc.get("@context"))
    kind = doc.get("nodeKind") if ours else None
    ledger = _id(doc.get("ledger")) if ours else None
    return RemoteActor(
        uri=uri,
        host=host,
        handle=f"{username}@{host}",
        name=shorten(str(doc.get("name") or username), 200),
        type=str(doc["type"]),
        inbox=inbox,
        shared_inbox=shared if isinstance(shared, str) else None,
        key_id=str(key.get("id", "")) if key else "",
        public_key_pem=str(key.get("publicKeyPem", "")) if key else "",
        node_kind=kind if kind in NODE_KINDS else None,
        # Only on the actor's own server: nobody vouches for books kept elsewhere.
        ledger_url=ledger if ledger and urlsplit(ledger).netloc == host else None,
    )


def _buurtnode_context(context: Any) -> bool:
    """Whether a Buurtnode's own context (`{url}/ns#`) is in this @context."""
    items = context if isinstance(context, list) else [context]
    return any(isinstance(i, dict) and str(i.get("buurtnode", "")).endswith("/ns#") for i in items)


class RemoteActors:
    def __init__(self, db: Database, client: FediClient, clock: Clock) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self._keys: OrderedDict[str, CryptographicIdentifier] = OrderedDict()
        self._refetched: dict[str, float] = {}

    async def get(self, uri: str, *, refresh: bool = False) -> RemoteActor:
        """The actor, from the database unless `refresh` or unknown."""
        if not refresh:
            row = await store.actor(self.db, uri)
            if row is not None:
                return RemoteActor.from_row(row)
        return await self._fetch(uri)

    async def fetch_with_document(self, uri: str) -> tuple[RemoteActor, dict[str, Any]]:
        """The actor fetched now, with its whole document (for fields we do not keep)."""
        doc = await self.client.get_json(uri)
        return await self._store(parse_actor(doc, uri)), doc

    async def _fetch(self, uri: str) -> RemoteActor:
        return await self._store(parse_actor(await self.client.get_json(uri), uri))

    async def key(self, key_id: str, *, refresh: bool = False) -> CryptographicIdentifier:
        """The parsed public key for a keyId; its `controller` is the owning actor."""
        if not refresh:
            if key_id in self._keys:
                self._keys.move_to_end(key_id)
                return self._keys[key_id]
            row = await store.actor_by_key(self.db, key_id)
            if row is not None and row["public_key_pem"]:
                return self._remember(key_id, row["public_key_pem"], row["uri"])
        # Mastodon's keyId is `actor#main-key`; others serve the actor at the key's URL too.
        actor = await self._fetch_for_key(key_id)
        if actor.key_id != key_id or not actor.public_key_pem:
            raise SignatureError(f"{actor.uri} does not publish the key {key_id}")
        return self._remember(key_id, actor.public_key_pem, actor.uri)

    async def _fetch_for_key(self, key_id: str) -> RemoteActor:
        url = key_id.split("#")[0]
        doc = await self.client.get_json(url)
        if isinstance(doc, dict) and "publicKeyPem" in doc and "inbox" not in doc:
            # A bare key document (GoToSocial, Pixelfed style): its owner must live on the
            # same server, then the owner's actor document is the authority.
            owner = _id(doc.get("owner"))
            if not owner or urlsplit(owner).netloc != urlsplit(url).netloc:
                raise SignatureError(f"the key {key_id} names no owner on its own server")
            return await self._fetch(owner)
        actor = parse_actor(doc, url)
        return await self._fetch(actor.uri) if actor.uri != url else await self._store(actor)

    async def _store(self, actor: RemoteActor) -> RemoteActor:
        async with self.db.transaction() as tx:
            await store.upsert_actor(
                tx,
                uri=actor.uri,
                host=actor.host,
                handle=actor.handle,
                name=actor.name,
                type=actor.type,
                inbox=actor.inbox,
                shared_inbox=actor.shared_inbox,
                key_id=actor.key_id,
                public_key_pem=actor.public_key_pem,
                fetched_at=iso(self.clock()),
                node_kind=actor.node_kind,
                ledger_url=actor.ledger_url,
            )
        self._keys.pop(actor.key_id, None)
        return actor

    def may_refetch(self, key_id: str) -> bool:
        now = time.monotonic()
        if now - self._refetched.get(key_id, -REFETCH_INTERVAL) < REFETCH_INTERVAL:
            return False
        if len(self._refetched) > MAX_CACHED_KEYS:
            self._refetched.clear()
        self._refetched[key_id] = now
        return True

    def _remember(self, key_id: str, pem: str, owner: str) -> CryptographicIdentifier:
        identifier = identifier_from_pem(pem, owner)
        self._keys[key_id] = identifier
        if len(self._keys) > MAX_CACHED_KEYS:
            self._keys.popitem(last=False)
        return identifier

    async def resolve(self, handle_or_url: str) -> RemoteActor:
        """`name@host`, `@name@host`, `acct:name@host` or an actor URL → the actor."""
        text = handle_or_url.strip()
        if text.startswith(("https://", "http://")):
            return await self.get(text, refresh=True)
        account = text.removeprefix("acct:").lstrip("@")
        name, _, host = account.rpartition("@")
        if not name or not host or "/" in host:
            raise FetchError(f"'{text}' is neither name@host nor a web address")
        scheme = "http" if self.client.dev and _loopback(host) else "https"
        query = urlencode({"resource": f"acct:{name}@{host}"})
        jrd = await self.client.get_json(
            f"{scheme}://{host}/.well-known/webfinger?{query}",
            accept="application/jrd+json, application/json",
            signed=False,
        )
        links = jrd.get("links", []) if isinstance(jrd, dict) else []
        for link in links if isinstance(links, list) else []:
            if (
                isinstance(link, dict)
                and link.get("rel") == "self"
                and "json" in str(link.get("type", ""))
                and isinstance(link.get("href"), str)
            ):
                return await self.get(link["href"], refresh=True)
        raise FetchError(f"{host} knows no actor {name}")


def _loopback(host: str) -> bool:
    hostname = urlsplit(f"//{host}").hostname or ""
    return hostname in ("localhost", "127.0.0.1", "::1")

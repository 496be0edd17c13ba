"""Blocked domains, kept in memory so the inbox can refuse them before any other work."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid
from node.storage import Database
from node.storage.federation import actors as store

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}$")


def normalise_domain(text: str) -> str:
    """'https://Bad.Example/path' or 'bad.example' -> 'bad.example'; Invalid otherwise."""
    text = text.strip().lower()
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    if not _DOMAIN.match(host):
        raise Invalid(N_("'%(domain)s' is not a domain name, e.g. example.org."), domain=text)
    return host


def host_of(url_or_host: str) -> str:
    text = url_or_host.lower()
    try:
        return urlsplit(text if "//" in text else f"//{text}").hostname or ""
    except ValueError:  # `https://[::1/x`: no host we could block or reach
        return ""


class DomainBlocks:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._domains: frozenset[str] = frozenset()

    async def load(self) -> None:
        self._domains = frozenset(r["domain"] for r in await store.blocked_domains(self.db))

    def blocks(self, url_or_host: str) -> bool:
        """True for a blocked domain and its subdomains (as Mastodon does)."""
        host = host_of(url_or_host)
        parts = host.split(".")
        return any(".".join(parts[i:]) in self._domains for i in range(len(parts)))

    async def add(self, domain: str, reason: str) -> str:
        domain = normalise_domain(domain)
        async with self.db.transaction() as tx:
            await store.block_domain(tx, domain, reason.strip(), iso(self.clock()))
        await self.load()
        related = await store.related_actor_uris(self.db)
        async with self.db.transaction() as tx:
            await store.forget_actors(tx, [uri for uri in related if self.blocks(uri)])
        return domain

    async def remove(self, domain: str) -> None:
        async with self.db.transaction() as tx:
            await store.unblock_domain(tx, normalise_domain(domain))
        await self.load()

"""The municipality's node checks the books of every node it follows (docs/budget.md).

A gemeente node fetches each followed Buurtnode's `/wijkboekhouding.json` (the `ledger`
link in its actor document) with the federation client (signed, address-checked, size
limited), checks every hash and signature with node/community/ledger/check.py, as
`buurtnode ledger verify` does, and that the ledger's key is the key we know for the
node's actor, so a node cannot swap keys. The result per node is kept for the dashboard.

Entries are pulled, not pushed: a node's books are checked right after our follow is
accepted, again when we hear from the node (at most every CHECK_AGAIN_AFTER), and at
least every CHECK_EVERY.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from node.community.clock import iso
from node.community.ledger.check import Audit, audit
from node.federation.http import FetchError
from node.storage.ledger import checks as store

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.federation.http import FediClient
    from node.federation.remote import RemoteActors
    from node.storage import Database

log = logging.getLogger("buurtnode.federation")
CHECK_EVERY = timedelta(hours=6)
CHECK_AGAIN_AFTER = timedelta(minutes=10)
BATCH = 5
LEDGER_PATH = "/wijkboekhouding.json"


class LedgerAudit:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        client: FediClient,
        remote: RemoteActors,
        enabled: bool,  # on a gemeente node
    ) -> None:
        self.db = db
        self.clock = clock
        self.client = client
        self.remote = remote
        self.enabled = enabled

    async def step(self) -> int:
        """Check the books of the followed nodes whose check is due; how many were checked."""
        if not self.enabled:
            return 0
        before = iso(self.clock() - CHECK_EVERY)
        actors = await store.due(self.db, before, BATCH)
        for actor_uri in actors:
            await self.check(actor_uri)
        return len(actors)

    async def idle(self) -> float:
        return 600.0

    async def heard_from(self, actor_uri: str) -> bool:
        """A followed node sent us something: check its books again unless done just now."""
        if not self.enabled:
            return False
        async with self.db.transaction() as tx:
            before = iso(self.clock() - CHECK_AGAIN_AFTER)
            return await store.request_check(tx, actor_uri, before) > 0

    async def check(self, actor_uri: str) -> Audit:
        result = await self._audit(actor_uri)
        balance = result.balance if result.ok else 0
        async with self.db.transaction() as tx:
            await store.put_check(
                tx,
                actor_uri,
                checked_at=iso(self.clock()),
                intact=result.ok,
                entries=result.entries,
                totals=(result.income, result.allocated, result.spent, balance),
                problem=result.problem,
            )
        if not result.ok:
            log.warning("the books of %s do not check out: %s", actor_uri, result.problem)
        return result

    async def _audit(self, actor_uri: str) -> Audit:
        try:
            actor = await self.remote.get(actor_uri)
            url = actor.ledger_url or actor_uri.split("/ap/")[0] + LEDGER_PATH
            document = await self.client.get_json(url, accept="application/json")
        except FetchError as error:
            return Audit(False, f"cannot fetch the books: {error}")
        if not actor.public_key_pem:
            return Audit(False, "the node's actor publishes no key")
        return audit(document, actor.public_key_pem)

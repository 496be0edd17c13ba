"""Federation, assembled: one object per node holding the key, the HTTP client, the
remote-actor cache, the queues and their workers. node/app.py builds and starts it."""

from __future__ import annotations

from datetime import timedelta

import httpx

from node.community.clock import Clock
from node.community.neighbourhood import Neighbourhood
from node.config import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, Settings
from node.federation.backfill import Backfill
from node.federation.blocks import DomainBlocks
from node.federation.changes import ContentPublisher
from node.federation.delivery import Deliveries
from node.federation.http import FediClient
from node.federation.ids import Ids
from node.federation.intake import Intake
from node.federation.keys import NodeKey
from node.federation.ledger.audit import LedgerAudit
from node.federation.moves import Moves
from node.federation.municipality.inbox import ContactInbox
from node.federation.municipality.publisher import ContactPublisher
from node.federation.network.inbox import ContentInbox
from node.federation.participation.inbox import ProcessInbox
from node.federation.participation.publisher import ProcessPublisher
from node.federation.processor import Processor
from node.federation.publisher import Publisher
from node.federation.remote import RemoteActors
from node.federation.service import FederationService
from node.federation.signatures import sign_request
from node.federation.worker import Worker


class Federation:
    def __init__(
        self,
        settings: Settings,
        hood: Neighbourhood,
        clock: Clock,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.hood = hood
        self.db = hood.db
        self.clock = clock
        self.ids = Ids(settings.url)
        self.key = NodeKey.load(
            settings.data_dir / PRIVATE_KEY_FILE, settings.data_dir / PUBLIC_KEY_FILE, self.ids.key
        )
        self.client = FediClient(
            node_url=settings.url,
            dev=settings.dev,
            signer=lambda request, now: sign_request(request, self.key.secret, now),
            clock=clock,
            transport=transport,
            allow_private=settings.allow_private,
            ca_file=settings.ca_file,
        )
        self.remote = RemoteActors(self.db, self.client, clock)
        self.blocks = DomainBlocks(self.db, clock)
        self.deliveries = Deliveries(
            self.db, self.client, clock, timedelta(seconds=settings.retry_base_seconds)
        )
        self.delivery = Worker("delivery", self.deliveries.step, self.deliveries.idle)
        self.publisher = Publisher(self.db, self.ids, clock, self.delivery.wake)
        shared = dict(db=self.db, ids=self.ids, remote=self.remote)  # what nearly every part uses
        self.service = FederationService(
            **shared, clock=clock, blocks=self.blocks, publisher=self.publisher
        )
        # a gemeente node checks the books of the nodes it follows
        self.ledger_audit = LedgerAudit(
            db=self.db,
            clock=clock,
            client=self.client,
            remote=self.remote,
            enabled=settings.kind == "gemeente",
        )
        self.ledger_checker = Worker("ledger", self.ledger_audit.step, self.ledger_audit.idle)
        content_inbox = ContentInbox(
            **shared, hood=hood, client=self.client, publisher=self.publisher
        )
        process_inbox = ProcessInbox(**shared, hood=hood)
        self.backfill = Backfill(self.client, content_inbox, process_inbox)
        contact_cards = ContactPublisher(
            ids=self.ids, remote=self.remote, hood=hood, publisher=self.publisher, clock=clock
        )
        processor = Processor(
            **shared,
            clock=clock,
            service=self.service,
            content=content_inbox,
            processes=process_inbox,
            contacts=ContactInbox(**shared, hood=hood, publisher=self.publisher, clock=clock),
            contact_cards=contact_cards,
            moves=Moves(**shared, clock=clock, blocks=self.blocks, publisher=self.publisher),
            backfill=self.backfill,
            ledger_audit=self.ledger_audit,
            check_ledgers=self.ledger_checker.wake,
        )
        self.processor = Worker("inbox", processor.step, processor.idle)
        self.intake = Intake(self.db, self.processor.wake)
        publishing = dict(**shared, hood=hood, publisher=self.publisher, node_name=settings.name)
        self.content = ContentPublisher(  # the domain's change log → activities
            **publishing,
            clock=clock,
            processes=ProcessPublisher(**publishing, session_secret=settings.session_secret),
            contacts=contact_cards,
        )
        self.content_publisher = Worker("publisher", self.content.step, self.content.idle)

    async def start(self) -> None:
        """After the database is open: load blocks, pick up pending work, start the workers."""
        await self.blocks.load()
        self.processor.start()
        self.content_publisher.start()
        self.delivery.start()
        if self.ledger_audit.enabled:
            self.ledger_checker.start()

    async def stop(self) -> None:
        await self.processor.stop()
        await self.content_publisher.stop()
        await self.delivery.stop()
        await self.ledger_checker.stop()
        await self.client.close()

    async def run_queues_once(self) -> int:
        """Process what is waiting now in the queues; how much was done (for tests)."""
        done = await self.processor.run_once()
        done += await self.content_publisher.run_once()
        done += await self.ledger_checker.run_once()
        return done + await self.delivery.run_once()

"""Offers (aanbod): residents and the municipality pledge to meet (part of) a need."""

from __future__ import annotations

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.initiatives.needs import Need, Offer, OfferSource, OfferStatus, parse_amount
from node.storage import Database
from node.storage.initiatives import offers as store
from node.storage.initiatives import queries as initiative_store

OFFER_AMOUNT = Field("offer.amount", N_("How much or how many"), 20)
OFFER_BODY = Field("offer.body", N_("What do you offer?"), 1000)

SUBJECT = "offer"
_ACTIVE = ("idea", "seeking", "running")


class Offers:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def make(self, by: Member | None, need_id: int, amount: str, body: str) -> Offer:
        """Offer help for a need. The contact person's offers come from the municipality."""
        if by is None or not by.is_active:
            raise NotAllowed(N_("Log in or sign up to offer help. Nothing was saved."))
        if not by.can(Action.OFFER_HELP):
            raise NotAllowed(N_("You may not offer help here."))
        need, initiative = await self._need_and_initiative(need_id)
        if initiative["status"] not in _ACTIVE:
            raise Invalid(N_("This initiative has ended, so it takes no more offers."))
        problems = Problems()
        value = problems.attempt(
            OFFER_AMOUNT, lambda: parse_amount(need.kind, amount, required=True)
        )
        body = problems.text(OFFER_BODY, body)
        if not body and not need.kind.counted:
            problems.add(OFFER_BODY, N_("Say in a few words what you offer."))
        problems.check()
        source = (
            OfferSource.MUNICIPALITY if by.can(Action.RESPOND_OFFICIALLY) else OfferSource.RESIDENT
        )
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            offer_id = await store.insert_offer(
                tx,
                need_id=need_id,
                member_id=by.id,
                source=source.value,
                amount=value,
                body=body,
                now=now,
            )
            await initiative_store.touch(tx, need.initiative_id, now)
            await record(tx, SUBJECT, offer_id, ChangeKind.CREATED, by.id, now)
        return await self.get(offer_id)

    async def decide(self, by: Member, offer_id: int, accept: bool) -> Offer:
        """The initiator (or a buurtverbinder) accepts or declines a waiting offer."""
        offer = await self.get(offer_id)
        _, initiative = await self._need_and_initiative(offer.need_id)
        manager = by.is_active and (
            by.can(Action.MANAGE_ANY_INITIATIVE) or by.id == initiative["member_id"]
        )
        if not manager:
            raise NotAllowed(N_("Only the initiator can accept or decline offers."))
        if offer.status is not OfferStatus.PENDING:
            raise Invalid(N_("This offer has already been answered."))
        status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if not await store.decide_offer(tx, offer_id, status.value, now):
                raise Invalid(N_("This offer has already been answered."))
            await initiative_store.touch(tx, offer.initiative_id, now)
            await record(tx, SUBJECT, offer_id, ChangeKind.UPDATED, by.id, now)
        return await self.get(offer_id)

    async def get(self, offer_id: int) -> Offer:
        row = await store.offer_by_id(self.db, offer_id)
        if row is None:
            raise NotFound(N_("This offer does not exist (any more)."))
        return Offer.from_row(row)

    async def need(self, need_id: int) -> Need:
        need, _ = await self._need_and_initiative(need_id)
        return need

    async def _need_and_initiative(self, need_id: int) -> tuple[Need, dict[str, object]]:
        row = await initiative_store.need_by_id(self.db, need_id)
        if row is None:
            raise NotFound(N_("This need does not exist (any more)."))
        initiative = await initiative_store.initiative_by_id(self.db, row["initiative_id"])
        if initiative is None or initiative["hidden_at"] is not None:
            raise NotFound(N_("This initiative does not exist (any more)."))
        return Need.from_row(row), dict(initiative)

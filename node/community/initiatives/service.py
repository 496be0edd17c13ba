"""Resident initiatives (bewonersinitiatieven): start, edit, status, updates and support."""

from __future__ import annotations

import re

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Problems
from node.community.initiatives.model import (
    AREA,
    DESCRIPTION,
    REASON,
    STATUS,
    SUMMARY,
    TITLE,
    TRANSITIONS,
    UPDATE,
    Initiative,
    InitiativeDraft,
    InitiativePage,
    InitiativeSummary,
    Status,
    Update,
    may_manage,
)
from node.community.initiatives.needs import Need, NeedKind, Offer, check_needs
from node.community.initiatives.offers import Offers
from node.community.ladder import ParticipationLevel
from node.community.media import MediaStore
from node.community.text import markdown_to_html
from node.storage import Database, Transaction
from node.storage.initiatives import offers as offer_store
from node.storage.initiatives import queries as store

SUBJECT = "initiative"
_WORD = re.compile(r"\w+")


def _clean(draft: InitiativeDraft) -> tuple[dict[str, str], list[tuple[NeedKind, str, int | None]]]:
    """The initiative's fields and its needs, checked together: every problem at once."""
    problems = Problems()
    title = problems.text(TITLE, draft.title, single_line=True)
    if title and len(title) < 3:
        problems.add(TITLE, N_("Give the initiative a title of 3 to 120 characters."))
    summary = problems.text(SUMMARY, draft.summary, single_line=True)
    description = problems.text(DESCRIPTION, draft.description)
    area = problems.text(AREA, draft.area, single_line=True)
    try:
        level = ParticipationLevel.parse(draft.participation_level)
    except Invalid as error:
        problems.catch(None, error)
    needs = check_needs(draft.needs, problems)
    problems.check()
    return {
        "title": title,
        "summary": summary,
        "description_md": description,
        "description_html": markdown_to_html(description),
        "area": area,
        "participation_level": level.value,
    }, needs


class Initiatives:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        # The data folder holds the database file; media sit beside it in DATA/media/.
        self.media = MediaStore(db.path.parent / "media")
        self.offers = Offers(db, clock)

    async def start(self, by: Member, draft: InitiativeDraft, image: bytes | None = None) -> int:
        if not by.can(Action.START_INITIATIVE):
            raise NotAllowed(N_("Log in as a resident to start an initiative."))
        fields, needs = _clean(draft)
        image_path = self.media.save_image(image) if image else None
        now = iso(self.clock())
        status = Status.SEEKING if needs else Status.IDEA
        try:
            async with self.db.transaction() as tx:
                initiative_id = await store.insert_initiative(
                    tx, member_id=by.id, status=status, image_path=image_path, now=now, **fields
                )
                await _add_needs(tx, initiative_id, needs, start=0)
                await record(tx, SUBJECT, initiative_id, ChangeKind.CREATED, by.id, now)
        except BaseException:
            self.media.remove(image_path)
            raise
        return initiative_id

    async def edit(
        self,
        by: Member,
        initiative_id: int,
        draft: InitiativeDraft,
        image: bytes | None = None,
        remove_image: bool = False,
    ) -> None:
        current = await self.get(initiative_id)
        if not may_manage(by, current):
            raise NotAllowed(N_("Only the initiator or a buurtverbinder can change this."))
        fields, needs = _clean(draft)
        new_image = self.media.save_image(image) if image else None
        image_path = new_image or (None if remove_image else current.image_path)
        now = iso(self.clock())
        try:
            async with self.db.transaction() as tx:
                await store.update_initiative(
                    tx, initiative_id, image_path=image_path, now=now, **fields
                )
                start = await store.max_need_position(tx, initiative_id) + 1
                await _add_needs(tx, initiative_id, needs, start=start)
                await record(tx, SUBJECT, initiative_id, ChangeKind.UPDATED, by.id, now)
        except BaseException:
            self.media.remove(new_image)
            raise
        if current.image_path != image_path:
            self.media.remove(current.image_path)

    async def get(self, initiative_id: int) -> Initiative:
        row = await store.initiative_by_id(self.db, initiative_id)
        if row is None or row["hidden_at"] is not None:
            raise NotFound(N_("This initiative does not exist (any more)."))
        return Initiative.from_row(row)

    async def page(self, initiative_id: int) -> InitiativePage:
        initiative = await self.get(initiative_id)
        offers: dict[int, list[Offer]] = {}
        for row in await offer_store.offers_on_initiative(self.db, initiative_id):
            offer = Offer.from_row(row)
            offers.setdefault(offer.need_id, []).append(offer)
        return InitiativePage(
            initiative=initiative,
            needs=[Need.from_row(r) for r in await store.needs_of(self.db, initiative_id)],
            offers=offers,
            updates=[
                Update(r["id"], r["author_name"] or "", r["body_html"], r["created_at"])
                for r in await store.updates_of(self.db, initiative_id)
            ],
            supports=await store.supports_count(self.db, initiative_id),
        )

    async def summary(self, initiative_id: int) -> InitiativeSummary:
        """One visible initiative with its counts of supports, needs and open needs."""
        row = await store.summary_by_id(self.db, initiative_id)
        if row is None:
            raise NotFound(N_("This initiative does not exist (any more)."))
        return InitiativeSummary.from_row(row)

    async def search(
        self,
        *,
        query: str = "",
        status: str = "",
        need_kind: str = "",
        open_needs_only: bool = False,
        limit: int = 100,
    ) -> list[InitiativeSummary]:
        """Visible initiatives matching the filters; unknown filter values are ignored."""
        rows = await store.list_initiatives(
            self.db,
            status=status if status in Status.__members__.values() else None,
            need_kind=need_kind if need_kind in NeedKind.__members__.values() else None,
            open_needs_only=open_needs_only,
            match=fts_query(query),
            limit=limit,
        )
        return [InitiativeSummary.from_row(r) for r in rows]

    async def public(self, limit: int = 100) -> list[InitiativeSummary]:
        """Every visible initiative, newest activity first (for feeds and federation)."""
        return await self.search(limit=limit)

    async def change_status(
        self, by: Member, initiative_id: int, status: str, reason: str = ""
    ) -> Status:
        current = await self.get(initiative_id)
        if not may_manage(by, current):
            raise NotAllowed(N_("Only the initiator or a buurtverbinder can change the status."))
        problems = Problems()
        reason = problems.text(REASON, reason)
        try:
            new = Status(status)
        except ValueError:
            problems.add(STATUS, N_("Choose a new status."))
            problems.check()
        if new not in TRANSITIONS[current.status]:
            problems.add(
                STATUS,
                N_("An initiative that is '%(old)s' cannot become '%(new)s'."),
                old=current.status.label,
                new=new.label,
            )
        if new is Status.STOPPED and len(reason) < 10 and not problems.about("reason"):
            problems.add(
                REASON,
                N_("Say in a sentence why the initiative stops, so others can learn from it."),
            )
        problems.check()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.set_status(tx, initiative_id, new.value, reason, now)
            await record(tx, SUBJECT, initiative_id, ChangeKind.UPDATED, by.id, now)
        return new

    async def add_update(self, by: Member, initiative_id: int, body: str) -> int:
        current = await self.get(initiative_id)
        if not may_manage(by, current):
            raise NotAllowed(N_("Only the initiator or a buurtverbinder can post updates."))
        problems = Problems()
        body = problems.text(UPDATE, body)
        problems.check()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            update_id = await store.insert_update(
                tx, initiative_id, by.id, markdown_to_html(body), now
            )
            await store.touch(tx, initiative_id, now)
            await record(tx, "initiative_update", update_id, ChangeKind.CREATED, by.id, now)
        return update_id

    async def toggle_support(self, by: Member, initiative_id: int) -> bool:
        """'Ik steun dit' on or off; returns whether the member supports it now."""
        if not by.can(Action.SUPPORT):
            raise NotAllowed(N_("Log in to support an initiative."))
        await self.get(initiative_id)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            existing = await store.support_id(tx, initiative_id, by.id)
            if existing is not None:
                await store.delete_support(tx, existing)
                await record(tx, "support", existing, ChangeKind.DELETED, by.id, now)
                return False
            support_id = await store.insert_support(tx, initiative_id, now, member_id=by.id)
            await record(tx, "support", support_id, ChangeKind.CREATED, by.id, now)
            return True

    async def supported_by(self, member: Member | None, initiative_id: int) -> bool:
        if member is None:
            return False
        return await store.member_supports(self.db, initiative_id, member.id)

    async def add_remote_support(
        self, initiative_id: int, actor_uri: str, ap_id: str | None = None
    ) -> bool:
        """A Like from elsewhere; False when this actor already supports it."""
        await self.get(initiative_id)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if await store.remote_support_id(tx, initiative_id, actor_uri) is not None:
                return False
            support_id = await store.insert_support(
                tx, initiative_id, now, remote_actor_uri=actor_uri, ap_id=ap_id
            )
            await record(tx, "support", support_id, ChangeKind.CREATED, None, now)
            return True

    async def remove_remote_support(self, initiative_id: int, actor_uri: str) -> bool:
        """An Undo of that Like; False when there was nothing to undo."""
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            existing = await store.remote_support_id(tx, initiative_id, actor_uri)
            if existing is None:
                return False
            await store.delete_support(tx, existing)
            await record(tx, "support", existing, ChangeKind.DELETED, None, now)
            return True


async def _add_needs(
    tx: Transaction, initiative_id: int, needs: list[tuple[NeedKind, str, int | None]], start: int
) -> None:
    for position, (kind, description, amount) in enumerate(needs, start=start):
        await store.insert_need(tx, initiative_id, kind.value, description, amount, position)


def fts_query(text: str) -> str | None:
    """A safe FTS5 expression from whatever a visitor typed: each word quoted, as a prefix.

    Only letters and digits survive, so quotes, brackets and operators such as AND( or
    NEAR never reach FTS5 as syntax.
    """
    words = [w for w in _WORD.findall(text.lower()) if w][:10]
    return " ".join(f'"{w}"*' for w in words) or None


__all__ = [
    "Initiative",
    "InitiativeDraft",
    "InitiativePage",
    "InitiativeSummary",
    "Initiatives",
    "Status",
    "Update",
    "fts_query",
    "may_manage",
]

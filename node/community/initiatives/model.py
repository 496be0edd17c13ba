"""What an initiative is: its status lifecycle, its fields, and who may manage it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.errors import N_
from node.community.fields import Field
from node.community.initiatives.needs import Need, NeedDraft, Offer
from node.community.ladder import ParticipationLevel
from node.storage import Row

TITLE = Field("initiative.title", N_("Title"), 120, required=True)
SUMMARY = Field(
    "initiative.summary",
    N_("In short"),
    300,
    required=True,
    missing=N_("Describe the initiative in one or two sentences."),
)
DESCRIPTION = Field("initiative.description", N_("Full description"), 20_000)
AREA = Field("initiative.area", N_("Where in the neighbourhood?"), 120)
UPDATE = Field(
    "update.body",
    N_("Progress"),
    10_000,
    required=True,
    missing=N_("Write what happened before you post the update."),
)
STATUS = Field("initiative.status", N_("Change the status"), 20, required=True)
REASON = Field("initiative.reason", N_("Explanation"), 2000)


class Status(StrEnum):
    IDEA = "idea"
    SEEKING = "seeking"  # looking for help: needs are open
    RUNNING = "running"
    DONE = "done"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_active(self) -> bool:
        return self in (Status.IDEA, Status.SEEKING, Status.RUNNING)

    def next_steps(self) -> list[Status]:
        return [s for s in Status if s in TRANSITIONS[self]]


_STATUS_LABELS = {
    Status.IDEA: N_("Idea"),
    Status.SEEKING: N_("Looking for help"),
    Status.RUNNING: N_("Running"),
    Status.DONE: N_("Done"),
    Status.STOPPED: N_("Stopped"),
}

# Done and stopped are final: the page stays, so the neighbourhood can learn from it.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.IDEA: frozenset({Status.SEEKING, Status.RUNNING, Status.STOPPED}),
    Status.SEEKING: frozenset({Status.IDEA, Status.RUNNING, Status.STOPPED}),
    Status.RUNNING: frozenset({Status.SEEKING, Status.DONE, Status.STOPPED}),
    Status.DONE: frozenset(),
    Status.STOPPED: frozenset(),
}


@dataclass(frozen=True)
class InitiativeDraft:
    """What the start and edit forms send; on edit, `needs` are needs to add."""

    title: str
    summary: str
    description: str = ""
    area: str = ""
    participation_level: str = ParticipationLevel.SELFMANAGE.value
    needs: list[NeedDraft] = field(default_factory=list)


@dataclass(frozen=True)
class Initiative:
    id: int
    member_id: int | None
    initiator_name: str
    title: str
    summary: str
    description_md: str
    description_html: str
    area: str
    status: Status
    participation_level: ParticipationLevel
    image_path: str | None
    status_reason: str
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, row: Row) -> Initiative:
        return cls(
            id=row["id"],
            member_id=row["member_id"],
            initiator_name=row["initiator_name"] or "",
            title=row["title"],
            summary=row["summary"],
            description_md=row["description_md"],
            description_html=row["description_html"],
            area=row["area"],
            status=Status(row["status"]),
            participation_level=ParticipationLevel(row["participation_level"]),
            image_path=row["image_path"],
            status_reason=row["status_reason"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


@dataclass(frozen=True)
class InitiativeSummary:
    """One line in a list, with counts; also what the federation layer publishes."""

    id: int
    member_id: int | None
    initiator_name: str
    title: str
    summary: str
    area: str
    status: Status
    participation_level: ParticipationLevel
    image_path: str | None
    created_at: str
    updated_at: str
    supports: int
    needs: int
    open_needs: int

    @classmethod
    def from_row(cls, row: Row) -> InitiativeSummary:
        return cls(
            id=row["id"],
            member_id=row["member_id"],
            initiator_name=row["initiator_name"] or "",
            title=row["title"],
            summary=row["summary"],
            area=row["area"],
            status=Status(row["status"]),
            participation_level=ParticipationLevel(row["participation_level"]),
            image_path=row["image_path"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            supports=row["supports"],
            needs=row["needs"],
            open_needs=row["open_needs"],
        )


@dataclass(frozen=True)
class Update:
    id: int
    author_name: str
    body_html: str
    created_at: str


@dataclass(frozen=True)
class InitiativePage:
    """Everything one initiative's page shows, apart from comments."""

    initiative: Initiative
    needs: list[Need]
    offers: dict[int, list[Offer]]  # by need id
    updates: list[Update]
    supports: int


def may_manage(member: Member | None, initiative: Initiative) -> bool:
    """The initiator, or a buurtverbinder or admin, may edit it and change its status."""
    if member is None or not member.is_active:
        return False
    return member.can(Action.MANAGE_ANY_INITIATIVE) or member.id == initiative.member_id

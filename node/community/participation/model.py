"""What a participation process (participatietraject) is: its phases, forms and fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from node.community.errors import N_
from node.community.ladder import ParticipationLevel
from node.storage import Row

# Phases follow the calendar of the municipality, not UTC: input "until 15 March" means
# until the end of that day in the Netherlands.
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")


def local_today(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


class Phase(StrEnum):
    INFORMING = "informing"
    INPUT = "input"
    WEIGHING = "weighing"
    DECISION = "decision"
    REPORT_BACK = "report_back"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]

    @property
    def explanation(self) -> str:
        return _PHASE_EXPLANATIONS[self]


_PHASE_LABELS = {
    Phase.INFORMING: N_("Informing"),
    Phase.INPUT: N_("Your input"),
    Phase.WEIGHING: N_("Weighing the input"),
    Phase.DECISION: N_("Decision"),
    Phase.REPORT_BACK: N_("Report-back"),
    Phase.CLOSED: N_("Closed"),
}
_PHASE_EXPLANATIONS = {
    Phase.INFORMING: N_("Read what it is about. You can respond once the input phase starts."),
    Phase.INPUT: N_("Now is the time to respond."),
    Phase.WEIGHING: N_("Responses are closed. The input is being weighed."),
    Phase.DECISION: N_("A decision is being taken. Then you hear what was done with your input."),
    Phase.REPORT_BACK: N_("The report-back is published: you said — we did."),
    Phase.CLOSED: N_("This process is finished. The report-back stays readable."),
}


class FormKind(StrEnum):
    OPEN = "open"  # open responses, in the resident's own words
    POLL = "poll"
    RANKING = "ranking"
    ARGUMENTS = "arguments"  # for and against, with support

    @property
    def label(self) -> str:
        return _FORM_LABELS[self]

    @property
    def needs_options(self) -> bool:
        return self in (FormKind.POLL, FormKind.RANKING)


_FORM_LABELS = {
    FormKind.OPEN: N_("Your response"),
    FormKind.POLL: N_("Poll"),
    FormKind.RANKING: N_("Put the options in order"),
    FormKind.ARGUMENTS: N_("Arguments for and against"),
}


class Channel(StrEnum):
    ONLINE = "online"
    PAPER = "paper"  # given on paper or in person, entered by a buurtverbinder


class Side(StrEnum):
    FOR = "for"
    AGAINST = "against"


@dataclass(frozen=True)
class ProcessDraft:
    """What the opening form sends. Dates as YYYY-MM-DD; options one per line."""

    title: str
    question: str
    level: str
    level_meaning: str
    input_from: str
    input_until: str
    decision_on: str
    report_back_by: str
    background: str = ""
    documents: str = ""  # one per line: "title https://..."
    forms: list[str] = field(default_factory=list)
    options: str = ""
    multiple: bool = False
    anonymous: bool = False
    # On the gemeente's node: the actor URIs of the followed nodes whose residents take part.
    nodes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    """One response to one form: text, chosen or ordered option ids, or an argument."""

    body: str = ""
    choices: list[int] = field(default_factory=list)
    side: str = ""
    option_id: int | None = None
    places: dict[int, int] = field(default_factory=dict)  # ranking form: option id -> place


@dataclass(frozen=True)
class Document:
    title: str
    url: str


@dataclass(frozen=True)
class Option:
    id: int
    label: str


@dataclass(frozen=True)
class ProcessNode:
    """A node whose residents take part; actor_uri is None for this node itself."""

    name: str
    url: str
    actor_uri: str | None = None


@dataclass(frozen=True)
class Form:
    id: int
    kind: FormKind
    multiple: bool


@dataclass(frozen=True)
class ReportTheme:
    you_said: str
    we_did: str


@dataclass(frozen=True)
class ReportBack:
    decision_md: str
    decision_html: str
    published_at: str
    themes: list[ReportTheme]


@dataclass(frozen=True)
class Process:
    id: int
    uid: str
    member_id: int | None
    opener_name: str
    title: str
    question: str
    background_md: str
    background_html: str
    level: ParticipationLevel
    level_meaning: str
    anonymous: bool
    input_from: date
    input_until: date
    decision_on: date
    report_back_by: date
    closed_at: str | None
    created_at: str
    reported: bool  # a report-back is published
    # A copy of a process another node (the gemeente) opened: its id there and that node.
    ap_id: str | None = None
    origin_actor_uri: str | None = None
    updated_at: str = ""

    @property
    def is_remote(self) -> bool:
        return self.origin_actor_uri is not None

    @property
    def paper_phases(self) -> tuple[Phase, ...]:
        """When a buurtverbinder may enter paper responses: until the input is weighed; for
        another node's process only while it takes input (it counts only what arrives then)."""
        return (Phase.INPUT,) if self.is_remote else (Phase.INPUT, Phase.WEIGHING)

    @classmethod
    def from_row(cls, row: Row) -> Process:
        return cls(
            id=row["id"],
            uid=row["uid"],
            member_id=row["member_id"],
            opener_name=row["opener_name"] or "",
            title=row["title"],
            question=row["question"],
            background_md=row["background_md"],
            background_html=row["background_html"],
            level=ParticipationLevel(row["participation_level"]),
            level_meaning=row["level_meaning"],
            anonymous=bool(row["anonymous"]),
            input_from=date.fromisoformat(row["input_from"]),
            input_until=date.fromisoformat(row["input_until"]),
            decision_on=date.fromisoformat(row["decision_on"]),
            report_back_by=date.fromisoformat(row["report_back_by"]),
            closed_at=row["closed_at"],
            created_at=row["created_at"],
            reported=bool(row["reported"]),
            ap_id=row["ap_id"],
            origin_actor_uri=row["origin_actor_uri"],
            updated_at=row["updated_at"],
        )

    def phase(self, today: date) -> Phase:
        if self.closed_at:
            return Phase.CLOSED
        if self.reported:
            return Phase.REPORT_BACK
        if today < self.input_from:
            return Phase.INFORMING
        if today <= self.input_until:
            return Phase.INPUT
        if today < self.decision_on:
            return Phase.WEIGHING
        return Phase.DECISION

    def days_late(self, today: date) -> int:
        """Days past the report-back date without a published report-back; 0 if on time."""
        if self.reported or self.closed_at:
            return 0
        return max(0, (today - self.report_back_by).days)


@dataclass(frozen=True)
class TimelineStep:
    phase: Phase
    starts: date | None  # informing starts when the process opened
    ends: date | None
    state: str  # "done", "current" or "todo"


def timeline(process: Process, opened: date, today: date) -> list[TimelineStep]:
    """The five phases with their dates, for the visible timeline."""
    current = process.phase(today)
    order = [Phase.INFORMING, Phase.INPUT, Phase.WEIGHING, Phase.DECISION, Phase.REPORT_BACK]
    spans = [
        (opened, process.input_from),
        (process.input_from, process.input_until),
        (process.input_until, process.decision_on),
        (process.decision_on, process.report_back_by),
        (process.report_back_by, None),
    ]
    position = len(order) if current is Phase.CLOSED else order.index(current)
    return [
        TimelineStep(
            phase,
            starts,
            ends,
            "done" if i < position else "current" if i == position else "todo",
        )
        for i, (phase, (starts, ends)) in enumerate(zip(order, spans, strict=True))
    ]

"""Results per form of input: counts, a Borda ranking, and arguments for and against.

Pure functions over stored responses, so the rules are easy to test and the same for
responses given online, on paper, or (later) on another node.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from node.community.process_model import Channel, Form, FormKind, Option, Side
from node.storage import Row


@dataclass(frozen=True)
class Response:
    """A response as residents may see it: `name` is empty when the process is anonymous."""

    id: int
    form_id: int
    member_id: int | None
    name: str
    channel: Channel
    body: str
    choices: list[int]
    side: Side | None
    option_id: int | None
    created_at: str
    supports: int = 0
    node: str | None = None  # the actor of the node it came from; None: given on this node

    @property
    def on_paper(self) -> bool:
        return self.channel is Channel.PAPER

    @classmethod
    def from_row(cls, row: Row, show_names: bool) -> Response:
        name = (row["member_name"] or row["remote_name"] or "") if show_names else ""
        return cls(
            id=row["id"],
            form_id=row["form_id"],
            member_id=row["member_id"],
            name="" if row["channel"] == Channel.PAPER else name,
            channel=Channel(row["channel"]),
            body=row["body"],
            choices=[int(c) for c in json.loads(row["choices"] or "[]")],
            side=Side(row["side"]) if row["side"] else None,
            option_id=row["option_id"],
            created_at=row["created_at"],
            supports=row["supports"],
            node=row["remote_node"],
        )


@dataclass(frozen=True)
class NodeResults:
    """The results of the residents of one participating node."""

    name: str
    results: list[FormResult]


@dataclass(frozen=True)
class OptionCount:
    option: Option
    count: int  # poll: votes; ranking: Borda points
    share: int  # percentage of respondents (poll) or of the maximum points (ranking)


@dataclass(frozen=True)
class ArgumentSubject:
    """Arguments about the proposal (option None) or one option, for and against apart."""

    option: Option | None
    pros: list[Response]
    cons: list[Response]


@dataclass(frozen=True)
class FormResult:
    form: Form
    respondents: int
    on_paper: int
    counts: list[OptionCount] = field(default_factory=list)
    texts: list[Response] = field(default_factory=list)
    subjects: list[ArgumentSubject] = field(default_factory=list)


def tally(form: Form, options: list[Option], responses: list[Response]) -> FormResult:
    mine = [r for r in responses if r.form_id == form.id]
    base = {
        "form": form,
        "respondents": len(mine),
        "on_paper": sum(1 for r in mine if r.on_paper),
    }
    if form.kind is FormKind.POLL:
        return FormResult(**base, counts=poll_counts(options, mine))
    if form.kind is FormKind.RANKING:
        return FormResult(**base, counts=borda(options, [r.choices for r in mine]))
    if form.kind is FormKind.ARGUMENTS:
        return FormResult(**base, subjects=argument_subjects(options, mine))
    return FormResult(**base, texts=sorted(mine, key=lambda r: r.created_at))


def poll_counts(options: list[Option], responses: list[Response]) -> list[OptionCount]:
    """Votes per option, in the order the options were given (no ranking is implied)."""
    total = len(responses)
    counts = []
    for option in options:
        votes = sum(1 for r in responses if option.id in r.choices)
        counts.append(OptionCount(option, votes, round(100 * votes / total) if total else 0))
    return counts


def borda(options: list[Option], rankings: list[list[int]]) -> list[OptionCount]:
    """Borda count: with n options, place 1 earns n-1 points, place 2 earns n-2, the last 0.

    Every resident's whole order counts, so an option many people put second can beat one
    that splits opinion. Highest total first; ties keep the order the options were given.
    """
    n = len(options)
    points = {option.id: 0 for option in options}
    for ranking in rankings:
        for place, option_id in enumerate(ranking):
            if option_id in points:
                points[option_id] += n - 1 - place
    maximum = (n - 1) * len(rankings)
    ordered = sorted(options, key=lambda o: -points[o.id])  # sorted() is stable
    return [
        OptionCount(o, points[o.id], round(100 * points[o.id] / maximum) if maximum else 0)
        for o in ordered
    ]


def argument_subjects(options: list[Option], responses: list[Response]) -> list[ArgumentSubject]:
    """The proposal first, then each option that has arguments; both sides always shown.

    Each side is sorted by support, so the strongest counter-argument is as visible as the
    strongest argument in favour, however few people hold it.
    """

    def side(option_id: int | None, which: Side) -> list[Response]:
        found = [r for r in responses if r.option_id == option_id and r.side is which]
        return sorted(found, key=lambda r: (-r.supports, r.created_at))

    subjects = [ArgumentSubject(None, side(None, Side.FOR), side(None, Side.AGAINST))]
    for option in options:
        pros, cons = side(option.id, Side.FOR), side(option.id, Side.AGAINST)
        if pros or cons:
            subjects.append(ArgumentSubject(option, pros, cons))
    return subjects

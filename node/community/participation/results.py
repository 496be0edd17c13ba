"""Results per form of input: counts, a Borda ranking, and arguments for and against.

Pure functions over stored responses, so the rules are easy to test and the same for
responses given online, on paper, or (later) on another node.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from node.community.participation.model import Channel, Form, FormKind, Option, Side
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
    """The results of the residents of one participating node; `own`: the answers given on
    the node that runs the process (its own members, paper entered there), which is not one
    of the participating nodes and is shown apart."""

    name: str
    results: list[FormResult]
    own: bool = False


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


# -- overall results, shared by the node that runs a process for other nodes ---------
#
# Once the input phase is over, the gemeente sends the totals over all participating nodes
# with the process (docs/FEDERATION.md, "processResults"), so residents on every wijk see
# what everyone said next to the report-back. Counts only, by option key: never who
# responded, never the text of an open response (those stay with the gemeente).

MAX_SHARED_NODES = 50


@dataclass(frozen=True)
class SharedResult:
    """The overall results of one form as they travel and are kept: counts by option key."""

    kind: FormKind
    respondents: int
    on_paper: int
    counts: dict[int, int] = field(default_factory=dict)  # key → votes (poll) / points (ranking)
    arguments: list[tuple[int | None, int, int]] = field(default_factory=list)  # key, for, against
    per_node: list[tuple[str, int]] = field(default_factory=list)  # node name, respondents


@dataclass(frozen=True)
class ArgumentCount:
    option: Option | None  # None: about the proposal
    pros: int
    cons: int


@dataclass(frozen=True)
class OverallResult:
    """The overall results of one form, as a wijk shows them (options by label)."""

    kind: FormKind
    respondents: int
    on_paper: int
    counts: list[OptionCount] = field(default_factory=list)
    arguments: list[ArgumentCount] = field(default_factory=list)
    per_node: list[tuple[str, int]] = field(default_factory=list)


def share(
    results: list[FormResult], options: list[Option], by_node: list[NodeResults]
) -> list[SharedResult]:
    """The totals of each form, by key (the option's position), with respondents per node."""
    keys = {option.id: key for key, option in enumerate(options)}
    shared = []
    for index, result in enumerate(results):
        counts = {keys[c.option.id]: c.count for c in result.counts if c.option.id in keys}
        arguments = [
            (None if s.option is None else keys.get(s.option.id), len(s.pros), len(s.cons))
            for s in result.subjects
            if s.option is None or s.option.id in keys
        ]
        per_node = [
            (group.name, group.results[index].respondents)
            for group in by_node
            if index < len(group.results)
        ]
        shared.append(
            SharedResult(
                kind=result.form.kind,
                respondents=result.respondents,
                on_paper=result.on_paper,
                counts=dict(sorted(counts.items())),
                arguments=arguments,
                per_node=per_node[:MAX_SHARED_NODES],
            )
        )
    return shared


def clean_shared(
    results: list[SharedResult], option_count: int, kinds: set[str]
) -> list[SharedResult] | None:
    """What a wijk keeps of the totals that arrived: forms it has, once each, options
    within range and counts not negative. A form that does not fit is left out; None when
    nothing is left."""
    kept: dict[FormKind, SharedResult] = {}
    for result in results:
        if result.kind.value not in kinds or result.kind in kept:
            continue
        numbers = [result.respondents, result.on_paper, *result.counts.values()]
        numbers += [n for _, pros, cons in result.arguments for n in (pros, cons)]
        numbers += [n for _, n in result.per_node]
        keys = [*result.counts, *(k for k, _, _ in result.arguments if k is not None)]
        if any(not _count(n) for n in numbers) or any(not 0 <= k < option_count for k in keys):
            continue
        kept[result.kind] = SharedResult(
            kind=result.kind,
            respondents=result.respondents,
            on_paper=min(result.on_paper, result.respondents),
            counts=dict(sorted(result.counts.items())),
            arguments=list({k: (k, p, c) for k, p, c in result.arguments}.values()),
            per_node=[(name[:200], n) for name, n in result.per_node[:MAX_SHARED_NODES]],
        )
    return list(kept.values()) or None


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9


def shared_to_json(results: list[SharedResult]) -> str:
    return json.dumps(
        [
            {
                "kind": r.kind.value,
                "respondents": r.respondents,
                "on_paper": r.on_paper,
                "counts": sorted(r.counts.items()),
                "arguments": r.arguments,
                "per_node": r.per_node,
            }
            for r in results
        ]
    )


def shared_from_json(text: str | None, option_count: int, kinds: set[str]) -> list[SharedResult]:
    """The kept totals back; anything that does not read as written is left out."""
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return []
    results = []
    for item in items if isinstance(items, list) else []:
        try:
            results.append(
                SharedResult(
                    kind=FormKind(item["kind"]),
                    respondents=item["respondents"],
                    on_paper=item["on_paper"],
                    counts={k: n for k, n in item["counts"]},
                    arguments=[(k, p, c) for k, p, c in item["arguments"]],
                    per_node=[(str(name), n) for name, n in item["per_node"]],
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return clean_shared(results, option_count, kinds) or []


def overall(results: list[SharedResult], options: list[Option]) -> list[OverallResult]:
    """The kept totals with this copy's options: shares as in `tally`, ranking best first."""
    shown = []
    for r in results:
        counts: list[OptionCount] = []
        if r.kind is FormKind.POLL:
            counts = [
                OptionCount(o, n, _share(n, r.respondents))
                for o, n in ((o, r.counts.get(k, 0)) for k, o in enumerate(options))
            ]
        elif r.kind is FormKind.RANKING:
            maximum = (len(options) - 1) * r.respondents
            points = [(o, r.counts.get(k, 0)) for k, o in enumerate(options)]
            counts = [
                OptionCount(o, n, _share(n, maximum))
                for o, n in sorted(points, key=lambda p: -p[1])  # stable: ties keep order
            ]
        arguments: list[ArgumentCount] = []
        if r.kind is FormKind.ARGUMENTS:
            by_key = {k: (p, c) for k, p, c in r.arguments}
            arguments.append(ArgumentCount(None, *by_key.get(None, (0, 0))))
            for key, option in enumerate(options):
                if sum(by_key.get(key, (0, 0))):
                    arguments.append(ArgumentCount(option, *by_key[key]))
        shown.append(
            OverallResult(r.kind, r.respondents, r.on_paper, counts, arguments, r.per_node)
        )
    return shown


def _share(part: int, whole: int) -> int:
    return min(100, round(100 * part / whole)) if whole else 0

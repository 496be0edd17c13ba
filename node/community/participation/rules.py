"""Checks on what an opener or a resident fills in, before anything is stored."""

from __future__ import annotations

import re
from datetime import date

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action, Role
from node.community.errors import N_, Invalid
from node.community.fields import Field, Problems
from node.community.ladder import ParticipationLevel
from node.community.participation.model import Answer, Form, FormKind, Option, ProcessDraft, Side
from node.community.text import markdown_to_html

MAX_OPTIONS = 12
MAX_OPTION = 200  # characters of one option
MAX_DOCUMENTS = 20
_URL = re.compile(r"^https?://\S+$")


def may_manage(member: Member | None, on_municipal_node: bool) -> bool:
    """Open, report back, close, enter paper responses: a buurtverbinder (or admin) for
    this node; the municipality's contact person only on the municipality's own node."""
    if member is None or not member.can(Action.OPEN_PROCESS):
        return False
    return member.role is not Role.CONTACT or on_municipal_node


TITLE = Field("process.title", N_("Title"), 120, required=True)
QUESTION = Field("process.question", N_("The question to residents"), 1000, required=True)
BACKGROUND = Field("process.background", N_("Background"), 20_000)
DOCUMENTS = Field("process.documents", N_("Documents"), 5000)
LEVEL = Field("process.level", N_("How much say do residents have?"), 20, required=True)
LEVEL_MEANING = Field(
    "process.level_meaning",
    N_("What this means here"),
    1000,
    required=True,
    missing=N_(
        "Say concretely what the level of say means here: who decides, when, "
        "and when you report back."
    ),
)
DATES = tuple(
    Field(f"process.{name}", label, 20, required=True)
    for name, label in (
        ("input_from", N_("Input starts")),
        ("input_until", N_("Input ends")),
        ("decision_on", N_("Decision")),
        ("report_back_by", N_("Report-back")),
    )
)
FORMS = Field("process.forms", N_("Forms of input"), 20)
OPTIONS = Field("process.options", N_("Options"), 5000)
OPEN_ANSWER = Field("answer.body", N_("Your response"), 5000, required=True)
ARGUMENT = Field("argument.body", N_("Your argument"), 1000, required=True)
SIDE = Field("argument.side", N_("For or against"), 10, required=True)
ABOUT = Field("argument.about", N_("About"), 20)
DECISION = Field(
    "report.decision", N_("What was decided"), 20_000, required=True,
    missing=N_("Describe what was decided."),
)  # fmt: skip
THEME_SAID = Field("report.said", N_("You said"), 2000)
THEME_DID = Field("report.did", N_("We did"), 2000)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(
            N_("Fill in every date of the timeline as a date (day, month, year).")
        ) from None


def clean_process(draft: ProcessDraft) -> dict[str, object]:
    """The process's own fields, checked (also for a process another node opened)."""
    problems = Problems()
    fields = _process_fields(draft, problems)
    problems.check()
    return fields


def clean_draft(
    draft: ProcessDraft,
) -> tuple[dict[str, object], list[tuple[str, str]], list[FormKind], list[str]]:
    """Everything the opening form asks, checked together: every problem at once."""
    problems = Problems()
    fields = _process_fields(draft, problems)
    documents = _documents(draft.documents, problems)
    kinds, options = _forms(draft, problems)
    problems.check()
    return fields, documents, kinds, options


def _process_fields(draft: ProcessDraft, problems: Problems) -> dict[str, object]:
    title = problems.text(TITLE, draft.title, single_line=True)
    if title and len(title) < 3:
        problems.add(TITLE, N_("Give the process a title of 3 to 120 characters."))
    question = problems.text(QUESTION, draft.question)
    if question and len(question) < 5:
        problems.add(QUESTION, N_("Put the question to residents in 5 to 1,000 characters."))
    background = problems.text(BACKGROUND, draft.background)
    level = problems.attempt(LEVEL, lambda: ParticipationLevel.parse(draft.level))
    meaning = problems.text(LEVEL_MEANING, draft.level_meaning)
    if 0 < len(meaning) < 10:
        problems.add(LEVEL_MEANING, LEVEL_MEANING.missing)
    dates = []
    for spec in DATES:
        text = problems.text(spec, getattr(draft, spec.name))
        if text and not problems.about(spec.name):
            dates.append(problems.attempt(spec, lambda text=text: parse_date(text)))
    read = [d for d in dates if d is not None]
    if len(read) == len(DATES) and read != sorted(read):
        problems.add(
            None,
            N_(
                "Put the dates in order: input starts, input ends, the decision, "
                "then the report-back."
            ),
        )
    if problems.items:
        return {}
    assert level is not None
    return {
        "title": title,
        "question": question,
        "background_md": background,
        "background_html": markdown_to_html(background),
        "participation_level": level.value,
        "level_meaning": meaning,
        "anonymous": int(draft.anonymous),
        "input_from": read[0].isoformat(),
        "input_until": read[1].isoformat(),
        "decision_on": read[2].isoformat(),
        "report_back_by": read[3].isoformat(),
    }


def _documents(text: str, problems: Problems) -> list[tuple[str, str]]:
    """One document a line: a title, then its web address; a bare address is its own title."""
    documents = []
    for line in problems.text(DOCUMENTS, text).splitlines():
        words = line.split()
        if not words:
            continue
        url = words[-1]
        if not _URL.match(url):
            problems.add(
                DOCUMENTS,
                N_("Each document line needs a web address at the end (https://...): %(line)s"),
                line=line.strip(),
            )
            continue
        documents.append((" ".join(words[:-1]) or url, url))
    if len(documents) > MAX_DOCUMENTS:
        problems.add(DOCUMENTS, N_("Give at most %(max)s documents."), max=MAX_DOCUMENTS)
    return documents


def _forms(draft: ProcessDraft, problems: Problems) -> tuple[list[FormKind], list[str]]:
    kinds = []
    for kind in draft.forms:
        try:
            if FormKind(kind) not in kinds:
                kinds.append(FormKind(kind))
        except ValueError:
            problems.add(FORMS, N_("Choose the forms of input from the list."))
    options: list[str] = []
    for line in problems.text(OPTIONS, draft.options).splitlines():
        label = " ".join(line.split())
        if len(label) > MAX_OPTION:
            problems.add(
                OPTIONS,
                N_("Keep each option at most %(max)s characters: %(option)s"),
                max=MAX_OPTION,
                option=label,
            )
        elif label and label not in options:
            options.append(label)
    inform = draft.level == ParticipationLevel.INFORM.value
    if not kinds and not inform:
        problems.add(FORMS, N_("Choose at least one way in which residents can respond."))
    if any(k.needs_options for k in kinds) and not 2 <= len(options) <= MAX_OPTIONS:
        problems.add(
            OPTIONS,
            N_("A poll or a ranking needs 2 to %(max)s options, one on each line."),
            max=MAX_OPTIONS,
        )
    return kinds, options


def clean_answer(form: Form, options: list[Option], answer: Answer) -> Answer:
    ids = [o.id for o in options]
    if form.kind is FormKind.OPEN:
        problems = Problems()
        body = problems.text(OPEN_ANSWER, answer.body)
        if 0 < len(body) < 2:
            problems.add(OPEN_ANSWER, N_("Write your response (at most 5,000 characters)."))
        problems.check()
        return Answer(body=body)
    if form.kind is FormKind.POLL:
        chosen = [c for c in dict.fromkeys(answer.choices) if c in ids]
        if not chosen or len(chosen) != len(answer.choices):
            raise Invalid(N_("Choose an option in the poll."))
        if len(chosen) > 1 and not form.multiple:
            raise Invalid(N_("Choose one option in this poll."))
        return Answer(choices=chosen)
    if form.kind is FormKind.RANKING:
        if answer.places:  # from the form: a place for each option, each place once
            if sorted(answer.places.values()) != list(range(1, len(ids) + 1)):
                raise Invalid(N_("Give every option its own place: 1 for the best, and so on."))
            answer = Answer(choices=sorted(answer.places, key=lambda o: answer.places[o]))
        if sorted(answer.choices) != sorted(ids):
            raise Invalid(N_("Give every option its own place: 1 for the best, and so on."))
        return Answer(choices=list(answer.choices))
    problems = Problems()
    body = problems.text(ARGUMENT, answer.body)
    if 0 < len(body) < 5:
        problems.add(ARGUMENT, N_("Write your argument in 5 to 1,000 characters."))
    if answer.side not in (Side.FOR, Side.AGAINST):
        problems.add(SIDE, N_("Say whether your argument is for or against."))
    if answer.option_id is not None and answer.option_id not in ids:
        problems.add(ABOUT, N_("Choose what your argument is about."))
    problems.check()
    return Answer(body=body, side=answer.side, option_id=answer.option_id)


def clean_report_back(decision: str, themes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The decision and the 'you said, we did' rows (row i: said_i and did_i)."""
    problems = Problems()
    decision = problems.text(DECISION, decision)
    if 0 < len(decision) < 10:
        problems.add(DECISION, DECISION.missing)
    rows = []
    for i, (said, did) in enumerate(themes):
        said = problems.text(THEME_SAID, said, name=f"said_{i}")
        did = problems.text(THEME_DID, did, name=f"did_{i}")
        if said and not did:
            problems.add(THEME_DID, N_("Fill in both 'you said' and 'we did' for each theme."),
                         name=f"did_{i}")  # fmt: skip
        elif did and not said:
            problems.add(THEME_SAID, N_("Fill in both 'you said' and 'we did' for each theme."),
                         name=f"said_{i}")  # fmt: skip
        if said or did:
            rows.append((said, did))
    if not rows and not problems.items:
        problems.add(
            THEME_SAID,
            N_("Add at least one theme: what residents said, and what was done with it."),
            name="said_0",
        )
    problems.check()
    return rows

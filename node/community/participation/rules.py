"""Checks on what an opener or a resident fills in, before anything is stored."""

from __future__ import annotations

import re
from datetime import date

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action, Role
from node.community.errors import N_, Invalid
from node.community.ladder import ParticipationLevel
from node.community.participation.model import Answer, Form, FormKind, Option, ProcessDraft, Side
from node.community.text import markdown_to_html

MAX_OPTIONS = 12
_URL = re.compile(r"^https?://\S+$")


def may_manage(member: Member | None, on_municipal_node: bool) -> bool:
    """Open, report back, close, enter paper responses: a buurtverbinder (or admin) for
    this node; the municipality's contact person only on the municipality's own node."""
    if member is None or not member.can(Action.OPEN_PROCESS):
        return False
    return member.role is not Role.CONTACT or on_municipal_node


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(
            N_("Fill in every date of the timeline as a date (day, month, year).")
        ) from None


def clean_process(draft: ProcessDraft) -> dict[str, object]:
    title = " ".join(draft.title.split())
    if not 3 <= len(title) <= 120:
        raise Invalid(N_("Give the process a title of 3 to 120 characters."))
    question = draft.question.strip()
    if not 5 <= len(question) <= 1000:
        raise Invalid(N_("Put the question to residents in 5 to 1,000 characters."))
    background = draft.background.strip()
    if len(background) > 20_000:
        raise Invalid(N_("Keep the background under 20,000 characters."))
    level = ParticipationLevel.parse(draft.level)
    meaning = draft.level_meaning.strip()
    if not 10 <= len(meaning) <= 1000:
        raise Invalid(
            N_(
                "Say concretely what the level of say means here: who decides, when, "
                "and when you report back."
            )
        )
    dates = [
        parse_date(d)
        for d in (draft.input_from, draft.input_until, draft.decision_on, draft.report_back_by)
    ]
    if dates != sorted(dates):
        raise Invalid(
            N_(
                "Put the dates in order: input starts, input ends, the decision, "
                "then the report-back."
            )
        )
    return {
        "title": title,
        "question": question,
        "background_md": background,
        "background_html": markdown_to_html(background),
        "participation_level": level.value,
        "level_meaning": meaning,
        "anonymous": int(draft.anonymous),
        "input_from": dates[0].isoformat(),
        "input_until": dates[1].isoformat(),
        "decision_on": dates[2].isoformat(),
        "report_back_by": dates[3].isoformat(),
    }


def clean_documents(text: str) -> list[tuple[str, str]]:
    """One document a line: a title, then its web address; a bare address is its own title."""
    documents = []
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        url = words[-1]
        if not _URL.match(url):
            raise Invalid(
                N_("Each document line needs a web address at the end (https://...): %(line)s"),
                line=line.strip()[:80],
            )
        documents.append((" ".join(words[:-1])[:200] or url, url[:1000]))
    return documents[:20]


def clean_forms(draft: ProcessDraft) -> tuple[list[FormKind], list[str]]:
    kinds = []
    for kind in draft.forms:
        try:
            if FormKind(kind) not in kinds:
                kinds.append(FormKind(kind))
        except ValueError:
            raise Invalid(N_("Choose the forms of input from the list.")) from None
    options: list[str] = []
    for line in draft.options.splitlines():
        label = " ".join(line.split())[:200]
        if label and label not in options:
            options.append(label)
    if not kinds and ParticipationLevel.parse(draft.level) is not ParticipationLevel.INFORM:
        raise Invalid(N_("Choose at least one way in which residents can respond."))
    if any(k.needs_options for k in kinds) and not 2 <= len(options) <= MAX_OPTIONS:
        raise Invalid(
            N_("A poll or a ranking needs 2 to %(max)s options, one on each line."),
            max=MAX_OPTIONS,
        )
    return kinds, options


def clean_answer(form: Form, options: list[Option], answer: Answer) -> Answer:
    ids = [o.id for o in options]
    if form.kind is FormKind.OPEN:
        body = answer.body.strip()
        if not 2 <= len(body) <= 5000:
            raise Invalid(N_("Write your response (at most 5,000 characters)."))
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
    body = answer.body.strip()
    if not 5 <= len(body) <= 1000:
        raise Invalid(N_("Write your argument in 5 to 1,000 characters."))
    if answer.side not in (Side.FOR, Side.AGAINST):
        raise Invalid(N_("Say whether your argument is for or against."))
    if answer.option_id is not None and answer.option_id not in ids:
        raise Invalid(N_("Choose what your argument is about."))
    return Answer(body=body, side=answer.side, option_id=answer.option_id)


def clean_report_back(decision: str, themes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if len(decision.strip()) < 10:
        raise Invalid(N_("Describe what was decided."))
    if len(decision) > 20_000:
        raise Invalid(N_("Keep the decision under 20,000 characters."))
    rows = [(said.strip()[:2000], did.strip()[:2000]) for said, did in themes]
    rows = [row for row in rows if row[0] or row[1]]
    if any(not said or not did for said, did in rows):
        raise Invalid(N_("Fill in both 'you said' and 'we did' for each theme."))
    if not rows:
        raise Invalid(N_("Add at least one theme: what residents said, and what was done with it."))
    return rows

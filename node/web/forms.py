"""A refused form, ready for its page: the summary on top and each message by its field.

Handlers pass `form_errors(error)` as the template's `error`; `_form_error.html` shows the
summary (the GOV.UK error-summary pattern: a heading, a link to each field) and the macros
in `_fields.html` put each message next to its field, with `maxlength` and `required` read
from the domain's `Field` declarations (node/community/fields.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from node.community.errors import DomainError
from node.community.fields import FormInvalid, Problem
from node.web.i18n import gettext as _


@dataclass(frozen=True)
class Line:
    target: str | None  # the field's element id, for the link; None: the whole form
    text: str  # for the summary, with the field's label
    message: str  # for beside the field


class FormErrors:
    """Falsy when empty; `str()` gives every message, for places that show plain text."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._by_field: dict[str, str] = {}
        for line in lines:
            if line.target is not None:
                self._by_field.setdefault(line.target, line.message)

    def of(self, target: str) -> str | None:
        """The message beside the field with this element id, if it has one."""
        return self._by_field.get(target)

    def plus(self, text: str) -> FormErrors:
        """One more line about the whole form (a photo to choose again, say)."""
        return FormErrors([*self.lines, Line(None, text, text)])

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __str__(self) -> str:
        return " ".join(line.text for line in self.lines)

    def __html__(self) -> str:
        return str(escape(str(self)))


def _line(problem: Problem, ids: dict[str, str]) -> Line:
    message = _(problem.message, **problem.params)
    if problem.name is None:
        return Line(None, message, message)
    target = ids.get(problem.name, problem.name)
    return Line(target, f"{_(problem.label)}: {message}", message)


def form_errors(error: DomainError, ids: dict[str, str] | None = None) -> FormErrors:
    """`ids`: the element id of a field whose id is not its name (a page with several
    forms that each have a `body`)."""
    problems = (
        error.problems
        if isinstance(error, FormInvalid)
        else [Problem(None, "", error.message, error.params)]
    )
    return FormErrors([_line(p, ids or {}) for p in problems])

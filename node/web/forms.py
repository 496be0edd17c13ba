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
    target: str | None  # the field's id, for the link; None: about the whole form
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

    def of(self, name: str) -> str | None:
        """The message beside field `name`, if it has one."""
        return self._by_field.get(name)

    def plus(self, text: str) -> FormErrors:
        """One more line about the whole form (a photo to choose again, say)."""
        return FormErrors([*self.lines, Line(None, text, text)])

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __str__(self) -> str:
        return " ".join(line.text for line in self.lines)

    def __html__(self) -> str:
        return str(escape(str(self)))


def _line(problem: Problem) -> Line:
    message = _(problem.message, **problem.params)
    if problem.name is None:
        return Line(None, message, message)
    return Line(problem.name, f"{_(problem.label)}: {message}", message)


def form_errors(error: DomainError) -> FormErrors:
    if isinstance(error, FormInvalid):
        return FormErrors([_line(p) for p in error.problems])
    return FormErrors([_line(Problem(None, "", error.message, error.params))])

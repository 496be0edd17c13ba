"""Field limits and form problems, in one place for the rule, the page and the message.

An area declares each field a resident fills in once, as a `Field` (its form name, its
label, its length limit, whether it is required). The domain checks values with
`Problems`, which collects every problem of a form before it refuses it, so a resident
sees all of them at once; the web layer reads the same `Field` for `maxlength` and
`required` (`field("initiative.title")` in a template). Nothing is ever cut to fit: a
value over its limit is refused with a message that says by how much.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, NoReturn, TypeVar

from node.community.errors import N_, Invalid

_FIELDS: dict[str, Field] = {}
T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    """One field of a form: `key` is "<form>.<name>", `name` the form field's name."""

    key: str
    label: str  # a msgid
    max: int
    required: bool = False
    missing: str = N_("Fill this in.")  # what to say when a required field is empty

    def __post_init__(self) -> None:
        _FIELDS[self.key] = self

    @property
    def name(self) -> str:
        return self.key.rsplit(".", 1)[1]


def field(key: str) -> Field:
    """The declared field (KeyError for an unknown key: a typo in a template fails loudly)."""
    return _FIELDS[key]


@dataclass(frozen=True)
class Problem:
    name: str | None  # the form field it belongs to; None: the form as a whole
    label: str  # msgid of the field's label ("" for the form)
    message: str  # msgid
    params: dict[str, Any] = _field(default_factory=dict)


class FormInvalid(Invalid):
    """Everything wrong with one form, in the order of its fields."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.message, **first.params)
        self.problems = problems


def refuse(spec: Field | None, message: str, **params: Any) -> NoReturn:
    """Refuse a form for one problem of one field (a check that needs the others right)."""
    problems = Problems()
    problems.add(spec, message, **params)
    raise FormInvalid(problems.items)


class Problems:
    """Collect what is wrong with a form, then refuse it once with all of it.

    >>> problems = Problems()
    >>> problems.text(Field("demo.title", "Title", 5, required=True), "  ")
    ''
    >>> problems.text(Field("demo.place", "Place", 5), "Beekveld")
    'Beekveld'
    >>> [p.name for p in problems.items]
    ['title', 'place']
    """

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def text(
        self, spec: Field, value: str, *, single_line: bool = False, name: str | None = None
    ) -> str:
        """The value stripped (and with `single_line`, its whitespace collapsed), checked;
        `name`: the field's name in a repeated row (need_2_text), if not `spec.name`."""
        value = " ".join(value.split()) if single_line else value.strip()
        if spec.required and not value:
            self.add(spec, spec.missing, name=name)
        elif len(value) > spec.max:
            self.add(
                spec,
                N_("Use at most %(max)s characters; this has %(count)s."),
                name=name,
                max=spec.max,
                count=len(value),
            )
        return value

    def add(
        self, spec: Field | None, message: str, *, name: str | None = None, **params: Any
    ) -> None:
        """A problem of one field (or, with None, of the form as a whole)."""
        if spec is None:
            self.items.append(Problem(None, "", message, params))
        else:
            self.items.append(Problem(name or spec.name, spec.label, message, params))

    def catch(self, spec: Field | None, error: Invalid, *, name: str | None = None) -> None:
        """Add an Invalid a check raised (FormInvalid keeps its own fields)."""
        if isinstance(error, FormInvalid):
            self.items.extend(error.problems)
        else:
            self.add(spec, error.message, name=name, **error.params)

    def attempt(self, spec: Field | None, check: Callable[[], T]) -> T | None:
        """`check()`'s value, or None with its Invalid noted as a problem of `spec`."""
        try:
            return check()
        except Invalid as error:
            self.catch(spec, error)
            return None

    def about(self, name: str) -> bool:
        return any(p.name == name for p in self.items)

    def check(self) -> None:
        """Refuse the form when anything was wrong with it."""
        if self.items:
            raise FormInvalid(self.items)

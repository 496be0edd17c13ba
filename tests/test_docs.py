"""The guides keep up with the code: every `buurtnode` command is in docs/admin.md, and every
part of the site in the main menu is explained in docs/residents.md under its Dutch name."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from node.cli import build_parser
from node.web import i18n
from node.web.labels import Section
from node.web.routes import page_modules

DOCS = Path(__file__).resolve().parent.parent / "docs"


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[str]:
    """Every command line a person can type, subcommands of subcommands included."""
    for action in parser._actions:  # argparse offers no public way to list subparsers
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield " ".join(("buurtnode", *path, name))
                yield from commands(sub, (*path, name))


def sections() -> list[Section]:
    found = [getattr(m, "section", None) for m in page_modules()]
    return [s for s in found if isinstance(s, Section)]


def test_the_parser_has_commands_to_check() -> None:
    assert "buurtnode user add" in set(commands(build_parser()))


@pytest.mark.parametrize("command", sorted(set(commands(build_parser()))))
def test_every_command_is_in_the_admin_guide(command: str) -> None:
    assert command in (DOCS / "admin.md").read_text(encoding="utf-8"), (
        f"`{command}` is missing from docs/admin.md: say what it does and show an example"
    )


@pytest.mark.parametrize("section", sections(), ids=lambda s: s.href)
def test_every_part_of_the_site_is_in_the_residents_guide(section: Section) -> None:
    dutch = i18n.translations("nl").gettext(section.label)
    guide = (DOCS / "residents.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{re.escape(dutch)}\b", guide, re.IGNORECASE), (
        f"docs/residents.md does not mention '{dutch}' ({section.href}): explain it to residents"
    )


def test_the_residents_guide_shows_the_screenshots_the_browser_suite_makes() -> None:
    """tests/browser/test_demo_crawl.py writes docs/img/*.png from the demo; the guide shows
    each of them, and names no picture that is not there."""
    guide = (DOCS / "residents.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\]\((img/[\w-]+\.png)\)", guide))
    names = ("home-wijk", "home-gemeente", "home-phone", "menu-phone")
    made = {f"img/{name}.png" for name in names}
    assert made <= shown
    assert all((DOCS / path).is_file() for path in shown), sorted(shown)

"""The house rules of node/ (docs/ARCHITECTURE.md), checked on the source itself."""

from __future__ import annotations

import ast
import statistics

import pytest

from tests.architecture.imports import ROOT, graph, modules

LAYERS = ("community", "storage", "federation", "web.pages")
AREAS = {
    "accounts",
    "initiatives",
    "calendar",
    "participation",
    "budget",
    "ledger",
    "directory",
    "announcements",
    "posts",
    "reactions",
    "moderation",
    "network",
    "municipality",
}
# Modules whose job is to bring several areas together, each with why.
COMPOSERS = {
    "node.app": "the composition root",
    "node.cli": "the command line",
    "node.community.neighbourhood": "builds the whole domain of one node",
    "node.community.posts.timeline": "an app's timeline: every kind of status in one id space",
    "node.community.municipality.dashboard": "the gemeente's view of all followed nodes",
    "node.community.budget.service": "a funded proposal meets an initiative's money need "
    "and is booked in the ledger",
    "node.community.ledger.service": "an entry belongs to a budget round and may name the "
    "initiative it paid",
    "node.community.accounts.digest": "the weekly digest: what happened in every area",
    "node.community.overview": "the home page: what is happening now in every area",
    "node.federation.node": "builds the federation layer of one node",
    "node.federation.processor": "routes each incoming activity to its area",
    "node.federation.changes": "routes each change of the domain to its area's translation",
    "node.federation.backfill": "reads a followed node's outbox for every area",
    "node.federation.object_routes": "serves every kind of object at its id",
    "node.web.mastodon.entities": "domain → Mastodon JSON for every kind of status",
    "node.web.pages.feeds.entries": "the Atom feed of initiatives, activities and news",
    "node.web.pages.municipality.dashboard": "the gemeente's view of all followed nodes",
    "node.web.pages.home": "the home page: what is happening now in every area",
}
ALLOWED_AT_TOP = {"node", "node.app", "node.cli", "node.config"}
# Folders inside a layer that are not an area, each with why.
NOT_AREAS = {
    "federation": "storage: the federation layer's own tables (remote actors, queues)",
    "feeds": "web: Atom and iCalendar feeds across areas",
    "migrations": "storage: numbered schema changes",
    "mail": "storage: the mail layer's own tables (the outbox), like federation's queues",
}


def area_of(module: str) -> str | None:
    for layer in LAYERS:
        prefix = f"node.{layer}."
        if module.startswith(prefix):
            area = module[len(prefix) :].split(".")[0]
            return area if area in AREAS else None
    return None


def test_there_is_no_import_circle_inside_node() -> None:
    from tests.architecture.imports import cycles

    assert cycles() == []


def test_the_cycle_finder_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.architecture import imports

    circle = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    monkeypatch.setattr(imports, "graph", lambda: circle)
    assert imports.cycles() == [["a", "b", "c"]]


def test_nothing_lies_loose_at_the_top_of_node() -> None:
    loose = {m for m in modules() if m.count(".") == 1 and modules()[m].name != "__init__.py"}
    assert loose | {"node"} <= ALLOWED_AT_TOP


def test_every_area_folder_is_an_area_of_neighbourhood_life() -> None:
    found = {area for m in modules() if (area := _area_folder(m))}
    assert found <= AREAS | NOT_AREAS.keys(), found - AREAS


def _area_folder(module: str) -> str | None:
    for layer in LAYERS:
        prefix = f"node.{layer}."
        rest = module.removeprefix(prefix)
        if rest != module and "." in rest:
            return rest.split(".")[0] if rest.split(".")[0] not in ("mastodon",) else None
    return None


def test_no_file_name_repeats_an_area_as_its_prefix() -> None:
    prefixes = AREAS | {a.rstrip("s") for a in AREAS} | {"process", "translate"}
    offenders = [
        m for m in modules() if any(m.rsplit(".", 1)[-1].startswith(f"{p}_") for p in prefixes)
    ]
    assert offenders == []


def test_a_module_in_an_area_uses_at_most_one_other_area() -> None:
    """Besides accounts (who is asking) and what every area shares; composers are listed."""
    crossing = {}
    for module, imported in graph().items():
        others = {area_of(m) for m in imported} - {None, area_of(module), "accounts"}
        composer = module in COMPOSERS or module.startswith("node.demo")  # seeds every area
        if len(others) > 1 and not composer:
            crossing[module] = sorted(others)
    assert crossing == {}


def test_modules_are_small_and_say_what_they_are_for() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in modules().items()}
    code = {m: n for m, n in sizes.items() if n}
    assert statistics.median(code.values()) < 150
    assert {m: n for m, n in code.items() if n > 500} == {}
    import ast

    silent = [m for m in code if not ast.get_docstring(ast.parse(modules()[m].read_text("utf-8")))]
    assert silent == []


def test_the_root_is_node() -> None:
    assert ROOT.name == "node" and (ROOT / "app.py").exists()


def test_every_path_in_the_architecture_guide_exists() -> None:
    """docs/ARCHITECTURE.md names files and folders; each must be there."""
    import re

    text = (ROOT.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w./{},<>-]+/[\w./{},<>-]*)`", text))
    paths = []
    for name in named:
        if "<" in name or "{" in name:
            continue  # a pattern (`web/pages/<area>/`) or a set of files
        paths.append(name)
    # a path is from the top, from node/, or inside a layer (`initiatives/model.py`)
    bases = [ROOT.parent, ROOT, *(ROOT / layer.replace(".", "/") for layer in LAYERS)]
    missing = [p for p in paths if not any((base / p).exists() for base in bases)]
    assert len(paths) > 20 and missing == []


def test_no_test_module_imports_another_test_module() -> None:
    """Shared test code lives in helpers and conftest, so that a test module can be moved,
    renamed or deleted without breaking another one."""
    tests = ROOT.parent / "tests"
    borrowed = []
    for path in tests.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            module = getattr(node, "module", None) or ""
            if module.startswith("tests.") and module.rsplit(".", 1)[-1].startswith("test_"):
                borrowed.append(f"{path.relative_to(tests)}: {module}")
    assert borrowed == []

"""docs/mastodon.md lists exactly the Mastodon API endpoints the node serves."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.routing import Route

from node.web.mastodon import routes

DOC = Path(__file__).resolve().parents[3] / "docs" / "mastodon.md"
LISTED = re.compile(r"^- `(GET|POST|DELETE|PUT|PATCH) (/[^`]*)`", re.MULTILINE)


def _normal(path: str) -> str:
    return re.sub(r"\{[^}]+\}|:\w+", ":", path.rstrip("/") or "/")


def test_every_served_endpoint_is_documented_and_every_documented_one_served() -> None:
    served = {
        (method, _normal(route.path))
        for route in routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    documented = {(method, _normal(path)) for method, path in LISTED.findall(DOC.read_text())}
    assert documented == served


def test_every_endpoint_answers_with_and_without_a_trailing_slash() -> None:
    paths = {route.path for route in routes if isinstance(route, Route)}
    for path in paths:
        assert path.rstrip("/") in paths and path.rstrip("/") + "/" in paths

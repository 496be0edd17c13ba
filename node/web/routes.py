"""Every route of the web layer: each module under node.web.pages may expose `routes`."""

from __future__ import annotations

import importlib
import pkgutil
from importlib import resources

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from node.web import labels, mastodon, pages


def page_modules() -> list[object]:
    return [
        importlib.import_module(info.name)
        for info in sorted(
            pkgutil.walk_packages(pages.__path__, prefix=f"{pages.__name__}."),
            key=lambda i: i.name,
        )
        if not info.ispkg
    ]


def routes() -> list[BaseRoute]:
    found: list[BaseRoute] = []
    for module in page_modules():
        found.extend(getattr(module, "routes", []))
    found.extend(mastodon.routes)  # the Mastodon client API and OAuth (node/web/mastodon)
    found.append(
        Mount(
            "/static",
            StaticFiles(directory=str(resources.files("node.web") / "static")),
            name="static",
        )
    )
    return found


def sections() -> list[labels.Section]:
    """The menu: every page module's `section`, in their order."""
    found = [
        m.section for m in page_modules() if isinstance(getattr(m, "section", None), labels.Section)
    ]
    return sorted(found, key=lambda s: (s.order, s.href))

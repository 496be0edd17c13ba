"""The Mastodon client API and OAuth 2, kept apart from the HTML pages.

Each module serves one group of endpoints and exposes `routes`; docs/mastodon.md lists
every path (a test compares the two).
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from node.web.mastodon import (
    accounts,
    apps_oauth,
    authorize,
    instance,
    media,
    misc,
    notifications,
    search,
    statuses,
    timelines,
)

MODULES = (
    apps_oauth,
    authorize,
    instance,
    accounts,
    statuses,
    media,
    timelines,
    notifications,
    search,
    misc,
)
routes: list[BaseRoute] = [route for module in MODULES for route in module.routes]

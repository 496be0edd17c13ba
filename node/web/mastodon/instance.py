"""What the node tells apps about itself: /api/v1/instance and /api/v2/instance.

Mastodon.py parses `version` as X.Y.Z and, from 4.0.0 on, reads v2 with `api_versions`;
toot needs `uri`. So we say "4.2.0 (compatible; Buurtnode X)", as other servers do.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from node import __version__
from node.community.accounts.members import RegistrationMode
from node.web.mastodon import entities
from node.web.mastodon.api import Site, both, reply, site

_STATUSES = {
    "max_characters": entities.MAX_CHARACTERS,
    "max_media_attachments": 0,
    "characters_reserved_per_url": 23,
}
_MEDIA = {
    "supported_mime_types": [],
    "image_size_limit": 0,
    "image_matrix_limit": 0,
    "video_size_limit": 0,
    "video_frame_rate_limit": 0,
    "video_matrix_limit": 0,
}
_POLLS = {
    "max_options": 0,
    "max_characters_per_option": 0,
    "min_expiration": 0,
    "max_expiration": 0,
}


async def _facts(request: Request) -> tuple[Site, dict[str, Any]]:
    hood = request.app.state.hood
    settings = await hood.settings.get()
    mode = settings.registration
    return site(request), {
        "version": entities.VERSION.format(version=__version__),
        "description": settings.description or hood.identity.name,
        "users": await hood.members.count_active(),
        "open": mode is not RegistrationMode.INVITE,
        "approval": mode is RegistrationMode.APPROVAL,
        "invites": mode is RegistrationMode.INVITE,
    }


async def instance_v1(request: Request) -> Response:
    node, facts = await _facts(request)
    return reply(
        {
            "uri": node.host,
            "title": node.name,
            "short_description": facts["description"],
            "description": facts["description"],
            "email": "",
            "version": facts["version"],
            "urls": {"streaming_api": ""},
            "stats": {"user_count": facts["users"], "status_count": 0, "domain_count": 1},
            "thumbnail": None,
            "languages": ["nl", "en"],
            "registrations": facts["open"],
            "approval_required": facts["approval"],
            "invites_enabled": facts["invites"],
            "configuration": {
                "accounts": {"max_featured_tags": 0},
                "statuses": _STATUSES,
                "media_attachments": _MEDIA,
                "polls": _POLLS,
            },
            "contact_account": entities.node_account(node),
            "rules": [],
        }
    )


async def instance_v2(request: Request) -> Response:
    node, facts = await _facts(request)
    return reply(
        {
            "domain": node.host,
            "title": node.name,
            "version": facts["version"],
            "source_url": "https://codeberg.org/buurtnode/buurtnode",
            "description": facts["description"],
            "usage": {"users": {"active_month": facts["users"]}},
            "thumbnail": {"url": f"{node.url}/static/avatar.svg"},
            "icon": [],
            "languages": ["nl", "en"],
            "configuration": {
                "urls": {"streaming": "", "status": None},
                "vapid": {"public_key": ""},
                "accounts": {"max_featured_tags": 0, "max_pinned_statuses": 0},
                "statuses": _STATUSES,
                "media_attachments": _MEDIA,
                "polls": _POLLS,
                "translation": {"enabled": False},
            },
            "registrations": {
                "enabled": facts["open"],
                "approval_required": facts["approval"],
                "message": None,
                "url": f"{node.url}/registreren",
            },
            "api_versions": {"mastodon": 2},
            "contact": {"email": "", "account": entities.node_account(node)},
            "rules": [],
        }
    )


routes = [
    *both("/api/v1/instance", instance_v1, ["GET"]),
    *both("/api/v2/instance", instance_v2, ["GET"]),
]

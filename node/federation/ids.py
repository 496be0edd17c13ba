"""The node's ActivityPub ids. Stable on purpose: peers store them forever.

The Group actor is `{url}/ap/actor` (not its handle, so renaming the handle in
buurtnode.toml keeps every follower). Everything else hangs below `/ap/`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT = "https://w3id.org/security/v1"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ACTIVITY_JSON = "application/activity+json"
LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


@dataclass(frozen=True)
class Ids:
    url: str  # the node's base URL, no trailing slash

    @property
    def actor(self) -> str:
        return f"{self.url}/ap/actor"

    @property
    def key(self) -> str:
        return f"{self.actor}#main-key"

    @property
    def inbox(self) -> str:
        return f"{self.url}/ap/inbox"

    @property
    def outbox(self) -> str:
        return f"{self.url}/ap/outbox"

    @property
    def followers(self) -> str:
        return f"{self.url}/ap/followers"

    @property
    def following(self) -> str:
        return f"{self.url}/ap/following"

    @property
    def home(self) -> str:
        return f"{self.url}/"

    def new_activity(self) -> str:
        return f"{self.url}/ap/activities/{uuid.uuid4()}"

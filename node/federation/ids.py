"""The node's ActivityPub ids. Stable on purpose: peers store them forever.

The Group actor is `{url}/ap/actor` (not its handle, so renaming the handle in
buurtnode.toml keeps every follower). Everything else hangs below `/ap/`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT = "https://w3id.org/security/v1"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ACTIVITY_JSON = "application/activity+json"
LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
# What we serve at /ap/objects/{kind}/{id}: our content, our residents' public posts
# (`post`, the prikbord), and our residents' replies to content elsewhere (`reply`).
# Participation processes: the `process`, its public `argument`s, and our residents'
# responses to another node's process (`process_response`, sent there, never served).
# The contact card, a resident's question and its answer go to one node only, never served.
OBJECT_KINDS = (
    "initiative",
    "event",
    "announcement",
    "comment",
    "post",
    "ledger_entry",
    "reply",
    "process",
    "argument",
    "process_response",
    "contact_card",
    "question",
    "question_answer",
)
_OBJECT = re.compile(r"/ap/objects/([a-z_]+)/(\d+)$")


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

    def member(self, username: str) -> str:
        """A member's Person actor, only for members who chose a public profile."""
        return f"{self.url}/ap/members/{username}"

    def member_page(self, username: str) -> str:
        return f"{self.url}/@{username}"

    def new_activity(self) -> str:
        return f"{self.url}/ap/activities/{uuid.uuid4()}"

    @property
    def context(self) -> str:
        """Our JSON-LD context document (the extension terms); `{context}#` is the namespace."""
        return f"{self.url}/ns"

    def object(self, kind: str, object_id: int) -> str:
        return f"{self.url}/ap/objects/{kind}/{object_id}"

    def like(self, interaction_id: int) -> str:
        return f"{self.url}/ap/likes/{interaction_id}"

    def respondent(self, token: str) -> str:
        """An opaque, stable id for one resident in one process (never their member id)."""
        return f"{self.url}/ap/respondents/{token}"

    def argument_like(self, token: str) -> str:
        """A resident's support of an argument of another node's process."""
        return f"{self.url}/ap/likes/argument/{token}"

    def parse_object(self, uri: object) -> tuple[str, int] | None:
        """(kind, id) when `uri` is one of our object ids, else None."""
        if not isinstance(uri, str) or not uri.startswith(f"{self.url}/ap/objects/"):
            return None
        found = _OBJECT.search(uri[len(self.url) :])
        if found is None or found.group(1) not in OBJECT_KINDS:
            return None
        return found.group(1), int(found.group(2))

"""The whole domain of one node, built once at start-up and handed to the outer layers."""

from __future__ import annotations

from dataclasses import dataclass

from node.community.clock import Clock
from node.community.members import Members
from node.community.node_settings import NodeSettingsService
from node.storage import Database


@dataclass(frozen=True)
class NodeIdentity:
    name: str
    kind: str  # wijk | kern | gemeente
    url: str


class Neighbourhood:
    def __init__(self, db: Database, clock: Clock, identity: NodeIdentity) -> None:
        self.db = db
        self.clock = clock
        self.identity = identity
        self.members = Members(db, clock)
        self.settings = NodeSettingsService(db)

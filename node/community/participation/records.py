"""Reading a process and its parts: what opening, input and the exchange across nodes all need.

`Processes` (service.py) is this plus the rules for opening, reporting back and closing;
`ProcessInput` and `ProcessExchange` get only this part, so no module needs the other back.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from node.community.accounts.members import Member
from node.community.clock import Clock
from node.community.errors import N_, NotFound
from node.community.participation.model import (
    Form,
    FormKind,
    Option,
    Process,
    ProcessNode,
    local_today,
)
from node.community.participation.rules import may_manage
from node.storage import Database
from node.storage.participation import queries as store


class Identity(Protocol):
    name: str
    kind: str
    url: str


class ProcessRecords:
    def __init__(self, db: Database, clock: Clock, identity: Identity) -> None:
        self.db = db
        self.clock = clock
        self.identity = identity
        self.on_municipal_node = identity.kind == "gemeente"

    def today(self) -> date:
        return local_today(self.clock())

    def may_manage(self, member: Member | None) -> bool:
        return may_manage(member, self.on_municipal_node)

    async def nodes(self, process_id: int) -> list[ProcessNode]:
        return [
            ProcessNode(r["name"], r["url"], r["actor_uri"])
            for r in await store.nodes_of(self.db, process_id)
        ]

    async def get(self, process_id: int) -> Process:
        row = await store.process_by_id(self.db, process_id)
        if row is None:
            raise NotFound(N_("This participation process does not exist."))
        return Process.from_row(row)

    async def options(self, process_id: int) -> list[Option]:
        return [Option(r["id"], r["label"]) for r in await store.options_of(self.db, process_id)]

    async def forms(self, process_id: int) -> list[Form]:
        return [
            Form(r["id"], FormKind(r["kind"]), bool(r["multiple"]))
            for r in await store.forms_of(self.db, process_id)
        ]

"""Settings an admin changes from the web while the node runs."""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member, RegistrationMode
from node.community.accounts.permissions import Action
from node.community.errors import N_, NotAllowed
from node.community.fields import Field, Problems
from node.storage import Database
from node.storage.accounts import members as store

REGISTRATION = Field("settings.registration", N_("How can new residents join?"), 20, required=True)
DESCRIPTION = Field("settings.description", N_("What is this node for?"), 2000)


@dataclass(frozen=True)
class NodeSettings:
    registration: RegistrationMode = RegistrationMode.APPROVAL
    description: str = ""


class NodeSettingsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self) -> NodeSettings:
        raw = await store.all_settings(self.db)
        try:
            registration = RegistrationMode(raw.get("registration", RegistrationMode.APPROVAL))
        except ValueError:
            registration = RegistrationMode.APPROVAL
        return NodeSettings(registration=registration, description=raw.get("description", ""))

    async def update(self, by: Member | None, *, registration: str, description: str) -> None:
        """Change settings; `by` None means the command line (the admin at the machine)."""
        if by is not None and not by.can(Action.MANAGE_NODE):
            raise NotAllowed(N_("Only an admin can change the node's settings."))
        problems = Problems()
        try:
            mode = RegistrationMode(registration)
        except ValueError:
            problems.add(REGISTRATION, N_("Choose how new residents can join."))
        description = problems.text(DESCRIPTION, description)
        problems.check()
        async with self.db.transaction() as tx:
            await store.put_setting(tx, "registration", mode.value)
            await store.put_setting(tx, "description", description)

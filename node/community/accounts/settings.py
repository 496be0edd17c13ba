"""Settings an admin changes from the web while the node runs."""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member, RegistrationMode
from node.community.accounts.permissions import Action
from node.community.errors import N_, Invalid, NotAllowed
from node.storage import Database
from node.storage.accounts import members as store


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
        try:
            mode = RegistrationMode(registration)
        except ValueError:
            raise Invalid(N_("Choose how new residents can join.")) from None
        async with self.db.transaction() as tx:
            await store.put_setting(tx, "registration", mode.value)
            await store.put_setting(tx, "description", description.strip()[:2000])

"""Who may do what: the one place where roles meet actions."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RESIDENT = "resident"
    BUURTVERBINDER = "buurtverbinder"  # neighbourhood connector
    CONTACT = "contact"  # the municipality's fixed contact person (aanspreekpunt)
    ADMIN = "admin"  # the association running the node


class Action(StrEnum):
    VIEW_MEMBER_NAMES = "view_member_names"
    EDIT_OWN_PROFILE = "edit_own_profile"
    APPROVE_MEMBERS = "approve_members"
    RESET_RESIDENT_PASSWORD = "reset_resident_password"
    RESET_ANY_PASSWORD = "reset_any_password"
    CREATE_INVITE = "create_invite"
    MANAGE_NODE = "manage_node"


_EVERYONE = {Action.VIEW_MEMBER_NAMES, Action.EDIT_OWN_PROFILE}
_CONNECTOR = _EVERYONE | {
    Action.APPROVE_MEMBERS,
    Action.RESET_RESIDENT_PASSWORD,
    Action.CREATE_INVITE,
}

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.RESIDENT: frozenset(_EVERYONE),
    Role.BUURTVERBINDER: frozenset(_CONNECTOR),
    Role.CONTACT: frozenset(_EVERYONE),
    Role.ADMIN: frozenset(_CONNECTOR | {Action.RESET_ANY_PASSWORD, Action.MANAGE_NODE}),
}


def can(role: Role | str | None, action: Action) -> bool:
    """True when someone with this role (None: not logged in) may take this action."""
    if role is None:
        return False
    try:
        return action in ALLOWED[Role(role)]
    except ValueError:
        return False

"""Who may do what: the one place where roles meet actions."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RESIDENT = "resident"
    BUURTVERBINDER = "buurtverbinder"  # neighbourhood connector
    CONTACT = "contact"  # the municipality's fixed contact person (aanspreekpunt)
    ADMIN = "admin"  # the association running the node
    COUNCIL = "council"  # a council member (raadslid): reads processes and results, read-only


class Action(StrEnum):
    VIEW_MEMBER_NAMES = "view_member_names"
    EDIT_OWN_PROFILE = "edit_own_profile"
    APPROVE_MEMBERS = "approve_members"
    RESET_RESIDENT_PASSWORD = "reset_resident_password"
    RESET_ANY_PASSWORD = "reset_any_password"
    DISABLE_RESIDENT = "disable_resident"  # and enable again
    DISABLE_ANY_MEMBER = "disable_any_member"
    CHANGE_ROLES = "change_roles"
    REMOVE_MEMBERS = "remove_members"
    CREATE_INVITE = "create_invite"
    MANAGE_NODE = "manage_node"
    MANAGE_FEDERATION = "manage_federation"  # whom the node follows, blocked domains
    OFFER_SKILLS = "offer_skills"  # own skill offers/requests in the guide
    MANAGE_DIRECTORY = "manage_directory"  # services and organisations in the guide
    POST_ANNOUNCEMENT = "post_announcement"
    END_ANY_ANNOUNCEMENT = "end_any_announcement"  # the author may always end their own
    ASK_QUESTION = "ask_question"
    ANSWER_QUESTIONS = "answer_questions"
    REPORT_CONTENT = "report_content"
    MODERATE = "moderate"
    PLAN_EVENTS = "plan_events"
    RSVP_EVENTS = "rsvp_events"
    MANAGE_EVENTS = "manage_events"  # edit or cancel anyone's activity
    MANAGE_PLACES = "manage_places"
    START_INITIATIVE = "start_initiative"
    OFFER_HELP = "offer_help"
    COMMENT = "comment"
    SUPPORT = "support"  # "ik steun dit"
    RESPOND_OFFICIALLY = "respond_officially"  # the municipality's official comment and pledge
    MANAGE_ANY_INITIATIVE = "manage_any_initiative"  # edit or change status of anyone's
    WRITE_POSTS = "write_posts"  # buurtberichten on the prikbord, from the web or an app
    USE_APPS = "use_apps"  # allow a Mastodon app to act for oneself (OAuth)
    OPEN_BUDGET_ROUND = "open_budget_round"  # wijkbudget: open a round with its rules
    PROPOSE_BUDGET = "propose_budget"  # put a proposal in a budget round
    REVIEW_BUDGET_PROPOSALS = "review_budget_proposals"  # feasible or not, with a reason
    VOTE_BUDGET = "vote_budget"  # residents of the node only
    KEEP_LEDGER = "keep_ledger"  # record income, allocations, expenses and corrections
    OPEN_PROCESS = "open_process"  # participation processes; contact only on a gemeente node
    RESPOND_TO_PROCESS = "respond_to_process"  # give input, support arguments
    VIEW_PROCESS_RESPONSES = "view_process_responses"  # read open responses in full


_EVERYONE = {
    Action.VIEW_MEMBER_NAMES,
    Action.EDIT_OWN_PROFILE,
    Action.OFFER_SKILLS,
    Action.ASK_QUESTION,
    Action.PLAN_EVENTS,
    Action.RSVP_EVENTS,
    Action.START_INITIATIVE,
    Action.OFFER_HELP,
    Action.COMMENT,
    Action.SUPPORT,
    Action.REPORT_CONTENT,
    Action.PROPOSE_BUDGET,
    Action.WRITE_POSTS,
    Action.USE_APPS,
    Action.RESPOND_TO_PROCESS,
    Action.VIEW_PROCESS_RESPONSES,
}
_CONNECTOR = _EVERYONE | {
    Action.MODERATE,
    Action.MANAGE_ANY_INITIATIVE,
    Action.APPROVE_MEMBERS,
    Action.RESET_RESIDENT_PASSWORD,
    Action.DISABLE_RESIDENT,
    Action.CREATE_INVITE,
    Action.MANAGE_DIRECTORY,
    Action.POST_ANNOUNCEMENT,
    Action.MANAGE_EVENTS,
    Action.MANAGE_PLACES,
    Action.OPEN_PROCESS,
}

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.RESIDENT: frozenset(_EVERYONE | {Action.VOTE_BUDGET}),
    Role.BUURTVERBINDER: frozenset(
        _CONNECTOR | {Action.VOTE_BUDGET, Action.REVIEW_BUDGET_PROPOSALS}
    ),
    Role.CONTACT: frozenset(
        (_EVERYONE - {Action.RESPOND_TO_PROCESS})  # officials do not give residents' input
        | {Action.RESPOND_OFFICIALLY, Action.POST_ANNOUNCEMENT, Action.ANSWER_QUESTIONS}
        | {Action.OPEN_PROCESS}
        | {Action.OPEN_BUDGET_ROUND, Action.REVIEW_BUDGET_PROPOSALS, Action.KEEP_LEDGER}
    ),
    Role.ADMIN: frozenset(
        _CONNECTOR
        | {Action.RESET_ANY_PASSWORD, Action.MANAGE_NODE}
        | {Action.DISABLE_ANY_MEMBER, Action.CHANGE_ROLES, Action.REMOVE_MEMBERS}
        | {Action.MANAGE_FEDERATION}
        | {Action.END_ANY_ANNOUNCEMENT, Action.ANSWER_QUESTIONS}
        | {Action.OPEN_BUDGET_ROUND, Action.KEEP_LEDGER}
    ),
    # Read-only: processes and their results, nothing to post, respond to or change.
    Role.COUNCIL: frozenset(
        {Action.VIEW_MEMBER_NAMES, Action.EDIT_OWN_PROFILE, Action.VIEW_PROCESS_RESPONSES}
    ),
}


def can(role: Role | str | None, action: Action) -> bool:
    """True when someone with this role (None: not logged in) may take this action."""
    if role is None:
        return False
    try:
        return action in ALLOWED[Role(role)]
    except ValueError:
        return False


class Care(StrEnum):
    """What one member may do to another's account (beheer, or the command line)."""

    RESET = "reset"  # a one-time link to choose a new password
    DISABLE = "disable"  # and enable again
    ROLE = "role"
    REMOVE = "remove"


# Per kind of care: the action that allows it on a resident, and the one that allows it on anyone.
_CARE: dict[Care, tuple[Action, Action]] = {
    Care.RESET: (Action.RESET_RESIDENT_PASSWORD, Action.RESET_ANY_PASSWORD),
    Care.DISABLE: (Action.DISABLE_RESIDENT, Action.DISABLE_ANY_MEMBER),
    Care.ROLE: (Action.CHANGE_ROLES, Action.CHANGE_ROLES),
    Care.REMOVE: (Action.REMOVE_MEMBERS, Action.REMOVE_MEMBERS),
}


def can_care(role: Role | str | None, care: Care, target: Role | str) -> bool:
    """True when someone with `role` may take this care of an account with role `target`."""
    on_resident, on_anyone = _CARE[care]
    return can(role, on_anyone) or (target == Role.RESIDENT and can(role, on_resident))

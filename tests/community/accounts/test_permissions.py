"""The role × action matrix, written out in full so any change shows in review."""

import pytest

from node.community.accounts.permissions import Action, Role, can

R, B, C, A = Role.RESIDENT, Role.BUURTVERBINDER, Role.CONTACT, Role.ADMIN
K = Role.COUNCIL  # raadslid: read-only

EXPECTED = {
    Action.VIEW_MEMBER_NAMES: {R, B, C, A, K},
    Action.EDIT_OWN_PROFILE: {R, B, C, A, K},
    Action.APPROVE_MEMBERS: {B, A},
    Action.RESET_RESIDENT_PASSWORD: {B, A},
    Action.RESET_ANY_PASSWORD: {A},
    Action.DISABLE_RESIDENT: {B, A},
    Action.DISABLE_ANY_MEMBER: {A},
    Action.CHANGE_ROLES: {A},
    Action.REMOVE_MEMBERS: {A},
    Action.CREATE_INVITE: {B, A},
    Action.MANAGE_NODE: {A},
    Action.MANAGE_FEDERATION: {A},
    Action.OFFER_SKILLS: {R, B, C, A},
    Action.MANAGE_DIRECTORY: {B, A},
    Action.POST_ANNOUNCEMENT: {B, C, A},
    Action.END_ANY_ANNOUNCEMENT: {A},
    Action.ASK_QUESTION: {R, B, C, A},
    Action.ANSWER_QUESTIONS: {C, A},
    Action.REPORT_CONTENT: {R, B, C, A},
    Action.MODERATE: {B, A},
    Action.PLAN_EVENTS: {R, B, C, A},
    Action.RSVP_EVENTS: {R, B, C, A},
    Action.MANAGE_EVENTS: {B, A},
    Action.MANAGE_PLACES: {B, A},
    Action.START_INITIATIVE: {R, B, C, A},
    Action.OFFER_HELP: {R, B, C, A},
    Action.COMMENT: {R, B, C, A},
    Action.SUPPORT: {R, B, C, A},
    Action.RESPOND_OFFICIALLY: {C},
    Action.MANAGE_ANY_INITIATIVE: {B, A},
    Action.WRITE_POSTS: {R, B, C, A},
    Action.USE_APPS: {R, B, C, A},
    Action.OPEN_BUDGET_ROUND: {C, A},
    Action.PROPOSE_BUDGET: {R, B, C, A},
    Action.REVIEW_BUDGET_PROPOSALS: {B, C},
    Action.VOTE_BUDGET: {R, B},
    Action.KEEP_LEDGER: {C, A},
    Action.OPEN_PROCESS: {B, C, A},
    Action.RESPOND_TO_PROCESS: {R, B, A},
    Action.VIEW_PROCESS_RESPONSES: {R, B, C, A, K},
}


def test_every_action_is_in_the_matrix() -> None:
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_role_may_take_action_exactly_as_the_matrix_says(role: Role, action: Action) -> None:
    assert can(role, action) is (role in EXPECTED[action])


@pytest.mark.parametrize("action", list(Action))
def test_anonymous_and_unknown_roles_may_do_nothing(action: Action) -> None:
    assert not can(None, action)
    assert not can("mayor", action)

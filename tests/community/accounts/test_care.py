"""Account care: roles, disabling, removing and one-time reset links, as the rules allow."""

from __future__ import annotations

from datetime import timedelta

import pytest

from node.community.errors import Invalid, NotAllowed, NotFound
from node.community.neighbourhood import Neighbourhood
from tests.conftest import PASSWORD, MovableClock, add_member


async def test_the_last_admin_can_be_neither_removed_nor_demoted_nor_disabled(
    hood: Neighbourhood,
) -> None:
    """Given a node with one admin, when anyone tries to remove, demote or disable them,
    then it is refused; once a second admin exists the first may step down."""
    ad = await add_member(hood, "ad", "admin")
    for attempt in (
        hood.care.change_role(ad, "ad", "resident"),
        hood.care.change_role(None, "ad", "resident"),
        hood.care.disable(None, "ad"),
        hood.care.remove(None, "ad", "anonymise"),
    ):
        with pytest.raises(NotAllowed):
            await attempt
    assert (await hood.members.get(ad.id)).role == "admin"
    await add_member(hood, "bo", "admin")
    assert (await hood.care.change_role(ad, "ad", "resident")).role == "resident"


async def test_a_buurtverbinder_disables_residents_but_not_admins_and_changes_no_roles(
    hood: Neighbourhood,
) -> None:
    """Given a buurtverbinder, when they disable a resident, then the resident is disabled;
    an admin's account, a role and a removal stay out of their reach."""
    bert = await add_member(hood, "bert", "buurtverbinder")
    await add_member(hood, "anna")
    await add_member(hood, "ad", "admin")
    assert (await hood.care.disable(bert, "anna")).status == "disabled"
    assert await hood.members.authenticate("anna", PASSWORD) is not None  # but may not log in
    for attempt in (
        hood.care.disable(bert, "ad"),
        hood.care.change_role(bert, "anna", "admin"),
        hood.care.remove(bert, "anna", "remove"),
    ):
        with pytest.raises(NotAllowed):
            await attempt
    assert (await hood.care.enable(bert, "anna")).status == "active"


async def test_unknown_users_and_roles_are_refused_with_a_clear_message(
    hood: Neighbourhood,
) -> None:
    """Given an admin, when they name nobody or a role that does not exist,
    then the message says so and nothing changes."""
    await add_member(hood, "anna")
    with pytest.raises(NotFound, match="nobody"):
        await hood.care.disable(None, "nobody")
    with pytest.raises(Invalid, match="Unknown role 'king'"):
        await hood.care.change_role(None, "anna", "king")
    with pytest.raises(Invalid, match="contributions"):
        await hood.care.remove(None, "anna", "later")
    assert (await hood.members.by_username("anna")).role == "resident"  # type: ignore[union-attr]


@pytest.mark.parametrize("mode", ["anonymise", "remove"])
async def test_removing_keeps_contributions_as_oud_bewoner_or_removes_them(
    hood: Neighbourhood, mode: str
) -> None:
    """Given a resident who posted on the prikbord, when the admin removes her account,
    then her personal data goes and her post either stays without a name or is hidden."""
    ad = await add_member(hood, "ad", "admin")
    anna = await add_member(hood, "anna")
    _, post_id = await hood.posts.write(anna, "Wie leent mij een ladder?")
    await hood.care.remove(ad, "anna", mode)
    assert await hood.members.by_username("anna") is None
    row = await hood.db.fetch_one("SELECT member_id, hidden_at FROM posts WHERE id = ?", (post_id,))
    assert row is not None and row["member_id"] is None
    assert (row["hidden_at"] is None) == (mode == "anonymise")


async def test_a_reset_link_works_once_and_ends_every_session(
    hood: Neighbourhood,
) -> None:
    """Given a resident logged in on two devices, when she uses a reset link,
    then both sessions end, the link cannot be used again and her old password fails."""
    bert = await add_member(hood, "bert", "buurtverbinder")
    anna = await add_member(hood, "anna")
    phone = await hood.sessions.start(anna, "Firefox Android")
    laptop = await hood.sessions.start(anna, "")
    _, token = await hood.care.issue_reset(bert, "anna")
    await hood.resets.use(token, "a fresh password here")
    assert await hood.sessions.member_for(phone) is None
    assert await hood.sessions.member_for(laptop) is None
    with pytest.raises(Invalid, match="used, expired"):
        await hood.resets.use(token, "another new password")
    assert await hood.members.authenticate("anna", PASSWORD) is None
    assert await hood.members.authenticate("anna", "a fresh password here") is not None


async def test_a_reset_link_expires_after_an_hour_and_a_new_one_replaces_the_old(
    moving_hood: Neighbourhood, clock: MovableClock
) -> None:
    """Given a reset link, when an hour passes or a newer link is made,
    then the old link is refused and the password is unchanged."""
    await add_member(moving_hood, "anna")
    _, first = await moving_hood.care.issue_reset(None, "anna")
    _, second = await moving_hood.care.issue_reset(None, "anna")
    with pytest.raises(Invalid):
        await moving_hood.resets.use(first, "a fresh password here")
    clock.advance(timedelta(minutes=61))
    with pytest.raises(Invalid):
        await moving_hood.resets.use(second, "a fresh password here")
    assert await moving_hood.members.authenticate("anna", PASSWORD) is not None


async def test_disabling_ends_sessions_and_a_short_password_keeps_the_link_usable(
    hood: Neighbourhood,
) -> None:
    """Given a logged-in resident, when she is disabled her session ends; a reset link with
    too short a password is refused but stays usable."""
    anna = await add_member(hood, "anna")
    session = await hood.sessions.start(anna, "")
    await hood.care.disable(None, "anna")
    assert await hood.sessions.member_for(session) is None
    await hood.care.enable(None, "anna")
    _, token = await hood.care.issue_reset(None, "anna")
    with pytest.raises(Invalid, match="at least"):
        await hood.resets.use(token, "short")
    assert (await hood.resets.use(token, "long enough now")).username == "anna"

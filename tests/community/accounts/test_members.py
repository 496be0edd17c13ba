import pytest

from node.community.accounts.members import RegistrationMode
from node.community.errors import Invalid, NotAllowed
from node.community.neighbourhood import Neighbourhood
from tests.conftest import PASSWORD, add_member


async def test_passwords_are_stored_as_argon2id(hood: Neighbourhood) -> None:
    member = await add_member(hood, "anna")
    stored = await hood.db.fetch_value(
        "SELECT password_hash FROM members WHERE id = ?", (member.id,)
    )
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


async def test_authenticate_checks_the_password(hood: Neighbourhood) -> None:
    await add_member(hood, "anna")
    assert (await hood.members.authenticate("Anna", PASSWORD)).username == "anna"
    assert await hood.members.authenticate("anna", "wrong password") is None
    assert await hood.members.authenticate("nobody", PASSWORD) is None


async def test_short_passwords_and_odd_usernames_are_refused(hood: Neighbourhood) -> None:
    with pytest.raises(Invalid):
        await hood.members.add("anna", "short", "resident")
    with pytest.raises(Invalid):
        await hood.members.add("Anna Smit!", PASSWORD, "resident")
    with pytest.raises(Invalid):
        await hood.members.add("anna", PASSWORD, "mayor")


async def test_usernames_are_unique_whatever_the_case(hood: Neighbourhood) -> None:
    await add_member(hood, "anna")
    with pytest.raises(Invalid):
        await hood.members.add("ANNA", PASSWORD, "resident")


async def test_an_invite_admits_exactly_one_resident(hood: Neighbourhood) -> None:
    verbinder = await add_member(hood, "bert", "buurtverbinder")
    token = await hood.members.create_invite(verbinder)
    first = await hood.members.register(RegistrationMode.INVITE, "carla", "Carla", PASSWORD, token)
    assert first.is_active
    with pytest.raises(Invalid):
        await hood.members.register(RegistrationMode.INVITE, "dirk", "Dirk", PASSWORD, token)
    with pytest.raises(NotAllowed):
        await hood.members.register(RegistrationMode.INVITE, "dirk", "Dirk", PASSWORD, None)
    assert await hood.members.by_username("dirk") is None


async def test_residents_cannot_invite_or_approve(hood: Neighbourhood) -> None:
    resident = await add_member(hood, "anna")
    pending = await hood.members.register(RegistrationMode.APPROVAL, "ed", "Ed", PASSWORD)
    with pytest.raises(NotAllowed):
        await hood.members.create_invite(resident)
    with pytest.raises(NotAllowed):
        await hood.members.approve(resident, pending.id)


async def test_a_buurtverbinder_resets_residents_but_not_admins(hood: Neighbourhood) -> None:
    verbinder = await add_member(hood, "bert", "buurtverbinder")
    resident = await add_member(hood, "anna")
    admin = await add_member(hood, "ad", "admin")
    _, token = await hood.care.issue_reset(verbinder, resident.id)
    await hood.resets.use(token, "a brand new password")
    assert await hood.members.authenticate("anna", "a brand new password") is not None
    with pytest.raises(NotAllowed):
        await hood.care.issue_reset(verbinder, admin.id)
    assert await hood.care.issue_reset(admin, verbinder.id)

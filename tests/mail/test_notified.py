"""Whoever must act hears of it by e-mail at once (the default for these kinds): a sign-up
reaches the buurtverbinders, an offer of help and an official response the initiator, each
mail saying what the notification centre says, with its link."""

from __future__ import annotations

from node.community.accounts.members import RegistrationMode
from node.community.initiatives.model import InitiativeDraft
from node.community.initiatives.needs import NeedDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import PASSWORD, add_member
from tests.mail.conftest import SmtpServer
from tests.mail.support import by_kind, member_with_address, part


async def test_a_sign_up_an_offer_and_an_official_response_arrive_by_mail(
    moving_app, moving_hood: Neighbourhood, smtp: SmtpServer
) -> None:  # type: ignore[no-untyped-def]
    mail = moving_app.state.mail
    await mail.settle()  # the notifier starts at the current end: nothing old is mailed
    anna = await member_with_address(moving_hood, "anna", "anna@noord.example")
    await member_with_address(moving_hood, "els", "els@noord.example", role="buurtverbinder")
    bert = await add_member(moving_hood, "bert")
    yusuf = await add_member(moving_hood, "yusuf", "contact")
    draft = InitiativeDraft(
        "Moestuin Beekstraat",
        "Samen groente kweken.",
        needs=[NeedDraft("volunteers", "Handen", "4")],
    )
    initiative_id = await moving_hood.initiatives.start(anna, draft)
    page = await moving_hood.initiatives.page(initiative_id)
    await moving_hood.initiatives.offers.make(bert, page.needs[0].id, "2", "Ik kom helpen")
    await moving_hood.comments.add(
        yusuf, "initiative", initiative_id, "De gemeente denkt mee.", official=True
    )
    await moving_hood.members.register(RegistrationMode.APPROVAL, "carla", "Carla", PASSWORD)
    await mail.settle()

    notified = [m for m in smtp.messages() if "Bevestig" not in str(m["Subject"])]
    to_anna = [m for m in notified if str(m["To"]) == "anna@noord.example"]
    subjects = sorted(str(m["Subject"]) for m in to_anna)
    assert subjects == [
        "Bert biedt hulp aan bij uw initiatief “Moestuin Beekstraat”.",
        "De gemeente heeft officieel gereageerd op “Moestuin Beekstraat”.",
    ]
    [offer] = by_kind(to_anna, "biedt hulp aan")
    assert f"/initiatieven/{initiative_id}" in part(offer, "plain")
    [signup] = by_kind(notified, "Carla heeft zich aangemeld")
    assert str(signup["To"]) == "els@noord.example" and "/beheer" in part(signup, "plain")

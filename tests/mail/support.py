"""Helpers of the mail tests: members with a verified address, draining the queue."""

from __future__ import annotations

from email.message import EmailMessage

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


async def member_with_address(  # type: ignore[no-untyped-def]
    hood: Neighbourhood, username: str, address: str, language: str = "nl", role: str = "resident"
):
    """A member whose address is verified, as after following the link."""
    member = await add_member(hood, username, role)
    await hood.addresses.set(member, address, language)
    assert hood.addresses.tokens is not None
    await hood.addresses.verify(hood.addresses.tokens.verification(member.id, address))
    return member


def part(message: EmailMessage, subtype: str) -> str:
    body = message.get_body(preferencelist=(subtype,))
    assert body is not None and body.get_content_subtype() == subtype
    return str(body.get_content())


def by_kind(messages: list[EmailMessage], subject_part: str) -> list[EmailMessage]:
    return [m for m in messages if subject_part in str(m["Subject"])]

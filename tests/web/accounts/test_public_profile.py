"""Member pages at /@name: only for members who chose a public profile, as a page and as a
Person actor the fediverse finds through WebFinger; everyone else is a 404 like a stranger."""

from __future__ import annotations

import httpx

from node.community.neighbourhood import Neighbourhood
from node.config import Settings
from node.web.mastodon.api import Site
from node.web.mastodon.entities import account
from tests.conftest import add_member, login, post_form

AP = "application/activity+json"


async def _choose(client: httpx.AsyncClient, public: str) -> httpx.Response:
    return await post_form(
        client, "/account/openbaar-profiel", {"public_profile": public}, form_page="/account"
    )


async def test_a_member_is_private_until_they_choose(
    client: httpx.AsyncClient, hood: Neighbourhood, settings: Settings
) -> None:
    """Given a member who chose nothing, then their page, their actor and their WebFinger
    answer as for a name nobody has."""
    await add_member(hood, "lotte", display_name="Lotte Smit")
    for path in ("/@lotte", "/@nobody"):
        assert (await client.get(path)).status_code == 404
        assert (await client.get(path, headers={"accept": AP})).status_code == 404
        resource = f"acct:{path[2:]}@{settings.host}"
        finger = await client.get("/.well-known/webfinger", params={"resource": resource})
        assert finger.status_code == 404


async def test_a_public_profile_is_a_page_and_a_person_the_fediverse_finds(
    client: httpx.AsyncClient, hood: Neighbourhood, settings: Settings
) -> None:
    """Given Lotte, when she chooses a public profile on her account page, then /@lotte shows
    her name and handle, answers a Person to ActivityPub clients, and WebFinger for
    lotte@host loops back to that Person, as Mastodon checks; when she chooses private
    again, all of it is gone."""
    member = await add_member(hood, "lotte", display_name="Lotte Smit")
    await hood.members.update_profile(
        member, display_name="Lotte Smit", phone="06 1", availability="", about="Tuinier."
    )
    await login(client, "lotte")
    assert 'name="public_profile" value="no" checked' in (await client.get("/account")).text
    assert (await _choose(client, "yes")).status_code == 303

    page = await client.get("/@lotte")
    assert page.status_code == 200
    assert "Lotte Smit" in page.text and f"@lotte@{settings.host}" in page.text
    assert "Tuinier." in page.text and "06 1" not in page.text  # the phone stays private
    actor = f"{settings.url}/ap/members/lotte"
    assert f'<link rel="alternate" type="application/activity+json" href="{actor}">' in page.text

    person = (await client.get("/@lotte", headers={"accept": AP})).json()
    assert person["id"] == actor and person["type"] == "Person"
    assert person["preferredUsername"] == "lotte" and person["url"] == f"{settings.url}/@lotte"
    assert "06 1" not in str(person)
    finger = await client.get(
        "/.well-known/webfinger", params={"resource": f"acct:lotte@{settings.host}"}
    )
    links = {link["rel"]: link["href"] for link in finger.json()["links"]}
    assert links["self"] == person["id"]
    assert links["http://webfinger.net/rel/profile-page"] == person["url"]
    for resource in (person["id"], person["url"]):
        again = await client.get("/.well-known/webfinger", params={"resource": resource})
        assert again.json()["subject"] == f"acct:lotte@{settings.host}"

    assert (await _choose(client, "no")).status_code == 303
    assert (await client.get("/@lotte")).status_code == 404
    assert (await client.get(actor, headers={"accept": AP})).status_code == 404


async def test_the_app_api_links_only_pages_that_exist(
    client: httpx.AsyncClient, hood: Neighbourhood, settings: Settings
) -> None:
    """Given a private and a public member, when an app reads their accounts, then `url` is
    the public member's page and, for the private one, the node's home page: both exist."""
    private = await add_member(hood, "kees")
    public = await hood.members.set_public_profile(await add_member(hood, "lotte"), True)
    site = Site(settings.url, settings.host, settings.handle, settings.name, settings.kind)
    for member in (private, public):
        url = account(site, member)["url"]
        assert (await client.get(url)).status_code == 200, url
    assert account(site, public)["url"] == f"{settings.url}/@lotte"

"""Sign-up and account forms: every problem at once, by its field; nothing cut to fit."""

from __future__ import annotations

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, login, post_form


async def test_an_empty_sign_up_names_every_missing_field(client: httpx.AsyncClient) -> None:
    response = await post_form(client, "/registreren", {}, form_page="/registreren")
    assert response.status_code == 400
    for name in ("display_name", "username", "password", "password_again"):
        assert f'href="#{name}"' in response.text
        assert f'id="{name}-error"' in response.text


async def test_a_name_over_its_limit_is_refused_and_the_typing_kept(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    name = "B" * 5000
    data = {"display_name": name, "username": "bea", "password": "long enough pw"}
    response = await post_form(
        client, "/registreren", {**data, "password_again": "other pw 12"}, "/registreren"
    )
    assert response.status_code == 400
    assert "5000" in response.text and 'id="display_name-error"' in response.text
    assert 'id="password_again-error"' in response.text
    assert name in response.text  # the value stays in the field
    assert await hood.members.by_username("bea") is None


async def test_the_profile_keeps_what_was_typed_when_refused(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    about = "x" * 2001
    response = await post_form(
        client, "/account/gegevens", {"display_name": "", "about": about}, "/account"
    )
    assert response.status_code == 400
    assert 'id="display_name-error"' in response.text and 'id="about-error"' in response.text
    assert about in response.text
    assert (await hood.members.by_username("anna")).display_name == "Anna"

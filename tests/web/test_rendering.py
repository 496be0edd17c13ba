"""Rendering compiles each template once per language, with its texts translated in
(node/web/rendering.py), and keeps formatted dates (node/web/timestamps.py): what a page
shows must be exactly what translating at render time showed, in the visitor's language."""

from __future__ import annotations

import httpx
import pytest

from node.web import i18n
from node.web.rendering import environment
from node.web.timestamps import local_datetime
from tests.conftest import add_member, login


@pytest.fixture(autouse=True)
def dutch_afterwards():  # type: ignore[no-untyped-def]
    """The tests below choose a language; the tests after them expect the default."""
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_inlined_text_is_formatted_and_escaped_as_gettext_does(language: str) -> None:
    i18n.set_language(language)
    template = environment.from_string(
        '{{ _("Log out") }}|{{ _("100%% sure") }}|{{ _("Hello %(name)s", name=who) }}'
        '|{% set label = _("Log out") %}<b title="{{ label }}">|{{ _(dynamic) }}'
    )
    shown = template.render(who="<Bert & co>", dynamic="Log out")
    log_out = "Uitloggen" if language == "nl" else "Log out"
    assert shown == (
        f'{log_out}|100% sure|Hello &lt;Bert &amp; co&gt;|<b title="{log_out}">|{log_out}'
    )


def test_without_autoescape_an_inlined_text_is_plain() -> None:
    i18n.set_language("en")
    template = environment.from_string(
        '{% autoescape false %}{{ _("Hello %(name)s", name=who) }}{% endautoescape %}'
    )
    assert template.render(who="<Bert>") == "Hello <Bert>"


async def test_a_signed_in_page_switches_language_in_every_part(
    hood, client: httpx.AsyncClient
) -> None:
    anna = await add_member(hood, "anna")
    await hood.posts.write(anna, "Appeltaart bij het buurthuis")
    await add_member(hood, "bert")
    await login(client, "bert")
    # Alternating, so each language's compiled templates (page, base and the included
    # report link) are made and then used again.
    for _ in range(2):
        client.cookies.set("lang", "nl")
        dutch = (await client.get("/prikbord")).text
        client.cookies.set("lang", "en")
        english = (await client.get("/prikbord")).text
        assert "Uitloggen" in dutch and "Dit melden" in dutch and "Log out" not in dutch
        assert "Log out" in english and "Report this" in english and "Uitloggen" not in english


def test_a_remembered_date_is_remembered_per_language() -> None:
    stored = "2026-03-03T13:05:00Z"
    for _ in range(2):
        i18n.set_language("nl")
        assert local_datetime(stored) == "3 maart 2026 14:05"
        i18n.set_language("en")
        assert local_datetime(stored) == "3 March 2026 14:05"

"""Every form on a populated node, found by crawling its pages as each kind of visitor:
empty and over-long values are refused with every problem at once, each beside its field,
and store nothing; what is accepted is stored whole. A new form cannot escape this test.

Given the demo's Beekveld-Noord (people, initiatives, activities, a budget round, ...),
when each form is submitted empty, over its limits and exactly at its limits,
then the node answers as the rules in node/community/fields.py say.
"""

from __future__ import annotations

import re
import sqlite3
import string
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import count, cycle

import httpx
import pytest

from node.app import create_app
from node.config import Settings
from node.demo import populate
from node.demo.people import DEMO_PASSWORD, NODES

TEXT_TYPES = {"text", "email", "url", "tel", "search", "password"}
SKIP = re.compile(r"^/(static|media|uitloggen|taal)|\.(json|ics|csv|atom|xml|png|jpe?g|webp)$")
ROLES = (None, "bewoner", "verbinder", "contact", "beheer")
# A visit writes sessions; the node's workers publish changes in the background.
VOLATILE = {"sessions", "changes", "outbox_activities", "deliveries", "mail_outbox"}


@dataclass
class Control:
    tag: str
    type: str
    name: str
    value: str
    maxlength: int | None
    required: bool
    id: str


@dataclass
class Form:
    action: str
    multipart: bool
    controls: list[Control] = field(default_factory=list)

    @property
    def texts(self) -> list[Control]:
        return [c for c in self.controls if c.tag == "textarea" or c.type in TEXT_TYPES]

    @property
    def key(self) -> str:
        names = ",".join(sorted(c.name for c in self.controls))
        return re.sub(r"\d+", "N", self.action) + "|" + names


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._textarea: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"].split("#")[0])
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(a.get("action", ""), "multipart" in a.get("enctype", ""))
            self.forms.append(self._form)
        if self._form is None or tag not in ("input", "textarea", "select", "option"):
            return
        if tag == "option" and self._select is not None:
            if not self._select.value or "selected" in a:
                self._select.value = a.get("value", "")
            return
        kind = a.get("type", "text").lower() if tag == "input" else tag
        if not a.get("name") or kind in ("submit", "button", "file", "reset"):
            return
        if kind in ("checkbox", "radio") and "checked" not in a:
            return
        control = Control(
            tag,
            kind,
            a["name"],
            a.get("value", ""),
            int(a["maxlength"]) if a.get("maxlength") else None,
            "required" in a,
            a.get("id", ""),
        )
        self._form.controls.append(control)
        if tag == "select":
            self._select = control
        if tag == "textarea":
            self._textarea = control

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


def _parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


def _fingerprint(settings: Settings) -> dict[str, int]:
    """A hash of every table's content, so any stored change shows."""
    with sqlite3.connect(settings.database_path) as db:
        tables = [
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] not in VOLATILE and not r[0].startswith("sqlite_")
        ]
        return {t: hash(tuple(db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def _truncations(settings: Settings, markers: list[str]) -> list[str]:
    """Stored values that hold the start of a marker but not all of it."""
    found = []
    with sqlite3.connect(settings.database_path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if not isinstance(value, str):
                        continue
                    for marker in markers:
                        if marker[:12] in value and marker not in value:
                            found.append(f"{table}: {marker[:12]}… cut to {len(value)}")
    return found


_serial = count()


def _marker(length: int) -> str:
    """Lower-case letters only (a valid user name, no markdown), unique in the whole walk."""
    n, prefix = next(_serial), ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        prefix += string.ascii_lowercase[digit]
    letters = cycle(string.ascii_lowercase)
    return (prefix + "".join(next(letters) for _ in range(length)))[:length]


@pytest.fixture
async def node(settings: Settings) -> AsyncIterator[tuple[Settings, object]]:
    await populate(settings, NODES[1])  # Beekveld-Noord
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield settings, application


async def _visitor(application: object, settings: Settings, who: str | None) -> httpx.AsyncClient:
    http = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application),  # type: ignore[arg-type]
        base_url=settings.url,
    )
    if who is not None:
        page = await http.get("/inloggen")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        data = {"username": who, "password": DEMO_PASSWORD, "csrf_token": token.group(1)}
        assert (await http.post("/inloggen", data=data)).status_code == 303
    return http


async def _forms_of(http: httpx.AsyncClient) -> list[tuple[str, Form]]:
    """(page, form) for every post form with text fields, one per kind of form."""
    seen_pages: set[str] = set()
    per_pattern: dict[str, int] = {}
    queue, forms = ["/"], {}
    while queue and len(seen_pages) < 200:
        path = queue.pop(0)
        pattern = re.sub(r"\d+", "N", path.split("?")[0])
        if path in seen_pages or SKIP.search(pattern) or per_pattern.get(pattern, 0) >= 2:
            continue
        seen_pages.add(path)
        per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
        response = await http.get(path)
        if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
            continue
        parsed = _parse(response.text)
        queue.extend(parsed.links)
        for form in parsed.forms:
            if form.texts and form.key not in forms:
                forms[form.key] = (path, form)
    return list(forms.values())


async def _submit(
    http: httpx.AsyncClient, page: str, form: Form, values: dict[str, str]
) -> httpx.Response:
    """Fill `values` into a fresh copy of the form (a new CSRF token) and send it."""
    fresh = next((f for f in _parse((await http.get(page)).text).forms if f.key == form.key), form)
    data: dict[str, list[str]] = {}
    for control in fresh.controls:
        data.setdefault(control.name, []).append(values.get(control.name, control.value))
    files = {"_": ("", b"", "application/octet-stream")} if form.multipart else None
    return await http.post(form.action or page, data=data, files=files)


def _errors_shown(response: httpx.Response, controls: list[Control]) -> list[str]:
    """Controls without their message beside them (and a link to it in the summary)."""
    missing = []
    for control in controls:
        if f'id="{control.id}-error"' not in response.text or f'href="#{control.id}"' not in (
            response.text
        ):
            missing.append(control.name)
    return missing


async def test_every_form_refuses_bad_values_all_at_once_and_cuts_nothing(node) -> None:  # type: ignore[no-untyped-def]
    settings, application = node
    problems: list[str] = []
    walked = 0
    for who in ROLES:
        http = await _visitor(application, settings, who)
        for page, form in await _forms_of(http):
            walked += 1
            where = f"{who or 'anonymous'} {form.action} (from {page})"
            texts = form.texts
            unlimited = [c.name for c in texts if c.maxlength is None and c.type != "search"]
            if unlimited:
                problems.append(f"{where}: no maxlength on {unlimited}")
            limited = [c for c in texts if c.maxlength is not None]

            before = _fingerprint(settings)
            response = await _submit(
                http,
                page,
                form,
                {c.name: "w" * (c.maxlength + 1) for c in limited},  # type: ignore[operator]
            )
            if response.status_code != 400:
                problems.append(f"{where}: over-long values answered {response.status_code}")
            elif missing := _errors_shown(response, limited):
                problems.append(f"{where}: over-long without a message for {missing}")
            if changed := _changed(before, _fingerprint(settings)):
                problems.append(f"{where}: over-long values stored something in {changed}")

            required = [c for c in texts if c.required]
            if required:
                before = _fingerprint(settings)
                response = await _submit(http, page, form, {c.name: "" for c in texts})
                if response.status_code != 400:
                    problems.append(f"{where}: empty values answered {response.status_code}")
                elif missing := _errors_shown(response, required):
                    problems.append(f"{where}: empty without a message for {missing}")
                if changed := _changed(before, _fingerprint(settings)):
                    problems.append(f"{where}: empty values stored something in {changed}")

            markers = {c.name: _marker(c.maxlength) for c in limited}  # type: ignore[arg-type]
            response = await _submit(http, page, form, markers)
            if response.status_code >= 500:
                problems.append(f"{where}: values at their limit answered {response.status_code}")
            cuts = _truncations(settings, list(markers.values()))
            problems.extend(f"{where}: {cut}" for cut in cuts)
        await http.aclose()
    assert walked > 20, f"only {walked} forms found"
    assert not problems, "\n".join(problems)

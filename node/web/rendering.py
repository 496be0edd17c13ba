"""Rendering pages: one Jinja environment, one place that fills what every page needs.

Templates are compiled once per language: each `_("constant text")` in a template becomes
its translation at compile time, so rendering a page looks nothing up. Looking up and
formatting through Jinja's gettext wrappers at render time was a fifth of rendering a list.
"""

from __future__ import annotations

import weakref
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2 import nodes
from jinja2.visitor import NodeTransformer
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from node.community.errors import DomainError
from node.community.fields import field
from node.web import i18n, labels
from node.web.forms import form_errors
from node.web.security import csrf_token, current_member

_FLASH = "flash"
DISMISSED_COOKIE = "verborgen"  # urgent announcements a visitor hid from the banner


_GETTEXT = ("_", "gettext")


class _InlineTranslations(NodeTransformer):
    """`_("text", name=value)` becomes `Markup("tekst") % {"name": value}`: what Jinja's
    newstyle gettext does at render time, done once. Anything else stays a call."""

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        node = self.generic_visit(node)
        if not (
            isinstance(node.node, nodes.Name)
            and node.node.name in _GETTEXT
            and len(node.args) == 1
            and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str)
            and node.dyn_args is None
            and node.dyn_kwargs is None
        ):
            return node
        text = i18n.gettext(node.args[0].value)
        if node.kwargs:
            pairs = [nodes.Pair(nodes.Const(k.key), k.value, lineno=k.lineno) for k in node.kwargs]
            translated = nodes.MarkSafeIfAutoescape(nodes.Const(text), lineno=node.lineno)
            return nodes.Mod(translated, nodes.Dict(pairs), lineno=node.lineno)
        try:
            text = text % {}  # as gettext formats even without variables ("%%" is "%")
        except (KeyError, ValueError, TypeError):
            return node  # a broken text: let rendering raise, as it would without this
        return nodes.MarkSafeIfAutoescape(nodes.Const(text), lineno=node.lineno)


class _Environment(jinja2.Environment):
    """Keeps one compiled copy of each template per language (see the module docstring)."""

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        return _InlineTranslations().visit(tree)  # type: ignore[no-any-return]

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        assert self.loader is not None and self.cache is not None
        key = (weakref.ref(self.loader), name, i18n.current_language())
        template = self.cache.get(key)
        if template is None:
            template = self.loader.load(self, name, self.make_globals(globals))
            self.cache[key] = template
        elif globals:
            template.globals.update(globals)
        return template  # type: ignore[no-any-return]


def _environment() -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("node.web") / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # packaged templates change only with a new release
        cache_size=2 * 400,  # every template, in each language
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message, **params: i18n.gettext(message, **params),
        lambda singular, plural, n, **params: i18n.ngettext(singular, plural, n, **params),
        newstyle=True,
    )
    return env


environment = _environment()
environment.globals.update(
    kind_label=labels.kind_label,
    kind_intro=labels.kind_intro,
    role_label=labels.role_label,
    status_label=labels.status_label,
    field=field,  # a form field's limits: {% import "_fields.html" as f with context %}
)


def flash(request: Request, message: str, kind: str = "success") -> None:
    """A message shown once on the next page (after a redirect)."""
    request.session.setdefault(_FLASH, []).append({"message": message, "kind": kind})


def error_text(error: DomainError) -> str:
    """Every problem of a refused request as one text (a form lists them with form_errors)."""
    return str(form_errors(error))


class _LazyToken:
    """The CSRF token, made only when a page really renders a form: a visitor who reads
    without logging in gets no session cookie at all (and the page stays cacheable)."""

    def __init__(self, request: Request) -> None:
        self._request = request

    def __str__(self) -> str:
        return csrf_token(self._request)

    def __html__(self) -> str:
        return str(self)


def _page_path(request: Request) -> str:
    """The page the visitor is on. A form re-shown after a POST lives at the POST's URL,
    which a GET (the language switch, say) cannot open: use the page the form came from."""
    if request.method in ("GET", "HEAD"):
        return request.url.path
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        return referer.path
    return "/"


async def page_context(request: Request) -> dict[str, Any]:
    hood = request.app.state.hood
    settings = request.app.state.settings
    # The outermost error handler runs outside the session middleware: no session there.
    has_session = "session" in request.scope
    member = await current_member(request) if has_session else None
    urgent = await _urgent_announcements(hood)
    path, hidden = _page_path(request), dismissed_ids(request)
    return {
        "request": request,
        "member": member,
        "unread_notices": await hood.notifications.unread_count(member) if member else 0,
        "node": hood.identity,
        "node_host": settings.host,
        "node_handle": f"@{settings.handle}@{settings.host}",  # how the fediverse finds us
        "lang": i18n.current_language(),
        "csrf_token": _LazyToken(request) if has_session else "",
        "flashes": request.session.pop(_FLASH, []) if has_session else [],
        "path": path,
        "sections": request.app.state.sections,  # the menu, from node/web/routes.py
        # The banner leaves out what the visitor hid; the home page shows all in full.
        "urgent_announcements": urgent,
        "urgent_banner": [
            a for a in urgent if a.id not in hidden and path != f"/mededelingen/{a.id}"
        ],
        # The ActivityPub object this page shows (node/federation/negotiation.py), linked
        # as alternate; a page showing another node's object gives its id instead.
        "activitypub_id": getattr(request.state, "activitypub_id", None),
    }


async def _urgent_announcements(hood: Any) -> list[Any]:
    """Urgent news shown on top of every page; an error page must render even when the
    database does not answer, so a failure here shows no banner instead of a second error."""
    try:
        return await hood.announcements.urgent_now()  # type: ignore[no-any-return]
    except Exception:
        return []


def dismissed_ids(request: Request) -> list[int]:
    """The urgent announcements this visitor hid from the banner (a cookie of ids)."""
    raw = request.cookies.get(DISMISSED_COOKIE, "")
    return [int(part) for part in raw.split(".") if part.isdigit() and len(part) < 12]


def local_target(target: str | None, default: str = "/") -> str:
    """Where a link may send the visitor back to: a path on this node, never elsewhere."""
    if not target or urlsplit(target).netloc or not target.startswith("/"):
        return default
    return default if target.startswith("//") or "\\" in target else target


async def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    full = await page_context(request)
    full.update(context or {})
    if status_code != 200:  # a 404 for /initiatieven/999 links no object
        full["activitypub_id"] = None
    html = environment.get_template(name).render(full)
    return HTMLResponse(html, status_code=status_code)


def redirect(url: str) -> RedirectResponse:
    """After a successful POST: see the result with GET (post/redirect/get)."""
    return RedirectResponse(url, status_code=303)

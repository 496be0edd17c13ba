"""Residents write markdown; pages show sanitised HTML. Remote HTML is sanitised the same way.

markdown-it-py renders CommonMark (raw HTML disabled); nh3 (ammonia) then keeps only an
allowlist of tags and attributes, so a script tag can never reach a page.
"""

from __future__ import annotations

import re
from html import unescape

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "h3",
    "h4",
    "hr",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def sanitise_html(html: str) -> str:
    """Keep only safe tags; links get rel="nofollow noopener noreferrer ugc"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )


def markdown_to_html(source: str) -> str:
    return sanitise_html(_markdown.render(source))


def plain_text(html: str, limit: int | None = None) -> str:
    """Text without tags, whitespace collapsed; shortened (visibly) when over `limit`."""
    text = _SPACE.sub(" ", unescape(_TAGS.sub(" ", html))).strip()
    return text if limit is None else shorten(text, limit)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary and ending in "…" when it was
    longer: for what others wrote (remote titles, previews), never for what a resident
    typed here (node/community/fields.py refuses that instead).

    >>> shorten("Een heel lang verhaal", 12)
    'Een heel…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def shorten_html(html: str, limit: int) -> str:
    """Sanitised HTML of at most `limit` characters; when cut, it ends in a visible "…"
    paragraph (the original stays at its source, which the page links to). Room is left
    for the tags that sanitising closes again."""
    if len(html) <= limit:
        return html
    cut = html[: limit - 200]
    if cut.rfind("<") > cut.rfind(">"):  # do not leave half a tag
        cut = cut[: cut.rfind("<")]
    return sanitise_html(cut) + "<p>…</p>"

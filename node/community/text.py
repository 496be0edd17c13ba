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
    """Text without tags, whitespace collapsed; cut at a word boundary when over `limit`."""
    text = _SPACE.sub(" ", unescape(_TAGS.sub(" ", html))).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text

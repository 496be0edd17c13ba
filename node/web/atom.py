"""Atom 1.0 (RFC 4287) documents, built with ElementTree so every text is escaped.

Only the elements a feed reader needs: the feed's id, title, updated, author and links
(self and alternate); each entry's id, title, updated, published, link, a plain-text
summary and sanitised HTML content.

>>> feed = Feed("https://noord.example/feed.atom", "Noord", "https://noord.example/", "nl")
>>> entry = Entry(
...     "https://noord.example/mededelingen/1", "Bankje <nieuw> & mooi",
...     "2026-03-01T10:00:00Z", "2026-03-01T09:00:00Z", "Er staat een bankje.", "<p>Er</p>",
... )
>>> b"Bankje &lt;nieuw&gt; &amp; mooi" in atom_bytes(feed, [entry])
True
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

NAMESPACE = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
# Characters XML 1.0 does not allow at all, not even escaped: resident text may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Feed:
    url: str  # where the feed itself lives: also its id
    title: str
    home: str  # the HTML page the feed belongs to
    language: str
    author: str = ""  # defaults to the title
    subtitle: str = ""


@dataclass(frozen=True)
class Entry:
    url: str  # the entry's page: also its id, stable for as long as the page exists
    title: str
    updated: str  # RFC 3339, e.g. 2026-03-01T10:00:00Z
    published: str
    summary: str  # plain text
    content_html: str  # already sanitised HTML
    author: str = ""
    category: str = ""


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text:
        element.text = _text(text)
    return element


def _author(parent: ET.Element, name: str, uri: str = "") -> None:
    author = _add(parent, "author")
    _add(author, "name", name)
    if uri:
        _add(author, "uri", uri)


def atom_bytes(feed: Feed, entries: list[Entry], *, empty_updated: str = "") -> bytes:
    """The feed document; `updated` is the newest entry's, or `empty_updated` without any."""
    root = ET.Element("feed", {"xmlns": NAMESPACE, "xml:lang": feed.language})
    _add(root, "id", feed.url)
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    _add(root, "updated", max((e.updated for e in entries), default=empty_updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.url)
    _add(root, "link", rel="alternate", type="text/html", href=feed.home)
    _author(root, feed.author or feed.title, feed.home)
    _add(root, "generator", "Buurtnode")
    for item in entries:
        entry = _add(root, "entry")
        _add(entry, "id", item.url)
        _add(entry, "title", item.title, type="text")
        _add(entry, "updated", item.updated)
        _add(entry, "published", item.published)
        _add(entry, "link", rel="alternate", type="text/html", href=item.url)
        if item.author:
            _author(entry, item.author)
        if item.category:
            _add(entry, "category", term=item.category)
        _add(entry, "summary", item.summary, type="text")
        _add(entry, "content", item.content_html, type="html")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))

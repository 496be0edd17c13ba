"""Remote interaction: a visitor types their own fediverse address on one of our pages; we
ask their server (WebFinger, through the node's safe client) where its users confirm a
follow or a reply, and send the visitor there with our object's id filled in.

What a server offers, in the order we try it:

- FEP-3b86 activity intents: `https://w3id.org/fep/3b86/Follow` (for the node) or
  `.../Object` (for an initiative, activity, ...), templates with `{object}` and optionally
  `{on-success}` / `{on-cancel}` (Mastodon 4.6 and later, Pleroma, WordPress' plugin);
- OStatus' `http://ostatus.org/schema/1.0/subscribe` with `{uri}` (Mastodon since 1.x,
  Pleroma, Misskey, GoToSocial), which takes accounts and posts alike.

A server that offers neither gets a clear message, and the page shows what to paste into
their own app's search instead.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from node.community.errors import N_, Invalid
from node.federation.http import FediClient, FetchError

FOLLOW_INTENT = "https://w3id.org/fep/3b86/Follow"
OBJECT_INTENT = "https://w3id.org/fep/3b86/Object"
SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe"
LOOKUP_SECONDS = 8.0  # a visitor waits for this page: never longer
_HANDLE = re.compile(r"([a-z0-9_.+-]{1,64})@((?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}(?::\d{1,5})?)")
_EXPRESSION = re.compile(r"\{([^{}]*)\}")


def parse_handle(text: str) -> tuple[str, str]:
    """`jan@mastodon.social`, `@jan@mastodon.social` or `acct:jan@…` → (name, host).

    >>> parse_handle(" @Jan@Mastodon.Social ")
    ('jan', 'mastodon.social')
    """
    cleaned = text.strip().lower().removeprefix("acct:").removeprefix("@")
    found = _HANDLE.fullmatch(cleaned)
    if found is None:
        raise Invalid(
            N_("Type your own fediverse address as name@server, for example jan@mastodon.social.")
        )
    return found[1], found[2]


def fill(template: str, object_id: str, back: str) -> str:
    """A URI template (RFC 6570, simple expressions) with our values; others left empty.

    >>> fill("https://x.example/share?uri={uri}&next={on-success}", "https://a/b?c", "https://a/")
    'https://x.example/share?uri=https%3A%2F%2Fa%2Fb%3Fc&next=https%3A%2F%2Fa%2F'
    """
    values = {"uri": object_id, "object": object_id, "on-success": back, "on-cancel": back}
    return _EXPRESSION.sub(lambda m: quote(values.get(m[1], ""), safe=""), template)


def _templates(jrd: Any) -> dict[str, str]:
    links = jrd.get("links") if isinstance(jrd, dict) else None
    found: dict[str, str] = {}
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict) and isinstance(link.get("template"), str):
            found.setdefault(str(link.get("rel", "")), link["template"])
    return found


async def interaction_url(
    client: FediClient, handle: str, object_id: str, *, follow: bool, back: str
) -> str:
    """Where on the visitor's own server they confirm following or answering `object_id`."""
    name, host = parse_handle(handle)
    scheme = "http" if client.dev else "https"
    query = urlencode({"resource": f"acct:{name}@{host}"})
    try:
        jrd = await asyncio.wait_for(
            client.get_json(
                f"{scheme}://{host}/.well-known/webfinger?{query}",
                accept="application/jrd+json, application/json",
                signed=False,
            ),
            LOOKUP_SECONDS,
        )
    except (FetchError, TimeoutError):
        raise Invalid(
            N_(
                "%(host)s does not know %(name)s@%(host)s, or did not answer. Check your "
                "address and try again."
            ),
            name=name,
            host=host,
        ) from None
    templates = _templates(jrd)
    wanted = (FOLLOW_INTENT, SUBSCRIBE) if follow else (OBJECT_INTENT, SUBSCRIBE)
    for rel in wanted:
        target = fill(templates[rel], object_id, back) if rel in templates else ""
        if urlsplit(target).scheme in ("http", "https") and urlsplit(target).netloc:
            return target
    raise Invalid(N_("Your server %(host)s does not say where to confirm this."), host=host)

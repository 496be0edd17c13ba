"""The documents other servers read about this node: actor, WebFinger JRD, NodeInfo."""

from __future__ import annotations

from html import escape
from typing import Any

from node import __version__
from node.federation.ids import AS_CONTEXT, SECURITY_CONTEXT, Ids

NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1"


def node_terms(ids: Ids) -> dict[str, Any]:
    """Terms on our actor and on the municipality's official responses; also served at /ns."""
    return {
        "buurtnode": f"{ids.context}#",
        "nodeKind": "buurtnode:nodeKind",
        "official": "buurtnode:official",
        "ledger": {"@id": "buurtnode:ledger", "@type": "@id"},
        "ledgerEntry": "buurtnode:ledgerEntry",  # a Note announcing a new booking: its number
    }


def group_actor(
    ids: Ids,
    *,
    handle: str,
    name: str,
    summary: str,
    public_key_pem: str,
    manual_approval: bool,
    kind: str = "wijk",
) -> dict[str, Any]:
    """The node's Group actor, with what Mastodon requires (see INTEROP.md), and in our own
    context which kind of node it is (`nodeKind`: wijk, kern or gemeente)."""
    return {
        "@context": [
            AS_CONTEXT,
            SECURITY_CONTEXT,
            {
                "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
                "toot": "http://joinmastodon.org/ns#",
                "discoverable": "toot:discoverable",
                **node_terms(ids),
            },
        ],
        "id": ids.actor,
        "type": "Group",
        "preferredUsername": handle,
        "name": name,
        "summary": summary,
        "url": ids.home,
        "inbox": ids.inbox,
        "outbox": ids.outbox,
        "followers": ids.followers,
        "following": ids.following,
        "endpoints": {"sharedInbox": ids.inbox},
        "publicKey": {"id": ids.key, "owner": ids.actor, "publicKeyPem": public_key_pem},
        "manuallyApprovesFollowers": manual_approval,
        "discoverable": True,
        "nodeKind": kind,
        "ledger": f"{ids.url}/wijkboekhouding.json",  # the books (docs/budget.md)
    }


def person_actor(
    ids: Ids, *, username: str, name: str, about: str, published: str
) -> dict[str, Any]:
    """A member with a public profile, so the fediverse can find them. Their posts come from
    the node's Group (federation/posts/translate.py): this actor sends nothing, and a Follow
    of it is not answered (docs/FEDERATION.md), so it says it approves followers by hand."""
    return {
        "@context": [
            AS_CONTEXT,
            {
                "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
                "toot": "http://joinmastodon.org/ns#",
                "discoverable": "toot:discoverable",
                "indexable": "toot:indexable",
            },
        ],
        "id": ids.member(username),
        "type": "Person",
        "preferredUsername": username,
        "name": name,
        "summary": f"<p>{escape(about)}</p>" if about else "",
        "url": ids.member_page(username),
        "inbox": ids.inbox,
        "endpoints": {"sharedInbox": ids.inbox},
        "published": published,
        "manuallyApprovesFollowers": True,
        "discoverable": False,  # findable by name, not suggested to strangers
        "indexable": False,
    }


def webfinger(subject: str, actor: str, page: str) -> dict[str, Any]:
    """The JRD of one of our actors: the node's Group or a member's Person."""
    return {
        "subject": subject,
        "aliases": [actor, page],
        "links": [
            {"rel": "self", "type": "application/activity+json", "href": actor},
            {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": page},
        ],
    }


def nodeinfo_links(url: str) -> dict[str, Any]:
    return {"links": [{"rel": NODEINFO_SCHEMA, "href": f"{url}/nodeinfo/2.1"}]}


def nodeinfo(
    *, name: str, kind: str, description: str, users: int, open_registrations: bool
) -> dict[str, Any]:
    return {
        "version": "2.1",
        "software": {"name": "buurtnode", "version": __version__},
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": []},
        "openRegistrations": open_registrations,
        # Logins are not recorded (privacy), so every active member counts as active.
        "usage": {"users": {"total": users, "activeMonth": users, "activeHalfyear": users}},
        "metadata": {"nodeName": name, "nodeDescription": description, "kind": kind},
    }


def host_meta(url: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n'
        f'  <Link rel="lrdd" template="{url}/.well-known/webfinger?resource={{uri}}"/>\n'
        "</XRD>\n"
    )


def ordered_collection(
    collection_id: str, total: int, *, first: str | None = None
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": AS_CONTEXT,
        "id": collection_id,
        "type": "OrderedCollection",
        "totalItems": total,
    }
    if first:
        document["first"] = first
    return document


def collection_page(
    page_id: str, part_of: str, items: list[Any], next_page: str | None
) -> dict[str, Any]:
    page: dict[str, Any] = {
        "@context": AS_CONTEXT,
        "id": page_id,
        "type": "OrderedCollectionPage",
        "partOf": part_of,
        "orderedItems": items,
    }
    if next_page:
        page["next"] = next_page
    return page

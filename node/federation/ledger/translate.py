"""Domain → ActivityStreams for the wijkboekhouding: each new entry announced as a Note.

Followers (the municipality first of all) hear of every euro in or out as it is booked;
the signed chain itself stays at /wijkboekhouding.json, where they verify it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from node.community.ledger.model import EntryKind, LedgerEntry
from node.federation.documents import node_terms
from node.federation.ids import AS_CONTEXT, PUBLIC, Ids

Object = dict[str, Any]

# Federated text is Dutch: the federation layer does not use the web layer's catalogs.
KIND_WORDS = {
    EntryKind.INCOME: "Inkomsten",
    EntryKind.ALLOCATION: "Toegekend",
    EntryKind.EXPENSE: "Uitgave",
    EntryKind.CORRECTION: "Correctie",
}


def euros(cents: int) -> str:
    """Dutch money: 125000 → '€ 1.250,00' (a minus sign before the euro sign)."""
    whole, rest = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", ".") + f",{rest:02d}"
    return f"{'-' if cents < 0 else ''}€ {text}"


def ledger_note(ids: Ids, entry: LedgerEntry) -> Object:
    line = f"{KIND_WORDS[entry.kind]}: {entry.description}, {euros(entry.amount)}"
    books = f"{ids.url}/wijkboekhouding"
    content = (
        f"<p>Nieuwe boeking in de wijkboekhouding (nr. {entry.number}, {entry.occurred_on}):"
        f" {escape(line)}.</p>"
        f'<p>Alle boekingen, ondertekend en controleerbaar: <a href="{books}">{books}</a></p>'
    )
    return {
        # `ledgerEntry` (our context): followers group a day's bookings into one item.
        "@context": [AS_CONTEXT, node_terms(ids)],
        "id": ids.object("ledger_entry", entry.number),
        "type": "Note",
        "ledgerEntry": entry.number,
        "attributedTo": ids.actor,
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": f"{books}/{entry.number}",
        "published": entry.recorded_at,
        "to": [PUBLIC],
        "cc": [ids.followers],
    }

"""What a notification says in a mail: the notification centre's own sentence and link
(node/web/pages/accounts/format.py), so the page and the mail never disagree."""

from __future__ import annotations

from typing import Any

from node.community.accounts.notifications import Notice
from node.web.pages.accounts.format import notice_link, notice_text


def describe(row: dict[str, Any]) -> tuple[str, dict[str, object], str]:
    """(text, params, link path) for a notification row; the text is already translated
    into the language that is current while composing, so params stay empty."""
    notice = Notice.from_row(row)
    return notice_text(notice), {}, notice_link(notice) or "/meldingen"

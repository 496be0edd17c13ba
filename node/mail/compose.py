"""A queued mail becomes an e-mail message: composed in the recipient's language, a
plain-text part and an HTML part (no images, no tracking pixels), and for everything but
account mails a one-click unsubscribe (RFC 8058) with a token signed per member and kind."""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from node.community.accounts.addresses import Addresses
from node.community.accounts.mailbox import DIGEST
from node.config import MailSettings
from node.mail.notices import describe
from node.storage import Row
from node.web import i18n
from node.web.pages.accounts.reset import RESET_PATH
from node.web.rendering import environment
from node.web.timestamps import HELPERS as TIME_HELPERS
from node.web.timestamps import local_date

_ = i18n.gettext
ACCOUNT_KINDS = ("verify", "reset", "test")  # asked for by the reader right now: no unsubscribe


class Composer:
    def __init__(
        self, settings: MailSettings, base_url: str, node_name: str, addresses: Addresses
    ) -> None:
        self.settings = settings
        self.base_url = base_url.rstrip("/")
        self.node_name = node_name
        self.addresses = addresses

    def compose(self, row: Row) -> EmailMessage:
        i18n.set_language(row["language"])
        params: dict[str, Any] = json.loads(row["params"])
        unsubscribe = ""
        if row["kind"] not in ACCOUNT_KINDS and row["member_id"] is not None:
            token = self.addresses.unsubscribe_token(row["member_id"], row["kind"])
            unsubscribe = f"{self.base_url}/afmelden/{token}"
        subject, text, html = self._content(row["kind"], params, unsubscribe)
        message = EmailMessage()
        message["From"] = f"{self.node_name} <{self.settings.from_address}>"
        message["To"] = row["address"]
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.settings.from_address.split("@")[-1])
        message["Content-Language"] = row["language"]
        if self.settings.reply_to:
            message["Reply-To"] = self.settings.reply_to
        if unsubscribe:
            message["List-Unsubscribe"] = f"<{unsubscribe}>"
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            message["Auto-Submitted"] = "auto-generated"
        message.set_content(text)
        message.add_alternative(html, subtype="html")
        return message

    def _content(self, kind: str, params: dict[str, Any], unsubscribe: str) -> tuple[str, str, str]:
        if kind == DIGEST:
            return self._digest(params, unsubscribe)
        link = ""
        if kind == "verify":
            subject = _("Confirm your e-mail address")
            lines = [
                _("Follow this link to receive mail from %(node)s:", node=self.node_name),
                _("If you did not ask for this, ignore this mail; nothing more will come."),
            ]
            link = f"{self.base_url}/account/e-mail/bevestigen?token={params['token']}"
        elif kind == "reset":
            subject = _("Choose a new password")
            lines = [
                _("Someone asked to reset your password at %(node)s.", node=self.node_name),
                _("The link below works once, for an hour. Not you? Then ignore this mail."),
            ]
            link = f"{self.base_url}{RESET_PATH}/{params['token']}"
        elif kind == "test":
            subject = _("Test message from %(node)s", node=self.node_name)
            lines = [_("The mail settings of this node work.")]
        else:  # a notification
            subject, _values, path = describe(params)  # already in the member's language
            lines = [subject]
            link = f"{self.base_url}{path}"
        text = "\n\n".join([*lines, link] if link else lines)
        text += "\n\n-- \n" + self._footer_text(unsubscribe)
        html = environment.get_template("mail/message.html").render(
            subject=subject, lines=lines, link=link, node_name=self.node_name,
            unsubscribe=unsubscribe, base_url=self.base_url,
        )  # fmt: skip
        return subject, text, html

    def _digest(self, params: dict[str, Any], unsubscribe: str) -> tuple[str, str, str]:
        hood = params["hood"]
        waiting = [
            {**row, "text": describe(row)[0], "link": describe(row)[2]}
            for row in params.get("waiting", [])
        ]
        subject = _("%(node)s this week (%(date)s)", node=self.node_name, date=local_date_of(hood))
        context = {
            **TIME_HELPERS,
            "subject": subject,
            "digest": hood,
            "waiting": waiting,
            "node_name": self.node_name,
            "base_url": self.base_url,
            "unsubscribe": unsubscribe,
        }
        text = environment.get_template("mail/digest.txt").render(context)
        html = environment.get_template("mail/digest.html").render(context)
        return subject, text + "\n-- \n" + self._footer_text(unsubscribe), html

    def _footer_text(self, unsubscribe: str) -> str:
        if not unsubscribe:
            return f"{self.node_name} · {self.base_url}"
        return _(
            "You get this mail because of your choices at %(url)s/account. "
            "No more of this kind of mail: %(unsubscribe)s",
            url=self.base_url,
            unsubscribe=unsubscribe,
        )


def local_date_of(hood: dict[str, Any]) -> str:
    return local_date(f"{hood['week_of']}T12:00:00Z")

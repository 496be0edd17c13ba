"""Notifications (rows the database triggers write) become mails for members who chose
"immediately" for that kind. It reads on from the last row it handled (kept in
node_settings), so a restart mails nothing twice and skips nothing; a new node starts at
the current end rather than mailing old history."""

from __future__ import annotations

from node.community.accounts.addresses import Addresses
from node.community.accounts.mailbox import Mailbox
from node.storage import Database
from node.storage.accounts import members as settings_store
from node.storage.mail import notifications as store

CURSOR = "mail.notified_up_to"


class Notifier:
    def __init__(self, db: Database, addresses: Addresses, mailbox: Mailbox) -> None:
        self.db = db
        self.addresses = addresses
        self.mailbox = mailbox

    async def step(self) -> int:
        cursor = await settings_store.get_setting(self.db, CURSOR)
        if cursor is None:
            last = await store.last_notification_id(self.db)
            async with self.db.transaction() as tx:
                await settings_store.put_setting(tx, CURSOR, str(last))
            return 0
        rows = await store.notifications_after(self.db, int(cursor))
        if not rows:
            return 0
        mails = []
        for row in rows:
            to = await self.addresses.recipient(row["member_id"], row["kind"], "immediately")
            if to is not None:
                mails.append((to, dict(row)))
        async with self.db.transaction() as tx:
            for to, params in mails:
                await self.mailbox.queue(
                    tx, to.member_id, to.address, params["kind"], params, to.language
                )
            await settings_store.put_setting(tx, CURSOR, str(rows[-1]["id"]))
        return len(rows)

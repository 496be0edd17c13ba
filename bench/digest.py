"""The weekly digest for 5,000 members: built and queued, then every message composed (text
and HTML in the member's language, as the sender does before SMTP). Target: under a minute
on one core. Usage: python bench/digest.py [MEMBERS]

Members and addresses are written straight into a fresh node's SQLite file (hashing 5,000
passwords would measure argon2, not the digest); the digest itself goes through the domain.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from node.app import init_node
from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.community.signing import derive_secret
from node.config import MailSettings, load
from node.mail.compose import Composer
from node.storage import Database
from node.storage.mail import outbox


def seed(path: Path, members: int) -> None:
    conn = sqlite3.connect(path)
    now = "2026-03-01T09:00:00Z"
    conn.executemany(
        "INSERT INTO members (id, username, display_name, password_hash, role, created_at)"
        " VALUES (?, ?, ?, 'x', 'resident', ?)",
        [(n, f"buur{n}", f"Buur {n}", now) for n in range(1, members + 1)],
    )
    conn.executemany(
        "INSERT INTO mail_addresses (member_id, address, language, verified_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [(n, f"buur{n}@noord.example", "en" if n % 5 == 0 else "nl", now, now)
         for n in range(1, members + 1)],
    )  # fmt: skip
    conn.commit()
    conn.close()


async def run(folder: Path, members: int) -> None:
    settings = load(folder)
    db = Database(settings.database_path)
    await db.open()
    hood = Neighbourhood(db, system_clock, NodeIdentity(settings.name, settings.kind, settings.url))
    hood.addresses.configure(derive_secret(settings.session_secret(), "mail"))
    started = time.process_time()
    queued = await hood.digests.queue()
    built = time.process_time() - started
    mail = MailSettings(host="127.0.0.1", from_address="buurt@noord.example")
    composer = Composer(mail, settings.url, settings.name, hood.addresses)
    rows = await outbox.due_mail(db, "9999", members + 10)
    started = time.process_time()
    size = sum(len(composer.compose(row).as_bytes()) for row in rows)
    composed = time.process_time() - started
    await db.close()
    print(f"digest for {queued} members: built and queued in {built:.1f} s CPU")
    print(f"composed {len(rows)} messages (text + HTML) in {composed:.1f} s CPU, "
          f"{size / len(rows) / 1000:.1f} kB each")  # fmt: skip
    total = built + composed
    print(f"total {total:.1f} s on one core (target under 60 s): {'ok' if total < 60 else 'SLOW'}")


def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "node"
        init_node(folder, url="http://127.0.0.1:8000", name="Beekveld-Noord", kind="wijk", dev=True)
        seed(folder / "buurtnode.sqlite3", members)
        asyncio.run(run(folder, members))


if __name__ == "__main__":
    main()

"""Real clients against a real node process: Mastodon.py 2.3.3 and the toot 0.52.1 CLI.

The test logs in as a resident would: through the node's own HTML login form and consent
page (with httpx), taking the code the page shows (urn:ietf:wg:oauth:2.0:oob).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mastodon import Mastodon

from node.app import init_node
from node.community.accounts.members import Members
from node.community.clock import system_clock
from node.community.network.nearby import Nearby, RemoteObject
from node.config import DATABASE_FILE
from node.storage import Database
from tests.conftest import PASSWORD, RunningNode, free_port, start_node
from tests.web.mastodon.helpers import browser_login

ZUID = "https://zuid.example.nl"  # a node this one follows


async def _add_members(data: Path, *usernames: str) -> None:
    """The residents, and an initiative of a followed node (as federation keeps it)."""
    db = Database(data / DATABASE_FILE)
    await db.open()
    try:
        for username in usernames:
            await Members(db, system_clock).add(username, PASSWORD, "resident")
        await Nearby(db, system_clock).store(
            RemoteObject(
                ap_id=f"{ZUID}/ap/objects/initiative/1",
                type="Page",
                kind="initiative",
                actor_uri=f"{ZUID}/ap/actor",
                origin_uri=f"{ZUID}/ap/actor",
                name="Bankje bij de vijver",
                content_html="<p>Wie helpt zagen?</p>",
                url=f"{ZUID}/initiatieven/1",
                published="2025-01-01T10:00:00Z",
            )
        )
    finally:
        await db.close()


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNode]:
    """One node for the module (starting one is slow); the tests use their own residents."""
    port = free_port()
    data = tmp_path_factory.mktemp("clients") / "node"
    init_node(data, url=f"http://127.0.0.1:{port}", name="Oosterbroek", kind="kern", dev=True)
    asyncio.run(_add_members(data, "anna", "bert", "carla"))
    running = start_node(data, port)
    yield running
    running.stop()


def _mastodon_py(url: str, username: str) -> Mastodon:
    client_id, secret = Mastodon.create_app("Buurtnode test", api_base_url=url)
    api = Mastodon(client_id=client_id, client_secret=secret, api_base_url=url)
    code = browser_login(api.auth_request_url(allow_http=True), username)
    api.log_in(code=code, allow_http=True)
    return api


def test_mastodon_py_logs_in_posts_replies_favourites_and_pages(node: RunningNode) -> None:
    """Given two residents with Mastodon.py, when Anna posts and Bert replies and favourites,
    then both see it in their timelines (with a followed node's initiative), page with
    fetch_next, and Anna is notified."""
    anna = _mastodon_py(node.url, "anna")
    bert = _mastodon_py(node.url, "bert")
    me = anna.account_verify_credentials()
    assert me.acct == "anna" and me.source.privacy == "public"

    first = anna.status_post("Wie heeft er een ladder te leen? #klussen")
    answer = bert.status_post("Ik, kom maar langs.", in_reply_to_id=first.id)
    assert answer.in_reply_to_id == first.id
    assert bert.status_favourite(first).favourited is True
    for number in range(4):
        anna.status_post(f"Bericht {number}", visibility="unlisted")

    home = anna.timeline_home(limit=2)
    assert len(home) == 2
    seen = [s.id for s in home]
    page = home
    while (page := anna.fetch_next(page)) is not None and page:
        seen.extend(s.id for s in page)
    assert len(seen) == 7 and seen == sorted(seen, reverse=True)
    theirs = anna.status(seen[-1])  # the followed node's initiative, kept before the posts
    assert theirs.account.group is True and theirs.card.url == f"{ZUID}/initiatieven/1"
    assert [s.id for s in anna.timeline_local()] == [answer.id, first.id]
    assert [s.id for s in anna.timeline_public(limit=1)] == [answer.id]
    assert [s.id for s in bert.timeline_hashtag("klussen")] == [first.id]

    context = anna.status_context(first)
    assert [s.id for s in context.descendants] == [answer.id]
    kinds = sorted(n.type for n in anna.notifications())
    assert kinds == ["favourite", "mention"]
    assert anna.status(first.id).favourites_count == 1
    anna.status_delete(first)
    assert anna.search_v2("ladder").statuses == []
    anna.revoke_access_token(allow_http=True)


def _toot(config: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "toot"), *args],
        input=stdin,
        text=True,
        capture_output=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(config), "NO_COLOR": "1", "TERM": "dumb"},
        timeout=60,
    )


def test_toot_logs_in_through_the_browser_flow_posts_and_reads(
    node: RunningNode, tmp_path: Path
) -> None:
    """toot's own `login` (register, open the login link, paste the code) driven through its
    prompts; then `toot post` (JSON) and `toot timeline` (Link paging)."""
    config = tmp_path / "config"
    toot = subprocess.Popen(
        [str(Path(sys.executable).parent / "toot"), "login", "--instance", node.url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(config), "NO_COLOR": "1"},
    )
    assert toot.stdin is not None and toot.stdout is not None
    login_url = ""
    for line in toot.stdout:
        if line.startswith(node.url + "/oauth/authorize/"):
            login_url = line.strip()
            break
    assert login_url, "toot printed no login link"
    code = browser_login(login_url, "carla")
    out, _ = toot.communicate(f"n\n{code}\n", timeout=60)
    assert toot.returncode == 0, out
    assert "Successfully logged in" in out

    posted = _toot(config, "post", "Groeten van toot #prikbord")
    assert posted.returncode == 0, posted.stdout + posted.stderr
    assert "Toot posted" in posted.stdout
    whoami = _toot(config, "whoami")
    assert whoami.returncode == 0 and "@carla" in whoami.stdout, whoami.stdout + whoami.stderr
    shown = _toot(config, "timeline", "--once", "--count", "5")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "Groeten van toot" in shown.stdout
    tagged = _toot(config, "timeline", "--tag", "prikbord", "--once")
    assert "Groeten van toot" in tagged.stdout, tagged.stdout + tagged.stderr

"""The upgrade drill: a node made and filled by the previous schema's code (the first
commit whose migrations are today's minus the newest, unpacked with `git archive`) is
stopped and served by this code on the same data folder: it migrates and still shows its
initiative. The rollback: the old version's own backup, taken before the upgrade, restored
and served by the old version again."""

from __future__ import annotations

import asyncio
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import PASSWORD, RunningNode, free_port, start_node
from tests.federation.real_nodes import TIMEOUT, logged_in, query, submit

pytestmark = pytest.mark.deploy

REPO = Path(__file__).parents[2]
MIGRATIONS = "node/storage/migrations"
TITLE = "Bankjes langs de Beek"


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def migrations_at(commit: str) -> set[tuple[str, str]]:
    """Each migration as (file name, content id): an edited migration is another one."""
    listing = git("ls-tree", f"{commit}:{MIGRATIONS}").splitlines()
    found = (line.split("\t") for line in listing)
    return {(name, meta.split()[2]) for meta, name in found if name.endswith(".sql")}


def previous_schema_commit() -> str:
    """The newest older schema an installed node can have: the last commit whose migrations
    are all among today's, unchanged, and fewer (a migration edited before it ever landed
    in a release is not such a schema); without one (a single schema so far), the oldest
    commit with today's migrations."""
    if not shutil.which("git") or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the drill needs the repository's history")
    if git("rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.skip("a shallow clone lacks the older versions: clone with full history")
    current = migrations_at("HEAD")
    commits = git("log", "--format=%H", "HEAD", "--", MIGRATIONS).split()  # newest first
    for commit in commits:
        if migrations_at(commit) < current:
            return commit
    for commit in reversed(commits):
        if migrations_at(commit) == current:
            return commit
    pytest.skip("no commit in the history holds the current migrations")


def unpack(commit: str, folder: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "node"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def cli(code: Path, *args: str, stdin: str = "") -> None:
    """`buurtnode ...` from the code in `code` (`python -m` looks in its working folder)."""
    result = subprocess.run(
        [sys.executable, "-m", "node.cli", *args],
        cwd=code,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


async def page_at(node: RunningNode, path: str) -> str:
    async with httpx.AsyncClient(base_url=node.url, timeout=TIMEOUT) as http:
        page = await http.get(path)
    assert page.status_code == 200, page.text
    return page.text


async def fill(node: RunningNode) -> str:
    """As the admin would: log in and start an initiative; its page's path."""
    http = await logged_in(node, "beheer")
    try:
        data = {
            "title": TITLE,
            "summary": "Drie bankjes op het pad langs de Beek.",
            "description": "",
            "area": "",
            "participation_level": "selfmanage",
            "need_0_kind": "volunteers",
            "need_0_text": "Bankjes verven",
            "need_0_amount": "3",
        }
        return await submit(http, "/initiatieven/nieuw", "/initiatieven/nieuw", data)
    finally:
        await http.aclose()


def test_upgrade_migrates_and_a_backup_rolls_back(tmp_path: Path) -> None:
    old = unpack(previous_schema_commit(), tmp_path / "old")
    port = free_port()
    data = tmp_path / "noord"
    url = f"http://127.0.0.1:{port}"
    cli(old, "init", str(data), "--url", url, "--name", "Noord", "--kind", "wijk", "--dev")
    admin = ["user", "add", str(data), "beheer", "--role", "admin", "--password-stdin"]
    cli(old, *admin, stdin=f"{PASSWORD}\n")

    node = start_node(data, port, code=old)
    try:
        path = asyncio.run(fill(node))
        assert TITLE in asyncio.run(page_at(node, path))
    finally:
        node.stop()
    before = query(node, "SELECT count(*) FROM schema_migrations")
    cli(old, "backup", str(data), str(tmp_path / "before-upgrade.backup"))

    upgraded = start_node(data, port)  # this code: migrates on start
    try:
        assert TITLE in asyncio.run(page_at(upgraded, path))
    finally:
        upgraded.stop()
    assert query(upgraded, "SELECT count(*) FROM schema_migrations") > before

    restored = tmp_path / "rolled-back"
    cli(old, "restore", str(tmp_path / "before-upgrade.backup"), str(restored))
    rolled_back = start_node(restored, port, code=old)
    try:
        assert TITLE in asyncio.run(page_at(rolled_back, path))
    finally:
        rolled_back.stop()
    assert query(rolled_back, "SELECT count(*) FROM schema_migrations") == before

"""`buurtnode backup` and `restore`: one file holds the whole node (photos and receipts
included), a restore checks everything before it touches the target, and modes keep
residents' data private."""

from __future__ import annotations

import asyncio
import io
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from node.app import create_app, init_node
from node.community.initiatives.model import InitiativeDraft
from node.community.ledger.model import EntryDraft
from node.community.posts.service import PER_HOUR
from node.config import load
from node.federation.ledger.verify import verify
from node.storage.backup import schema_version
from node.storage.database import migrations
from tests.budget_support import open_round
from tests.conftest import PASSWORD, add_member, free_port, start_node
from tests.federation.real_nodes import submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def run(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "node.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def photo(number: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (number * 5 % 256, 90, 200 - number)).save(out, "PNG")
    return out.getvalue()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def fill(data: Path, photos: int, receipts: int, writers: int) -> None:
    """Through the domain, on the node's own SQLite file and folders: initiatives with a
    photo each, ledger entries with a receipt each, and residents who will write."""
    settings = load(data)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        hood = app.state.hood
        admin = await add_member(hood, "beheer", "admin")
        for number in range(photos):
            draft = InitiativeDraft(f"Plan {number}", f"Samenvatting van plan {number}")
            await hood.initiatives.start(admin, draft, image=photo(number))
        round_id = str(await open_round(hood, admin))
        for number in range(receipts):
            entry = EntryDraft(
                "expense", round_id, "2026-05-02", f"Bon {number}", f"{number + 1}", "business"
            )
            await hood.budget.ledger.record(admin, entry, receipt=PDF + bytes([number]))
        for number in range(writers):
            await add_member(hood, f"schrijver{number}", "resident")


def node(tmp_path: Path, name: str = "n") -> tuple[Path, int]:
    port = free_port()
    data = tmp_path / name
    init_node(data, url=f"http://127.0.0.1:{port}", name="Beekveld-Noord", kind="wijk", dev=True)
    return data, port


async def snapshot_of(url: str, paths: list[str]) -> dict[str, bytes]:
    """What a visitor sees; receipts as a signed-in resident (they are for residents only)."""
    async with (
        httpx.AsyncClient(base_url=url, timeout=30) as visitor,
        httpx.AsyncClient(base_url=url, timeout=30) as resident,
    ):
        await _login(resident, "schrijver0")
        found = {}
        for path in paths:
            http = resident if "/bonnetjes/" in path else visitor
            response = await http.get(path)
            assert response.status_code == 200, path
            found[path] = response.content
        return found


def public_paths(data: Path) -> list[str]:
    conn = sqlite3.connect(data / "buurtnode.sqlite3")
    try:
        initiatives = conn.execute("SELECT id, image_path FROM initiatives").fetchall()
        receipts = conn.execute("SELECT receipt FROM ledger_entries WHERE receipt IS NOT NULL")
        paths = [f"/initiatieven/{i}" for i, _ in initiatives]
        paths += [f"/initiatieven/media/{image}" for _, image in initiatives]
        paths += [f"/wijkboekhouding/bonnetjes/{name}" for (name,) in receipts.fetchall()]
    finally:
        conn.close()
    return [*paths, "/wijkboekhouding", "/wijkboekhouding.json", "/wijkboekhouding.csv"]


def posts_of(data: Path) -> dict[int, str]:
    conn = sqlite3.connect(data / "buurtnode.sqlite3")
    try:
        return dict(conn.execute("SELECT id, body FROM posts").fetchall())
    finally:
        conn.close()


async def write_posts(url: str, writers: int, stop: asyncio.Event, posted: list[int]) -> int:
    """Each writer posts until `stop`, within the hourly limit; `posted` counts as they go."""

    async def writer(number: int) -> int:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            await _login(client, f"schrijver{number}")
            written = 0
            while not stop.is_set() and written < PER_HOUR:  # bounded by the limit itself
                await submit(client, "/prikbord", "/prikbord", {"body": f"{number}-{written}"})
                written += 1
                posted[0] += 1
            return written

    return sum(await asyncio.gather(*(writer(n) for n in range(writers))))


async def _login(client: httpx.AsyncClient, username: str) -> None:
    await submit(client, "/inloggen", "/inloggen", {"username": username, "password": PASSWORD})


async def test_a_backup_taken_while_residents_write_restores_every_page_photo_and_receipt(
    tmp_path: Path,
) -> None:
    """Given a node with 50 photos and 10 receipts, when it is backed up while 20 residents
    post, then the restored node answers every initiative page, photo, receipt and the books
    exactly as the original, its ledger verifies, and it holds a consistent set of posts."""
    data, port = await asyncio.to_thread(node, tmp_path)  # init_node runs its own loop
    await fill(data, photos=50, receipts=10, writers=20)
    paths = public_paths(data)
    original = start_node(data, port)
    try:
        before = await snapshot_of(original.url, paths)
        stop, posted = asyncio.Event(), [0]
        writing = asyncio.create_task(write_posts(original.url, 20, stop, posted))
        for _ in range(600):  # bounded: until the writers are busy
            if posted[0] >= 20 or writing.done():
                break
            await asyncio.sleep(0.05)
        archive = tmp_path / "noord.tar.gz"
        before_backup = posted[0]
        backup = await asyncio.to_thread(run, "backup", str(data), str(archive))
        during_backup = posted[0] - before_backup
        stop.set()
        await writing
        assert backup.returncode == 0, backup.stderr
        assert before_backup >= 20 and during_backup > 0  # it ran while residents wrote
        posts_then = posts_of(data)
    finally:
        original.stop()

    assert mode(archive) == 0o600
    restored = tmp_path / "restored"
    result = run("restore", str(archive), str(restored))
    assert result.returncode == 0, result.stderr
    assert mode(restored) == 0o700
    for name in ("buurtnode.sqlite3", "keys/private.pem", "session.secret", "buurtnode.toml"):
        assert mode(restored / name) == 0o600, name
    kept = posts_of(restored)
    assert kept.items() <= posts_then.items()  # a snapshot: each kept post as written

    again = start_node(restored, port)  # the same URL: the restored node is the same node
    try:
        after = await snapshot_of(again.url, paths)
        verdict = await verify(again.url)
    finally:
        again.stop()
    assert after.keys() == before.keys()
    assert [p for p in paths if after[p] != before[p]] == []
    assert verdict.ok, verdict.message


def test_a_damaged_archive_is_refused_and_the_target_left_untouched(tmp_path: Path) -> None:
    data, _ = node(tmp_path)
    media = data / "media"
    media.mkdir()
    (media / "foto.jpg").write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
    archive = tmp_path / "a.tar.gz"
    assert run("backup", str(data), str(archive)).returncode == 0
    target = tmp_path / "target"
    target.mkdir()
    (target / "keep.txt").write_text("mine")

    # one byte of one file changed, the archive rewritten with the old manifest
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as out:
        for member in source.getmembers():
            content = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "data/media/foto.jpg":
                content = content[:-1] + b"\x00"
            out.addfile(member, io.BytesIO(content))
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as out:
        info = tarfile.TarInfo("readme.txt")
        info.size = 5
        out.addfile(info, io.BytesIO(b"hello"))

    cases = {
        tampered: "media/foto.jpg does not match its checksum",
        truncated: "damaged",
        foreign: "not a Buurtnode backup",
        tmp_path / "missing.tar.gz": "no backup file",
    }
    for bad, reason in cases.items():
        result = run("restore", str(bad), str(target), "--replace")
        assert result.returncode == 1, bad
        [line] = result.stderr.splitlines()
        assert reason in line and "Traceback" not in result.stderr, line
        assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]
        assert [p.name for p in tmp_path.iterdir() if "restoring" in p.name] == []


def test_restore_needs_replace_keeps_the_old_node_aside_and_refuses_a_running_node(
    tmp_path: Path,
) -> None:
    data, port = node(tmp_path)
    archive = tmp_path / "a.tar.gz"
    assert run("backup", str(data), str(archive)).returncode == 0
    other, other_port = node(tmp_path, "other")

    refused = run("restore", str(archive), str(other))
    assert refused.returncode == 1 and "--replace" in refused.stderr
    serving = start_node(other, other_port)
    try:
        busy = run("restore", str(archive), str(other), "--replace")
        assert busy.returncode == 1 and "stop it" in busy.stderr
    finally:
        serving.stop()
    replaced = run("restore", str(archive), str(other), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert load(other).url == f"http://127.0.0.1:{port}"
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("other.before-restore-")]
    assert load(aside).url == f"http://127.0.0.1:{other_port}"


def test_keep_n_keeps_the_newest_archives_of_this_node(tmp_path: Path) -> None:
    data, _ = node(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    unrelated = folder / "notes.tar.gz"
    unrelated.write_bytes(b"not ours")
    made = []
    for _ in range(4):
        result = run("backup", str(data), str(folder), "--keep", "2")
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.split(" written to ")[1].split("\n")[0])
        for path in folder.iterdir():  # distinct modification times, oldest first
            os.utime(path, (path.stat().st_mtime - 10,) * 2)
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([Path(made[-1]).name, Path(made[-2]).name, "notes.tar.gz"])
    assert run("backup", str(data), str(folder), "--keep", "0").returncode == 1


def test_a_full_disk_while_backing_up_leaves_no_partial_archive(tmp_path: Path) -> None:
    """The file-size limit stands in for a full disk: every write past it fails (EFBIG)."""
    data, _ = node(tmp_path)
    (data / "media").mkdir()
    (data / "media" / "groot.jpg").write_bytes(os.urandom(3_000_000))
    target = tmp_path / "b.tar.gz"

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))

    result = run("backup", str(data), str(target), preexec_fn=small_disk)
    assert result.returncode == 1
    assert "could not write the backup" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.glob("b.tar.gz*")) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".buurtnode")] == []


def test_an_archive_of_an_older_schema_restores_and_is_migrated_on_serve(tmp_path: Path) -> None:
    data, port = node(tmp_path)
    database = data / "buurtnode.sqlite3"
    latest = len(migrations())
    database.unlink()  # the database as the previous version left it: one migration less
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"
    )
    for version, name, sql in migrations()[:-1]:
        conn.executescript(sql)
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
    conn.close()
    archive = tmp_path / "old.tar.gz"
    assert run("backup", str(data), str(archive)).returncode == 0

    restored = tmp_path / "restored"
    result = run("restore", str(archive), str(restored))
    assert result.returncode == 0, result.stderr
    assert f"schema {latest - 1}" in result.stdout
    served = start_node(restored, port)
    served.stop()
    assert schema_version(restored / "buurtnode.sqlite3") == latest


def test_a_backup_from_the_previous_release_restores(tmp_path: Path) -> None:
    """Before the archive format, a backup was the database with the node's files in a
    table (node/backup.py at 980c19c)."""
    data, _ = node(tmp_path)
    legacy = tmp_path / "noord.sqlite3"
    source, copy = sqlite3.connect(data / "buurtnode.sqlite3"), sqlite3.connect(legacy)
    source.backup(copy)
    copy.execute(
        "CREATE TABLE buurtnode_backup_files (path TEXT PRIMARY KEY, mode INTEGER, content BLOB)"
    )
    for name in ("buurtnode.toml", "session.secret", "keys/private.pem", "keys/public.pem"):
        copy.execute(
            "INSERT INTO buurtnode_backup_files VALUES (?, ?, ?)",
            (name, 0o600, (data / name).read_bytes()),
        )
    copy.commit()
    copy.close()
    source.close()

    restored = tmp_path / "restored"
    result = run("restore", str(legacy), str(restored))
    assert result.returncode == 0, result.stderr
    for name in ("buurtnode.toml", "keys/private.pem", "session.secret"):
        assert (restored / name).read_bytes() == (data / name).read_bytes()
        assert mode(restored / name) == 0o600
    check = sqlite3.connect(restored / "buurtnode.sqlite3")
    tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    check.close()
    assert "buurtnode_backup_files" not in tables and "members" in tables


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can restore for another user")
def test_restore_as_root_keeps_the_owner_of_the_folder(tmp_path: Path) -> None:
    data, _ = node(tmp_path)
    archive = tmp_path / "a.tar.gz"
    assert run("backup", str(data), str(archive)).returncode == 0
    home = tmp_path / "srv"
    home.mkdir()
    os.chown(home, 4321, 4321)  # the service user's folder
    result = run("restore", str(archive), str(home / "noord"))
    assert result.returncode == 0, result.stderr
    restored = home / "noord"
    owners = {(p.stat().st_uid, p.stat().st_gid) for p in [restored, *restored.rglob("*")]}
    assert owners == {(4321, 4321)}


def test_the_manifest_says_what_the_archive_holds(tmp_path: Path) -> None:
    data, _ = node(tmp_path)
    (data / "receipts").mkdir()
    (data / "receipts" / "bon.pdf").write_bytes(PDF)
    archive = tmp_path / "a.tar.gz"
    assert run("backup", str(data), str(archive)).returncode == 0
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        names = tar.getnames()
    assert manifest["format"] == "buurtnode-backup" and manifest["format_version"] == 1
    assert manifest["node_url"] == load(data).url
    assert manifest["schema_version"] == len(migrations())
    listed = {f["path"]: f for f in manifest["files"]}
    assert {"buurtnode.sqlite3", "buurtnode.toml", "keys/private.pem", "receipts/bon.pdf"} <= (
        listed.keys()
    )
    assert listed["receipts/bon.pdf"]["size"] == len(PDF)
    assert sorted(names) == sorted(["manifest.json", *(f"data/{p}" for p in listed)])

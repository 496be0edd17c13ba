"""`buurtnode backup`: one file that holds the whole node.

A gzip tar archive with a consistent snapshot of the database (SQLite's online backup API,
safe while the node keeps writing), every other file of the data folder (settings, keys,
session secret, media/, receipts/, ...) under `data/`, and last a `manifest.json` with the
format, the node, the schema version and each file's size and SHA-256, which a restore
checks before it writes anything (node/storage/restore.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from node.config import DATABASE_FILE, ConfigError, load
from node.storage.folder import node_files, secure

FORMAT = "buurtnode-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"
SUFFIX = ".tar.gz"


@dataclass(frozen=True)
class Written:
    path: Path
    files: int
    size: int
    removed: list[Path]  # older archives let go by --keep


def schema_version(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0)
    finally:
        conn.close()


def backup(data_dir: Path, target: Path, *, keep: int | None = None) -> Written:
    """Write the archive to `target` (a new file, or a folder to name it in); with `keep`,
    afterwards remove all but the newest `keep` archives of this node beside it."""
    settings = load(data_dir)
    database = data_dir / DATABASE_FILE
    if not database.is_file():
        raise ConfigError(f"{data_dir} holds no node database; is this the right data folder?")
    if keep is not None and keep < 1:
        raise ConfigError("--keep must be 1 or more: the new backup is always kept")
    now = datetime.now(UTC)
    if target.is_dir():
        target = _new_name(target, f"{settings.handle}-{now.strftime('%Y%m%dT%H%M%SZ')}")
    if target.exists():
        raise ConfigError(f"{target} already exists; choose a new file name for the backup")
    if not target.parent.is_dir():
        raise ConfigError(f"the folder {target.parent} does not exist; create it first")
    secure(data_dir)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        files = _write(data_dir, partial, settings.url, settings.name, now)
        partial.rename(target)
    except OSError as error:  # a full disk, a folder we may not write: nothing half-made stays
        partial.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise ConfigError(f"could not write the backup {target}: {reason}") from None
    finally:
        partial.unlink(missing_ok=True)
    removed = _keep_newest(target, settings.handle, keep) if keep else []
    return Written(target, files, target.stat().st_size, removed)


def _new_name(folder: Path, stem: str) -> Path:
    """HANDLE-TIME.tar.gz, or HANDLE-TIME-2.tar.gz when a backup was made this second."""
    for number in range(1, 100):
        path = folder / (stem + (f"-{number}" if number > 1 else "") + SUFFIX)
        if not path.exists():
            return path
    raise ConfigError(f"{folder} already holds 99 backups of this second; try again")


def _write(data_dir: Path, partial: Path, url: str, name: str, now: datetime) -> int:
    # Created 0600 up front: the archive holds the node's private key and residents' data.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with (
        os.fdopen(fd, "wb") as out,
        tempfile.TemporaryDirectory(dir=partial.parent, prefix=".buurtnode-backup-") as tmp,
    ):
        snapshot = Path(tmp) / DATABASE_FILE
        _snapshot(data_dir / DATABASE_FILE, snapshot)
        entries = []
        with tarfile.open(fileobj=out, mode="w:gz") as tar:
            entries.append(_add(tar, snapshot, DATABASE_FILE))
            for relative in node_files(data_dir):
                entries.append(_add(tar, data_dir / relative, relative.as_posix()))
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "node_url": url,
                "node_name": name,
                "schema_version": schema_version(snapshot),
                "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "files": entries,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(now.timestamp())
            tar.addfile(info, io.BytesIO(body))
        out.flush()
        os.fsync(out.fileno())
    return len(entries)


def _snapshot(database: Path, copy: Path) -> None:
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)  # one step: a consistent copy while writers go on
    finally:
        target.close()
        source.close()


class _Hashing:
    """Reads a file for tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.sha256, self.size = handle, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return chunk


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(DATA_PREFIX + name)
        info.size, info.mode, info.mtime = stat.st_size, 0o600, int(stat.st_mtime)
        reader = _Hashing(handle)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"path": name, "size": reader.size, "sha256": reader.sha256.hexdigest()}


def _keep_newest(new: Path, handle: str, keep: int) -> list[Path]:
    """Of this node's archives beside `new` (named HANDLE-....tar.gz, as `backup` names
    them in a folder), keep the newest `keep`; the others are removed."""
    mine = [
        path
        for path in new.parent.glob(f"{handle}-*{SUFFIX}")
        if path.is_file() and not path.name.endswith(".partial")
    ]
    mine.sort(key=lambda path: (path.stat().st_mtime, path.name), reverse=True)
    removed = [path for path in mine[keep:] if path != new]
    for path in removed:
        path.unlink()
    return removed

"""One command, one file: the database (online, safe while the node runs) plus the
node's settings, keys and session secret, so a restore brings back the same node."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from node.config import (
    CONFIG_FILE,
    DATABASE_FILE,
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    SESSION_SECRET_FILE,
    ConfigError,
)

NODE_FILES = (CONFIG_FILE, SESSION_SECRET_FILE, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE)
_FILES_TABLE = "buurtnode_backup_files"


def backup(data_dir: Path, target: Path) -> None:
    database = data_dir / DATABASE_FILE
    if not database.is_file():
        raise ConfigError(f"{data_dir} holds no node database; is this the right data folder?")
    if target.exists():
        raise ConfigError(f"{target} already exists; choose a new file name for the backup")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # Created 0600 up front: the backup holds the node's private key.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    source = sqlite3.connect(database)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute(
            f"CREATE TABLE {_FILES_TABLE} (path TEXT PRIMARY KEY, mode INTEGER, content BLOB)"
        )
        for name in NODE_FILES:
            path = data_dir / name
            if path.is_file():
                copy.execute(
                    f"INSERT INTO {_FILES_TABLE} VALUES (?, ?, ?)",
                    (name, path.stat().st_mode & 0o777, path.read_bytes()),
                )
        copy.commit()
    finally:
        copy.close()
        source.close()
    partial.rename(target)


def restore(source: Path, data_dir: Path, *, replace: bool = False) -> None:
    if not source.is_file():
        raise ConfigError(f"no backup file at {source}")
    try:
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            files = check.execute(f"SELECT path, mode, content FROM {_FILES_TABLE}").fetchall()
        finally:
            check.close()
    except sqlite3.DatabaseError:
        raise ConfigError(f"{source} is not a Buurtnode backup") from None
    if not ok:
        raise ConfigError(f"{source} is damaged (integrity check failed)")
    existing = data_dir / DATABASE_FILE
    if existing.exists() and not replace:
        raise ConfigError(
            f"{data_dir} already holds a node; stop it and add --replace to overwrite it"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    if existing.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        existing.rename(existing.with_name(f"{DATABASE_FILE}.before-restore-{stamp}"))
        for suffix in ("-wal", "-shm"):
            existing.with_name(DATABASE_FILE + suffix).unlink(missing_ok=True)
    target = sqlite3.connect(existing)
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        reader.backup(target)
        target.execute(f"DROP TABLE {_FILES_TABLE}")
        target.commit()
    finally:
        reader.close()
        target.close()
    for name, mode, content in files:
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(content)

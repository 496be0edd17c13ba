"""The data folder: what belongs to a node, the modes that keep residents' data private,
and the lock a serving node holds so that nothing restores over it."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from node.config import DATABASE_FILE, ConfigError

LOCK_FILE = ".serving.lock"
# The live database and SQLite's companions: a backup takes a snapshot instead.
LIVE_DATABASE = {DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm"}
NOT_BACKED_UP = LIVE_DATABASE | {f"{DATABASE_FILE}-journal", LOCK_FILE}


def node_files(data_dir: Path) -> Iterator[Path]:
    """Every file the node keeps (settings, keys, secret, media/, receipts/, ...) except the
    live database, relative to the data folder, in a stable order."""
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        if path.is_file() and not path.is_symlink() and relative.as_posix() not in NOT_BACKED_UP:
            yield relative


def secure(data_dir: Path) -> None:
    """Only the node's own user may read it: the folder and its folders 0700, files 0600."""
    data_dir.chmod(0o700)
    for path in data_dir.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o700 if path.is_dir() else 0o600)


def owner_for(data_dir: Path) -> tuple[int, int]:
    """Who should own a restored folder: the owner of the folder it replaces, or else of
    the folder it goes into (so the service user can read its keys afterwards)."""
    where = data_dir if data_dir.exists() else data_dir.parent
    info = where.stat()
    return info.st_uid, info.st_gid


def chown_tree(root: Path, uid: int, gid: int) -> None:
    os.chown(root, uid, gid)
    for path in root.rglob("*"):
        os.chown(path, uid, gid, follow_symlinks=False)


def hold_serving_lock(data_dir: Path) -> IO[str]:
    """Taken by `buurtnode serve` for as long as it runs; refused when another holds it."""
    handle = (data_dir / LOCK_FILE).open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise ConfigError(f"a node is already serving {data_dir}; stop it first") from None
    return handle


def is_serving(data_dir: Path) -> bool:
    lock = data_dir / LOCK_FILE
    if not lock.exists():
        return False
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False

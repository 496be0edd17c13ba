"""`buurtnode restore`: bring a node back from one backup file, or refuse and touch nothing.

Every file is unpacked into a new folder beside the target and checked against the
manifest (size, SHA-256), the database's integrity and its schema version, before the
target is touched at all. Only then does the new folder take the target's place; with
`--replace`, the old node is kept beside it. An older archive is fine: the next `serve`
migrates it. A backup file from before the archive format (one SQLite file) restores too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from node.config import CONFIG_FILE, DATABASE_FILE, ConfigError
from node.storage.backup import DATA_PREFIX, FORMAT, FORMAT_VERSION, MANIFEST, schema_version
from node.storage.database import migrations
from node.storage.folder import chown_tree, is_serving, owner_for, secure

_CHUNK = 1 << 20
_SQLITE_HEADER = b"SQLite format 3\x00"
_LEGACY_FILES_TABLE = "buurtnode_backup_files"


@dataclass(frozen=True)
class Restored:
    data_dir: Path
    files: int
    schema_version: int
    kept_aside: Path | None  # the node that was there before (--replace)


def restore(archive: Path, data_dir: Path, *, replace: bool = False) -> Restored:
    if not archive.is_file():
        raise ConfigError(f"no backup file at {archive}")
    occupied = data_dir.exists() and any(data_dir.iterdir())
    if occupied and is_serving(data_dir):
        raise ConfigError(f"a node is serving {data_dir}; stop it before restoring into it")
    if occupied and not replace:
        raise ConfigError(f"{data_dir} is not empty; stop its node and add --replace to replace it")
    if not data_dir.parent.is_dir():
        raise ConfigError(f"the folder {data_dir.parent} does not exist; create it first")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    staging = data_dir.with_name(f".{data_dir.name}.restoring-{stamp}")
    staging.mkdir(mode=0o700)
    try:
        files = _unpack(archive, staging)
        version = _check_database(archive, staging / DATABASE_FILE)
        if not (staging / CONFIG_FILE).is_file():
            raise ConfigError(f"{archive} holds no {CONFIG_FILE}; it is not a whole node")
        secure(staging)
        uid, gid = owner_for(data_dir)
        if os.geteuid() == 0 and (uid, gid) != (0, 0):
            chown_tree(staging, uid, gid)  # the service user must read its keys
        kept_aside = None
        if data_dir.exists():
            if occupied:
                kept_aside = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}")
                data_dir.rename(kept_aside)
            else:
                data_dir.rmdir()
        staging.rename(data_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Restored(data_dir, files, version, kept_aside)


def _unpack(archive: Path, staging: Path) -> int:
    with archive.open("rb") as handle:
        legacy = handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    if legacy:
        return _unpack_legacy(archive, staging)
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            return _unpack_checked(archive, tar, staging)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        # not gzip, not tar, cut short or garbled: refused before the target is touched
        raise ConfigError(f"{archive} is damaged or not a Buurtnode backup: {error}") from None


def _unpack_checked(archive: Path, tar: tarfile.TarFile, staging: Path) -> int:
    members = tar.getmembers()  # reads to the end: a truncated archive fails here
    names = {member.name: member for member in members}
    manifest = _manifest(archive, tar, names.get(MANIFEST))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    extra = sorted(n for n in names if n != MANIFEST and n.removeprefix(DATA_PREFIX) not in listed)
    if extra:
        raise ConfigError(f"{archive} holds {extra[0]}, which its manifest does not list")
    for path, entry in listed.items():
        member = names.get(DATA_PREFIX + path)
        if member is None or not member.isfile():
            raise ConfigError(f"{archive} is damaged: {path} is missing")
        _extract(archive, tar, member, staging / _safe(archive, path), entry)
    return len(listed)


def _manifest(archive: Path, tar: tarfile.TarFile, member: tarfile.TarInfo | None) -> Any:
    handle = tar.extractfile(member) if member is not None else None
    try:
        manifest = json.loads(handle.read()) if handle else None
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ConfigError(f"{archive} is not a Buurtnode backup (no manifest)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ConfigError(
            f"{archive} has backup format {manifest.get('format_version')}; this Buurtnode "
            f"reads format {FORMAT_VERSION}: upgrade buurtnode and restore again"
        )
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and {"path", "size", "sha256"} <= f.keys() for f in files
    ):
        raise ConfigError(f"{archive} has a damaged manifest (its file list)")
    return manifest


def _safe(archive: Path, path: str) -> Path:
    """A relative path inside the data folder, never outside it."""
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts:
        raise ConfigError(f"{archive} names a file outside the data folder: {path}")
    return Path(*parts)


def _extract(
    archive: Path, tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, entry: Any
) -> None:
    source = tar.extractfile(member)
    if source is None:
        raise ConfigError(f"{archive} is damaged: {entry['path']} cannot be read")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise ConfigError(f"{archive} is damaged: {entry['path']} does not match its checksum")


def _check_database(archive: Path, database: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        version = schema_version(database)
    except sqlite3.DatabaseError:
        raise ConfigError(f"{archive} is damaged: its database cannot be read") from None
    if not ok:
        raise ConfigError(f"{archive} is damaged: its database fails the integrity check")
    known = len(migrations())
    if version > known:
        raise ConfigError(
            f"{archive} holds database schema {version}; this Buurtnode knows up to {known}: "
            "upgrade buurtnode first"
        )
    return version


def _unpack_legacy(archive: Path, staging: Path) -> int:
    """A backup from before the archive format: the database with the node's files in one
    table (it held no media or receipts)."""
    try:
        source = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
        try:
            rows = source.execute(f"SELECT path, content FROM {_LEGACY_FILES_TABLE}").fetchall()
            target = sqlite3.connect(staging / DATABASE_FILE)
            try:
                source.backup(target)
                target.execute(f"DROP TABLE {_LEGACY_FILES_TABLE}")
                target.commit()
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.DatabaseError:
        raise ConfigError(f"{archive} is not a Buurtnode backup") from None
    for path, content in rows:
        target_path = staging / _safe(archive, str(path))
        target_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        target_path.write_bytes(content)
    return len(rows) + 1

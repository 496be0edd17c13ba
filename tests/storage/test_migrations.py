import sqlite3
from pathlib import Path

import pytest

from node.storage.database import _statements, migrate_file, migrations


def test_all_migrations_apply_to_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    applied = migrate_file(path)
    assert applied == [v for v, _, _ in migrations()]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    recorded = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert recorded == applied


def test_migrating_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "node.sqlite3"
    migrate_file(path)
    assert migrate_file(path) == []


def test_a_file_from_the_previous_version_is_brought_up_to_date_keeping_its_data(
    tmp_path: Path,
) -> None:
    """Given a database at the first schema version with a member in it,
    when the current code migrates it, then every later migration applies and the member stays."""
    path = tmp_path / "old.sqlite3"
    first_version, name, sql = migrations()[0]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT 'then')"
    )
    for statement in _statements(sql):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (first_version, name)
    )
    conn.execute(
        "INSERT INTO members (username, display_name, password_hash, role, created_at)"
        " VALUES ('anna', 'Anna', 'x', 'resident', '2026-01-01T00:00:00Z')"
    )
    conn.close()

    applied = migrate_file(path)

    assert applied == [v for v, _, _ in migrations()][1:]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT display_name FROM members").fetchone()[0] == "Anna"


def test_a_failing_migration_leaves_nothing_half_done(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "node.sqlite3"
    broken = [
        *migrations(),
        (len(migrations()) + 1, "broken", "CREATE TABLE half (id INTEGER);\nNOT SQL AT ALL;\n"),
    ]
    monkeypatch.setattr("node.storage.database.migrations", lambda: broken)
    with pytest.raises(sqlite3.OperationalError):
        migrate_file(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    assert (
        conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == len(broken) - 1
    )


def test_triggers_with_inner_semicolons_split_as_one_statement() -> None:
    script = (
        "CREATE TABLE t (x);\n"
        "CREATE TRIGGER no_update BEFORE UPDATE ON t BEGIN\n"
        "  SELECT RAISE(ABORT, 'no');\nEND;\n"
    )
    assert len(list(_statements(script))) == 2


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    path = tmp_path / "node.sqlite3"
    migrate_file(path)
    from node.storage.database import _configure

    conn = sqlite3.connect(path)
    _configure(conn)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO invites (token_hash, created_by, created_at, expires_at)"
            " VALUES ('h', 999, 'now', 'later')"
        )

"""The command line: the happy paths, each failure as one clear line, and a real server."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from node.cli import main
from tests.conftest import PASSWORD, RunningNode, free_port, start_node


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "node.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def init(data: Path, *extra: str, url: str = "http://127.0.0.1:8123") -> int:
    return main(
        ["init", str(data), "--url", url, "--name", "Lindewijk", "--kind", "kern", "--dev", *extra]
    )


def test_init_creates_settings_database_keys_and_secret(tmp_path: Path) -> None:
    data = tmp_path / "lindewijk"
    assert init(data) == 0
    assert (data / "buurtnode.toml").read_text().count('kind = "kern"') == 1
    assert stat.S_IMODE((data / "keys/private.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "session.secret").stat().st_mode) == 0o600
    conn = sqlite3.connect(data / "buurtnode.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] >= 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--url", "http://example.nl", "--name", "X", "--kind", "wijk"], "https"),
        (["--url", "http://10.0.0.1:80", "--name", "X", "--kind", "wijk", "--dev"], "127.0.0.1"),
        (["--url", "https://x.nl/pad", "--name", "X", "--kind", "wijk"], "without a path"),
        (["--url", "https://x.nl", "--name", "X", "--kind", "stad"], "kind must be"),
        (["--url", "https://x.nl", "--name", " ", "--kind", "wijk"], "name"),
    ],
)
def test_init_refuses_bad_input_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["init", str(tmp_path / "n"), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "n" / "buurtnode.toml").exists()


def test_init_refuses_to_overwrite_a_node(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "n"
    assert init(data) == 0
    secret = (data / "session.secret").read_text()
    assert init(data) == 1
    assert "already holds a node" in capsys.readouterr().err
    assert (data / "session.secret").read_text() == secret


def test_commands_on_a_missing_folder_fail_clearly(tmp_path: Path) -> None:
    for args in (
        ["serve", str(tmp_path / "nope")],
        ["user", "add", str(tmp_path / "nope"), "anna", "--role", "admin", "--password-stdin"],
        ["backup", str(tmp_path / "nope"), str(tmp_path / "b.tar.gz")],
    ):
        result = run(*args, stdin=PASSWORD + "\n")
        assert result.returncode == 1, args
        assert result.stderr.startswith("buurtnode: error:") and "Traceback" not in result.stderr


def test_user_add_reads_the_password_from_stdin_and_checks_the_role(tmp_path: Path) -> None:
    data = tmp_path / "n"
    assert init(data) == 0
    ok = run(
        "user",
        "add",
        str(data),
        "anna",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert ok.returncode == 0, ok.stderr
    wrong = run(
        "user",
        "add",
        str(data),
        "bert",
        "--role",
        "mayor",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert wrong.returncode == 1 and "role must be one of" in wrong.stderr
    short = run(
        "user", "add", str(data), "carla", "--role", "resident", "--password-stdin", stdin="short\n"
    )
    assert short.returncode == 1 and "at least 10" in short.stderr
    duplicate = run(
        "user",
        "add",
        str(data),
        "anna",
        "--role",
        "resident",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert duplicate.returncode == 1 and "already taken" in duplicate.stderr


def test_serve_answers_over_a_real_socket(running_node: RunningNode) -> None:
    health = httpx.get(f"{running_node.url}/healthz")
    assert health.json()["database"] == "ok"
    home = httpx.get(running_node.url + "/")
    assert "Oosterbroek" in home.text


def test_serve_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    data = tmp_path / "n"
    assert init(data, url=f"http://127.0.0.1:{port}") == 0
    node = start_node(data, port)
    os.kill(node.process.pid, signal.SIGINT)
    assert node.process.wait(timeout=15) == 0
    assert "Traceback" not in node.log_path.read_text()

"""`buurtnode user list|role|disable|enable|remove|reset`, on a stopped and on a running node."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from node.cli import main
from tests.conftest import CSRF_RE, PASSWORD, RunningNode

NEW_PASSWORD = "a password from the shell"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "node.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def add(data: Path, username: str, role: str) -> None:
    done = run(
        "user", "add", str(data), username, "--role", role, "--password-stdin", stdin=PASSWORD
    )
    assert done.returncode == 0, done.stderr


@contextmanager
def browser_login(url: str, username: str, password: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url) as browser:
        found = CSRF_RE.search(browser.get("/inloggen").text)
        assert found
        response = browser.post(
            "/inloggen",
            data={"username": username, "password": password, "csrf_token": found.group(1)},
        )
        assert response.status_code == 303, response.text
        yield browser


@pytest.fixture
def stopped(tmp_path: Path) -> Path:
    data = tmp_path / "lindewijk"
    url = "http://127.0.0.1:8123"
    assert (
        main(["init", str(data), "--url", url, "--name", "Lindewijk", "--kind", "kern", "--dev"])
        == 0
    )
    add(data, "ad", "admin")
    add(data, "anna", "resident")
    return data


def test_on_a_stopped_node_the_shell_lists_changes_roles_and_disables(
    stopped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given a stopped node with an admin and a resident,
    when the operator changes Anna's role, disables and enables her,
    then every step says what it did and the list shows the result."""
    assert main(["user", "role", str(stopped), "anna", "buurtverbinder"]) == 0
    assert main(["user", "disable", str(stopped), "anna"]) == 0
    assert "anna is now buurtverbinder" in capsys.readouterr().out
    assert main(["user", "list", str(stopped)]) == 0
    listed = capsys.readouterr().out
    assert [line.split()[:3] for line in listed.splitlines() if line.startswith("anna ")] == [
        ["anna", "buurtverbinder", "disabled"]
    ]
    assert main(["user", "enable", str(stopped), "anna"]) == 0
    assert "anna can log in again" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["role", "nobody", "admin"], "Nobody with the user name 'nobody'"),
        (["role", "anna", "king"], "Unknown role 'king'"),
        (["role", "ad", "resident"], "only admin"),
        (["disable", "ad"], "only admin"),
        (["remove", "ad", "--contributions", "keep"], "only admin"),
        (["enable", "anna"], "not disabled"),
        (["reset", "nobody"], "Nobody with the user name"),
    ],
)
def test_bad_input_on_the_command_line_is_one_clear_line_and_changes_nothing(
    stopped: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Given a node with one admin, when a command names an unknown user, a wrong role or
    would leave the node without an admin, then it fails with one line and nothing changed."""
    capsys.readouterr()
    assert main(["user", args[0], str(stopped), *args[1:]]) == 1
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1
    assert main(["user", "list", str(stopped)]) == 0
    rows = {line.split()[0]: line.split()[1:3] for line in capsys.readouterr().out.splitlines()}
    assert rows == {"ad": ["admin", "active"], "anna": ["resident", "active"]}


def test_removing_from_the_shell_needs_a_choice_for_the_contributions(stopped: Path) -> None:
    """Given a resident, when the operator removes her without saying what happens to her
    posts, then argparse refuses; with --contributions she is gone from the list."""
    assert run("user", "remove", str(stopped), "anna").returncode == 2
    done = run("user", "remove", str(stopped), "anna", "--contributions", "remove")
    assert done.returncode == 0 and "are removed" in done.stdout
    assert "anna" not in run("user", "list", str(stopped)).stdout


def test_on_a_running_node_the_shell_ends_sessions_and_lets_a_locked_out_admin_back_in(
    running_node: RunningNode,
) -> None:
    """Given a running node where the only admin is logged in and forgot the password,
    when the operator sets a new one with `user reset --password-stdin`,
    then the old session is refused at once and the new password works."""
    data = running_node.settings.data_dir
    add(data, "ad", "admin")
    add(data, "anna", "resident")
    with (
        browser_login(running_node.url, "ad", PASSWORD) as old,
        browser_login(running_node.url, "anna", PASSWORD) as anna,
    ):
        assert old.get("/account").status_code == 200
        reset = run("user", "reset", str(data), "ad", "--password-stdin", stdin=NEW_PASSWORD + "\n")
        assert reset.returncode == 0, reset.stderr
        assert old.get("/account").status_code == 303
        with browser_login(running_node.url, "ad", NEW_PASSWORD) as new:
            assert new.get("/account").status_code == 200

        assert run("user", "disable", str(data), "anna").returncode == 0
        assert anna.get("/account").status_code == 303  # her session ended while it ran
    assert run("user", "enable", str(data), "anna").returncode == 0
    printed = run("user", "reset", str(data), "anna")
    link = printed.stdout.splitlines()[-1]
    assert printed.returncode == 0 and link.startswith(running_node.url + "/wachtwoord-herstellen/")
    assert 'name="new_password"' in httpx.get(link).text

"""A node with [mail] pointing at a real aiosmtpd process the test can stop and start."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from node.config import Settings, load
from tests.conftest import free_port

SERVER = Path(__file__).with_name("smtp_server.py")


class SmtpServer:
    def __init__(self, port: int, folder: Path) -> None:
        self.port = port
        self.folder = folder
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), str(self.port), str(self.folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ready"  # listening from here on

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for path in sorted(self.folder.glob("*.eml"))
        ]


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpServer]:
    folder = tmp_path / "received"
    folder.mkdir()
    server = SmtpServer(free_port(), folder)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(settings: Settings, smtp: SmtpServer) -> Settings:
    """The test node, with [mail] added to its buurtnode.toml."""
    path = settings.data_dir / "buurtnode.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[mail]\n"
        f'host = "127.0.0.1"\nport = {smtp.port}\nsecurity = "none"\n'
        'from = "buurt@noord.example"\nreply_to = "verbinders@noord.example"\n'
        "retry_base_seconds = 60\n",
        encoding="utf-8",
    )
    return load(settings.data_dir)

"""`buurtnode mail test` and `buurtnode mail digest` against a real SMTP server."""

from __future__ import annotations

import pytest

from node.cli import main
from node.config import ConfigError, Settings, load
from tests.mail.conftest import SmtpServer
from tests.mail.conftest import settings as settings  # noqa: F401  (the node with [mail])
from tests.mail.conftest import smtp as smtp  # noqa: F401


def test_mail_test_sends_and_prints_the_servers_answer(
    settings: Settings, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mail", "test", str(settings.data_dir), "bea@noord.example"]) == 0
    assert "the server answered: Message accepted as 0001" in capsys.readouterr().out
    [message] = smtp.messages()
    assert message["To"] == "bea@noord.example"


def test_mail_test_says_what_failed_when_the_server_is_not_there(
    settings: Settings, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp.stop()
    assert main(["mail", "test", str(settings.data_dir), "bea@noord.example"]) == 1
    error = capsys.readouterr().err
    assert f"127.0.0.1:{smtp.port}" in error and "no answer" in error


def test_mail_digest_for_a_member_without_an_address_is_a_clear_error(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mail", "digest", str(settings.data_dir), "--member", "nobody"]) == 1
    assert "no member 'nobody'" in capsys.readouterr().err
    assert main(["mail", "digest", str(settings.data_dir)]) == 0
    assert "for 0 members" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("mail", "complaint"),
    [
        ('port = 587\nfrom = "a@b.nl"', "[mail] needs host"),
        ('host = "smtp.b.nl"\nfrom = "not an address"', "mail.from"),
        ('host = "smtp.b.nl"\nfrom = "a@b.nl"\nsecurity = "ssl"', "mail.security"),
        ('host = "smtp.b.nl"\nfrom = "a@b.nl"\npassword_file = "missing"', "password_file"),
        ('host = "smtp.b.nl"\nfrom = "a@b.nl"\nhots = "x"', "unknown setting mail.hots"),
    ],
)
def test_wrong_mail_settings_are_one_line_each(
    settings: Settings, mail: str, complaint: str
) -> None:
    path = settings.data_dir / "buurtnode.toml"
    text = path.read_text(encoding="utf-8").split("[mail]")[0]
    path.write_text(text + "[mail]\n" + mail + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load(settings.data_dir)

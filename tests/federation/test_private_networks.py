"""Outside dev mode the node fetches only from public addresses, unless the admin names a
private network in `[federation] allow_private`; `[federation] ca_file` adds a CA to trust.
A real HTTPS server on loopback, with its own CA (trustme), plays the intranet node."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme

from node.config import ConfigError, Settings, load
from node.federation.http import FediClient, FetchError


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
async def intranet(ca: trustme.CA) -> AsyncIterator[str]:
    """An HTTPS server on 127.0.0.1 answering every GET with the JSON of its own path."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await reader.readline()
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass  # headers: read and ignore (a real server would not trust them either)
            body = json.dumps({"id": request_line.split()[1].decode()}).encode()
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/activity+json\r\n"
                b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
            )
            await writer.drain()
        except (ConnectionError, ssl.SSLError):
            pass  # a client that refused our certificate hangs up mid-handshake
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"https://127.0.0.1:{port}"


def client(settings: Settings) -> FediClient:
    return FediClient(
        node_url=settings.url,
        dev=settings.dev,
        signer=lambda request, now: None,  # unsigned GETs below; signing is tested elsewhere
        clock=lambda: datetime.now(UTC),
        allow_private=settings.allow_private,
        ca_file=settings.ca_file,
    )


def public_node(tmp_path: Path, federation: str = "") -> Settings:
    folder = tmp_path / "node"
    folder.mkdir(exist_ok=True)
    (folder / "buurtnode.toml").write_text(
        '[node]\nurl = "https://noord.example"\nname = "Noord"\nkind = "wijk"\n'
        f"[federation]\n{federation}\n",
        encoding="utf-8",
    )
    return load(folder)


async def fetch(settings: Settings, url: str) -> object:
    fedi = client(settings)
    try:
        return await fedi.get_json(url, signed=False)
    finally:
        await fedi.close()


async def deliver(settings: Settings, url: str) -> tuple[int, str]:
    """A delivery goes out over real sockets with aiohttp (http.py): the same rules hold."""
    fedi = client(settings)
    try:
        return await fedi.post(url, b'{"type": "Note"}')
    finally:
        await fedi.close()


async def test_a_delivery_trusts_the_named_network_and_ca(
    tmp_path: Path, intranet: str, ca: trustme.CA
) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    settings = public_node(
        tmp_path, f'allow_private = ["127.0.0.0/8"]\nca_file = "{tmp_path}/ca.pem"'
    )
    assert await deliver(settings, f"{intranet}/inbox") == (200, '{"id": "/inbox"}')


async def test_a_delivery_is_refused_a_private_address_and_an_unknown_certificate(
    tmp_path: Path, intranet: str
) -> None:
    with pytest.raises(FetchError, match="not a public address"):
        await deliver(public_node(tmp_path), f"{intranet}/inbox")
    settings = public_node(tmp_path, 'allow_private = ["127.0.0.1/32"]')
    with pytest.raises(FetchError, match="Certificate"):
        await deliver(settings, f"{intranet}/inbox")


async def test_loopback_refused_without_the_setting(tmp_path: Path, intranet: str) -> None:
    settings = public_node(tmp_path)
    assert settings.allow_private == () and settings.ca_file is None
    with pytest.raises(FetchError, match="not a public address"):
        await fetch(settings, f"{intranet}/ap/actor")


async def test_loopback_allowed_when_named(tmp_path: Path, intranet: str, ca: trustme.CA) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    settings = public_node(
        tmp_path, f'allow_private = ["127.0.0.0/8", "10.0.0.0/8"]\nca_file = "{tmp_path}/ca.pem"'
    )
    assert await fetch(settings, f"{intranet}/ap/actor") == {"id": "/ap/actor"}


async def test_allowed_network_still_needs_a_trusted_certificate(
    tmp_path: Path, intranet: str
) -> None:
    settings = public_node(tmp_path, 'allow_private = ["127.0.0.1/32"]')
    with pytest.raises(FetchError, match="ConnectError"):
        await fetch(settings, f"{intranet}/ap/actor")


async def test_ssl_cert_file_is_honoured_as_httpx_does(
    tmp_path: Path, intranet: str, ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    settings = public_node(tmp_path, 'allow_private = ["127.0.0.0/8"]')
    assert await fetch(settings, f"{intranet}/x") == {"id": "/x"}


async def test_other_private_networks_stay_refused(tmp_path: Path, intranet: str) -> None:
    settings = public_node(tmp_path, 'allow_private = ["10.0.0.0/8"]')
    with pytest.raises(FetchError, match="not a public address"):
        await fetch(settings, f"{intranet}/ap/actor")


@pytest.mark.parametrize(
    ("federation", "message"),
    [
        ('allow_private = ["10.0.0.0/33"]', "'10.0.0.0/33' is not a network"),
        ('allow_private = ["10.0.0.1/8"]', "host bits must be zero"),
        ('allow_private = "10.0.0.0/8"', "must be a list"),
        ('ca_file = "/nonexistent/ca.pem"', "there is no file at /nonexistent/ca.pem"),
    ],
)
def test_malformed_settings_are_one_line_errors(
    tmp_path: Path, federation: str, message: str
) -> None:
    with pytest.raises(ConfigError, match="federation.") as error:
        public_node(tmp_path, federation)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_ca_file_without_certificates_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="holds no PEM certificate"):
        public_node(tmp_path, f'ca_file = "{tmp_path}/ca.pem"')

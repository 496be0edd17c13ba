"""`buurtnode serve` believes X-Forwarded-For and X-Forwarded-Proto only from the proxy
(`--forwarded-allow-ips`, 127.0.0.1 by default). A stranger on another address who sends
them changes neither the client address the node sees (login throttling counts per address)
nor the scheme it builds absolute addresses with. The untrusted peer is 127.0.0.2: the
whole of 127.0.0.0/8 is loopback on Linux, so one machine has two different peers."""

from __future__ import annotations

import re

import httpx
import pytest

from node.app import init_node
from node.config import CONFIG_FILE
from tests.conftest import RunningNode, free_port, start_node

FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}


async def redirect_from(node: RunningNode, source: str) -> str:
    """Ask from `source` for a page with a trailing slash: Starlette redirects to the page
    without it, with an absolute address in the scheme the node believes it is served on."""
    transport = httpx.AsyncHTTPTransport(local_address=source)
    async with httpx.AsyncClient(transport=transport, timeout=30) as http:
        response = await http.get(f"{node.url}/inloggen/", headers=FORWARDED)
    assert response.status_code in (307, 308), response.text
    return str(response.headers["location"])


def seen_addresses(node: RunningNode) -> list[str]:
    """The client addresses in uvicorn's access log for that request."""
    return re.findall(r"(\S+):\d+ - \"GET /inloggen/ ", node.log_path.read_text())


@pytest.fixture
def logging_node(tmp_path):  # type: ignore[no-untyped-def]
    """A node whose access log is on ([node] access_log: off by default)."""
    port = free_port()
    data = tmp_path / "node"
    init_node(data, url=f"http://127.0.0.1:{port}", name="Oosterbroek", kind="kern", dev=True)
    config = data / CONFIG_FILE
    config.write_text(
        config.read_text(encoding="utf-8").replace("[node]\n", "[node]\naccess_log = true\n", 1),
        encoding="utf-8",
    )
    node = start_node(data, port)
    yield node
    node.stop()


async def test_forwarded_headers_from_a_stranger_change_nothing(
    logging_node: RunningNode,
) -> None:
    location = await redirect_from(logging_node, "127.0.0.2")
    assert location.startswith("http://127.0.0.1:"), location
    assert seen_addresses(logging_node) == ["127.0.0.2"]


async def test_forwarded_headers_from_the_proxy_are_believed(
    logging_node: RunningNode,
) -> None:
    location = await redirect_from(logging_node, "127.0.0.1")
    assert location.startswith("https://127.0.0.1:"), location
    assert seen_addresses(logging_node) == ["203.0.113.9"]

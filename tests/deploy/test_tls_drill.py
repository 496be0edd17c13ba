"""The deployment drill: two real `buurtnode serve` nodes behind Debian's Caddy, with the
Caddyfile from deploy/ and Caddy's own CA (`local_certs`), federate over HTTPS exactly as on
a server. Outside dev mode, so every activity is signed and checked against the Host header
Caddy passes on, and the SSRF guard only lets them reach each other because they name
127.0.0.0/8 in `[federation] allow_private` and trust Caddy's root as `ca_file`.

The names noord.test and gemeente.test are in a hosts file that each node sees as
/etc/hosts in its own mount namespace (`unshare --mount` and a bind mount: root only), so
the machine's /etc/hosts stays untouched. This process cannot enter such a namespace
(Python 3.11 has no os.unshare and pytest runs threads), so its own client reads the same
table through `getaddrinfo`."""

from __future__ import annotations

import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from node.app import init_node
from tests.conftest import PASSWORD, RunningNode, free_port, start_node
from tests.federation.real_nodes import (
    accepted,
    eventually,
    follow,
    handle,
    logged_in,
    query,
    submit,
)

pytestmark = pytest.mark.deploy

DEPLOY = Path(__file__).parents[2] / "deploy"
NAMES = {"noord.test": "127.0.0.1", "gemeente.test": "127.0.0.1"}
TITLE = "Buurtmoestuin achter de bibliotheek"


def needs_root_and_tools() -> None:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("the drill bind-mounts a hosts file in a mount namespace: Linux as root only")
    for tool, package in (("caddy", "caddy"), ("unshare", "util-linux")):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is missing: apt-get install --no-install-recommends {package}")


def caddyfile(https_port: int, upstreams: dict[str, int], storage: Path) -> str:
    """deploy/Caddyfile with the drill's names and ports, and a global block that keeps
    Caddy on loopback, with its own CA in `storage` and off the machine's trust store."""
    sites = re.sub(r"\A.*?^\{\n.*?^\}\n", "", (DEPLOY / "Caddyfile").read_text(), flags=re.S | re.M)
    for name, deployed_port in (("noord", 8001), ("gemeente", 8002)):
        sites = sites.replace(f"{name}.example.nl", f"{name}.test")
        sites = sites.replace(f"127.0.0.1:{deployed_port}", f"127.0.0.1:{upstreams[name]}")
    return (
        "{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n\tdefault_bind 127.0.0.1\n"
        f"\thttp_port {free_port()}\n\thttps_port {https_port}\n"
        f"\tstorage file_system {storage}\n}}\n{sites}"
    )


def wait_for_tls(port: int, root_crt: Path, caddy: subprocess.Popen[bytes], log: Path) -> None:
    """Until Caddy has made its CA and answers a TLS handshake for noord.test with it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if caddy.poll() is not None:
            raise RuntimeError(f"caddy exited early:\n{log.read_text()}")
        try:
            context = ssl.create_default_context(cafile=root_crt)
            with (
                socket.create_connection(("127.0.0.1", port), timeout=2) as raw,
                context.wrap_socket(raw, server_hostname="noord.test"),
            ):
                return
        except (OSError, ssl.SSLError):
            time.sleep(0.2)
    raise RuntimeError(f"caddy did not serve TLS within 30s:\n{log.read_text()}")


def add_admin(data: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "node.cli", "user", "add", str(data), "beheer"]
        + ["--role", "admin", "--password-stdin"],
        input=f"{PASSWORD}\n".encode(),
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def behind_caddy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    needs_root_and_tools()
    https_port = free_port()
    ports = {"noord": free_port(), "gemeente": free_port()}
    storage = tmp_path / "caddy"
    config = tmp_path / "Caddyfile"
    config.write_text(caddyfile(https_port, ports, storage), encoding="utf-8")
    caddy_log = tmp_path / "caddy.log"
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    with caddy_log.open("ab") as log:
        caddy = subprocess.Popen(
            ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **home},
        )
    nodes: dict[str, RunningNode] = {}
    try:
        root_crt = storage / "pki/authorities/local/root.crt"
        wait_for_tls(https_port, root_crt, caddy, caddy_log)
        hosts = tmp_path / "hosts"
        table = "".join(f"{address} {name}\n" for name, address in NAMES.items())
        hosts.write_text(Path("/etc/hosts").read_text() + table, encoding="utf-8")
        in_namespace = ["unshare", "--mount", "--", "sh", "-c"]
        in_namespace += ['mount --bind "$0" /etc/hosts && exec "$@"', str(hosts)]
        for name, kind in (("noord", "wijk"), ("gemeente", "gemeente")):
            data = tmp_path / name
            init_node(data, url=f"https://{name}.test:{https_port}", name=name.title(), kind=kind)
            toml = data / "buurtnode.toml"  # the access log shows what came through Caddy
            text = toml.read_text(encoding="utf-8").replace(
                "[node]\n", "[node]\naccess_log = true\n", 1
            )
            text += f'\n[federation]\nallow_private = ["127.0.0.0/8"]\nca_file = "{root_crt}"\n'
            toml.write_text(text, encoding="utf-8")
            add_admin(data)
            nodes[name] = start_node(data, ports[name], wrapper=in_namespace)
        # This process: Caddy's CA (httpx reads SSL_CERT_FILE) and the hosts table.
        monkeypatch.setenv("SSL_CERT_FILE", str(root_crt))
        resolve = socket.getaddrinfo

        def from_table(host: str | bytes | None, *args: Any, **kwargs: Any) -> Any:
            name = host.decode() if isinstance(host, bytes) else host  # anyio passes bytes
            return resolve(NAMES.get(name or "", host), *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", from_table)
        yield nodes
    finally:
        for node in nodes.values():
            node.stop()
        caddy.terminate()
        caddy.wait(timeout=10)


def initiative(title: str) -> dict[str, str]:
    return {
        "title": title,
        "summary": "Samen groente kweken naast de bibliotheek.",
        "description": "",
        "area": "",
        "participation_level": "selfmanage",
        "need_0_kind": "volunteers",
        "need_0_text": "Helpen spitten",
        "need_0_amount": "4",
    }


async def test_two_nodes_federate_over_https_through_caddy(
    behind_caddy: dict[str, RunningNode],
) -> None:
    noord, gemeente = behind_caddy["noord"], behind_caddy["gemeente"]
    at_gemeente, at_noord = await logged_in(gemeente, "beheer"), await logged_in(noord, "beheer")
    try:
        assert str(at_gemeente.base_url).startswith("https://gemeente.test:")
        await follow(at_gemeente, handle(noord))  # WebFinger over HTTPS, then a signed Follow
        await eventually(lambda: accepted(gemeente, noord), "noord's Accept at the gemeente")

        await submit(at_noord, "/initiatieven/nieuw", "/initiatieven/nieuw", initiative(TITLE))

        async def nearby() -> bool:
            return TITLE in (await at_gemeente.get("/in-de-buurt")).text

        await eventually(nearby, "noord's initiative on the gemeente's In de buurt page")
    finally:
        await at_gemeente.aclose()
        await at_noord.aclose()
    # Both nodes saw each other's signed POSTs arrive through Caddy, from its address, with
    # the public Host (the signature covers it), and accepted them.
    for node in (noord, gemeente):
        inbox_lines = re.findall(r'127\.0\.0\.1:\d+ - "POST /ap/inbox HTTP/1.1" (\d+)', log(node))
        assert inbox_lines and set(inbox_lines) <= {"202"}, log(node)
    assert query(gemeente, "SELECT count(*) FROM federation_following") == [(1,)]


def log(node: RunningNode) -> str:
    return node.log_path.read_text(encoding="utf-8")

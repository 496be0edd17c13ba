"""The one way out to other servers: httpx with address checks, timeouts and size limits.

Every remote fetch (actor documents, keys, WebFinger) and every delivery goes through
`FediClient`. Outside dev mode it refuses hosts that resolve to private, loopback or
link-local addresses, so a crafted actor URL cannot make the node probe its own network,
except networks the admin allowed by name (`[federation] allow_private`, for nodes on a
municipality's intranet). TLS trusts httpx's defaults (certifi, or `SSL_CERT_FILE`) and
the admin's extra `[federation] ca_file`. (The address is checked before httpx connects;
DNS rebinding between the two stays a residual risk, acceptable for public data only.)

Deliveries (signed POSTs) to real sockets go through aiohttp instead, which bovine
brings along anyway: with 8 or more requests in flight httpx's connection pool spends
more time on itself than on sending (a tenth of aiohttp's rate at 16 in flight, measured
in bench/README.md), and a fan-out is exactly that. The request is built and signed as an
httpx request either way, so what is sent is the same; the in-process test network
(`transport`) keeps httpx for everything.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import socket
import ssl
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import httpx

from node import __version__
from node.config import Network
from node.federation.ids import ACTIVITY_JSON, LD_JSON

if TYPE_CHECKING:
    import aiohttp

MAX_RESPONSE_BYTES = 1_000_000
MAX_REDIRECTS = 3
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
AP_ACCEPT = f"{ACTIVITY_JSON}, {LD_JSON}"

Signer = Callable[[httpx.Request, datetime], None]


class FetchError(Exception):
    """A remote document could not be fetched or was not what we asked for."""


def _forbidden(address: str, allowed: Sequence[Network]) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if any(ip in network for network in allowed):
        return False
    return not ip.is_global or ip.is_multicast


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """httpx's own trust (SSL_CERT_FILE if set, else certifi) plus the admin's extra CA."""
    context = httpx.create_ssl_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=ca_file)
    return context


class FediClient:
    def __init__(
        self,
        *,
        node_url: str,
        dev: bool,
        signer: Signer,
        clock: Callable[[], datetime],
        transport: httpx.AsyncBaseTransport | None = None,
        allow_private: Sequence[Network] = (),
        ca_file: Path | None = None,
    ) -> None:
        self.dev = dev
        self.allow_private = tuple(allow_private)
        self.signer = signer
        self.clock = clock
        self._user_agent = f"Buurtnode/{__version__} (+{node_url})"
        self._ssl = tls_context(ca_file)
        self._sockets = transport is None  # False: an in-process test network
        self._session: aiohttp.ClientSession | None = None  # made on the first delivery
        self._client = httpx.AsyncClient(
            transport=transport,
            verify=self._ssl,
            timeout=TIMEOUT,
            follow_redirects=False,
            # Fetches, and on the in-process test network deliveries too; open
            # connections are reused per host.
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
            headers={"User-Agent": self._user_agent},
        )

    async def close(self) -> None:
        await self._client.aclose()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def check_address(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
            httpx.URL(url)
        except (ValueError, httpx.InvalidURL):
            raise FetchError(f"not a web address: {url}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not a web address: {url}")
        if self.dev:
            return
        if parts.scheme != "https":
            raise FetchError(f"only https is allowed: {url}")
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                parts.hostname, parts.port or 443, type=socket.SOCK_STREAM
            )
        except OSError as error:
            raise FetchError(f"cannot resolve {parts.hostname}: {error}") from error
        if not infos or any(_forbidden(str(info[4][0]), self.allow_private) for info in infos):
            raise FetchError(f"{parts.hostname} is not a public address")

    async def get_json(self, url: str, *, accept: str = AP_ACCEPT, signed: bool = True) -> Any:
        """GET a JSON document, following up to three redirects, each checked again."""
        for _ in range(MAX_REDIRECTS + 1):
            await self.check_address(url)
            request = self._client.build_request("GET", url, headers={"Accept": accept})
            if signed:
                # Signed, so servers in authorized-fetch mode (Mastodon) answer too.
                self.signer(request, self.clock())
            status, headers, body = await self._send(request)
            if status in (301, 302, 303, 307, 308) and "location" in headers:
                url = urljoin(url, headers["location"])
                continue
            if status != 200:
                raise FetchError(f"{url} answered {status}")
            try:
                return json.loads(body)
            except ValueError as error:
                raise FetchError(f"{url} did not return JSON") from error
        raise FetchError(f"{url}: too many redirects")

    async def post(self, url: str, body: bytes) -> tuple[int, str]:
        """POST a signed activity; returns the status and the start of the reply."""
        await self.check_address(url)
        # Built bare, not by the client (merging its defaults cost as much as sending).
        headers = {"User-Agent": self._user_agent, "Content-Type": LD_JSON, "Accept": AP_ACCEPT}
        request = httpx.Request("POST", url, content=body, headers=headers)
        self.signer(request, self.clock())
        if self._sockets:
            status, reply = await self._post_over_aiohttp(request)
        else:
            status, _, reply = await self._send(request)
        return status, reply[:300].decode("utf-8", "replace")

    async def _post_over_aiohttp(self, request: httpx.Request) -> tuple[int, bytes]:
        """Send the signed httpx request as it is, with the same limits as `_send`."""
        import aiohttp

        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=64, limit_per_host=16, ssl=self._ssl),
                timeout=aiohttp.ClientTimeout(
                    total=None, connect=TIMEOUT.connect, sock_read=TIMEOUT.read
                ),
            )
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        try:
            async with self._session.post(
                str(request.url), data=request.content, headers=headers, allow_redirects=False
            ) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
                    raise FetchError(f"{request.url}: reply too large")
                body = b""
                async for chunk in response.content.iter_chunked(65_536):
                    body += chunk
                    if len(body) > MAX_RESPONSE_BYTES:
                        raise FetchError(f"{request.url}: reply too large")
                return response.status, body
        except (aiohttp.ClientError, TimeoutError) as error:
            raise FetchError(f"{request.url}: {type(error).__name__} {error}") from error

    async def _send(self, request: httpx.Request) -> tuple[int, httpx.Headers, bytes]:
        try:
            response = await self._client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise FetchError(f"{request.url}: {type(error).__name__} {error}") from error
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
                raise FetchError(f"{request.url}: reply too large")
            body = b""
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise FetchError(f"{request.url}: reply too large")
        except httpx.HTTPError as error:
            raise FetchError(f"{request.url}: {type(error).__name__} {error}") from error
        finally:
            await response.aclose()
        return response.status_code, response.headers, body

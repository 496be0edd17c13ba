"""Pre-signed inbox POSTs for wrk: a sender actor with its own RSA key, and files of raw
HTTP requests (each a Follow-like activity with a unique id and a fresh Date), signed the
way Mastodon signs (draft-cavage rsa-sha256 over `(request-target) host date digest`) by
tests/signed_requests.py, the one place the tests sign theirs too.

RSA-2048 signing costs ~0.7 ms per request, so requests are signed before the run, on
every core, and `inbox.lua` replays them in order.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# bench/ runs as scripts: the repository root makes `tests.signed_requests` importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.signed_requests import signed  # noqa: E402

SEPARATOR = b"\n--8<--\n"  # between requests in a file; inbox.lua splits on it
LUA_SCRIPT = Path(__file__).resolve().parent / "inbox.lua"


def make_sender(folder: Path, base_url: str) -> dict[str, Any]:
    """A key pair and an actor document served by the bare inbox at `base_url`/actor."""
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    actor_id = f"{base_url}/actor"
    actor = {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "id": actor_id,
        "type": "Person",
        "preferredUsername": "bench",
        "inbox": f"{base_url}/inbox",
        "publicKey": {"id": f"{actor_id}#main-key", "owner": actor_id, "publicKeyPem": public_pem},
    }
    (folder / "actor.json").write_text(json.dumps(actor), encoding="utf-8")
    (folder / "public.pem").write_text(public_pem, encoding="ascii")
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (folder / "private.pem").write_bytes(private_pem)
    return {"actor": actor_id, "key_id": f"{actor_id}#main-key", "private_pem": private_pem}


_key: Any = None


def _load_key(private_pem: bytes) -> None:
    global _key
    _key = serialization.load_pem_private_key(
        private_pem, password=None, unsafe_skip_rsa_key_validation=True
    )


def raw_http(request: httpx.Request) -> bytes:
    """The request as it goes over the wire (HTTP/1.1), for wrk to replay."""
    head = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in request.headers.items())
    return (head + "\r\n").encode() + request.content


def _sign_chunk(job: tuple[str, str, str, str, int]) -> bytes:
    url, actor, key_id, followed, count = job
    out = []
    for _ in range(count):
        activity = {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": f"{actor.rsplit('/', 1)[0]}/activities/{uuid.uuid4()}",
            "type": "Follow",
            "actor": actor,
            "object": followed,
        }
        body = json.dumps(activity, separators=(",", ":")).encode()
        out.append(raw_http(signed(url, body, key_id, _key, datetime.now(UTC))))
    return SEPARATOR.join(out) + SEPARATOR


def sign_requests(
    sender: dict[str, Any], url: str, followed: str, counts: list[int], folder: Path
) -> list[Path]:
    """One file of `count` signed POSTs to `url` per entry of `counts`, signed on all cores.
    `followed` is the Follow's object: someone other than the node, so the node stores and
    processes each one (marked ignored) without answering with an Accept."""
    workers = max(1, len(os.sched_getaffinity(0)))
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    with ProcessPoolExecutor(
        workers, initializer=_load_key, initargs=(sender["private_pem"],)
    ) as pool:
        for number, count in enumerate(counts):
            chunks = [count // workers + (i < count % workers) for i in range(workers)]
            jobs = [(url, sender["actor"], sender["key_id"], followed, c) for c in chunks if c]
            path = folder / f"signed-{number}.txt"
            path.write_bytes(b"".join(pool.map(_sign_chunk, jobs)))
            files.append(path)
    return files

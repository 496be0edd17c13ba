"""A bare signed inbox: the ceiling the node's /ap/inbox is compared with.

Run as `python bench/bare_inbox.py FOLDER --port N`. FOLDER holds `actor.json` (served at
GET /actor, so the node can fetch the sender's key from here too) and `public.pem`, the
sender's key, parsed once at start. POST /inbox checks what a careful inbox checks with
the least code: the draft-cavage Signature (rsa-sha256 over the listed headers), the Date
window and the Digest, then answers 202. It stores nothing; the node also stores the
activity and processes it later. Same uvicorn settings as bench/bare.py and `buurtnode
serve`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from bare import serve
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

WINDOW = timedelta(hours=1)
_PARAM = re.compile(r'\s*([a-zA-Z]+)\s*=\s*"([^"]*)"\s*(?:,|$)')


def build(folder: Path) -> Starlette:
    actor = (folder / "actor.json").read_bytes()
    key = load_pem_public_key((folder / "public.pem").read_bytes())
    assert isinstance(key, rsa.RSAPublicKey)

    async def actor_document(request: Request) -> Response:
        return Response(actor, media_type="application/activity+json")

    async def inbox(request: Request) -> Response:
        body = await request.body()
        params = dict(_PARAM.findall(request.headers.get("signature", "")))
        names = params.get("headers", "date").split()
        if not {"(request-target)", "host", "date", "digest"} <= set(names):
            return JSONResponse({"error": "unsigned"}, 401)
        sent = parsedate_to_datetime(request.headers["date"])
        if abs(datetime.now(UTC) - sent) > WINDOW:
            return JSONResponse({"error": "stale"}, 401)
        digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        if request.headers.get("digest") != digest:
            return JSONResponse({"error": "digest"}, 401)
        lines = [
            f"(request-target): post {request.url.path}"
            if name == "(request-target)"
            else f"{name}: {request.headers[name]}"
            for name in names
        ]
        try:
            key.verify(
                base64.b64decode(params["signature"]),
                "\n".join(lines).encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except (InvalidSignature, KeyError, ValueError):
            return JSONResponse({"error": "signature"}, 401)
        return JSONResponse({"status": "accepted"}, 202)

    return Starlette(
        routes=[Route("/actor", actor_document), Route("/inbox", inbox, methods=["POST"])]
    )


if __name__ == "__main__":
    serve(build)

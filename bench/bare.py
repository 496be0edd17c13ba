"""A bare Starlette app that answers recorded responses: the ceiling the node is compared with.

Run as `python bench/bare.py FOLDER --port N`. FOLDER/manifest.json lists
`{"path", "file", "content_type"}` entries; each path answers the bytes of its file.
The uvicorn settings mirror `buurtnode serve` (node/cli.py: cmd_serve), so the only
difference between the two processes is what happens inside the app.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Callable
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def endpoint(body: bytes, content_type: str):  # type: ignore[no-untyped-def]
    async def answer(request: Request) -> Response:
        return Response(body, headers={"content-type": content_type})

    return answer


def build(folder: Path) -> Starlette:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    routes = [
        Route(item["path"], endpoint((folder / item["file"]).read_bytes(), item["content_type"]))
        for item in manifest
    ]
    return Starlette(routes=routes)


def serve(build_app: Callable[[Path], Starlette]) -> None:
    """Run a bare app from the command line (FOLDER --port N) exactly as cmd_serve runs the
    node: same logging, access log and server settings, so both pay for the same things."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    uvicorn.run(
        build_app(args.folder),
        host="127.0.0.1",
        port=args.port,
        log_level="info",
        access_log=False,  # as `buurtnode serve` by default ([node] access_log)
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )


if __name__ == "__main__":
    serve(build)

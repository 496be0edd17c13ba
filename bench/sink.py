"""A loopback sink for fan-out: 202 for a POST to /inbox/0 ... /inbox/N-1, counted.

Run as `python bench/sink.py --port N --inboxes 200`. `GET /count` answers
`{"posts": total, "inboxes": distinct paths, "most_to_one": the largest count on one path}`,
so the bench can check that each shared inbox got the activity once. `GET /receipts`
answers `{"PATH ACTIVITY-ID": count}` for every POST (tests/federation/test_crash_delivery.py
counts duplicates with it), and `--delay S` holds each answer S seconds, as a slow inbox
does. A raw ASGI app without an access log, so the sink costs the sender as little as it can.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from typing import Any

import uvicorn

Scope = dict[str, Any]


def build(inboxes: int, delay: float = 0.0) -> Any:
    valid = {f"/inbox/{n}" for n in range(inboxes)}
    posts: Counter[str] = Counter()
    receipts: Counter[str] = Counter()

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        more, received = True, b""
        while more:  # read the body to its end, as a real inbox would
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the sender went away mid-request (killed): nothing arrived
            received += message.get("body", b"")
            more = message.get("more_body", False)
        path, method = scope["path"], scope["method"]
        if method == "POST" and path in valid:
            posts[path] += 1
            receipts[f"{path} {_activity_id(received)}"] += 1
            if delay:
                await asyncio.sleep(delay)
            status, body = 202, b'{"status":"accepted"}'
        elif method == "GET" and path == "/receipts":
            status, body = 200, json.dumps(receipts).encode()
        elif method == "GET" and path == "/count":
            status = 200
            most = max(posts.values(), default=0)
            body = json.dumps(
                {"posts": sum(posts.values()), "inboxes": len(posts), "most_to_one": most}
            ).encode()
        else:
            status, body = 404, b"{}"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app


def _activity_id(body: bytes) -> str:
    try:
        found = json.loads(body)
    except ValueError:
        return ""
    return str(found.get("id", "")) if isinstance(found, dict) else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--inboxes", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    uvicorn.run(
        build(args.inboxes, args.delay),
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()

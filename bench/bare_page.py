"""A bare signed-in list page: the ceiling the node's signed-in /prikbord is compared with.

Run as `python bench/bare_page.py DATABASE --port N`. GET /page does the work the node's
page does, with the least code: it reads the session id from the Starlette session cookie
the node set (base64 JSON; the signature is not checked), finds the session and its member
in the node's own SQLite file (read-only, plain sqlite3 on the loop's thread), reads the
20 newest posts with their authors and tags, and renders them with Jinja2 (autoescape) in
a page of the same parts: header, menu, form, 20 cards. Dates are formatted with strftime
and a list of month names, not Babel. Same uvicorn settings as bench/bare.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import jinja2
from bare import serve
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
SECTIONS = "initiatieven in-de-buurt prikbord mededelingen activiteiten inspraak plekken"
SECTIONS += " wijkbudget wijkboekhouding gids contact"
MENU = [(f"/{name}", name.title()) for name in SECTIONS.split(" ")]
POSTS = (
    "SELECT p.id, p.member_id, p.body_html, p.created_at, m.display_name AS author_name,"
    " (SELECT group_concat(tag, ' ') FROM post_tags WHERE post_id = p.id) AS tags"
    " FROM posts p LEFT JOIN members m ON m.id = p.member_id"
    " WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.visibility IN ('public', 'members')"
    " ORDER BY p.id DESC LIMIT 20"
)


def _shown(stored: str) -> str:
    moment = datetime.strptime(stored, "%Y-%m-%dT%H:%M:%SZ")
    return f"{moment.day} {MONTHS.split()[moment.month - 1]} {moment:%Y %H:%M}"


def build(database: Path) -> Starlette:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        auto_reload=False,
    )
    page = templates.get_template("bare_page.html")

    async def signed_in_page(request: Request) -> Response:
        cookie = request.cookies.get("buurtnode_session", "")
        data = json.loads(base64.b64decode(cookie.split(".", 1)[0]))
        token_hash = hashlib.sha256(data["sid"].encode()).hexdigest()
        session = conn.execute(
            "SELECT member_id FROM sessions WHERE token_hash = ?", (token_hash,)
        ).fetchone()
        if session is None:
            return Response("no session", 401)
        member = conn.execute(
            "SELECT id, display_name FROM members WHERE id = ?", (session["member_id"],)
        ).fetchone()
        posts = [
            {**row, "shown_at": _shown(row["created_at"])} for row in conn.execute(POSTS).fetchall()
        ]
        html = page.render(
            node_name="Beekveld-Noord",
            member=member,
            csrf=data.get("csrf_token", ""),
            menu=MENU,
            path="/prikbord",
            posts=posts,
        )
        return HTMLResponse(html)

    async def ready(request: Request) -> Response:
        return Response("ready")

    return Starlette(routes=[Route("/page", signed_in_page), Route("/ready", ready)])


if __name__ == "__main__":
    serve(build)

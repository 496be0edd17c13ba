"""How quickly the municipality answers (/reactietijden), public on every node: the median
days to a question's answer and to an official response, over the last 12 months and per
month; on a gemeente node also per neighbourhood it follows."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from node.web.pages.municipality.format import HELPERS as FORMAT
from node.web.rendering import render


async def index(request: Request) -> Response:
    times = await request.app.state.hood.response_times.report()
    return await render(request, "contact/response_times.html", {"times": times, **FORMAT})


routes = [Route("/reactietijden", index, methods=["GET"], name="response_times")]

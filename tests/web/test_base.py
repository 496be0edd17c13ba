import sqlite3

import httpx

from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member


async def test_healthz_reports_version_and_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["version"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_healthz_asks_the_database_every_time(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    assert (await client.get("/healthz")).status_code == 200
    working, broken = hood.db._reader, sqlite3.connect(":memory:")
    broken.close()
    hood.db._reader = broken  # the database stops answering
    try:
        response = await client.get("/healthz")
    finally:
        hood.db._reader = working
    assert response.status_code == 503 and response.json()["database"] == "error"
    assert (await client.get("/healthz")).status_code == 200


async def test_home_page_names_the_node_and_its_contact_people(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    contact = await add_member(hood, "gemma", "contact", "Gemma de Vries")
    await hood.members.update_profile(
        contact,
        display_name="Gemma de Vries",
        phone="0345 123 456",
        availability="ma-do 9-12",
        about="",
    )
    page = await client.get("/")
    assert page.status_code == 200
    assert "<h1>Beekveld-Noord</h1>" in page.text
    assert "Gemma de Vries" in page.text and "0345 123 456" in page.text
    assert "aanspreekpunt van de gemeente" in page.text


async def test_every_page_has_landmarks_and_a_skip_link(client: httpx.AsyncClient) -> None:
    for path in ("/", "/inloggen", "/registreren", "/bestaat-niet"):
        html = (await client.get(path)).text
        assert 'href="#inhoud"' in html and '<main id="inhoud"' in html, path
        assert "<header" in html and "<footer" in html and '<html lang="nl">' in html, path


async def test_missing_pages_are_friendly_in_html_and_json(client: httpx.AsyncClient) -> None:
    html = await client.get("/bestaat-niet")
    assert html.status_code == 404 and "Pagina niet gevonden" in html.text
    english = await client.get("/bestaat-niet", headers={"accept-language": "en"})
    assert "Page not found" in english.text
    machine = await client.get("/bestaat-niet", headers={"accept": "application/json"})
    assert machine.status_code == 404 and "error" in machine.json()


async def test_oversized_bodies_are_refused_before_reading(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/inloggen",
        content=b"x" * 2_000_001,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


async def test_security_headers_are_sent(client: httpx.AsyncClient) -> None:
    headers = (await client.get("/")).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


async def test_an_unexpected_error_shows_a_friendly_500(app, settings) -> None:  # type: ignore[no-untyped-def]
    async def boom(request):  # type: ignore[no-untyped-def]
        raise RuntimeError("kaboom")

    app.add_route("/boom", boom)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url=settings.url) as http:
        response = await http.get("/boom")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text


async def test_an_oversized_upload_from_a_browser_gets_a_page_that_says_what_to_do(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/initiatieven/nieuw",
        content=b"x" * 20_000_000,
        headers={"content-type": "multipart/form-data; boundary=x", "accept": "text/html"},
    )
    assert response.status_code == 413
    assert "groter dan 12 MB" in response.text and "niets opgeslagen" in response.text


async def test_reading_without_logging_in_sets_no_cookie(client: httpx.AsyncClient) -> None:
    """A visitor who only reads gets no session cookie; one appears with the first form."""
    for path in ("/", "/initiatieven", "/activiteiten", "/bestaat-niet"):
        assert "set-cookie" not in (await client.get(path)).headers, path
    assert "set-cookie" in (await client.get("/inloggen")).headers

"""Initiatives through HTTP, as a browser sends them: multipart and plain forms with CSRF."""

import io
import re

import httpx
from PIL import Image

from node.community.initiatives.needs import NeedDraft
from node.community.initiatives.service import InitiativeDraft
from node.community.neighbourhood import Neighbourhood
from tests.conftest import add_member, csrf_from, login, post_form


def new_initiative_form(**overrides: str) -> dict[str, str]:
    form = {
        "title": "Bankjes in park De Horst",
        "summary": "Drie nieuwe bankjes, zodat ouderen onderweg kunnen rusten.",
        "description": "Gemaakt van **gerecycled** hout.\n\n<script>alert('x')</script>",
        "area": "Park De Horst",
        "participation_level": "coproduce",
        "need_0_kind": "money",
        "need_0_text": "Hout en bevestiging",
        "need_0_amount": "800",
        "need_1_kind": "volunteers",
        "need_1_text": "Een zaterdag timmeren",
        "need_1_amount": "6",
        "need_2_kind": "",
        "need_2_text": "",
        "need_2_amount": "",
    }
    form.update(overrides)
    return form


async def submit_new(
    client: httpx.AsyncClient, form: dict[str, str], files: dict | None = None
) -> httpx.Response:
    token = await csrf_from(client, "/initiatieven/nieuw")
    return await client.post(
        "/initiatieven/nieuw", data={**form, "csrf_token": token}, files=files or {}
    )


def png_bytes(size: tuple[int, int] = (2400, 1200), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (30, 120, 60))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera Maker"  # Make
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "PNG")
    return out.getvalue()


async def start(hood: Neighbourhood, username: str = "anna") -> int:
    member = await hood.members.by_username(username) or await add_member(hood, username)
    return await hood.initiatives.start(
        member,
        InitiativeDraft(
            title="Bankjes in park De Horst",
            summary="Drie nieuwe bankjes.",
            needs=[NeedDraft("money", "Hout", "800"), NeedDraft("volunteers", "Timmeren", "6")],
        ),
    )


async def test_given_a_resident_when_they_start_an_initiative_then_its_page_shows_needs(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await submit_new(client, new_initiative_form())
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert page.status_code == 200
    assert "<h1>Bankjes in park De Horst</h1>" in page.text
    assert "€ 0 van € 800 toegezegd" in page.text
    assert "0 van 6 vrijwilligers" in page.text
    assert "Samen uitvoeren" in page.text  # the participation level, in Dutch
    assert "<strong>gerecycled</strong>" in page.text
    assert "<script>alert" not in page.text


async def test_an_anonymous_visitor_is_sent_to_log_in_before_starting(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/initiatieven/nieuw")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen")


async def test_a_malformed_amount_re_shows_the_form_with_the_input_kept(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await submit_new(client, new_initiative_form(need_0_amount="achthonderd"))
    assert response.status_code == 400
    assert "Schrijf het bedrag" in response.text
    assert 'value="achthonderd"' in response.text and "Bankjes in park De Horst" in response.text
    assert await hood.initiatives.public() == []


async def test_an_image_is_shrunk_and_stripped_of_its_metadata(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    photo = png_bytes((3200, 2000), exif=True)
    response = await submit_new(
        client, new_initiative_form(), files={"image": ("bank.jpg", photo, "image/jpeg")}
    )
    assert response.status_code == 303
    page = (await client.get(response.headers["location"])).text
    src = re.search(r'src="(/initiatieven/media/[^"]+)"', page).group(1)
    served = await client.get(src)
    assert served.status_code == 200
    image = Image.open(io.BytesIO(served.content))
    assert max(image.size) == 1600
    assert not image.getexif()


async def test_a_file_that_is_not_an_image_is_refused_clearly(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await submit_new(
        client,
        new_initiative_form(),
        files={"image": ("virus.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")},
    )
    assert response.status_code == 400
    assert "geen foto" in response.text
    assert await hood.initiatives.public() == []


async def test_an_image_over_5_mb_is_refused_by_the_domain_rule(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    big = png_bytes((10, 10)) + b"\0" * 6_000_000
    response = await submit_new(
        client, new_initiative_form(), files={"image": ("groot.png", big, "image/png")}
    )
    assert response.status_code == 400
    assert "groter dan 5 MB" in response.text
    assert await hood.initiatives.public() == []


async def test_a_20_mb_upload_is_refused_before_it_is_read(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await add_member(hood, "anna")
    await login(client, "anna")
    response = await submit_new(
        client,
        new_initiative_form(),
        files={"image": ("huge.png", b"\0" * 20_000_000, "image/png")},
    )
    assert response.status_code == 413
    assert await hood.initiatives.public() == []


async def test_a_resident_cannot_edit_someone_elses_initiative(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood, "anna")
    await add_member(hood, "bert")
    await login(client, "bert")
    assert (await client.get(f"/initiatieven/{initiative_id}/bewerken")).status_code == 403
    token = await csrf_from(client, f"/initiatieven/{initiative_id}")
    response = await client.post(
        f"/initiatieven/{initiative_id}/bewerken",
        data={**new_initiative_form(title="Gekaapt"), "csrf_token": token},
        files={},
    )
    assert response.status_code == 403
    assert (await hood.initiatives.get(initiative_id)).title == "Bankjes in park De Horst"


async def test_the_initiator_edits_and_adds_a_need(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood, "anna")
    await login(client, "anna")
    form = new_initiative_form(
        title="Vier bankjes in park De Horst",
        need_0_kind="location",
        need_0_text="Opslag voor het hout",
        need_0_amount="",
        need_1_kind="",
        need_1_text="",
        need_1_amount="",
    )
    token = await csrf_from(client, f"/initiatieven/{initiative_id}/bewerken")
    response = await client.post(
        f"/initiatieven/{initiative_id}/bewerken", data={**form, "csrf_token": token}, files={}
    )
    assert response.status_code == 303
    page = await hood.initiatives.page(initiative_id)
    assert page.initiative.title == "Vier bankjes in park De Horst"
    assert [n.kind.value for n in page.needs] == ["money", "volunteers", "location"]


async def test_an_anonymous_offer_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood)
    need = (await hood.initiatives.page(initiative_id)).needs[0]
    response = await post_form(
        client,
        f"/initiatieven/{initiative_id}/behoeften/{need.id}/aanbod",
        {"amount": "50", "body": "Van mij"},
        form_page="/inloggen",  # the page itself shows an anonymous visitor no form
    )
    assert response.status_code == 403
    assert "Log in of meld u aan om hulp aan te bieden" in response.text
    assert (await hood.initiatives.page(initiative_id)).offers == {}


async def test_an_offer_accepted_by_the_initiator_shows_how_far_the_need_is_met(
    app, settings, hood: Neighbourhood
) -> None:  # type: ignore[no-untyped-def]
    initiative_id = await start(hood, "anna")
    await add_member(hood, "bert")
    need = (await hood.initiatives.page(initiative_id)).needs[0]
    page_path = f"/initiatieven/{initiative_id}"
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url=settings.url) as bert,
        httpx.AsyncClient(transport=transport, base_url=settings.url) as anna,
    ):
        await login(bert, "bert")
        bad = await post_form(
            bert,
            f"{page_path}/behoeften/{need.id}/aanbod",
            {"amount": "veel", "body": "Uit de straatpot"},
            form_page=page_path,
        )
        assert bad.status_code == 400 and 'value="veel"' in bad.text
        offered = await post_form(
            bert,
            f"{page_path}/behoeften/{need.id}/aanbod",
            {"amount": "350", "body": "Uit de straatpot"},
            form_page=page_path,
        )
        assert offered.status_code == 303
        offer_id = (await hood.initiatives.page(initiative_id)).offers[need.id][0].id

        refused = await post_form(
            bert, f"/initiatieven/aanbod/{offer_id}", {"decision": "accept"}, form_page=page_path
        )
        assert refused.status_code == 403

        await login(anna, "anna")
        accepted = await post_form(
            anna, f"/initiatieven/aanbod/{offer_id}", {"decision": "accept"}, form_page=page_path
        )
        assert accepted.status_code == 303
        page = (await anna.get(page_path)).text
        assert "€ 350 van € 800 toegezegd" in page


async def test_support_toggles_and_is_counted_once(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood)
    await add_member(hood, "bert")
    await login(client, "bert")
    path = f"/initiatieven/{initiative_id}"
    await post_form(client, f"{path}/steun", {}, form_page=path)
    assert "1 bewoner steunt dit" in (await client.get(path)).text
    await post_form(client, f"{path}/steun", {}, form_page=path)
    assert "0 bewoners steunen dit" in (await client.get(path)).text


async def test_the_contact_persons_response_is_shown_as_official(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood)
    await add_member(hood, "gemma", "contact", "Gemma de Vries")
    await login(client, "gemma")
    path = f"/initiatieven/{initiative_id}"
    response = await post_form(
        client,
        f"{path}/reacties",
        {"body": "De gemeente denkt graag mee.", "official": "1"},
        form_page=path,
    )
    assert response.status_code == 303
    page = (await client.get(path)).text
    assert "comment-official" in page and "Officiële reactie van de gemeente" in page


async def test_a_resident_cannot_post_an_official_response(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood)
    await add_member(hood, "bert")
    await login(client, "bert")
    path = f"/initiatieven/{initiative_id}"
    response = await post_form(
        client, f"{path}/reacties", {"body": "Namens de gemeente", "official": "1"}, form_page=path
    )
    assert response.status_code == 403
    assert "Namens de gemeente</textarea>" in response.text
    assert await hood.comments.on("initiative", initiative_id) == []


async def test_stopping_keeps_the_page_with_the_reason(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    initiative_id = await start(hood, "anna")
    await login(client, "anna")
    path = f"/initiatieven/{initiative_id}"
    refused = await post_form(
        client, f"{path}/status", {"status": "stopped", "reason": ""}, form_page=path
    )
    assert refused.status_code == 400
    reason = "Geen vergunning voor bankjes in het park gekregen."
    stopped = await post_form(
        client, f"{path}/status", {"status": "stopped", "reason": reason}, form_page=path
    )
    assert stopped.status_code == 303
    page = (await client.get(path)).text
    assert "Dit initiatief is gestopt" in page and reason in page
    assert "Hulp aanbieden" not in page


async def test_the_list_filters_and_searches_safely(
    client: httpx.AsyncClient, hood: Neighbourhood
) -> None:
    await start(hood)
    anna = await hood.members.by_username("anna")
    await hood.initiatives.start(
        anna, InitiativeDraft(title="Buurtbieb", summary="Een boekenkastje bij de bakker.")
    )
    everything = await client.get("/initiatieven")
    assert "Bankjes in park De Horst" in everything.text and "Buurtbieb" in everything.text
    money = await client.get("/initiatieven", params={"behoefte": "money", "hulp": "1"})
    assert "Bankjes" in money.text and "Buurtbieb" not in money.text
    found = await client.get("/initiatieven", params={"q": "boeken"})
    assert "Buurtbieb" in found.text and "Bankjes" not in found.text
    for odd in ['"', "AND(", "bank* OR", "NEAR(", "')--"]:
        response = await client.get("/initiatieven", params={"q": odd})
        assert response.status_code == 200, odd


async def test_unknown_media_names_are_not_served(client: httpx.AsyncClient) -> None:
    for name in ("../buurtnode.sqlite3", "session.secret", "0" * 32 + ".jpg"):
        assert (await client.get(f"/initiatieven/media/{name}")).status_code == 404


async def test_the_section_is_on_the_home_page(client: httpx.AsyncClient) -> None:
    home = (await client.get("/")).text
    assert 'href="/initiatieven"' in home and "Initiatieven" in home

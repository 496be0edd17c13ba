"""Sample buurtberichten on Beekveld-Noord: one with a photo and its alt text, as an app
posts it, edited later by its author; plain ones with hashtags, some by Lotte, whose member
page /@lotte is public (people.py)."""

from __future__ import annotations

import io
from typing import Any

from node.community.accounts.members import Member

BROKEN_RACK = (
    "Een fietsenrek met vier gebogen beugels op de stoep voor de bibliotheek;"
    " twee fietsen liggen ernaast op de grond."
)


def _photo() -> bytes:
    """A drawn stand-in for a phone photo: a bent bicycle rack on a pavement."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), (176, 196, 214))  # sky
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 960, 640), fill=(150, 150, 145))  # pavement
    for n, lean in enumerate((0, 40, -30, 0)):
        left = 180 + n * 160
        draw.arc((left, 260 + lean, left + 110, 480), 180, 360, fill=(60, 60, 70), width=14)
        draw.line((left, 370, left, 470), fill=(60, 60, 70), width=14)
        draw.line((left + 110, 370, left + 110, 470), fill=(60, 60, 70), width=14)
    for x in (250, 600):
        draw.ellipse((x, 500, x + 110, 610), outline=(30, 30, 30), width=10)  # a fallen bike
        draw.ellipse((x + 150, 500, x + 260, 610), outline=(30, 30, 30), width=10)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


POSTS: dict[str, list[tuple[str, str]]] = {
    "noord": [
        (
            "lotte",
            "Wie heeft er een ladder te leen voor zaterdag? Ik wil de nestkastjes in het park "
            "De Horst ophangen. #DeHorst",
        ),
        (
            "kees",
            "Zaterdag is de repair café in het buurthuis weer open, van 10 tot 13 uur. "
            "Neem mee wat kapot is!",
        ),
    ],
}


async def seed(hood: Any, spec: Any, people: dict[str, Member]) -> None:
    for username, body in POSTS.get(spec.slug, []):
        await hood.posts.write(people[username], body)
    if spec.slug != "noord":
        return
    posts = hood.posts
    photo = await posts.photos.upload(people["kees"], _photo(), BROKEN_RACK)
    _, post_id = await posts.write(
        people["kees"],
        "Het fietsenrek bij de bibliotheek is kapot. Wie weet bij wie ik dat meld? #fietsen",
        photo_ids=[photo.id],
    )
    await posts.edit(
        people["kees"],
        post_id,
        "Het fietsenrek bij de bibliotheek is kapot. Gemeld bij de gemeente: donderdag komen"
        " ze het maken. #fietsen",
    )
    await posts.write(
        people["lotte"], "Wie wil er zaterdag mee wieden in de #moestuin? Koffie staat klaar."
    )

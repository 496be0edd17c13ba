"""Uploaded pictures are re-encoded from their pixels: small, upright and without metadata."""

import io
from pathlib import Path

import pytest
from PIL import Image

from node.community.errors import Invalid
from node.community.media import MAX_IMAGE_BYTES, MediaStore


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def test_a_photo_with_gps_data_is_stored_as_a_clean_jpeg(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS info
    photo = encoded(Image.new("RGB", (4000, 3000), "green"), "JPEG", exif=exif)
    media = MediaStore(tmp_path)

    name = media.save_image(photo)

    with Image.open(media.path_for(name)) as stored:
        assert stored.format == "JPEG" and stored.size == (1600, 1200)
        assert not stored.getexif()


def test_a_transparent_picture_stays_a_png(tmp_path: Path) -> None:
    media = MediaStore(tmp_path)
    name = media.save_image(encoded(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), "PNG"))
    assert name.endswith(".png")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 not a picture", b"", b"GIF89a broken", b"\0" * (MAX_IMAGE_BYTES + 1)],
    ids=["pdf", "empty", "broken-gif", "too-large"],
)
def test_what_is_not_a_usable_picture_is_refused_and_nothing_is_written(
    tmp_path: Path, data: bytes
) -> None:
    media = MediaStore(tmp_path / "media")
    with pytest.raises(Invalid):
        media.save_image(data)
    assert not (tmp_path / "media").exists()


def test_only_names_the_store_made_are_looked_up(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("x")
    media = MediaStore(tmp_path)
    assert media.path_for("secret.txt") is None
    assert media.path_for("../secret.txt") is None

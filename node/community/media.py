"""Uploaded images: checked, re-encoded and stripped of metadata before they are kept.

Re-encoding from the decoded pixels (never copying the upload) drops EXIF, GPS positions
and anything hidden in the file, and means we only ever serve images we wrote ourselves.
"""

from __future__ import annotations

import io
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from node.community.errors import N_, Invalid

MAX_IMAGE_BYTES = 5_000_000
MAX_SIDE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png)$")

if TYPE_CHECKING:
    from PIL import Image


@dataclass(frozen=True)
class SavedImage:
    name: str
    width: int
    height: int


class MediaStore:
    """Images in DATA/media/, each under a random name that says nothing about its content."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save_image(self, data: bytes) -> str:
        """Store an uploaded image; returns its name. Raises Invalid when it is not fit."""
        return self.save_sized(data).name

    def save_sized(self, data: bytes) -> SavedImage:
        """Store an uploaded image; its name and size as kept (at most MAX_SIDE a side)."""
        from PIL import Image, ImageOps  # only when an image arrives: an idle node skips Pillow

        if len(data) > MAX_IMAGE_BYTES:
            raise Invalid(
                N_("The image is larger than %(size)s MB. Choose a smaller photo."),
                size=MAX_IMAGE_BYTES // 1_000_000,
            )
        image = _decode(data)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        )
        image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        mode, extension, fmt = ("RGBA", "png", "PNG") if has_alpha else ("RGB", "jpg", "JPEG")
        converted = image.convert(mode)
        # A fresh image from the pixels alone, so no metadata can travel along.
        clean = Image.frombytes(mode, converted.size, converted.tobytes())
        out = io.BytesIO()
        if fmt == "JPEG":
            clean.save(out, fmt, quality=85, optimize=True)
        else:
            clean.save(out, fmt, optimize=True)
        name = f"{secrets.token_hex(16)}.{extension}"
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(out.getvalue())
        return SavedImage(name, *clean.size)

    def path_for(self, name: str) -> Path | None:
        """The file for a stored name, or None; only names we made are ever looked up."""
        if not _NAME.match(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def remove(self, name: str | None) -> None:
        if name and _NAME.match(name):
            (self.folder / name).unlink(missing_ok=True)


def media_type(name: str) -> str:
    """The type of a file we stored: we only ever write JPEG and PNG."""
    return "image/png" if name.endswith(".png") else "image/jpeg"


def _decode(data: bytes) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    refused = Invalid(N_("This file is not a photo or picture we can use. Choose a JPEG or PNG."))
    try:
        with warnings.catch_warnings():
            # A tiny file that unpacks into billions of pixels is an attack, not a photo.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise refused
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refused from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Invalid(N_("This picture has too many pixels. Choose a smaller photo.")) from error
    return image

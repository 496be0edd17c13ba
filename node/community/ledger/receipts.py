"""Receipts (bonnetjes) for ledger entries: a PDF or image of at most 5 MB in DATA/receipts/.

Kept byte for byte, because the ledger entry carries the file's SHA-256: anyone holding
the receipt can check it is the one the books refer to. The name is random.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

from node.community.errors import N_, Invalid

MAX_RECEIPT_BYTES = 5_000_000
_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|jpg|png|webp)$")
_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


def receipt_kind(data: bytes) -> str:
    """The file's type from its first bytes (never from its name); Invalid when unknown."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    for magic, extension in _SIGNATURES:
        if data.startswith(magic):
            return extension
    raise Invalid(N_("A receipt must be a PDF or a photo (JPEG, PNG or WebP)."))


class ReceiptStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def check(self, data: bytes) -> tuple[str, str]:
        """(extension, sha256) of an acceptable receipt; Invalid when it is not."""
        if len(data) > MAX_RECEIPT_BYTES:
            raise Invalid(
                N_("The receipt is larger than %(size)s MB. Choose a smaller file."),
                size=MAX_RECEIPT_BYTES // 1_000_000,
            )
        if not data:
            raise Invalid(N_("The receipt file is empty."))
        return receipt_kind(data), hashlib.sha256(data).hexdigest()

    def save(self, data: bytes, extension: str) -> str:
        name = f"{secrets.token_hex(16)}.{extension}"
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)
        return name

    def path_for(self, name: str) -> Path | None:
        if not _NAME.match(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def remove(self, name: str | None) -> None:
        if name and _NAME.match(name):
            (self.folder / name).unlink(missing_ok=True)

"""The node's RSA key pair, used for HTTP signatures (Mastodon requires RSA)."""

from __future__ import annotations

import os
from pathlib import Path

from bovine.crypto import generate_rsa_public_private_key


def create_key_pair(private_path: Path, public_path: Path) -> None:
    """Write a new RSA-2048 pair; the private key readable by the owner only (0600)."""
    public_pem, private_pem = generate_rsa_public_private_key()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(private_pem)
    public_path.write_text(public_pem, encoding="ascii")

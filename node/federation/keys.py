"""The node's RSA key pair, used for HTTP signatures (Mastodon requires RSA)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bovine.crypto import generate_rsa_public_private_key
from bovine.crypto.types import CryptographicSecret
from cryptography.hazmat.primitives.serialization import load_pem_private_key


def create_key_pair(private_path: Path, public_path: Path) -> None:
    """Write a new RSA-2048 pair; the private key readable by the owner only (0600)."""
    public_pem, private_pem = generate_rsa_public_private_key()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(private_pem)
    public_path.write_text(public_pem, encoding="ascii")


@dataclass(frozen=True)
class NodeKey:
    """The node's key, parsed once at start-up: PEM parsing costs ~40 ms (see PERF.md)."""

    secret: CryptographicSecret
    public_pem: str

    @property
    def key_id(self) -> str:
        return self.secret.key_id

    @classmethod
    def load(cls, private_path: Path, public_path: Path, key_id: str) -> NodeKey:
        # We generated this key ourselves, so the slow consistency checks add nothing.
        private_key = load_pem_private_key(
            private_path.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True
        )
        return cls(
            CryptographicSecret(key_id, private_key),  # type: ignore[arg-type]
            public_path.read_text(encoding="ascii"),
        )

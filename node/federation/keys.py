"""The node's RSA key pair, used for HTTP signatures (Mastodon requires RSA).

Generating and loading use `cryptography` directly; the bovine wrapper that signs is made
on first use, because importing bovine pulls aiohttp, pyld, lxml and pydantic (~35 MB,
~0.7 s) that an idle node does not need (PERF.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key

if TYPE_CHECKING:
    from bovine.crypto.types import CryptographicSecret


def create_key_pair(private_path: Path, public_path: Path) -> None:
    """Write a new RSA-2048 pair; the private key readable by the owner only (0600)."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(private_pem)
    public_path.write_bytes(public_pem)


@dataclass(frozen=True)
class NodeKey:
    """The node's key, parsed once at start-up: PEM parsing costs ~40 ms (see PERF.md)."""

    key_id: str
    private_key: rsa.RSAPrivateKey
    public_pem: str

    @cached_property
    def secret(self) -> CryptographicSecret:
        """bovine's signing wrapper around the parsed key, made when first signing."""
        from bovine.crypto.types import CryptographicSecret

        return CryptographicSecret(self.key_id, self.private_key)  # type: ignore[arg-type]

    @classmethod
    def load(cls, private_path: Path, public_path: Path, key_id: str) -> NodeKey:
        # We generated this key ourselves, so the slow consistency checks add nothing.
        private_key = load_pem_private_key(
            private_path.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True
        )
        if not isinstance(private_key, rsa.RSAPrivateKey):
            raise ValueError(f"{private_path} does not hold an RSA private key")
        return cls(key_id, private_key, public_path.read_text(encoding="ascii"))

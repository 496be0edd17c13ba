"""Signing and checking the ledger with the node's RSA key (RSA-PKCS1v15-SHA256).

Neutral ground between the layers: only `cryptography`, no bovine. The domain knows only
the `Signer` protocol (node/community/ledger/chain.py); node/app.py, the demo and the CLI
build the real thing here from the key the node already has.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key


@dataclass(frozen=True)
class RsaSigner:
    private_key: rsa.RSAPrivateKey
    public_pem: str
    key_id: str

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    def verify(self, data: bytes, signature: bytes) -> bool:
        return verify_with_pem(self.public_pem, data, signature)

    @classmethod
    def from_key(cls, private_key: object, public_pem: str, key_id: str) -> RsaSigner:
        """From a key already loaded (the node's NodeKey), checked to be RSA."""
        if not isinstance(private_key, rsa.RSAPrivateKey):
            raise ValueError("the node's key is not an RSA key")
        return cls(private_key, public_pem, key_id)

    @classmethod
    def from_files(cls, private_path: Path, public_path: Path, key_id: str) -> RsaSigner:
        key = load_pem_private_key(
            private_path.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True
        )
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError(f"{private_path} is not an RSA key")
        return cls(key, public_path.read_text(encoding="ascii"), key_id)


def derive_secret(secret: str, purpose: str) -> bytes:
    """A key for one purpose from the node's session secret, so uses never share a key."""
    return hmac.new(secret.encode(), f"buurtnode:{purpose}".encode(), hashlib.sha256).digest()


@lru_cache(maxsize=8)
def _public_key(public_pem: str) -> object:
    return load_pem_public_key(public_pem.encode("ascii"))


def verify_with_pem(public_pem: str, data: bytes, signature: bytes) -> bool:
    """True when `signature` is the holder of this public key's signature over `data`."""
    try:
        key = _public_key(public_pem)
    except ValueError:
        return False
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    try:
        key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True

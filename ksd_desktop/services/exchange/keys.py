"""The data file's Ed25519 key: its *kode perangkat*, and signing and checking a bundle's manifest.

The private key lives in the database (storage/keys.py; created by migration
``m008_device_key_and_trusted_keys``) and is used only here, to sign; a bundle carries the
public key. ``cryptography`` is imported when a key is first used (an export, an import,
the settings or the about box), never with the main window.

What is signed (docs/bundle-format.md, "The signature"): the bytes ``SIGNING_CONTEXT``
followed by the canonical JSON (sorted keys, no insignificant whitespace, UTF-8) of the
manifest without its ``signature`` key. The manifest holds the SHA-256 of every other
member, the sender's role and public key, the scope and the export time, so the one
signature covers the whole bundle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...domain.canonical import dumps_canonical
from ...domain.device import device_code
from ...storage.keys import own_private_key

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlite_utils import Database

SIGNATURE_ALGORITHM = "Ed25519"
SIGNING_CONTEXT = b"ksd-desktop/bundle-manifest\n"


def _private(db: Database) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(own_private_key(db))


def own_public_key(db: Database) -> bytes:
    """This data file's 32-byte Ed25519 public key."""
    return _private(db).public_key().public_bytes_raw()


def own_device_code(db: Database) -> str:
    """This data file's kode perangkat (``K7Q4-9XMA``): for Settings, the about box, the export
    confirmation and the form PDF's footer."""
    return device_code(own_public_key(db))


def manifest_message(manifest: dict[str, Any]) -> bytes:
    """The bytes a manifest's signature covers."""
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    return SIGNING_CONTEXT + dumps_canonical(unsigned).encode("utf-8")


def sign_manifest(db: Database, manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest with its ``signature`` (hex), made with this data file's private key."""
    value = _private(db).sign(manifest_message(manifest)).hex()
    return {**manifest, "signature": {"algorithm": SIGNATURE_ALGORITHM, "value": value}}


def signature_valid(manifest: dict[str, Any]) -> bool:
    """Whether ``signature`` was made over this manifest by the private key of ``sender.public_key``.

    The manifest must already match the schema (hex of the right lengths).
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(manifest["sender"]["public_key"]))
        key.verify(bytes.fromhex(manifest["signature"]["value"]), manifest_message(manifest))
    except (InvalidSignature, ValueError):
        return False
    return True

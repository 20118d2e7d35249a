"""The *kode perangkat*, the data file's roles, and who may hold a recorded key.

Every data file has an Ed25519 key pair (services/exchange/keys.py). Its public key is read
over the phone as a short *kode perangkat*: the first 40 bits of the key's SHA-256 in
Crockford's base32 (digits and capitals without I, L, O and U, so nothing is ambiguous when
read aloud), in two groups of four: ``K7Q4-9XMA``. The code is for people; the software
always compares the full public key.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

#: Crockford's base32: no I, L, O, U.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 8
#: Read as the digit a person most likely meant (Crockford's decoding rules).
_READ_AS = {"O": "0", "I": "1", "L": "1"}
PUBLIC_KEY_BYTES = 32


class Role(StrEnum):
    """Who uses a data file (Pengaturan › Peran berkas data); travels in every bundle it sends."""

    PERANGKAT_DAERAH = "perangkat_daerah"
    SEKRETARIAT = "sekretariat_tkksd"


ROLE_LABELS = {Role.PERANGKAT_DAERAH: "Perangkat Daerah", Role.SEKRETARIAT: "Sekretariat TKKSD"}

#: The holder name of the secretariat's recorded key (agencies are recorded by their code).
SECRETARIAT_HOLDER = "TKKSD"


def role_label(role: str | None) -> str:
    try:
        return ROLE_LABELS[Role(role or "")]  # None and "" are no role (ValueError) alike
    except ValueError:
        return str(role or "–")


def device_code(public_key: bytes) -> str:
    """``K7Q4-9XMA``: 40 bits of the public key's SHA-256, Crockford base32, two groups of four."""
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise ValueError("an Ed25519 public key has 32 bytes")
    number = int.from_bytes(hashlib.sha256(public_key).digest()[:5], "big")
    chars = "".join(ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))
    return f"{chars[:4]}-{chars[4:]}"


def fingerprint(public_key: bytes) -> str:
    """The whole SHA-256 of the key in groups of four hex digits: shown when two codes look alike."""
    digest = hashlib.sha256(public_key).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def normalise_code(text: str) -> str | None:
    """A code as a person typed it (``k7q4 9xma``, ``K7Q49XMA``) in its shown form, or None if it is none."""
    chars = "".join(_READ_AS.get(c, c) for c in text.upper() if c not in " -")
    if len(chars) != CODE_CHARS or any(c not in ALPHABET for c in chars):
        return None
    return f"{chars[:4]}-{chars[4:]}"

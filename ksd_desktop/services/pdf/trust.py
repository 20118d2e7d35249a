"""Trust anchors: the CA certificates (e.g. the BSrE root) the user has installed.

A PDF signature proves who signed only when its certificate chains to a certificate the
user trusts; nothing in the file itself can establish that. The anchors are kept in the
database settings (key ``trust_anchors``: a list of ``{"der": base64}``), so they travel
with the data file; Settings adds and removes them, verification reads them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

SETTING = "trust_anchors"
MAX_CERT_FILE = 256 * 1024
MAX_ANCHORS = 50


class TrustAnchorError(ValueError):
    """A certificate file that cannot be used as a trust anchor (message in Indonesian)."""


@dataclass(frozen=True)
class Anchor:
    """One installed CA certificate, with what the user needs to recognise it."""

    der: bytes
    subject: str
    issuer: str
    valid_until: str  # YYYY-MM-DD
    fingerprint: str  # SHA-256, hex, upper case, grouped

    @property
    def is_ca(self) -> bool:
        return bool(_certificate(self.der).ca)


def _certificate(der: bytes) -> Any:  # an asn1crypto x509.Certificate (untyped)
    from asn1crypto import x509

    cert = x509.Certificate.load(der)
    cert.native  # noqa: B018 - parse everything now: a broken certificate fails here
    return cert


def certificate_name(name: Any) -> str:
    """``Nama (Organisasi)`` of an X.509 name, as a person reads it."""
    try:
        native = name.native
        common, organisation = native.get("common_name"), native.get("organization_name")
        if isinstance(common, list):
            common = ", ".join(common)
        if isinstance(organisation, list):
            organisation = ", ".join(organisation)
        if common:
            return f"{common} ({organisation})" if organisation else str(common)
        return str(name.human_friendly)
    except Exception:  # noqa: BLE001 - an odd name still prints something
        return "tidak diketahui"


def anchor_from_der(der: bytes) -> Anchor:
    try:
        cert = _certificate(der)
        subject, issuer = certificate_name(cert.subject), certificate_name(cert.issuer)
        until = cert["tbs_certificate"]["validity"]["not_after"].native.date().isoformat()
    except Exception:  # noqa: BLE001 - asn1crypto raises many kinds for bad input
        raise TrustAnchorError("Berkas ini bukan sertifikat X.509 yang dapat dibaca (PEM atau DER).") from None
    digest = hashlib.sha256(der).hexdigest().upper()
    return Anchor(der, subject, issuer, until, ":".join(digest[i : i + 4] for i in range(0, 16, 4)) + "…")


def load_certificate_file(path: str | Path) -> list[Anchor]:
    """The CA certificates in a PEM or DER file; raises TrustAnchorError with the reason."""
    try:
        file = Path(path)
        if file.stat().st_size > MAX_CERT_FILE:
            raise TrustAnchorError("Berkas sertifikat terlalu besar (lebih dari 256 KB).")
        raw = file.read_bytes()
    except OSError as exc:
        from ...storage.errors import os_reason

        raise TrustAnchorError(f"Berkas tidak dapat dibaca: {os_reason(exc)}.") from None
    ders: list[bytes] = []
    if b"-----BEGIN CERTIFICATE-----" in raw:
        from asn1crypto import pem

        try:
            ders = [der for kind, _, der in pem.unarmor(raw, multiple=True) if kind == "CERTIFICATE"]
        except (ValueError, TypeError):
            raise TrustAnchorError("Berkas PEM ini rusak.") from None
    else:
        ders = [raw]
    anchors = [anchor_from_der(der) for der in ders]
    if not anchors:
        raise TrustAnchorError("Berkas ini tidak berisi sertifikat.")
    not_ca = [a.subject for a in anchors if not a.is_ca]
    if not_ca:
        raise TrustAnchorError(
            f"Sertifikat «{not_ca[0]}» bukan sertifikat otoritas (CA); pasang sertifikat "
            "akar atau perantara penerbitnya, misalnya Root CA BSrE."
        )
    return anchors


def anchors_from_setting(value: Any) -> list[Anchor]:
    """The stored anchors; entries that cannot be read are skipped."""
    anchors: list[Anchor] = []
    for item in value if isinstance(value, list) else []:
        try:
            anchors.append(anchor_from_der(base64.b64decode(item["der"], validate=True)))
        except (TrustAnchorError, KeyError, TypeError, binascii.Error, ValueError):
            continue
    return anchors


def anchors_to_setting(anchors: list[Anchor]) -> list[dict[str, str]]:
    unique: dict[bytes, Anchor] = {a.der: a for a in anchors}
    return [
        {"der": base64.b64encode(a.der).decode("ascii"), "subject": a.subject}
        for a in list(unique.values())[:MAX_ANCHORS]
    ]


def installed_anchors(db: Database) -> list[Anchor]:
    from ...storage.repositories import SettingsRepository

    return anchors_from_setting(SettingsRepository(db).get(SETTING))


def certificates(anchors: list[Anchor]) -> list[Any]:
    """The anchors as asn1crypto certificates, for pyHanko's validation context."""
    return [_certificate(a.der) for a in anchors]

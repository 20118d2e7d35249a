"""Sign an exported form PDF with a certificate file (PKCS#12), offline, with pyHanko.

``ksd-desktop sign-pdf IN.pdf --p12 FILE OUT.pdf`` and the main window's *Tanda Tangani PDF
dengan Sertifikat…* call :func:`sign_pdf`. The signature is PAdES baseline (B-B: CAdES
detached, signing-certificate-v2, SHA-256), added as an incremental update so every byte of
the export stays as it was, and drawn as a stamp in the space the layout reserves for a TTE
in the signature block (an invisible signature when there is no such space: a 0.1.0 PDF, or
a second signature). Only a PDF that verifies as UTUH is signed. The passphrase is used once
and never stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import ExportError, write_atomically
from .guard import library_messages_to_log

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

    from .layout import TteBox
    from .report import VerifyReport

FIELD_NAME = "TTE_KSD_Desktop"
STAMP_TEXT = "Ditandatangani secara elektronik oleh:\n%(signer)s\nWaktu: %(ts)s"
#: A form in TTE BSrE mode prints "Ditandatangani secara elektronik oleh:" over the space itself.
STAMP_TEXT_TTE = "%(signer)s\nWaktu: %(ts)s"
MAX_P12_BYTES = 1024 * 1024


class SignError(ExportError):
    """The PDF could not be signed; the message says why and what to do."""


@dataclass(frozen=True)
class SignResult:
    path: Path
    signer: str
    visible: bool


def load_signer(p12: str | Path, passphrase: bytes) -> SimpleSigner:
    """A pyHanko signer from a PKCS#12 file; SignError for a wrong passphrase or a bad file."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = Path(p12)
    try:
        if path.stat().st_size > MAX_P12_BYTES:
            raise SignError("Berkas sertifikat terlalu besar; pilih berkas .p12/.pfx yang benar.")
        raw = path.read_bytes()
    except OSError as exc:
        from ...storage.errors import os_reason

        raise SignError(f"Berkas sertifikat tidak dapat dibaca: {os_reason(exc)}.") from None
    try:
        key, cert, others = pkcs12.load_key_and_certificates(raw, passphrase or None)
    except ValueError:
        raise SignError("Kata sandi salah, atau berkas ini bukan sertifikat PKCS#12 (.p12/.pfx).") from None
    if key is None or cert is None:
        raise SignError("Berkas sertifikat tidak berisi kunci privat dan sertifikat penanda tangan.")
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    key_der = key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=x509.Certificate.load(cert.public_bytes(der)),
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(
            [x509.Certificate.load(c.public_bytes(der)) for c in others or []]
        ),
    )


def sign_pdf(src: str | Path, p12: str | Path, passphrase: bytes, out: str | Path) -> SignResult:
    """Sign ``src`` into ``out`` (written atomically); SignError says why it was refused."""
    from .verify import Verdict, verify_pdf

    src, out = Path(src), Path(out)
    report = verify_pdf(src)
    if report.verdict != Verdict.INTACT or any(s.broken for s in report.signatures):
        reason = report.reasons[0] if report.reasons else report.integrity_text()
        raise SignError(f"PDF ini tidak ditandatangani karena hasil pemeriksaannya {report.verdict.value}: {reason}")
    signer = load_signer(p12, passphrase)
    with library_messages_to_log():
        document = _sign(src.read_bytes(), signer, report, visible=not report.signatures)
    write_atomically(out, lambda handle: handle.write(document))
    from .trust import certificate_name

    assert signer.signing_cert is not None, "load_signer() sets it"
    return SignResult(out, certificate_name(signer.signing_cert.subject), document.visible)


class _Signed(bytes):
    visible: bool = False


def _sign(data: bytes, signer: SimpleSigner, report: VerifyReport, *, visible: bool) -> _Signed:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    box = _tte_box(report) if visible else None
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=True)
    name = FIELD_NAME if not report.signatures else f"{FIELD_NAME}_{len(report.signatures) + 1}"
    spec = fields.SigFieldSpec(
        name,
        on_page=box.page if box else 0,
        # pyHanko annotates the box as ints; it writes any PDF number
        box=(box.x0 + 2, box.y0 + 2, box.x1 - 2, box.y1 - 2) if box else None,  # type: ignore[arg-type]
    )
    fields.append_signature_field(writer, spec)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        location=report.agency_name or None,
        reason="Pengesahan formulir pemetaan kerja sama daerah",
    )
    render = report.document.get("render") if isinstance(report.document, dict) else None
    tte_mode = isinstance(render, dict) and render.get("tte") is True
    style = TextStampStyle(
        stamp_text=STAMP_TEXT_TTE if tte_mode else STAMP_TEXT, border_width=1, timestamp_format="%d-%m-%Y %H:%M %Z"
    )
    buffer = io.BytesIO()
    try:
        signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(writer, output=buffer)
    except Exception as exc:
        import logging

        logging.getLogger("ksd_desktop.services.pdf").exception("signing failed")
        raise SignError(
            f"PDF tidak dapat ditandatangani dengan sertifikat ini ({type(exc).__name__}). "
            "Periksa bahwa sertifikatnya sertifikat tanda tangan yang masih berlaku."
        ) from None
    result = _Signed(buffer.getvalue())
    result.visible = box is not None
    return result


def _tte_box(report: VerifyReport) -> TteBox | None:
    """The signature block's reserved space on the re-rendered form (None for layout 0)."""
    if not report.layout_version:
        return None
    from . import layouts

    try:
        return layouts.render(report.document).tte
    except Exception:  # noqa: BLE001 - verified just before; an invisible signature then
        return None

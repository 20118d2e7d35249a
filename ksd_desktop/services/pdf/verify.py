"""Verification of an exported PDF form: is it an unaltered export of a signed form?

Offline and on any laptop: the form's data travels inside the PDF (attachment
``ksd-form.json``), so its SHA-256 is recomputed from it and compared with the hash in
the attachment, in the document metadata and in the QR code, which is read back from the
rendered page. PDF signatures added later (BSrE, Panter/Besign: incremental updates) are
listed with whether the bytes they sign are intact; certificate trust is not checked
(there is no network and no trust list offline).
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ...domain.canonical import dumps_canonical, hash_text, short_hash
from .form import (
    EMBEDDED_FORMAT, EMBEDDED_NAME, META_HASH, META_REVISION, META_UUID, QR_PREFIX, qr_payload, read_embedded,
)

log = logging.getLogger(__name__)

ATTACHMENT_NAME = EMBEDDED_NAME
FORMAT_NAME = EMBEDDED_FORMAT


class Verdict(StrEnum):
    INTACT = "UTUH"
    ALTERED = "TELAH DIUBAH"
    DRAFT = "DRAF"
    FOREIGN = "bukan dokumen KSD Desktop"


@dataclass(frozen=True)
class SignatureInfo:
    """One PDF signature found in the file (for example a later BSrE e-signature)."""

    field: str
    signer: str
    signed_at: str | None
    intact: bool
    whole_file: bool
    note: str = ""


@dataclass
class VerifyReport:
    path: Path
    verdict: Verdict = Verdict.FOREIGN
    agency_name: str = ""
    agency_code: str = ""
    year: int | None = None
    revision: int | None = None
    form_uuid: str = ""
    signer_name: str = ""
    signer_nip: str = ""
    content_hash: str = ""
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signatures: list[SignatureInfo] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.INTACT

    def summary_lines(self) -> list[str]:
        """The report in Indonesian sentences (CLI output and the dialog's details)."""
        lines = [f"Berkas: {self.path}", f"Hasil: {self.verdict.value}"]
        if self.verdict != Verdict.FOREIGN:
            lines += [f"Perangkat daerah: {self.agency_name} ({self.agency_code})", f"Tahun: {self.year}",
                      f"Revisi: {self.revision}", f"Formulir: {self.form_uuid[:8]}",
                      f"Sidik isi: {short_hash(self.content_hash)}"]
            if self.signer_name:
                from ...domain.nip import format_nip
                lines.append(f"Penandatangan: {self.signer_name}, NIP. {format_nip(self.signer_nip)}")
        lines += [f"Alasan: {r}" for r in self.reasons]
        lines += [f"Catatan: {n}" for n in self.notes]
        for sig in self.signatures:
            state = "utuh" if sig.intact else "RUSAK/DIUBAH"
            cover = "" if sig.whole_file else " (ada perubahan setelah tanda tangan ini)"
            when = f", {sig.signed_at}" if sig.signed_at else ""
            lines.append(f"Tanda tangan PDF «{sig.field}»: {sig.signer}{when}: {state}{cover}. {sig.note}".rstrip())
        return lines


def _metadata(reader) -> dict[str, str]:
    info = reader.metadata or {}
    return {str(k): str(v) for k, v in info.items()}


def read_qr_payloads(data: bytes, max_pages: int = 6, scale: float = 2.0) -> list[str]:
    """QR texts found on the rendered pages, last page first (where the signature block is)."""
    import pypdfium2 as pdfium
    import zxingcpp
    found: list[str] = []
    document = pdfium.PdfDocument(data)
    try:
        for index in reversed(range(max(0, len(document) - max_pages), len(document))):
            image = document[index].render(scale=scale).to_pil()
            found += [r.text for r in zxingcpp.read_barcodes(image) if r.text.startswith(QR_PREFIX + "|")]
            if found:
                break
    finally:
        document.close()
    return found


def verify_pdf(path: str | Path) -> VerifyReport:
    """Check a PDF; never raises for a bad file (the report says what is wrong)."""
    path = Path(path)
    report = VerifyReport(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from ...storage.errors import os_reason
        report.reasons.append(f"Berkas tidak dapat dibaca: {os_reason(exc)}.")
        return report
    if not data.startswith(b"%PDF"):
        report.reasons.append("Berkas ini bukan PDF.")
        return report
    try:
        from pypdf import PdfReader
        reader = PdfReader(io.BytesIO(data))
        raw = read_embedded(reader)
        meta = _metadata(reader)
        active = _active_content(reader, data)
    except Exception as exc:  # pypdf raises many kinds for broken files
        log.info("unreadable PDF %s: %s", path, exc)
        report.reasons.append("PDF rusak atau tidak dapat dibaca.")
        return report
    if raw is None:
        report.reasons.append(f"Tidak ada data formulir ({ATTACHMENT_NAME}) di dalam PDF ini.")
        return report
    try:
        document: dict[str, Any] = json.loads(raw.decode("utf-8"))
        content = document["content"]
        if document.get("format") != FORMAT_NAME or not isinstance(content, dict):
            raise ValueError("format")
        dumps_canonical(content).encode("utf-8")  # lone surrogates: not text a signature could cover
    except (ValueError, KeyError, TypeError, UnicodeError, RecursionError):
        report.reasons.append("Data formulir di dalam PDF tidak dapat dibaca (format tidak dikenal, bersarang "
                              "terlalu dalam, atau berisi teks yang tidak sah).")
        return report
    _fill_identity(report, document, content)
    _compare(report, document, content, meta, data)
    report.signatures = _signatures(data, report)
    if active:
        report.notes.append("PDF ini berisi JavaScript atau tindakan otomatis saat dibuka (/OpenAction, /AA, /Launch) "
                            "yang tidak pernah dibuat KSD Desktop. Jangan buka berkas ini di pembaca PDF yang "
                            "menjalankan JavaScript; minta PDF asli dari pengirimnya.")
    return report


_ACTIVE = (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/Launch", b"/SubmitForm", b"/ImportData")


def _active_content(reader, data: bytes) -> bool:
    """Whether the file holds an action a reader may run (our exports never carry any): in the
    catalog (also when it sits in a compressed object stream) or anywhere in the raw bytes."""
    import re
    root = reader.trailer.get("/Root")
    root = root.get_object() if root is not None else {}
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/OpenAction" in root or "/AA" in root or "/JavaScript" in names:
        return True
    return any(re.search(re.escape(name) + rb"(?![A-Za-z0-9])", data) for name in _ACTIVE)


def _fill_identity(report: VerifyReport, document: dict, content: dict) -> None:
    report.agency_name = str(document.get("agency_name") or content.get("agency_code") or "")
    report.agency_code = str(content.get("agency_code") or "")
    report.year = content.get("year")
    report.revision = content.get("revision")
    report.form_uuid = str(content.get("uuid") or "")
    report.signer_name = str(content.get("signer_name") or "")
    report.signer_nip = str(content.get("signer_nip") or "")


def _compare(report: VerifyReport, document: dict, content: dict, meta: dict[str, str], data: bytes) -> None:
    recomputed = hash_text(dumps_canonical(content))
    report.content_hash = recomputed
    if document.get("status") != "signed":
        report.verdict = Verdict.DRAFT
        report.reasons.append("Dokumen ini draf yang belum disahkan (belum ditandatangani).")
        return
    reasons = report.reasons
    if document.get("content_hash") != recomputed:
        reasons.append("Data formulir di dalam PDF tidak cocok dengan sidik isinya.")
    if meta.get(META_HASH) != recomputed:
        reasons.append("Sidik isi pada metadata dokumen berbeda dari data formulir.")
    if meta.get(META_UUID) != report.form_uuid or meta.get(META_REVISION) != str(report.revision):
        reasons.append("Identitas formulir pada metadata dokumen berbeda dari data formulir.")
    try:
        payloads = read_qr_payloads(data)
    except Exception as exc:  # rendering a damaged page must not crash verification
        log.info("QR read failed: %s", exc)
        payloads = []
    expected = qr_payload(report.form_uuid, report.revision or 0, recomputed)
    if not payloads:
        reasons.append("Kode QR verifikasi tidak ditemukan atau tidak terbaca.")
    elif expected not in payloads:
        reasons.append("Kode QR tidak cocok dengan data formulir.")
    report.verdict = Verdict.ALTERED if reasons else Verdict.INTACT


def _signatures(data: bytes, report: VerifyReport) -> list[SignatureInfo]:
    """List PDF signatures (pyHanko, imported only when the file has any)."""
    if b"/ByteRange" not in data:
        return []
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext
    except ImportError:  # pragma: no cover - pyHanko is a dependency
        report.notes.append("Pemeriksa tanda tangan PDF tidak tersedia.")
        return []
    infos: list[SignatureInfo] = []
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        for sig in reader.embedded_signatures:
            context = ValidationContext(trust_roots=[], allow_fetching=False)
            status = validate_pdf_signature(sig, signer_validation_context=context)
            cert = status.signing_cert
            signer = cert.subject.human_friendly if cert is not None else "tidak diketahui"
            when = status.signer_reported_dt.date().isoformat() if status.signer_reported_dt else None
            whole = sig.coverage is not None and sig.coverage.name == "ENTIRE_FILE"
            infos.append(SignatureInfo(sig.field_name, signer, when, bool(status.intact and status.valid), whole,
                                       "Kepercayaan sertifikat tidak diperiksa (luring)."))
    except Exception as exc:
        log.info("signature check failed: %s", exc)
        report.notes.append("Tanda tangan PDF ada, tetapi tidak dapat diperiksa.")
    return infos

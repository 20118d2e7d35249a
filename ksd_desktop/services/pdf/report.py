"""The verification report: three separate answers, worded in Indonesian for CLI and dialog."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ...domain.canonical import short_hash
from ...domain.signing import VERIFICATION_LABEL
from .signatures import SignatureInfo

__all__ = ["Record", "SignatureInfo", "Verdict", "VerifyReport"]


class Verdict(StrEnum):
    """Keutuhan: do the pages say what the embedded data says, with nothing but signatures added?"""

    INTACT = "UTUH"
    ALTERED = "TELAH DIUBAH"
    DRAFT = "DRAF"
    FOREIGN = "bukan dokumen KSD Desktop"
    DAMAGED = "RUSAK"
    UNCERTAIN = "TIDAK DAPAT DIPASTIKAN"


class Record(StrEnum):
    """Kecocokan dengan data tercatat."""

    NOT_CHECKED = "TIDAK DIPERIKSA"
    MATCH = "COCOK"
    UNRECORDED = "BELUM TERCATAT"
    DIFFERENT = "BERBEDA DARI YANG TERCATAT"


VERDICT_TEXT = {
    Verdict.INTACT: "Halaman PDF sama persis dengan data formulir yang disahkan di dalamnya, dan sesudah ekspor "
    "tidak ada tambahan selain tanda tangan PDF.",
    Verdict.ALTERED: "Yang tampil di PDF ini tidak lagi sama dengan data formulir yang disahkan, atau ada tambahan "
    "yang bukan tanda tangan. Jangan gunakan dokumen ini; minta salinan baru dari perangkat daerah.",
    Verdict.DRAFT: "Dokumen ini draf: belum disahkan (belum ditandatangani kepala perangkat daerah).",
    Verdict.FOREIGN: "Berkas ini bukan formulir yang diekspor oleh KSD Desktop.",
    Verdict.DAMAGED: "Berkas ini rusak atau disusun tidak lazim sehingga tidak dapat diperiksa dengan andal.",
    Verdict.UNCERTAIN: "Keutuhan PDF ini tidak dapat dipastikan dari berkas ini saja.",
}
RECORD_TEXT = {
    Record.NOT_CHECKED: "Tidak diperiksa: tidak ada berkas data yang dibuka (baris perintah: --db BERKAS).",
    Record.MATCH: "Sama dengan formulir yang ditandatangani dan tercatat di berkas data ini.",
    Record.UNRECORDED: "Formulir ini belum tercatat di berkas data ini.",
    Record.DIFFERENT: "PERHATIAN: isi formulir di PDF ini BERBEDA dari yang ditandatangani dan tercatat di berkas "
    "data ini. PDF ini bukan dokumen yang disahkan.",
}
NO_TRUSTED_SIGNER = (
    "Identitas penanda tangan tidak dapat dipastikan dari berkas ini saja: tidak ada tanda tangan "
    "elektronik dengan sertifikat yang berantai ke sertifikat akar tepercaya yang dipasang "
    "(Pengaturan › Sertifikat akar tepercaya). Nama penandatangan di halaman hanyalah teks."
)


@dataclass
class VerifyReport:
    path: Path
    verdict: Verdict = Verdict.FOREIGN
    record: Record = Record.NOT_CHECKED
    agency_name: str = ""
    agency_code: str = ""
    year: int | None = None
    revision: int | None = None
    form_uuid: str = ""
    signer_name: str = ""
    device_code: str = ""
    signer_nip: str = ""
    content_hash: str = ""
    layout_version: int | None = None
    document: dict[str, Any] = field(default_factory=dict)  # the embedded ksd-form.json
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    record_notes: list[str] = field(default_factory=list)
    signatures: list[SignatureInfo] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)  # what each later update added
    changed_pages: list[int] = field(default_factory=list)

    @property
    def content(self) -> dict[str, Any]:
        content = self.document.get("content")
        return content if isinstance(content, dict) else {}

    @property
    def ok(self) -> bool:
        """UTUH, no broken signature, and not different from the recorded snapshot."""
        return (
            self.verdict == Verdict.INTACT
            and not any(s.broken for s in self.signatures)
            and self.record != Record.DIFFERENT
        )

    @property
    def trusted_signers(self) -> list[SignatureInfo]:
        return [s for s in self.signatures if s.trusted and not s.broken]

    def fill_identity(self, document: dict[str, Any]) -> None:
        content: dict[str, Any] = found if isinstance(found := document.get("content"), dict) else {}
        self.agency_name = str(document.get("agency_name") or content.get("agency_code") or "")
        self.agency_code = str(content.get("agency_code") or "")
        self.year = content.get("year") if isinstance(content.get("year"), int) else None
        self.revision = content.get("revision") if isinstance(content.get("revision"), int) else None
        self.form_uuid = str(content.get("uuid") or "")
        self.signer_name = str(content.get("signer_name") or "")
        self.signer_nip = str(content.get("signer_nip") or "")
        render: dict[str, Any] = found if isinstance(found := document.get("render"), dict) else {}
        code = render.get("device_code")
        self.device_code = code if isinstance(code, str) and len(code) <= 20 else ""

    def integrity_text(self) -> str:
        return VERDICT_TEXT[self.verdict]

    def record_text(self) -> str:
        return RECORD_TEXT[self.record]

    def signer_lines(self) -> list[str]:
        """Keaslian penanda tangan, one line per PDF signature and a closing sentence."""
        lines = []
        for sig in self.signatures:
            state = "RUSAK: " + " ".join(sig.problems) if sig.broken else "utuh"
            trust = (
                "berantai ke sertifikat akar tepercaya yang dipasang"
                if sig.trusted
                else (f"TIDAK TEPERCAYA ({sig.trust_note})" if sig.trust_note else "TIDAK TEPERCAYA")
            )
            cover = "mencakup seluruh dokumen" if sig.whole_file else "TIDAK mencakup seluruh dokumen"
            when = f", waktu menurut penanda tangan {sig.signed_at}" if sig.signed_at else ""
            lines.append(
                f"Tanda tangan PDF «{sig.field}»: {sig.signer} (penerbit sertifikat: {sig.issuer}){when}; "
                f"{state}; sertifikat {trust}; {cover}."
            )
        if not self.trusted_signers:
            lines.append(NO_TRUSTED_SIGNER)
        return lines

    def summary_lines(self) -> list[str]:
        """The report in Indonesian sentences (CLI output and the dialog's details)."""
        lines = [f"Berkas: {self.path}", f"Keutuhan: {self.verdict.value}. {self.integrity_text()}"]
        lines += [f"  Alasan: {r}" for r in self.reasons]
        if self.changed_pages:
            lines.append(f"  Halaman yang berbeda: {', '.join(map(str, self.changed_pages))}")
        if self.updates:
            lines.append("  Tambahan setelah ekspor: " + "; ".join(self.updates) + ".")
        lines.append(f"Kecocokan dengan data tercatat: {self.record.value}. {self.record_text()}")
        lines += [f"  {n}" for n in self.record_notes]
        lines.append("Keaslian penanda tangan:")
        lines += [f"  {line}" for line in self.signer_lines()]
        if self.verdict not in (Verdict.FOREIGN, Verdict.DAMAGED) or self.form_uuid:
            lines += [
                f"Perangkat daerah: {self.agency_name} ({self.agency_code})",
                f"Tahun: {self.year}",
                f"Revisi: {self.revision}",
                f"Formulir: {self.form_uuid[:8]}",
                f"{VERIFICATION_LABEL}: {short_hash(self.content_hash)}",
            ]
            if self.signer_name:
                from ...domain.nip import format_nip

                lines.append(
                    f"Penandatangan (tertulis di formulir): {self.signer_name}, NIP. {format_nip(self.signer_nip)}"
                )
            if self.device_code:
                lines.append(
                    f"Kode perangkat pengekspor (tertulis di berkas, bukan bukti identitas): {self.device_code}"
                )
        lines += [f"Catatan: {n}" for n in self.notes]
        lines.append(
            f"Hasil: {self.verdict.value}"
            + ("" if self.ok or self.verdict != Verdict.INTACT else " (lihat tanda tangan dan kecocokan di atas)")
        )
        return lines

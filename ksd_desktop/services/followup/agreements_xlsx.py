"""The register of agreements to and from Excel (openpyxl), for the agencies that keep it there.

    export_agreements_xlsx(db, "register.xlsx")
    preview = read_agreements_xlsx(db, "dari-dinas.xlsx")     # nothing written yet
    apply_agreements_import(db, preview)                       # one transaction, audited

The import treats the file as hostile: at most 10 MB, a ZIP checked before openpyxl opens it
(members, uncompressed size, compression ratio), at most 5,000 rows and 40 columns read, cells
of at most 2,000 characters, formulas never evaluated (only cached values are read). The
header row is found among the first 10 rows by its names (several spellings accepted). Every
unreadable cell becomes one Indonesian message naming its row and column; a row with an
error is skipped, the others are shown in a preview before anything is written. A row
updates the agreement with the same ``ID`` (from an export) or the same type and number.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ...domain.agreements import (
    STATE_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    Agreement,
    AgreementStatus,
    AgreementType,
    validate_agreement,
)
from ...domain.dates import MONTHS
from ...storage.followup_repo import FollowupRepository
from ...storage.repositories import ReferenceRepository
from ..files import ExportError, write_atomically

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet
    from sqlite_utils import Database

MAX_FILE = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_MEMBERS = 500
MAX_RATIO = 200
MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_CELL = 2000
HEADER_SEARCH = 10

#: (key, header written on export, other spellings accepted on import)
COLUMNS: list[tuple[str, str, tuple[str, ...]]] = [
    ("doc_type", "Jenis Dokumen", ("jenis", "jenis naskah", "tipe")),
    ("number", "Nomor", ("nomor dokumen", "no. dokumen", "nomor naskah", "no dokumen")),
    ("title", "Judul", ("tentang", "judul dokumen", "perihal")),
    ("object", "Objek Kerja Sama", ("objek", "objek kerjasama")),
    ("parties", "Para Pihak", ("pihak", "mitra", "para pihak (pisahkan dengan ;)")),
    ("agency_code", "Kode Perangkat Daerah", ("perangkat daerah", "opd", "kode opd")),
    ("date_signed", "Tanggal Ditandatangani", ("tanggal", "tanggal penandatanganan", "tgl ttd", "tanggal ttd")),
    ("effective_from", "Mulai Berlaku", ("tanggal mulai", "berlaku mulai")),
    ("term", "Jangka Waktu", ("masa berlaku", "jangka waktu (tahun)")),
    ("expires_on", "Tanggal Berakhir", ("berlaku sampai", "berakhir", "berlaku s.d.", "tanggal berakhir (tertulis)")),
    ("status", "Status", ("status perjanjian",)),
    ("status_note", "Catatan Status", ()),
    ("proposals", "Usulan Terkait", ("kode usulan",)),
    ("attachment", "Lampiran/Arsip", ("lampiran", "arsip", "berkas")),
    ("note", "Keterangan", ("catatan",)),
    ("uuid", "ID", ()),
]
EXPORT_ONLY = [("Berakhir (dihitung)", 20), ("Keadaan", 18)]
WIDTHS = {
    "doc_type": 12,
    "number": 26,
    "title": 40,
    "object": 36,
    "parties": 40,
    "agency_code": 14,
    "date_signed": 14,
    "effective_from": 14,
    "term": 16,
    "expires_on": 14,
    "status": 13,
    "status_note": 28,
    "proposals": 22,
    "attachment": 26,
    "note": 30,
    "uuid": 38,
}
TYPE_WORDS = {
    "pks": "PKS",
    "perjanjian kerja sama": "PKS",
    "perjanjian kerjasama": "PKS",
    "perjanjian": "PKS",
    "ksb": "KSB",
    "kesepakatan bersama": "KSB",
    "nk": "NK",
    "nota kesepakatan": "NK",
    "mou": "MOU",
    "nota kesepahaman": "MOU",
    "memorandum of understanding": "MOU",
}
STATUS_WORDS = {
    "berlaku": "berlaku",
    "aktif": "berlaku",
    "diperpanjang": "diperpanjang",
    "diakhiri": "diakhiri",
    "berakhir": "diakhiri",
    "dihentikan": "diakhiri",
    "": "berlaku",
}
_REF = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*/\s*(\d{4})\s*/\s*(\d{1,4})\s*$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class AgreementImportError(ExportError):
    """The file cannot be read as a register of agreements; the message says what to do."""


@dataclass
class ImportRow:
    row: int
    agreement: Agreement
    update: bool


@dataclass
class ImportPreview:
    path: str
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one message per bad cell or row
    skipped: int = 0

    @property
    def new(self) -> int:
        return sum(1 for r in self.rows if not r.update)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.update)

    def describe(self) -> str:
        text = f"{self.new} perjanjian baru, {self.updated} diperbarui"
        return text + (f", {self.skipped} baris dilewati karena kesalahan" if self.skipped else "")


# --------------------------------------------------------------------------- export


def proposal_ref(agency_code: str, year: int, seq: int) -> str:
    return f"{agency_code}/{year}/{seq}"


def export_agreements_xlsx(db: Database, out: str | Path, *, today: dt.date | None = None) -> Path:
    """Write the whole register (one row per agreement, newest first) to ``out``."""
    from openpyxl import Workbook

    from ..recap.xlsx import put, table_sheet

    today = today or dt.date.today()
    repo = FollowupRepository(db, device="-")
    agreements = repo.agreements()
    refs = repo.proposals([u for a in agreements for u in a.proposal_uuids])
    workbook = Workbook()
    ws = cast("Worksheet", workbook.active)  # a new workbook's one sheet (openpyxl: any kind, or None)
    ws.title = "Register Perjanjian"
    columns = [(header, WIDTHS[key], key not in ("uuid", "date_signed")) for key, header, _ in COLUMNS]
    columns += [(header, width, False) for header, width in EXPORT_ONLY]

    def rows() -> Iterator[list[Any]]:
        for a in agreements:
            linked = "; ".join(
                proposal_ref(r.agency_code, r.year, r.seq) for u in a.proposal_uuids if (r := refs.get(u)) is not None
            )
            end = a.expiry()
            yield [
                TYPE_LABELS.get(a.doc_type, a.doc_type),
                a.number,
                a.title,
                a.object,
                "; ".join(a.parties),
                a.agency_code or "",
                _date_cell(a.date_signed),
                _date_cell(a.effective_from),
                _term_text(a),
                _date_cell(a.expires_on),
                STATUS_LABELS.get(a.status, a.status),
                a.status_note or "",
                linked,
                a.attachment or "",
                a.note or "",
                a.uuid,
                end,
                STATE_LABELS[a.state(today)],
            ]

    count = table_sheet(ws, columns, rows())
    for row in range(2, count + 2):
        for column in (7, 8, 10, len(columns) - 1):
            ws.cell(row=row, column=column).number_format = "DD/MM/YYYY"
    notes = workbook.create_sheet("Petunjuk")
    for index, line in enumerate(
        (
            "Register perjanjian kerja sama daerah (KSB, NK, PKS, MoU) dari KSD Desktop.",
            "Kolom Jenis Dokumen: PKS, KSB, NK atau MoU. Tanggal ditulis seperti 15/03/2024.",
            "Jangka Waktu ditulis seperti «5 tahun» atau «2 tahun 6 bulan»; kosongkan bila tidak ada.",
            "Para Pihak dipisahkan dengan titik koma (;). Usulan Terkait ditulis KODE/TAHUN/NO, misalnya DINKES/2024/1.",
            "Kolom ID jangan diubah: dengan ID itu baris memperbarui perjanjian yang sama saat diimpor kembali.",
            "Kolom «Berakhir (dihitung)» dan «Keadaan» hanya informasi; tidak dibaca saat impor.",
        ),
        1,
    ):
        put(notes, index, 1, line)
    notes.column_dimensions["A"].width = 110
    path = write_atomically(Path(out), workbook.save)
    return path


def _date_cell(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _term_text(a: Agreement) -> str:
    parts = [f"{a.term_years} tahun" if a.term_years else "", f"{a.term_months} bulan" if a.term_months else ""]
    return " ".join(p for p in parts if p)


# --------------------------------------------------------------------------- import


def _check_container(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AgreementImportError(f"Berkas {path.name} tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if size > MAX_FILE:
        raise AgreementImportError(
            f"Berkas {path.name} terlalu besar ({size // (1024 * 1024)} MB; paling besar "
            f"{MAX_FILE // (1024 * 1024)} MB). Simpan hanya lembar register perjanjian."
        )
    not_xlsx = (
        f"Berkas {path.name} bukan lembar kerja Excel (.xlsx) yang dapat dibaca. Buka di Excel lalu simpan "
        "sebagai «Buku Kerja Excel (.xlsx)»; berkas .xls lama dan berkas berkata sandi tidak didukung."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or "[Content_Types].xml" not in {m.filename for m in members}:
                raise AgreementImportError(not_xlsx)
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
                raise AgreementImportError(
                    f"Isi berkas {path.name} terlalu besar bila dibuka ({total // (1024 * 1024)} "
                    "MB). Simpan hanya lembar register perjanjian, lalu coba lagi."
                )
            if any(m.flag_bits & 0x1 for m in members):
                raise AgreementImportError(not_xlsx)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise AgreementImportError(not_xlsx) from exc


def _norm(text: Any) -> str:
    return " ".join(str(text or "").replace("\n", " ").split()).casefold().rstrip(":").strip()


def _header_map(values: tuple[Any, ...]) -> dict[str, int]:
    names: dict[str, str] = {}
    for key, header, aliases in COLUMNS:
        for spelling in (header, *aliases):
            names.setdefault(_norm(spelling), key)
    found: dict[str, int] = {}
    for index, value in enumerate(values[:MAX_COLUMNS]):
        matched = names.get(_norm(value))
        if matched and matched not in found:
            found[matched] = index
    return found


def _text(value: Any, where: str, problems: list[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CONTROL.sub("", str(value)).strip()
    if len(text) > MAX_CELL:
        problems.append(f"{where}: isian terlalu panjang ({len(text)} karakter; paling banyak {MAX_CELL}).")
        return ""
    return text


def parse_date(value: Any) -> str | None:
    """An ISO date from a cell: a date, ``15/03/2024``, ``2024-03-15``, ``15 Maret 2024``; None if unreadable."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat() if 1900 <= value.year <= 2200 else None
    text = " ".join(str(value).split()).strip().rstrip(".")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    parts = (match.group(1), match.group(2), match.group(3)) if match else None
    if parts is None and (match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)):
        parts = (match.group(3), match.group(2), match.group(1))
    if parts is None and (match := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text)):
        months = {m.casefold(): i for i, m in enumerate(MONTHS, 1)}
        months.update({m.casefold()[:3]: i for i, m in enumerate(MONTHS, 1)})
        month = months.get(match.group(2).casefold())
        parts = (match.group(3), str(month), match.group(1)) if month else None
    if parts is None:
        return None
    try:
        date = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return date.isoformat() if 1900 <= date.year <= 2200 else None


def parse_term(text: str) -> tuple[int | None, int | None] | None:
    """``5 tahun`` → (5, None); ``2 tahun 6 bulan`` → (2, 6); ``18 bulan`` → (None, 18); '' → (None, None)."""
    text = _norm(text)
    if not text or text in ("-", "–"):
        return None, None
    if re.fullmatch(r"\d{1,3}", text):
        return int(text), None
    match = re.fullmatch(r"(?:(\d{1,3})\s*(?:tahun|thn|th))?\s*(?:(\d{1,4})\s*(?:bulan|bln))?", text)
    if not match or not (match.group(1) or match.group(2)):
        return None
    return (int(match.group(1)) if match.group(1) else None, int(match.group(2)) if match.group(2) else None)


def read_agreements_xlsx(db: Database, path: str | Path, *, today: dt.date | None = None) -> ImportPreview:
    """Read and check ``path``; nothing is written. Raises AgreementImportError for an unreadable file."""
    from openpyxl import load_workbook

    path = Path(path)
    today = today or dt.date.today()
    _check_container(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise AgreementImportError(
            f"Berkas {path.name} tidak dapat dibuka sebagai lembar kerja Excel. Simpan ulang "
            "dari Excel sebagai .xlsx, lalu coba lagi."
        ) from exc
    try:
        return _read(db, workbook, path, today)
    finally:
        workbook.close()


def _read(db: Database, workbook: Workbook, path: Path, today: dt.date) -> ImportPreview:
    preview = ImportPreview(str(path))
    repo = FollowupRepository(db, device="-")
    agencies = {a.code for a in ReferenceRepository(db).agencies()}
    sheet, header_row, header = None, 0, {}
    for candidate in workbook.worksheets[:10]:
        for index, values in enumerate(
            candidate.iter_rows(max_row=HEADER_SEARCH, max_col=MAX_COLUMNS, values_only=True), 1
        ):
            found = _header_map(tuple(values))
            if {"doc_type", "number", "date_signed"} <= set(found):
                sheet, header_row, header = candidate, index, found
                break
        if sheet is not None:
            break
    if sheet is None:
        raise AgreementImportError(
            f"Berkas {path.name} tidak memuat baris judul kolom register perjanjian. Sekurang-"
            "kurangnya harus ada kolom «Jenis Dokumen», «Nomor» dan «Tanggal Ditandatangani» "
            "pada 10 baris pertama; gunakan berkas hasil Ekspor XLSX sebagai contoh."
        )
    seen: set[tuple[str, str]] = set()
    for offset, values in enumerate(sheet.iter_rows(min_row=header_row + 1, max_col=MAX_COLUMNS, values_only=True)):
        row = header_row + 1 + offset
        if offset >= MAX_ROWS:
            preview.problems.append(
                f"Baris sesudah {row - 1} tidak dibaca: paling banyak {MAX_ROWS} baris sekali impor."
            )
            break
        cells = {key: values[index] if index < len(values) else None for key, index in header.items()}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue
        problems: list[str] = []
        agreement = _agreement(cells, row, header, repo, problems, preview)
        if agreement is not None and agreement.agency_code and agreement.agency_code not in agencies:
            problems.append(
                f"Baris {row}: kode perangkat daerah «{agreement.agency_code}» tidak dikenal; gunakan kode "
                "dari daftar perangkat daerah (misalnya DINKES) atau kosongkan."
            )
        if agreement is not None:
            key = (agreement.doc_type, agreement.number.casefold())
            if key in seen:
                problems.append(
                    f"Baris {row}: {agreement.doc_type} nomor {agreement.number} tercantum dua kali dalam berkas."
                )
            seen.add(key)
            existing = repo.get_agreement(agreement.uuid) if cells.get("uuid") else None
            same_number = repo.find_agreement(agreement.doc_type, agreement.number)
            if existing is not None and same_number is not None and same_number.uuid != existing.uuid:
                problems.append(
                    f"Baris {row}: {agreement.doc_type} nomor {agreement.number} sudah dipakai perjanjian "
                    "lain di register."
                )
            existing = existing or same_number
            if existing is not None:
                agreement.uuid, agreement.created_at = existing.uuid, existing.created_at
                agreement.parent_uuid = existing.parent_uuid
            for p in validate_agreement(agreement, today=today):
                if p.is_error:
                    problems.append(f"Baris {row}: {p.message}")
        if problems:
            preview.problems += problems
            preview.skipped += 1
        elif agreement is not None:
            preview.rows.append(ImportRow(row, agreement, existing is not None))
    return preview


def _agreement(
    cells: dict[str, Any],
    row: int,
    header: dict[str, int],
    repo: FollowupRepository,
    problems: list[str],
    preview: ImportPreview,
) -> Agreement | None:
    from openpyxl.utils import get_column_letter

    def where(key: str) -> str:
        return f"Baris {row}, kolom {get_column_letter(header[key] + 1)}"

    text = {key: _text(value, where(key), problems) for key, value in cells.items()}
    doc_type = TYPE_WORDS.get(_norm(text.get("doc_type")).split(" (")[0]) or (
        text.get("doc_type", "").upper()
        if text.get("doc_type", "").upper() in {t.value for t in AgreementType}
        else None
    )
    if doc_type is None:
        problems.append(
            f"{where('doc_type')}: jenis dokumen «{text.get('doc_type', '')}» tidak dikenal; tulis PKS, KSB, "
            "NK atau MoU."
        )
    dates: dict[str, str | None] = {}
    for key in ("date_signed", "effective_from", "expires_on"):
        value = cells.get(key)
        if value is None or str(value).strip() == "":
            dates[key] = None
            continue
        dates[key] = parse_date(value)
        if dates[key] is None:
            problems.append(f"{where(key)}: tanggal «{text.get(key)}» tidak dikenali; tulis seperti 15/03/2024.")
    term = parse_term(text.get("term", ""))
    if term is None:
        problems.append(
            f"{where('term')}: jangka waktu «{text.get('term')}» tidak dikenali; tulis seperti «5 tahun» "
            "atau «2 tahun 6 bulan»."
        )
        term = (None, None)
    status = STATUS_WORDS.get(_norm(text.get("status")))
    if status is None:
        problems.append(
            f"{where('status')}: status «{text.get('status')}» tidak dikenal; tulis Berlaku, Diperpanjang "
            "atau Diakhiri."
        )
    linked: list[str] = []
    for ref in filter(None, (r.strip() for r in text.get("proposals", "").replace(",", ";").split(";"))):
        match = _REF.match(ref)
        found = repo.find_proposal(match.group(1).upper(), int(match.group(2)), int(match.group(3))) if match else None
        if found is None:
            preview.problems.append(
                f"{where('proposals')}: usulan «{ref}» tidak ditemukan; tautan itu dilewati "
                "(tulis KODE/TAHUN/NO, misalnya DINKES/2024/1)."
            )
        else:
            linked.append(found.uuid)
    if problems or doc_type is None:
        return None
    agreement = Agreement(
        doc_type=doc_type,
        number=text.get("number", ""),
        title=text.get("title", ""),
        object=text.get("object", ""),
        parties=[p.strip() for p in re.split(r"[;\n]", text.get("parties", "")) if p.strip()],
        agency_code=(text.get("agency_code") or "").upper() or None,
        date_signed=dates["date_signed"] or "",
        effective_from=dates["effective_from"],
        term_years=term[0],
        term_months=term[1],
        expires_on=dates["expires_on"],
        status=status or AgreementStatus.BERLAKU.value,
        status_note=text.get("status_note") or None,
        attachment=text.get("attachment") or None,
        note=text.get("note") or None,
        proposal_uuids=linked,
    )
    uuid = text.get("uuid", "")
    if re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", uuid):
        agreement.uuid = uuid
    return agreement


def apply_agreements_import(db: Database, preview: ImportPreview, *, reason: str | None = None) -> int:
    """Write the preview's rows in one transaction (all or none); returns how many were written."""
    repo = FollowupRepository(db)
    reason = reason or f"impor register dari {Path(preview.path).name}"
    with db.atomic():
        for item in preview.rows:
            if item.update:
                current = repo.get_agreement(item.agreement.uuid)
                if current is not None:  # links are added, never silently dropped by a sheet
                    item.agreement.proposal_uuids = list(
                        dict.fromkeys(current.proposal_uuids + item.agreement.proposal_uuids)
                    )
            repo.save_agreement(item.agreement, reason=reason)
    return len(preview.rows)

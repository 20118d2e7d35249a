"""Integrity check of a data file, read-only: SQLite's own checks plus the signed hashes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.canonical import KNOWN_VERSIONS, content_hash, hash_text
from ..storage.database import connect
from ..storage.errors import StorageError, translate_sqlite_error
from ..storage.migrations import latest_version, migrations, registered_names
from ..storage.repositories import FormRepository, table_counts

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class CheckReport:
    path: Path
    schema_version: int = 0
    latest_version: int = field(default_factory=latest_version)
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


def check_database(path: str | Path) -> CheckReport:
    """Check without modifying (or creating) the file; problems are Indonesian sentences."""
    path = Path(path)
    report = CheckReport(path)
    if not path.exists():
        report.problems.append(f"Berkas tidak ditemukan: {path}. Periksa nama dan lokasi berkas.")
        return report
    if path.is_dir():
        report.problems.append(f"{path} adalah folder, bukan berkas basis data.")
        return report
    try:
        db = connect(path, read_only=True)
    except StorageError as exc:
        report.problems.append(str(exc))
        return report
    try:
        _run_checks(db, report)
    except sqlite3.Error as exc:
        report.problems.append(str(translate_sqlite_error(exc, str(path))))
    finally:
        db.close()
    return report


def _run_checks(db: Database, report: CheckReport) -> None:
    result = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        report.problems.append("Struktur berkas SQLite rusak: " + "; ".join(result[:5]) +
                               ". Pulihkan dari cadangan terakhir.")
        return
    if not db["_sqlite_migrations"].exists():
        report.problems.append(f"{report.path} adalah berkas SQLite, tetapi bukan basis data KSD Desktop.")
        return
    applied = [m.name for m in migrations.applied(db)]
    known = set(registered_names())
    report.schema_version = len(applied)
    if not applied:
        report.problems.append("Basis data belum disiapkan; jalankan: ksd-desktop init --db BERKAS")
        return
    unknown = [name for name in applied if name not in known]
    if unknown or report.schema_version > report.latest_version:
        report.problems.append("Basis data dibuat oleh versi KSD Desktop yang lebih baru; perbarui aplikasi.")
        return
    if report.schema_version < report.latest_version:
        report.notes.append(f"Skema versi {report.schema_version}; versi terbaru {report.latest_version}. "
                            "Aplikasi akan memigrasikannya (dengan salinan cadangan) saat dibuka.")
    report.counts = table_counts(db)
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        report.problems.append(f"{len(fk)} baris merujuk data yang tidak ada (contoh: tabel {fk[0][0]}).")
    _check_signed(db, report)


def _check_signed(db: Database, report: CheckReport) -> None:
    """Each signed form against its stored hash, recomputed with the canonical version its
    snapshot records (version 1 for every signature made before version 2 existed)."""
    repo = FormRepository(db, device="check")
    has_version = "canonical_version" in {c.name for c in db["signed_snapshots"].columns}
    version_sql = "(SELECT s.canonical_version FROM signed_snapshots s WHERE s.form_uuid = f.uuid AND s.revision = " \
                  "f.revision)" if has_version else "1"
    for uuid, stored_hash, revision, version in db.execute(
            f"SELECT f.uuid, f.content_hash, f.revision, {version_sql} FROM forms f WHERE f.status = 'signed'").fetchall():
        form = repo.get(uuid)
        assert form is not None, "read from the forms table just now"
        if version not in KNOWN_VERSIONS:
            report.problems.append(f"Formulir {form.agency_code} {form.year} revisi {revision} ditandatangani dengan "
                                   f"versi isi kanonis {version} yang tidak dikenal aplikasi ini; perbarui aplikasi.")
            continue
        try:
            recomputed = content_hash(form, version)
        except ValueError:
            recomputed = None
        if recomputed != stored_hash:
            report.problems.append(f"Isi formulir {form.agency_code} {form.year} revisi {revision} tidak lagi "
                                   "sama dengan yang ditandatangani (kode verifikasi berbeda).")
    for form_uuid, revision, content_json, stored in db.execute(
            "SELECT form_uuid, revision, content_json, content_hash FROM signed_snapshots").fetchall():
        try:
            ok = hash_text(content_json) == stored
        except ValueError:
            ok = False
        if not ok:
            report.problems.append(f"Rekaman tanda tangan formulir {form_uuid[:8]} revisi {revision} rusak "
                                   "(kode verifikasi tidak cocok).")

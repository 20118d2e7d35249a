"""Integrity check of a data file, read-only: SQLite's own checks plus the signed hashes.

Streamed: one form and one snapshot at a time, whatever the size of the file (peak memory
stays under 100 MB at 100,000 proposals; benchmarks/bench_check.py).
"""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.canonical import KNOWN_VERSIONS, content_hash
from ..storage.database import connect
from ..storage.errors import StorageError, translate_sqlite_error
from ..storage.migrations import latest_version, migrations, registered_names
from ..storage.repositories import FormRepository, table_counts
from ..storage.signed_content import other_snapshots, signed_forms

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
    """SQLite's own checks (every page, the foreign keys, the counts) run in a second thread,
    on a connection of their own, while this one checks the signed content: on two cores
    ``check`` takes about as long as SQLite's checks alone (benchmarks/bench_check.py). A
    damaged file reports only the damage."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ksd-integrity") as pool:
        sqlite_checks = pool.submit(_sqlite_checks, report.path)
        findings = CheckReport(report.path)
        failure: sqlite3.Error | None = None
        known = False
        try:
            known = _check_content(db, findings)
        except sqlite3.Error as exc:  # a damaged file can fail a query before its pages are checked
            failure = exc
        damage, foreign, counts = sqlite_checks.result()
    if damage:
        report.problems.append(
            "Struktur berkas SQLite rusak: " + "; ".join(damage[:5]) + ". Pulihkan dari cadangan terakhir."
        )
        return
    if failure is not None:
        raise failure
    report.schema_version = findings.schema_version
    if known:  # a KSD Desktop file this version knows
        report.counts = counts
        if foreign:
            report.problems.append(f"{len(foreign)} baris merujuk data yang tidak ada (contoh: tabel {foreign[0][0]}).")
    report.problems += findings.problems
    report.notes += findings.notes


def _sqlite_checks(path: Path) -> tuple[list[str], list[tuple[Any, ...]], dict[str, int]]:
    """``PRAGMA integrity_check`` ([] when sound), ``foreign_key_check`` and the row counts, on a
    read-only connection of their own (the counts are {} in a file without the tables)."""
    db = connect(path, read_only=True)
    try:
        try:
            result = [r[0] for r in db.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)], [], {}
        if result != ["ok"]:
            return result, [], {}
        foreign = db.execute("PRAGMA foreign_key_check").fetchall()
        try:
            counts = table_counts(db)
        except sqlite3.OperationalError:  # not a KSD Desktop file: _check_content says so
            counts = {}
        return [], foreign, counts
    finally:
        db.close()


def _check_content(db: Database, report: CheckReport) -> bool:
    """The schema's migrations, then the signed forms and snapshots (``_check_signed``); False
    when the file is no KSD Desktop data file this version knows (nothing more is checked)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
        report.problems.append(f"{report.path} adalah berkas SQLite, tetapi bukan basis data KSD Desktop.")
        return False
    applied = [m.name for m in migrations.applied(db)]
    known = set(registered_names())
    report.schema_version = len(applied)
    if not applied:
        report.problems.append("Basis data belum disiapkan; jalankan: ksd-desktop init --db BERKAS")
        return False
    unknown = [name for name in applied if name not in known]
    if unknown or report.schema_version > report.latest_version:
        report.problems.append("Basis data dibuat oleh versi KSD Desktop yang lebih baru; perbarui aplikasi.")
        return False
    if report.schema_version < report.latest_version:
        report.notes.append(
            f"Skema versi {report.schema_version}; versi terbaru {report.latest_version}. "
            "Aplikasi akan memigrasikannya (dengan salinan cadangan) saat dibuka."
        )
    _check_signed(db, report)
    return True


def _check_signed(db: Database, report: CheckReport) -> None:
    """Each signed form against its stored hash, recomputed with the canonical version its
    snapshot records (version 1 for every signature made before version 2 existed), and every
    snapshot against its own hash; streamed.

    A form whose stored content, rendered by SQLite in that version (storage/signed_content.py),
    is its snapshot's text, with the snapshot's hash and the form's equal, is sound; any other
    is decided by recomputing its canonical JSON in Python, as the app signs it.
    """
    repo = FormRepository(db, device="check")
    altered, damaged_snapshots = [], []
    for form in signed_forms(db):
        snapshot_sound = form.snapshot is not None and _sha256(form.snapshot) == form.snapshot_hash
        if form.snapshot is not None and not snapshot_sound:
            damaged_snapshots.append((form.uuid, form.revision))
        if form.version not in KNOWN_VERSIONS:
            altered.append(
                f"Formulir {form.agency_code} {form.year} revisi {form.revision} ditandatangani dengan "
                f"versi isi kanonis {form.version} yang tidak dikenal aplikasi ini; perbarui aplikasi."
            )
            continue
        if snapshot_sound and form.snapshot_hash == form.content_hash and form.rendered == form.snapshot:
            continue
        stored = repo.get(form.uuid)
        try:
            recomputed = content_hash(stored, form.version) if stored is not None else None
        except ValueError:  # a text UTF-8 cannot hold: no hash matches
            recomputed = None
        if recomputed != form.content_hash:
            altered.append(
                f"Isi formulir {form.agency_code} {form.year} revisi {form.revision} tidak lagi "
                "sama dengan yang ditandatangani (kode verifikasi berbeda)."
            )
    report.problems += altered
    for form_uuid, revision, content_json, stored_hash in other_snapshots(db):
        if _sha256(content_json) != stored_hash:
            damaged_snapshots.append((form_uuid, revision))
    report.problems += [
        f"Rekaman tanda tangan formulir {form_uuid[:8]} revisi {revision} rusak (kode verifikasi tidak cocok)."
        for form_uuid, revision in damaged_snapshots
    ]


def _sha256(data: bytes) -> str:
    """hash_text of the text whose UTF-8 bytes these are (stored text is compared as bytes)."""
    return hashlib.sha256(data).hexdigest()

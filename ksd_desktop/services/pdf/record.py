"""Kecocokan dengan data tercatat: is the form in a PDF the signed snapshot recorded locally?

A PDF can be UTUH and still not be what was signed: anyone with KSD Desktop can type
another form and export it. The secretariat's database keeps every signed revision
(``signed_snapshots``, insert-only); the PDF's uuid, revision and hash are compared with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...domain.canonical import short_hash
from ...storage.repositories import FormRepository
from .report import Record

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .report import VerifyReport

MAX_SHOWN = 8


def compare_with_record(report: VerifyReport, db: Database) -> None:
    repo = FormRepository(db)
    snapshots = repo.snapshots(report.form_uuid) if report.form_uuid else []
    if not snapshots:
        other = (
            repo.find(report.agency_code, report.year) if report.agency_code and isinstance(report.year, int) else None
        )
        if other is not None and other.uuid != report.form_uuid and repo.snapshots(other.uuid):
            report.record = Record.DIFFERENT
            report.record_notes.append(
                f"Berkas data ini mencatat formulir lain ({other.uuid[:8]}) untuk {report.agency_code} tahun "
                f"{report.year}; formulir {report.form_uuid[:8]} di dalam PDF tidak pernah ditandatangani di sini."
            )
        else:
            report.record = Record.UNRECORDED
            report.record_notes.append("Formulir ini belum tercatat di berkas data ini (misalnya belum diimpor).")
        return
    same = [s for s in snapshots if s["revision"] == report.revision]
    if not same:
        report.record = Record.UNRECORDED
        recorded = ", ".join(str(s["revision"]) for s in snapshots)
        report.record_notes.append(f"Revisi {report.revision} belum tercatat; yang tercatat: revisi {recorded}.")
        return
    snapshot = same[-1]
    if snapshot["content_hash"] == report.content_hash:
        report.record = Record.MATCH
        report.record_notes.append(
            f"Sama dengan rekaman tanda tangan revisi {report.revision} "
            f"(kode verifikasi {short_hash(report.content_hash)})."
        )
        return
    report.record = Record.DIFFERENT
    report.record_notes.append(
        f"Rekaman tanda tangan revisi {report.revision} di berkas data ini berkode verifikasi "
        f"{short_hash(snapshot['content_hash'])}, PDF ini {short_hash(report.content_hash)}: isi formulir di PDF "
        "BUKAN yang ditandatangani."
    )
    report.record_notes += _field_differences(snapshot["content_json"], report.content)


def _field_differences(recorded_json: str, content: dict[str, Any]) -> list[str]:
    import json

    from ...domain.models import label
    from ...domain.serialize import form_from_dict
    from ..exchange.diff import differences

    try:
        found = differences(form_from_dict(json.loads(recorded_json)), form_from_dict(content))
    except Exception:  # noqa: BLE001 - a form that cannot be compared field by field
        return []
    lines = [
        f"{d.where} · {d.label}: tercatat «{_short(label(d.local) if isinstance(d.local, str) else d.local)}», "
        f"di PDF «{_short(label(d.incoming) if isinstance(d.incoming, str) else d.incoming)}»"
        for d in found[:MAX_SHOWN]
        if d.key != "status"
    ]
    if len(found) > MAX_SHOWN:
        lines.append(f"… dan {len(found) - MAX_SHOWN} perbedaan lain.")
    return lines


def _short(value: object, width: int = 60) -> str:
    text = "–" if value in (None, "") else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"

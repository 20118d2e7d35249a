"""Verification of an exported PDF form: do the pages say what was signed?

Offline and on any laptop. Three separate answers (report.py words them):

1. *Keutuhan* (integrity): the form's data travels inside the PDF (``ksd-form.json``); its
   hash is recomputed, the pages are typeset again from that data alone with the layout
   version the PDF records (layouts/), and what a viewer shows (the final state of the
   file, every incremental update applied) is compared with them: normalised page by page
   (pages.py, compare.py) and, as a second look with another PDF engine, pixel by pixel
   (pixels.py). Updates appended after the export may only be PDF signatures and their
   validation data (signatures.py). UTUH / TELAH DIUBAH / DRAF / bukan dokumen KSD Desktop /
   RUSAK / TIDAK DAPAT DIPASTIKAN (a 0.1.0 PDF whose kop cannot be reproduced).
2. *Kecocokan dengan data tercatat*: with a database, is this uuid/revision/hash the signed
   snapshot recorded there? COCOK / BELUM TERCATAT / BERBEDA DARI YANG TERCATAT.
3. *Keaslian penanda tangan*: each PDF signature, validated against the trust anchors the
   user installed (trust.py). Without a trusted signature the file alone cannot tell who
   signed it: anyone with KSD Desktop can make a PDF that is UTUH.

``verify_pdf`` never raises for a bad file: the report says what is wrong.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from ...domain.canonical import dumps_canonical, hash_text
from .form import EMBEDDED_FORMAT, EMBEDDED_NAME, META_HASH, META_REVISION, META_UUID
from .guard import MAX_ATTACHMENT_BYTES, MAX_FILE_BYTES, PdfLimitError, json_depth_ok, library_messages_to_log
from .report import Record, SignatureInfo, Verdict, VerifyReport

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from sqlite_utils import Database

    from .layouts.v0 import PdfContext as LegacyContext
    from .pages import DocumentView
    from .trust import Anchor

__all__ = ["ATTACHMENT_NAME", "Record", "SignatureInfo", "Verdict", "VerifyReport", "verify_pdf"]

log = logging.getLogger(__name__)

ATTACHMENT_NAME = EMBEDDED_NAME
FORMAT_NAME = EMBEDDED_FORMAT
DAMAGED = (
    "PDF rusak atau strukturnya tidak lazim (misalnya tabel rujukan silang yang harus diperbaiki "
    "dulu agar terbaca). Berkas seperti ini dapat tampil berbeda di penampil yang berbeda, jadi tidak "
    "dapat dinyatakan utuh. Minta salinan PDF yang baru."
)


LIMIT_WORDS = {
    "page size": "ukuran halamannya tidak wajar (lebih dari 5 meter, atau hampir nol)",
    "pages": "halamannya terlalu banyak (lebih dari 400)",
    "decoded": "isinya terlalu besar setelah dibuka (lebih dari 256 MB)",
    "nodes": "susunan objeknya terlalu besar",
    "depth": "susunan objeknya terlalu dalam",
    "page tree cycle": "susunan halamannya berputar-putar (melingkar)",
}


class _StopError(Exception):
    """Ends the check early; the report already says why."""


def verify_pdf(
    path: str | Path,
    *,
    db: Database | None = None,
    anchors: list[Anchor] | None = None,
    legacy_contexts: list[LegacyContext] | None = None,
) -> VerifyReport:
    """Check a PDF. ``db``: compare with the signed snapshots recorded there, and use its
    settings (trust anchors, the kop for 0.1.0 PDFs); ``anchors`` adds trust anchors."""
    path = Path(path)
    report = VerifyReport(path)
    if db is not None:
        from .trust import installed_anchors

        anchors = [*(anchors or []), *installed_anchors(db)]
    with library_messages_to_log():
        try:
            _verify(report, path, db, anchors or [], legacy_contexts)
        except _StopError:
            pass
        except Exception:
            log.exception("verification of %s failed", path)
            report.verdict = Verdict.DAMAGED
            report.reasons.append(DAMAGED)
    if db is not None and report.verdict in (Verdict.INTACT, Verdict.ALTERED, Verdict.UNCERTAIN) and report.content:
        from .record import compare_with_record

        compare_with_record(report, db)
    return report


def _verify(
    report: VerifyReport,
    path: Path,
    db: Database | None,
    anchors: list[Anchor],
    legacy_contexts: list[LegacyContext] | None,
) -> None:
    data = _read(report, path)
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        if reader.encrypt_dict is not None:
            _stop(report, Verdict.DAMAGED, "PDF ini terenkripsi; formulir KSD Desktop tidak pernah dienkripsi.")
        from .pages import read_view

        view = read_view(reader)
    except _StopError:
        raise
    except PdfLimitError as exc:
        log.info("PDF %s out of bounds: %r", path, exc)
        words = LIMIT_WORDS.get(str(exc.args[0]) if exc.args else "", "susunannya di luar batas yang dapat diperiksa")
        _stop(report, Verdict.DAMAGED, f"PDF ini tidak dapat diperiksa: {words}. Minta salinan PDF yang baru.")
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds for broken files
        log.info("unreadable PDF %s: %r", path, exc)
        _stop(report, Verdict.DAMAGED, DAMAGED)
    document = _attachment(report, view)
    report.fill_identity(document)
    if document.get("status") != "signed":
        _stop(report, Verdict.DRAFT, "Dokumen ini draf yang belum disahkan (belum ditandatangani).")
    _check_hashes(report, document, reader)
    from .signatures import examine

    history, report.signatures = examine(reader, anchors)
    report.updates = history.updates
    report.reasons += history.problems
    report.reasons += [f"Tanda tangan PDF «{s.field}»: {p}" for s in report.signatures for p in s.problems]
    from .rerender import compare_with_rerender

    compare_with_rerender(report, data, view, document, db, legacy_contexts)
    if report.verdict == Verdict.FOREIGN:
        report.verdict = Verdict.ALTERED if report.reasons else Verdict.INTACT


def _stop(report: VerifyReport, verdict: Verdict, reason: str) -> NoReturn:
    report.verdict = verdict
    report.reasons.append(reason)
    raise _StopError


def _read(report: VerifyReport, path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            _stop(report, Verdict.FOREIGN, "Berkas terlalu besar untuk formulir KSD Desktop (lebih dari 40 MB).")
        data = path.read_bytes()
    except OSError as exc:
        from ...storage.errors import os_reason

        _stop(report, Verdict.FOREIGN, f"Berkas tidak dapat dibaca: {os_reason(exc)}.")
    if not data.lstrip()[:1024].startswith(b"%PDF-"):
        _stop(report, Verdict.FOREIGN, "Berkas ini bukan PDF.")
    return data


def _attachment(report: VerifyReport, view: DocumentView) -> dict[str, Any]:
    """The attached form data, parsed and bounded."""
    stream = view.attachment
    if stream is None:
        _stop(report, Verdict.FOREIGN, f"Tidak ada data formulir ({ATTACHMENT_NAME}) di dalam PDF ini.")
    try:
        if len(stream.encoded_data) > MAX_ATTACHMENT_BYTES:
            raise PdfLimitError("attachment")
        raw = stream.data
        if len(raw) > MAX_ATTACHMENT_BYTES:
            raise PdfLimitError("attachment")
        document = json.loads(raw.decode("utf-8"))
        if not json_depth_ok(document):
            raise PdfLimitError("depth")
        content = document["content"] if isinstance(document, dict) else None
        if document.get("format") != FORMAT_NAME or not isinstance(content, dict):
            raise ValueError("format")
        dumps_canonical(content).encode("utf-8")  # lone surrogates (\ud800) cannot be encoded
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except (PdfLimitError, RecursionError):
        _stop(report, Verdict.DAMAGED, "Data formulir di dalam PDF melampaui batas ukuran atau kedalaman.")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeError) as exc:
        log.info("attachment of %s unreadable: %r", report.path, exc)
        _stop(
            report,
            Verdict.FOREIGN,
            "Data formulir di dalam PDF tidak dapat dibaca (format tidak dikenal, "
            "pengodean rusak atau karakter yang tidak sah).",
        )
    except Exception as exc:  # noqa: BLE001 - a stream that cannot be decoded
        log.info("attachment of %s not decodable: %r", report.path, exc)
        _stop(report, Verdict.DAMAGED, "Data formulir di dalam PDF rusak (tidak dapat dibuka).")
    report.document = document
    return cast("dict[str, Any]", document)  # a dict: .get("format") above passed


def _check_hashes(report: VerifyReport, document: dict[str, Any], reader: PdfFileReader) -> None:
    recomputed = hash_text(dumps_canonical(document["content"]))
    report.content_hash = recomputed
    if document.get("content_hash") != recomputed:
        report.reasons.append("Data formulir di dalam PDF tidak cocok dengan kode verifikasinya.")
    from .pages import entry

    info = entry(reader.trailer_view, "/Info")
    meta = {str(k): str(v) for k, v in info.items()} if hasattr(info, "items") else {}
    if meta.get(META_HASH) != recomputed:
        report.reasons.append("Kode verifikasi pada metadata dokumen berbeda dari data formulir.")
    if meta.get(META_UUID) != report.form_uuid or meta.get(META_REVISION) != str(report.revision):
        report.reasons.append("Identitas formulir pada metadata dokumen berbeda dari data formulir.")

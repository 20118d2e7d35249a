"""Typeset a PDF's form again from its attachment and compare it with what the file shows.

The current layouts are rendered from the attachment alone (layouts/). A PDF made by KSD
Desktop 0.1.0 (layout 0) does not record its kop or the names it printed, so the frozen
layout is tried with each candidate context: 0.1.0's shipped defaults and, with a database,
its settings and reference names. An exact match is UTUH (with a note); no match is "TIDAK
DAPAT DIPASTIKAN" unless the file also has differences no kop could explain.

A current-layout file is typeset again with its attachment written the way the export writes
it (form.attacher): when that gives the file's own bytes, byte for byte, every viewer shows
exactly the re-rendered pages, and the page-by-page and pixel comparisons are skipped. Any
other file (a PDF signature appended, a changed byte) is compared in full.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .compare import Difference, compare_views
from .form import EMBEDDED_NAME
from .report import Verdict

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .layout import TteBox
    from .layouts.v0 import PdfContext as LegacyContext
    from .pages import DocumentView
    from .report import VerifyReport

log = logging.getLogger(__name__)
TITLE = "Formulir Pemetaan Kerja Sama Daerah {agency} Tahun {year}"


def differences(
    data: bytes, view: DocumentView, expected_pdf: bytes, *, title: str | None, tte: TteBox | None = None
) -> list[Difference]:
    """What differs between the file and a re-render: normalised structure, then pixels."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from .pages import read_view

    expected = read_view(PdfFileReader(io.BytesIO(expected_pdf), strict=True))
    found = compare_views(view, expected, attachment_name=EMBEDDED_NAME, title=title)
    if found:
        return found
    from .pixels import compare_pixels

    return compare_pixels(data, expected_pdf, view, tte)


def compare_with_rerender(
    report: VerifyReport,
    data: bytes,
    view: DocumentView,
    document: dict[str, Any],
    db: Database | None,
    legacy_contexts: list[LegacyContext] | None,
) -> None:
    if "layout_version" not in document:
        _legacy(report, data, view, document, db, legacy_contexts)
        return
    from . import layouts
    from .form import attacher

    report.layout_version = document.get("layout_version")
    try:
        finish = attacher(document)
    except Exception:  # noqa: BLE001 - an attachment the export could not have written: no shortcut
        finish = None
    try:
        try:
            rendered = layouts.render(document, finish=finish)
        except Exception:  # the attachment's part of the file failed: judge the pages alone
            if finish is None:
                raise
            finish = None
            rendered = layouts.render(document)
    except layouts.UnknownLayoutError:
        report.verdict = Verdict.UNCERTAIN
        report.reasons.append(
            f"PDF ini memakai tata letak versi {report.layout_version!r} yang tidak dikenal versi "
            "aplikasi ini (mungkin dibuat oleh KSD Desktop yang lebih baru). Perbarui KSD Desktop "
            "lalu periksa lagi."
        )
        return
    except Exception as exc:  # noqa: BLE001 - hostile data: whatever reportlab or the checks raise
        log.info("re-render of %s failed: %r", report.path, exc)
        report.verdict = Verdict.DAMAGED
        report.reasons.append(
            "Data tampilan formulir di dalam PDF tidak sah, sehingga halamannya tidak dapat disusun "
            "ulang untuk dibandingkan."
        )
        return
    if finish is not None and rendered.pdf == data:
        return  # the export's own bytes, attachment and all: every viewer shows the re-rendered pages
    from .layouts.current import metadata

    _record(report, differences(data, view, rendered.pdf, title=metadata(document)["title"], tte=rendered.tte))


def _record(report: VerifyReport, found: list[Difference]) -> None:
    report.reasons += [d.text for d in found]
    report.changed_pages = sorted({*report.changed_pages, *(d.page for d in found if d.page)})


def _legacy(
    report: VerifyReport,
    data: bytes,
    view: DocumentView,
    document: dict[str, Any],
    db: Database | None,
    extra: list[LegacyContext] | None,
) -> None:
    from .layouts import v0

    report.layout_version = 0
    content, declared = document["content"], str(document.get("content_hash") or "")
    agency = str(document.get("agency_name") or content.get("agency_code") or "")
    title = TITLE.format(agency=agency, year=content.get("year"))
    best: list[Difference] | None = None
    for label, ctx in _candidates(agency, content, db, extra):
        try:
            found = differences(data, view, v0.render(content, declared, ctx), title=title)
        except Exception as exc:  # noqa: BLE001 - hostile data
            log.info("layout 0 re-render of %s failed: %r", report.path, exc)
            continue
        if not found:
            report.notes.append(f"Dibuat oleh KSD Desktop 0.1.0 (tata letak 0); kop dicocokkan dengan {label}.")
            return
        if best is None or len(found) < len(best):
            best = found
    structural = [d for d in best or [] if d.kind != "page"]
    if best is None or not structural:
        report.verdict = Verdict.UNCERTAIN
        report.reasons.append(
            "PDF ini dibuat oleh KSD Desktop 0.1.0, yang belum mencatat kop surat di dalam PDF. Halamannya tidak "
            "sama dengan kop bawaan 0.1.0"
            + (" maupun pengaturan berkas data ini" if db is not None else "")
            + ", sehingga keutuhannya tidak dapat dipastikan dari berkas ini saja. Buka berkas data perangkat daerah "
            "pembuatnya (--db) atau minta ekspor ulang dengan versi terbaru."
        )
        report.changed_pages = sorted({d.page for d in best or [] if d.page})
        return
    _record(report, structural)


def _candidates(
    agency: str, content: dict[str, Any], db: Database | None, extra: list[LegacyContext] | None
) -> Iterator[tuple[str, LegacyContext]]:
    from .layouts import v0

    yield "kop bawaan KSD Desktop 0.1.0", v0.candidate_context(agency)
    if db is not None:
        from ...domain.models import Form
        from .export import pdf_context

        try:
            ctx = pdf_context(db, Form(agency_code=str(content.get("agency_code") or "")))
        except Exception as exc:  # noqa: BLE001 - an old or damaged data file: skip this candidate
            log.info("no database context for layout 0: %r", exc)
        else:
            from ...storage.repositories import SettingsRepository

            # 0.1.0 printed the region's letterhead lines of the settings on every agency's form
            # (the agency's own kop came later): those are what its pages show.
            legacy_lines = tuple(str(x) for x in SettingsRepository(db).get("letterhead_lines") or ())
            kop: dict[str, Any] = dict(
                region_title=ctx.region_title,
                region_name=ctx.region_name,
                letterhead_lines=legacy_lines,
                logo_path=ctx.logo_path,
            )
            yield (
                "pengaturan kop di berkas data ini",
                v0.candidate_context(agency, urusan_names=ctx.urusan_names, region_names=ctx.region_names, **kop),
            )
            yield "pengaturan kop di berkas data ini (nama rujukan 0.1.0)", v0.candidate_context(agency, **kop)
    for i, given in enumerate(extra or [], 1):
        yield f"konteks tambahan {i}", given

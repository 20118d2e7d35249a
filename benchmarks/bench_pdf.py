"""Time to build the official PDF mapping form, beside a minimal reportlab document.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--forms M]

In-process timings on realistic text (the demo data set's proposals): one signed form with
10 proposals (median of N builds, milliseconds), M such forms one after another (seconds),
and the size of one PDF. The baseline, measured in the same run so a slow machine shows up
in both columns, is a one-page reportlab document with the same embedded fonts; the middle
column is the pages alone (no attachment), as verification typesets them. The issue's baseline
(the same pages as plain Paragraphs) is in bench_table.py. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ksd_desktop.domain.canonical import content_hash
from ksd_desktop.domain.models import Form
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.pdf.form import PdfContext, build_form_pdf
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import (
    FormRepository,
    ReferenceRepository,
    SettingsRepository,
)


def demo_forms(count: int, per_form: int = 10) -> tuple[list[Form], PdfContext]:
    """``count`` signed forms of ``per_form`` proposals each (the demo data's first signed form,
    its proposals replaced by a rotating selection of all the demo proposals)."""
    folder = Path(tempfile.mkdtemp(prefix="ksd-bench-pdf-"))
    db = open_database(folder / "bench.sqlite3")
    fill_demo(db)
    repo, ref, settings = FormRepository(db), ReferenceRepository(db), SettingsRepository(db)
    rows = repo.agency_statuses(2024)
    source = [repo.get(r.form_uuid) for r in rows if r.form_uuid]
    signed = next(f for f in source if f.status == "signed")
    pool = [p for f in source for p in f.proposals]
    forms = []
    for i in range(count):
        form = repo.get(signed.uuid)
        form.proposals = []
        for seq in range(1, per_form + 1):
            proposal = pool[(i * per_form + seq) % len(pool)]
            proposal = type(proposal)(**{**proposal.__dict__, "seq": seq})
            form.proposals.append(proposal)
        form.content_hash = content_hash(form)
        forms.append(form)
    regions = {r.code: r.name for r in ref.regions()}
    agency = next(a for a in ref.agencies() if a.code == signed.agency_code)
    ctx = PdfContext(
        agency_name=agency.name,
        region_title=settings.get("region_title"),
        region_name=regions[settings.get("home_region_code")],
        letterhead_lines=tuple(settings.get("letterhead_lines") or ()),
        urusan_names={c: n for c, n, _ in ref.urusan()},
        region_names=regions,
    )
    db.close()
    return forms, ctx


def baseline_pdf() -> bytes:
    """A minimal one-page reportlab document with the same fonts."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from ksd_desktop.services.pdf.kit import FONT, make_styles, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FONT)
    doc.build([Paragraph("FORMULIR PEMETAAN KERJA SAMA DAERAH – Kabupaten Banjar", make_styles().body)])
    return buffer.getvalue()


def layout_only(form: Form, ctx: PdfContext) -> bytes:
    """The pages alone (reportlab), from the payload the export attaches: what verification re-renders."""
    from ksd_desktop.services.pdf.form import embedded_payload
    from ksd_desktop.services.pdf.layouts import render

    return render(embedded_payload(form, ctx, "2024-08-08T02:00:00Z")).pdf


def ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15, help="builds of one form for the median")
    parser.add_argument("--forms", type=int, default=100, help="forms built one after another")
    args = parser.parse_args()
    forms, ctx = demo_forms(max(args.forms, 1))
    first = forms[0]

    start = time.perf_counter()
    build_form_pdf(first, ctx, io.BytesIO())  # first build: imports reportlab/pypdf, loads fonts
    cold = (time.perf_counter() - start) * 1000
    baseline_pdf()

    ours = [ms(lambda: build_form_pdf(first, ctx, io.BytesIO())) for _ in range(args.repeat)]
    typeset = [ms(lambda: layout_only(first, ctx)) for _ in range(args.repeat)]
    base = [ms(baseline_pdf) for _ in range(args.repeat)]

    start = time.perf_counter()
    for form in forms[: args.forms]:
        build_form_pdf(form, ctx, io.BytesIO())
    ours_total = time.perf_counter() - start
    start = time.perf_counter()
    for form in forms[: args.forms]:
        layout_only(form, ctx)
    typeset_total = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(args.forms):
        baseline_pdf()
    base_total = time.perf_counter() - start

    out = io.BytesIO()
    build_form_pdf(first, ctx, out)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(out.getvalue())).pages)
    size_ours, size_typeset, size_base = len(out.getvalue()), len(layout_only(first, ctx)), len(baseline_pdf())

    print(
        f"Formulir {ctx.agency_name}, {len(first.proposals)} usulan, {pages} halaman; "
        f"median {args.repeat} kali; build pertama (impor + font) {cold:.0f} ms"
    )
    print(f"{'':44} {'KSD PDF':>12} {'tata letak':>12} {'baseline':>12}")
    print(
        f"{'1 formulir (ms, median)':44} {statistics.median(ours):12.1f} {statistics.median(typeset):12.1f} "
        f"{statistics.median(base):12.1f}"
    )
    print(f"{f'{args.forms} formulir (s, total)':44} {ours_total:12.2f} {typeset_total:12.2f} {base_total:12.2f}")
    print(
        f"{f'{args.forms} formulir (ms per formulir)':44} {ours_total * 1000 / args.forms:12.1f} "
        f"{typeset_total * 1000 / args.forms:12.1f} {base_total * 1000 / args.forms:12.1f}"
    )
    print(f"{'ukuran satu PDF (KB)':44} {size_ours / 1024:12.1f} {size_typeset / 1024:12.1f} {size_base / 1024:12.1f}")
    print(
        "KSD PDF = build_form_pdf (halaman, lampiran JSON dan metadata dalam satu proses reportlab); tata letak = "
        "halaman saja (seperti verifikasi); baseline = satu halaman reportlab dengan font yang sama."
    )


if __name__ == "__main__":
    main()

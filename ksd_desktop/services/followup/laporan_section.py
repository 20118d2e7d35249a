"""III.H of the Laporan: "Tindak lanjut hasil pemetaan tahun sebelumnya".

The Laporan of year Y reports what became of year Y−1's proposals (the monev figures of
``monev.build_monev``, carried in ``RecapContext.previous_followup``): how many proposals
assessed *sesuai* have a recorded step, reached a KSB/NK or a PKS, were not pursued, or have
had no step for six months; the steps reached per kind; and the agreements of the register
that end within twelve months. Only the Laporan's layout (recap/pdf.py, which provides ``p``,
``s``, ``w``, ``sub``, ``text``, ``section``, ``head_row`` and ``num``) calls this module.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ...domain.dates import format_date_id
from ...domain.monev import MonevFigures
from ..pdf.kit import Grid, esc

TITLE = "H. TINDAK LANJUT HASIL PEMETAAN TAHUN SEBELUMNYA"
MAX_EXPIRING = 12


def pct(part: int, whole: int) -> str:
    return (f"{part * 100 / whole:.1f}".replace(".", ",") + "\u00a0%") if whole else "–"


def sentences(fig: MonevFigures) -> list[str]:
    base = fig.sesuai or fig.proposals
    out = [
        f"Dari {fig.proposals} usulan hasil pemetaan Tahun {fig.year}, {fig.sesuai} dinilai sesuai kriteria. "
        f"Sampai {format_date_id(fig.today)}, {fig.with_steps} usulan ({pct(fig.with_steps, base)}) telah "
        f"memiliki catatan tindak lanjut; {fig.reached_agreement} mencapai Kesepakatan Bersama atau Nota "
        f"Kesepakatan dan {fig.reached_pks} mencapai Perjanjian Kerja Sama."
    ]
    tail = []
    if fig.not_pursued:
        tail.append(f"{fig.not_pursued} usulan dicatat tidak dilanjutkan")
    if fig.pending:
        tail.append(f"{fig.pending} usulan sesuai kriteria belum memiliki langkah tindak lanjut")
    if fig.stale:
        tail.append(f"{fig.stale} usulan tidak mencatat langkah baru selama {fig.stale_months} bulan atau lebih")
    if tail:
        out.append("; ".join(tail).capitalize() + ".")
    if fig.expiring:
        out.append(
            f"Di register perjanjian, {len(fig.expiring)} perjanjian berakhir dalam 12 bulan ke depan dan perlu "
            "diputuskan perpanjangan atau pengakhirannya."
        )
    out.append(
        "Rincian setiap usulan terdapat pada Laporan Monitoring dan Evaluasi Tindak Lanjut (menu Data › "
        "Tindak Lanjut & Register Perjanjian)."
    )
    return out


def previous_year_section(layout: Any) -> list[Flowable]:
    """The flowables of III.H, or nothing when the file has no previous mapping year."""
    fig: MonevFigures | None = getattr(layout.ctx, "previous_followup", None)
    if fig is None or not fig.proposals:
        return []
    out: list[Flowable] = layout.section(f"{TITLE} ({fig.year})", 50 * mm)
    out += [layout.p(esc(text), layout.text) for text in sentences(fig)]
    if fig.kinds:
        widths = [0] + [24 * mm] * 6
        widths[0] = layout.w - sum(widths)
        grid = Grid(widths)
        extra = layout.head_row(
            grid, ["Jenis kerja sama", "Usulan", "Ada langkah", "KSB/NK", "PKS", "Pelaksanaan", "Tidak dilanjutkan"]
        )
        for kind in fig.kinds:
            reached = {c.key: c.reached for c in kind.steps}
            grid.record(
                [
                    layout.p(f"<b>{esc(kind.kind)}</b>", layout.s.cell),
                    layout.num(kind.proposals),
                    layout.num(kind.with_steps),
                    layout.num(reached.get("ksb", 0) + reached.get("nk", 0)),
                    layout.num(reached.get("pks", 0)),
                    layout.num(reached.get("pelaksanaan", 0)),
                    layout.num(kind.not_pursued),
                ]
            )
        note = (
            "Angka tahap: usulan yang telah mencatat tahap itu atau tahap sesudahnya yang mensyaratkannya; "
            "dasar hitungan adalah usulan sesuai kriteria ditambah usulan lain yang memiliki catatan tindak lanjut. "
            "Tahapan lengkap setiap jenis ada pada laporan monev."
        )
        out += [
            Spacer(1, 1.5 * mm),
            KeepTogether(
                [
                    layout.p(f"Tahapan yang dicapai usulan Tahun {fig.year}", layout.sub),
                    grid.table(repeat_rows=1, extra=extra),
                ]
            ),
            Spacer(1, 1 * mm),
            layout.p(esc(note), layout.s.note),
        ]
    if fig.expiring:
        grid = Grid([9 * mm, 16 * mm, 0, 30 * mm])
        grid.widths[2] = layout.w - sum(grid.widths)
        extra = layout.head_row(grid, ["No.", "Jenis", "Nomor dan Judul", "Berakhir"])
        for i, a in enumerate(fig.expiring[:MAX_EXPIRING], 1):
            grid.record(
                [
                    layout.num(i),
                    layout.num("MoU" if a.doc_type == "MOU" else a.doc_type),
                    layout.p(f"<b>{esc(a.number)}</b> {esc(a.title or a.object, 200)}", layout.s.cell),
                    layout.num(format_date_id(a.expiry())),
                ]
            )
        heading = layout.p("Perjanjian yang berakhir dalam 12 bulan", layout.sub)
        out += [Spacer(1, 2 * mm), KeepTogether([heading, grid.table(repeat_rows=1, extra=extra)])]
        if len(fig.expiring) > MAX_EXPIRING:
            out.append(
                layout.p(
                    f"… dan {len(fig.expiring) - MAX_EXPIRING} perjanjian lainnya (lihat register).", layout.s.note
                )
            )
    return out

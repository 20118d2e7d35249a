"""The narrative parts of the Laporan (naskah dinas *laporan*): I. Pendahuluan, II. Pelaksanaan
Kegiatan, the breakdown tables of III, IV. Simpulan dan Saran, the closing and the signatures.

A mixin of recap/pdf.py's RecapLayout (which provides ``p``, ``s``, ``w``, ``fig``, ``ctx``,
``head_row`` and ``num``). Regulations are named from domain/law.py: in full the first time,
short afterwards. The signature blocks follow Permendagri 1/2023 Pasal 44 through
domain/signing.signature_block, as the form's block does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from ...domain import law
from ...domain.dates import format_date_id
from ...domain.nip import format_nip
from ...domain.recap import Breakdown
from ...domain.report import BLANK, conclusions, suggestions
from ...domain.signing import signature_block
from ..pdf.kit import LABEL_FILL, Grid, TableCommand, esc, plain, table_style

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from ...domain.recap import RecapFigures
    from ...domain.report import Signatory
    from ..pdf.kit import Styles
    from .context import RecapContext

BLANK_LINE = "." * 40


class LaporanSections:
    """I, II, the breakdowns, IV, closing and signatures (see module docstring)."""

    if TYPE_CHECKING:  # provided by RecapLayout (recap/pdf.py)
        fig: RecapFigures
        ctx: RecapContext
        s: Styles
        w: float
        first: law.FirstMention
        item: ParagraphStyle
        sub: ParagraphStyle
        text: ParagraphStyle

        def p(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph: ...
        def section(self, text: str, need: float = ...) -> list[Flowable]: ...
        def head_row(self, grid: Grid, names: list[str]) -> list[TableCommand]: ...
        def num(self, value: object, bold: bool = False) -> Paragraph: ...

    # ---- I. Pendahuluan
    def introduction(self) -> list[Flowable]:
        f, ctx, first = self.fig, self.ctx, self.first
        region = ctx.region_name
        umum = (
            f"Kerja sama daerah adalah usaha bersama antara daerah dan daerah lain, antara daerah dan pihak "
            f"ketiga, dan/atau antara daerah dan lembaga atau pemerintah daerah di luar negeri yang didasarkan pada "
            f"pertimbangan efisiensi dan efektivitas pelayanan publik serta saling menguntungkan "
            f"({esc(first.cite('ksd'))}). {esc(law.mapping_basis(first))} Pemerintah {esc(region)} melaksanakan "
            f"pemetaan Tahun {f.year} bagi seluruh jenis kerja sama, dikoordinasikan oleh Tim Koordinasi Kerja Sama "
            f"Daerah (TKKSD) dengan sekretariat pada Bagian Tata Pemerintahan Sekretariat Daerah."
        )
        maksud = (
            "Laporan ini dimaksudkan untuk menyampaikan hasil pemetaan usulan kerja sama daerah perangkat "
            "daerah beserta hasil penilaiannya oleh TKKSD, dengan tujuan menjadi bahan rapat pleno TKKSD, "
            "bahan penyelarasan usulan dengan visi dan misi kepala daerah, serta masukan bagi dokumen "
            "perencanaan daerah (RPJMD/RKPD)."
        )
        lingkup = (
            f"Ruang lingkup laporan meliputi usulan kerja sama Tahun {f.year} yang disampaikan perangkat "
            f"daerah {esc(region)} melalui formulir pemetaan yang telah ditandatangani kepala perangkat daerah: "
            "jenis kerja sama (Sinergi, KSDD, KSDPK, KSDPL dan KSDLL), urusan pemerintahan, calon mitra, "
            "tahapan, pembiayaan dan hasil penilaian TKKSD. Formulir yang masih draf dihitung belum "
            "menyampaikan."
        )
        basis = [law.full_name(reg) for reg in law.LAPORAN_BASIS]
        out: list[Flowable] = [
            self.p("I. PENDAHULUAN", self.s.section),
            self.p("A. Umum", self.sub),
            self.p(umum, self.text),
            self.p("B. Maksud dan Tujuan", self.sub),
            self.p(maksud, self.text),
            self.p("C. Ruang Lingkup", self.sub),
            self.p(lingkup, self.text),
            self.p("D. Dasar Hukum", self.sub),
        ]
        out += [
            self.p(f"{i}. {esc(text)};" if i < len(basis) else f"{i}. {esc(text)}.", self.item)
            for i, text in enumerate(basis, 1)
        ]
        return out

    # ---- II. Pelaksanaan Kegiatan
    def activities(self) -> list[Flowable]:
        r = self.ctx.report
        rows = [
            ("Sosialisasi", r.sosialisasi),
            ("Pendampingan pengisian formulir", r.pendampingan),
            ("Rapat pleno/paparan hasil", r.pleno),
        ]
        grid = Grid([9 * mm, 55 * mm, self.w - 64 * mm])
        extra = self.head_row(grid, ["No.", "Kegiatan", "Waktu, tempat dan keterangan"])
        for i, (what, text) in enumerate(rows, 1):
            grid.record([self.num(i), self.p(what, self.s.cell), self.p(esc(plain(text)) or BLANK, self.s.cell)])
        intro = (
            f"Pemetaan Tahun {self.fig.year} dilaksanakan melalui tahapan berikut; penilaian usulan dilakukan "
            "TKKSD atas formulir yang telah ditandatangani kepala perangkat daerah."
        )
        return [
            CondPageBreak(50 * mm),
            self.p("II. PELAKSANAAN KEGIATAN", self.s.section),
            self.p(intro, self.text),
            Spacer(1, 1.5 * mm),
            grid.table(repeat_rows=1, extra=extra),
        ]

    # ---- III.E Rincian
    def breakdown_tables(self) -> list[Flowable]:
        out = self.section("E. RINCIAN USULAN", 50 * mm)
        if not self.fig.proposals:
            return out + [self.p("Belum ada usulan kerja sama untuk tahun ini.")]
        for i, b in enumerate(self.fig.breakdowns, 1):
            out += [CondPageBreak(35 * mm), self.breakdown(i, b)]
        return out

    def breakdown(self, i: int, b: Breakdown) -> Flowable:
        grid = Grid([9 * mm, self.w - 75 * mm, 22 * mm, 22 * mm, 22 * mm])
        extra = self.head_row(
            grid, ["No.", b.title.split(" menurut ")[-1].capitalize(), "Usulan", "Sesuai", "Tidak sesuai"]
        )
        if not b.rows:
            grid.record(["", self.p("Tidak ada usulan.", self.s.cell), "", "", ""])
        for n, row in enumerate(b.rows, 1):
            grid.record(
                [
                    self.num(n),
                    self.p(esc(row.label), self.s.cell),
                    self.num(row.total),
                    self.num(row.sesuai),
                    self.num(row.tidak_sesuai),
                ]
            )
        parts: list[Flowable] = [self.p(f"{i}. {esc(b.title)}", self.sub), grid.table(repeat_rows=1, extra=extra)]
        if b.note:
            parts += [Spacer(1, 1 * mm), self.p(esc(b.note), self.s.note)]
        return KeepTogether(parts) if len(b.rows) < 14 else _Group(parts)

    def dprd(self) -> list[Flowable]:
        out = self.section("G. USULAN YANG PERLU DIPERIKSA KEBUTUHAN PERSETUJUAN DPRD", 40 * mm)
        lines = self.fig.dprd_lines
        text = (
            f"Kerja sama yang membebani masyarakat dan daerah dan/atau belum teranggarkan dalam APBD tahun "
            f"berjalan memerlukan persetujuan DPRD ({esc(self.first.name('PP28_2018'))}; untuk KSDPK ketentuan "
            "ini masih perlu dipastikan). "
        )
        if not lines:
            return out + [
                self.p(
                    text + "Tidak ada usulan sesuai kriteria yang dibiayai APBD dengan tahapan sebelum "
                    "persetujuan DPRD.",
                    self.text,
                )
            ]
        names = ", ".join(f"{x.agency_short} No. {x.seq}" for x in lines[:40])
        more = f" dan {len(lines) - 40} lainnya" if len(lines) > 40 else ""
        return out + [
            self.p(
                text + f"Sebanyak <b>{len(lines)}</b> usulan KSDD/KSDPK yang sesuai kriteria dibiayai "
                f"(sebagian) dari APBD dan belum melewati tahap persetujuan DPRD: {esc(names)}{more}.",
                self.text,
            )
        ]

    # ---- IV. Simpulan dan Saran
    def conclusion(self) -> list[Flowable]:
        out = [
            CondPageBreak(60 * mm),
            self.p("IV. SIMPULAN DAN SARAN", self.s.section),
            self.p("A. Simpulan", self.sub),
        ]
        items = conclusions(self.ctx.report, self.fig, self.ctx.region_name)
        out += [self.p(f"{i}. {esc(t)}", self.item) for i, t in enumerate(items, 1)]
        out.append(self.p("B. Saran", self.sub))
        out += [self.p(f"{i}. {esc(t)}", self.item) for i, t in enumerate(suggestions(self.ctx.report, self.fig), 1)]
        return out

    # ---- closing and signatures
    def signatures(self) -> list[Flowable]:
        r, ctx = self.ctx.report, self.ctx
        closing = (
            "Demikian laporan hasil pemetaan kerja sama daerah ini disampaikan sebagai bahan pertimbangan dan "
            "tindak lanjut. Daftar usulan menurut jenis kerja sama dan daftar usulan yang tidak sesuai kriteria "
            "beserta rute alternatifnya terdapat pada Lampiran."
        )
        date = format_date_id(r.tanggal) if r.tanggal else "." * 28
        place = esc(plain(ctx.signed_place)) or "." * 20
        right, right_lines = self.block(r.signer, f"{place}, {date}")
        left: list[Flowable] = []
        if r.with_mengetahui:
            block, left_lines = self.block(r.mengetahui, None)
            left = [self.p("Mengetahui,", self.s.sign)] + block
            left_lines += 1
            # the two names on one line: lengthen the signing space of the shorter head
            # the two names on one line: measure both heads as typeset (a long jabatan wraps) and pad the shorter
            half = self.w * 0.5
            left_h = sum(f.wrap(half, 1e6)[1] for f in left[:left_lines])
            right_h = sum(f.wrap(half, 1e6)[1] for f in right[:right_lines])
            if abs(left_h - right_h) > 0.5:
                shorter, at = (left, left_lines) if left_h < right_h else (right, right_lines)
                shorter.insert(at, Spacer(1, abs(left_h - right_h)))
        half = self.w * 0.5
        table = Table([[left or "", right]], colWidths=[half, half])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [KeepTogether([Spacer(1, 5 * mm), self.p(closing, self.text), Spacer(1, 6 * mm), table])]

    def block(self, who: Signatory, place_date: str | None) -> tuple[list[Flowable], int]:
        """One signature block (Permendagri 1/2023 Pasal 44) for ``who`` (a domain.report.Signatory)."""
        region = self.ctx.region_name
        position = " ".join(x for x in (plain(who.position), plain(who.unit)) if x)
        sig = signature_block(
            agency_name=plain(who.unit) or "Sekretariat Daerah",
            region_name=region,
            position=position or None,
            prefix=who.prefix,
            name=plain(who.name),
            rank=plain(who.rank),
            nip_text=format_nip(plain(who.nip)) if plain(who.nip) else "",
            place_date=place_date or "",
            tte=self.ctx.tte,
        )
        out: list[Flowable] = [self.p(place_date, self.s.sign)] if place_date else []
        out += [self.p(esc(line), self.s.sign) for line in sig.jabatan]
        head_lines = len(out)
        if sig.tte:
            out += [
                Spacer(1, 3 * mm),
                self.p("Ditandatangani secara elektronik oleh:", self.s.qr_note),
                Spacer(1, 22 * mm),
            ]  # room for the BSrE visual (QR and seal) stamped by the signing tool
        else:
            out.append(Spacer(1, 24 * mm))
        out.append(self.p(f"<u>{esc(sig.name)}</u>" if sig.name else "." * 52, self.s.sign_name))
        if sig.rank is not None:
            out.append(self.p(esc(sig.rank) if sig.rank else "." * 40, self.s.sign))
        if sig.nip is not None:
            out.append(self.p(esc(sig.nip) if sig.nip.strip() != "NIP." else f"NIP. {BLANK_LINE}", self.s.sign))
        return out, head_lines


class _Group(Flowable):
    """Several flowables that may split across pages (a long breakdown table)."""

    def __init__(self, parts: list[Flowable]):
        super().__init__()
        self.parts = parts

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:  # pragma: no cover - never drawn directly
        return aw, sum(p.wrap(aw, ah)[1] for p in self.parts)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return self.parts

    def draw(self) -> None:  # pragma: no cover - split() always replaces it
        pass


def tte_footer_lines() -> tuple[str, str]:
    return law.TTE_FOOTER, law.TTE_FOOTER_LAW


def shade_last_row() -> list[TableCommand]:
    return [("BACKGROUND", (0, -1), (-1, -1), LABEL_FILL)]

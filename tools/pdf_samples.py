"""Write one sample of every kind of PDF the application prints, to look at after a layout change.

    .venv/bin/python tools/pdf_samples.py [--out build/pdf-samples] [--dpi 60]

On a demo data file in a temporary folder (nothing of the user's is read or written), with a
drawn stand-in lambang and agency logo: a signed form per kind (Sinergi, KSDD wajib, KSDPK,
KSDPL, KSDLL) on A4, one on F4, one in TTE BSrE mode, a Sekretariat Daerah form signed by a
Pj. Sekretaris Daerah, a draft, a form of an agency with its own logo and one without, the
Laporan and the monev report. Every form is verified (it must be UTUH) and, when pdftoppm is
installed, every page is drawn as PNG (``name-N.png``) next to the PDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2024, 8, 8)
EXPORTED_AT = "2024-08-08T02:30:00Z"
YEAR_EXTRA = 2025


def draw_logos(folder: Path) -> tuple[Path, Path]:
    """A shield standing in for the kabupaten's lambang and a round agency logo (PNG)."""
    from PIL import Image, ImageDraw

    lambang = Image.new("RGBA", (300, 360), (0, 0, 0, 0))
    d = ImageDraw.Draw(lambang)
    d.polygon([(10, 10), (290, 10), (290, 200), (150, 350), (10, 200)], fill=(18, 110, 60), outline=(200, 160, 20))
    d.polygon([(150, 60), (230, 200), (70, 200)], fill=(230, 190, 30))
    d.ellipse((120, 220, 180, 280), fill=(250, 250, 250))
    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    d = ImageDraw.Draw(logo)
    d.ellipse((5, 5, 395, 395), fill=(20, 90, 160))
    d.rectangle((170, 80, 230, 320), fill="white")
    d.rectangle((80, 170, 320, 230), fill="white")
    paths = folder / "lambang.png", folder / "logo-dinkes.png"
    lambang.save(paths[0])
    logo.save(paths[1])
    return paths


def new_form(db, agency: str, kind: str, partner: str, category: str, obj: str, signer) -> None:
    """A signed form of 2025 with one proposal (the demo is 2024: no clash)."""
    from ksd_desktop.domain.models import Form, Partner, Proposal
    from ksd_desktop.services.signoff import sign_form
    from ksd_desktop.storage.repositories import FormRepository

    p = Proposal(
        seq=1,
        urusan_code="1.03",
        object=obj,
        kind=kind,
        problem="Potensi belum tergarap karena belum ada mitra yang berpengalaman; kebutuhan tenaga ahli, "
        "data dan pendanaan melampaui kemampuan APBD tahun berjalan.",
        benefits="Program bersama tiga tahun dengan alih pengetahuan.",
        financing="bersama",
        priority="sedang",
        stage="usulan",
        compliance_confirmed=True,
    )
    p.partners = [Partner(seq=1, name=partner, category=category)]
    form = Form(
        agency_code=agency,
        year=YEAR_EXTRA,
        pic_name="Rina Marlina, S.E.",
        pic_position="Analis Kerja Sama",
        pic_phone="0812-5000-1234",
        pic_email="kerjasama@banjarkab.go.id",
        proposals=[p],
    )
    FormRepository(db).save(form)
    sign_form(db, form.uuid, signer, today=dt.date(2025, 3, 10))


def extra_forms(db) -> list[tuple[str, str, int]]:
    """Forms the Banjar 2024 demo has none of: KSDPL, KSDLL, a Sekretariat Daerah form signed by a
    Pj. Sekretaris Daerah (no gelar, NIP or pangkat). (name, agency, year)."""
    from ksd_desktop.domain.signing import default_signer_position
    from ksd_desktop.services.signoff import Signer
    from ksd_desktop.storage.repositories import ReferenceRepository

    names = {a.code: a.name for a in ReferenceRepository(db).agencies()}

    def head(agency: str, prefix: str = "") -> Signer:
        position = default_signer_position(agency, names[agency])
        return Signer(
            name="Dr. H. Ahmad Fauzi, S.STP., M.Si.",
            nip="19720304 199803 1 004",
            rank="Pembina Utama Muda (IV/c)",
            position=position,
            place="Martapura",
            date="2025-03-10",
            prefix=prefix,
        )

    new_form(
        db,
        "BAPPEDALITBANG",
        "KSDPL",
        "Pemerintah Kota Kuching, Sarawak (Malaysia)",
        "pemda_luar_negeri",
        "Kabupaten kembar di bidang pariwisata sungai",
        head("BAPPEDALITBANG"),
    )
    new_form(
        db,
        "BPBD",
        "KSDLL",
        "Japan International Cooperation Agency (JICA)",
        "lembaga_luar_negeri",
        "Kajian pengendalian banjir DAS Martapura",
        head("BPBD"),
    )
    new_form(
        db,
        "SETDA",
        "SINERGI",
        "Kementerian Dalam Negeri",
        "kementerian_lembaga",
        "Penguatan kapasitas aparatur dalam kerja sama daerah",
        head("SETDA", "Pj."),
    )
    return [
        ("jenis-ksdpl", "BAPPEDALITBANG", YEAR_EXTRA),
        ("jenis-ksdll", "BPBD", YEAR_EXTRA),
        ("setda-pj-sekda", "SETDA", YEAR_EXTRA),
    ]


def draft_form(db) -> str:
    """An unsigned form, of the agency with the longest name (the kop's hardest case)."""
    from ksd_desktop.domain.models import Form, Partner, Proposal
    from ksd_desktop.storage.repositories import FormRepository

    agency = "DINSOSP3AP2KB"
    p = Proposal(
        seq=1,
        urusan_code="1.06",
        object="Pendampingan penyandang disabilitas",
        kind="KSDPK",
        ksdpk_form="pelayanan_publik",
        problem="Data penyandang disabilitas belum terpadu.",
        financing="bersama",
        priority="tinggi",
        stage="usulan",
        compliance_confirmed=True,
    )
    p.partners = [Partner(seq=1, name="Yayasan Peduli Disabilitas Banua", category="ormas")]
    FormRepository(db).save(Form(agency_code=agency, year=YEAR_EXTRA, pic_name="Siti Aminah", proposals=[p]))
    return agency


def has_kind(db, agency: str, kind: str, category: str | None = None) -> bool:
    from ksd_desktop.storage.repositories import FormRepository

    form = FormRepository(db).find(agency, 2024)
    return (
        form is not None
        and form.status == "signed"
        and any(p.kind == kind and (category is None or p.ksdd_category == category) for p in form.proposals)
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "pdf-samples"))
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from ksd_desktop.domain.letterhead import AgencyLetterhead
    from ksd_desktop.services.demo import fill_demo
    from ksd_desktop.services.followup.monev import write_monev
    from ksd_desktop.services.pdf.export import export_form_pdf
    from ksd_desktop.services.pdf.verify import Verdict, verify_pdf
    from ksd_desktop.services.recap.writer import write_recap
    from ksd_desktop.storage.database import open_database
    from ksd_desktop.storage.letterheads import LetterheadRepository
    from ksd_desktop.storage.repositories import FormRepository, SettingsRepository

    folder = Path(tempfile.mkdtemp(prefix="ksd-pdf-samples-"))
    db = open_database(folder / "sampel.sqlite3")
    fill_demo(db, today=TODAY)
    lambang, agency_logo = draw_logos(folder)
    settings, heads = SettingsRepository(db), LetterheadRepository(db)
    settings.set("logo_path", str(lambang))
    heads.save_many(
        [
            AgencyLetterhead(
                "DINKES",
                "Jl. Sukaramai No. 5, Martapura 70614",
                "(0511) 4721234",
                "dinkes@banjarkab.go.id",
                "dinkes.banjarkab.go.id",
                str(agency_logo),
            )
        ]
    )
    statuses = FormRepository(db).agency_statuses(2024)
    signed = [r.code for r in statuses if r.status == "signed"]
    jobs: list[tuple[str, str, int]] = []
    used = {"DINKES", "SETDA"}
    for kind, category in (("SINERGI", None), ("KSDD", "wajib"), ("KSDPK", None)):
        agency = next(a for a in signed if a not in used and has_kind(db, a, kind, category))
        used.add(agency)
        jobs.append((f"jenis-{kind.lower()}", agency, 2024))
    jobs += extra_forms(db)
    jobs += [("logo-dinkes", "DINKES", 2024), ("tanpa-logo", next(a for a in signed if a not in used), 2024)]
    jobs.append(("draf", draft_form(db), YEAR_EXTRA))

    def export(name: str, agency: str, year: int) -> None:
        path = export_form_pdf(db, agency, year, out / f"{name}.pdf", exported_at=EXPORTED_AT)
        report = verify_pdf(path)
        print(f"{name:16} {agency:16} {report.verdict.value:12} {'; '.join(report.reasons)[:100]}")
        if report.verdict not in (Verdict.INTACT, Verdict.DRAFT):
            raise SystemExit(f"{name}: {report.verdict.value}")

    for name, agency, year in jobs:
        export(name, agency, year)
    settings.set("paper_size", "F4")
    export("kertas-f4", "DINKES", 2024)
    settings.set("paper_size", "A4")
    settings.set("tte_mode", True)
    export("tte-bsre", "DINKES", 2024)
    settings.set("tte_mode", False)

    write_recap(db, 2024, out / "laporan.pdf", today=TODAY)
    write_monev(db, 2024, out / "monev.pdf", today=TODAY)
    db.close()
    shutil.rmtree(folder, ignore_errors=True)
    if shutil.which("pdftoppm"):
        for pdf in sorted(out.glob("*.pdf")):
            subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(out / pdf.stem)], check=True)
    print("ditulis ke", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

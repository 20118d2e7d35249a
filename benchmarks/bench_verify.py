"""Time ``verify`` on a signed 10-proposal form: this checkout beside another one (e.g. main).

    git archive main | (mkdir -p /tmp/ksd-main && tar -x -C /tmp/ksd-main)
    .venv/bin/python benchmarks/bench_verify.py --baseline /tmp/ksd-main [--repeat 7]

Each version exports its own PDF of the same demo form (10 proposals, realistic text) and
verifies it: in-process (first call with the imports, then the median of ``--repeat`` calls)
and as a whole process (``python -m ksd_desktop verify``, median of ``--repeat`` runs). Each
version runs in its own interpreter with PYTHONPATH pointing at its code, the same venv.
Rows are added for this checkout verifying the baseline's PDF (UTUH only when the baseline
draws exactly like a released layout, e.g. 0.1.0; a development build of main without
``layout_version`` gives TIDAK DAPAT DIPASTIKAN) and a PDF signed afterwards with pyHanko.
Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def make_pdf(out: Path) -> None:
    """(Runs inside the version measured.) A signed form of 10 demo proposals, exported."""
    import dataclasses
    import datetime as dt

    from ksd_desktop.domain.models import Form
    from ksd_desktop.services.demo import fill_demo
    from ksd_desktop.services.pdf.export import export_form_pdf
    from ksd_desktop.services.signoff import Signer, sign_form
    from ksd_desktop.storage.database import open_database
    from ksd_desktop.storage.repositories import FormRepository

    demo = open_database(out.with_name(out.stem + "-demo.sqlite3"))
    fill_demo(demo)
    repo = FormRepository(demo)
    rows = [r for r in repo.agency_statuses(2024) if r.form_uuid]
    source = max((repo.get(r.form_uuid) for r in rows if r.status == "signed"), key=lambda f: len(f.proposals))
    demo.close()
    form = Form(
        agency_code=source.agency_code,
        year=2024,
        pic_name=source.pic_name,
        pic_position=source.pic_position,
        pic_phone=source.pic_phone,
        pic_email=source.pic_email,
    )
    form.proposals = [dataclasses.replace(p, seq=i) for i, p in enumerate(source.proposals[:10], 1)]
    db = open_database(out.with_suffix(".sqlite3"))
    FormRepository(db).save(form)
    sign_form(
        db,
        form.uuid,
        Signer(
            name=source.signer_name,
            nip=source.signer_nip,
            rank=source.signer_rank,
            position=source.signer_position,
            place="Martapura",
            date="2024-08-08",
        ),
        today=dt.date(2024, 8, 8),
    )
    export_form_pdf(db, form.agency_code, 2024, out)
    db.close()


def in_process(pdf: Path, repeat: int) -> dict:
    """(Runs inside the version measured.) First call, then the median of ``repeat`` calls."""
    start = time.perf_counter()
    from ksd_desktop.services.pdf.verify import verify_pdf

    report = verify_pdf(pdf)
    cold = time.perf_counter() - start
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        verify_pdf(pdf)
        times.append(time.perf_counter() - start)
    return {"cold": cold, "median": statistics.median(times), "verdict": report.verdict.value}


def _python(code_dir: Path, *args: str) -> str:
    env = dict(
        os.environ,
        PYTHONPATH=str(code_dir),
        QT_QPA_PLATFORM="offscreen",
        KSD_DESKTOP_DATA_DIR=tempfile.mkdtemp(prefix="ksd-bench-data-"),
    )
    return subprocess.run(
        [sys.executable, *args], cwd=code_dir, env=env, capture_output=True, text=True, check=True
    ).stdout


def whole_process(code_dir: Path, pdf: Path, repeat: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(code_dir), KSD_DESKTOP_DATA_DIR=tempfile.mkdtemp(prefix="ksd-bench-"))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ksd_desktop", "verify", str(pdf)], cwd=code_dir, env=env, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(code_dir: Path, pdf: Path, repeat: int) -> dict:
    out = _python(code_dir, str(Path(__file__).resolve()), "--in-process", str(pdf), "--repeat", str(repeat))
    result = json.loads(out.strip().splitlines()[-1])
    result["process"] = whole_process(code_dir, pdf, repeat)
    return result


def sign_copy(pdf: Path, out: Path) -> None:
    """The PDF with a later invisible pyHanko signature (a throwaway self-signed certificate)."""
    import datetime as dt
    import io

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Penanda Tangan Uji")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .sign(key, hashes.SHA256())
    )
    folder = out.parent
    (folder / "k.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (folder / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(folder / "k.pem"), str(folder / "c.pem"))
    buffer = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes())),
        signers.PdfSignatureMetadata(field_name="TTE"),
        signer=signer,
        output=buffer,
    )
    out.write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, help="another checkout (e.g. main) to measure beside this one")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--in-process", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_pdf(args.make)
        return
    if args.in_process:
        print(json.dumps(in_process(args.in_process, args.repeat)))
        return
    folder = Path(tempfile.mkdtemp(prefix="ksd-bench-verify-"))
    versions = [("ini", HERE)] + ([("pembanding", args.baseline.resolve())] if args.baseline else [])
    rows = []
    pdfs = {}
    for name, code in versions:
        pdf = folder / f"{name}.pdf"
        _python(code, str(Path(__file__).resolve()), "--make", str(pdf))
        pdfs[name] = pdf
        rows.append((f"{name}: PDF versi {name}", measure(code, pdf, args.repeat)))
    sign_copy(pdfs["ini"], folder / "ini-ttd.pdf")
    rows.append(("ini: PDF versi ini + tanda tangan pyHanko", measure(HERE, folder / "ini-ttd.pdf", args.repeat)))
    if "pembanding" in pdfs:
        rows.append(("ini: PDF versi pembanding", measure(HERE, pdfs["pembanding"], args.repeat)))
    print(f"verify, formulir 10 usulan; median {args.repeat} kali (detik)")
    print(f"{'':48} {'hasil':>14} {'pertama':>9} {'median':>9} {'proses':>9}")
    for label, r in rows:
        print(f"{label:48} {r['verdict']:>14} {r['cold']:9.3f} {r['median']:9.3f} {r['process']:9.3f}")
    print(
        "pertama = panggilan pertama dalam proses (termasuk impor); median = panggilan berikutnya; "
        "proses = `python -m ksd_desktop verify` utuh."
    )


if __name__ == "__main__":
    main()

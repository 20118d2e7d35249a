"""Shared fixtures: a real SQLite file in tmp_path, offscreen Qt, isolated settings."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _office_laptop_screen() -> None:
    """Offscreen Qt gets the office laptop's screen: 1366×768 less the Windows taskbar (1366×728),
    instead of the plugin's 800×600. The path is given relative (Qt splits the option at colons)."""
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return
    config = Path(__file__).parent / "gui" / "office_laptop_screen.json"
    try:
        relative = os.path.relpath(config)
    except ValueError:  # another drive (Windows): keep the plugin's default screen
        return
    if ":" not in relative:
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={relative}"


_office_laptop_screen()

from ksd_desktop.domain.models import Form, Partner, Proposal  # noqa: E402
from ksd_desktop.storage.database import open_database  # noqa: E402

TODAY = dt.date(2024, 8, 8)


def pytest_sessionstart(session):
    """Compile the Qt catalogue (build/i18n/*.qm) as tasks.py does, also for a bare pytest run."""
    import tasks  # the repository's build script (standard library only)

    tasks.build_translations(Path(sys.executable).parent)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder or QSettings."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KSD_DESKTOP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("HOME", str(base))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ksd.sqlite3"


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


def make_partner(**overrides) -> Partner:
    values = dict(name="Universitas Lambung Mangkurat", category="perguruan_tinggi")
    values.update(overrides)
    return Partner(**values)


def make_proposal(seq: int = 1, partners: list[Partner] | None = None, **overrides) -> Proposal:
    values = dict(
        seq=seq,
        urusan_code="1.02",
        problem="Kekurangan dokter spesialis anak di RSUD Ratu Zalecha Martapura.",
        object="Pendayagunaan dokter spesialis",
        kind="KSDPK",
        ksdpk_form="pelayanan_publik",
        benefits="Waktu tunggu layanan spesialis anak turun menjadi 7 hari.",
        financing="bersama",
        priority="tinggi",
        compliance_confirmed=True,
    )
    values.update(overrides)
    proposal = Proposal(**values)
    proposal.partners = partners if partners is not None else [make_partner()]
    return proposal


def make_form(proposals: list[Proposal] | None = None, **overrides) -> Form:
    values = dict(
        agency_code="DINKES",
        year=2024,
        pic_name="Siti Rahmah",
        pic_position="Analis Kebijakan Ahli Muda",
        pic_phone="0812-5123-4567",
        pic_email="dinkes@banjarkab.go.id",
    )
    values.update(overrides)
    form = Form(**values)
    form.proposals = proposals if proposals is not None else [make_proposal()]
    return form


def sign_fields(form: Form) -> Form:
    form.signer_name = "dr. Noor Ifansyah, M.Kes."
    form.signer_nip = "197001011995031001"
    form.signer_rank = "Pembina Utama Muda (IV/c)"
    form.signer_position = "Kepala Dinas Kesehatan"
    form.signed_place = "Martapura"
    form.signed_date = "2024-08-08"
    return form

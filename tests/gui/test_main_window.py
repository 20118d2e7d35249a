from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QSettings
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QWizard

from ksd_desktop.gui import open_main_window
from ksd_desktop.gui.models.agencies import AgencyStatusModel, Column
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from ksd_desktop.services.signoff import sign_form
from tests.conftest import TODAY, make_form
from tests.services.test_signoff import SIGNER


def test_window_lists_agencies_with_status(qtbot, db_path):
    db = open_database(db_path)
    draft = make_form(agency_code="DISDIK")
    signed = make_form()
    FormRepository(db).save(draft)
    FormRepository(db).save(signed)
    sign_form(db, signed.uuid, SIGNER, today=TODAY)
    db.close()
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    window.select_year(2024)
    model = window.agency_model
    assert model.rowCount() == 27
    statuses = {model.index(r, Column.AGENCY).data(): model.index(r, Column.STATUS).data() for r in range(27)}
    assert statuses["Dinas Kesehatan"] == "Ditandatangani, revisi 1"
    assert statuses["Dinas Pendidikan"] == "Draf, 1 usulan"
    assert statuses["Dinas Pertanian"] == "Belum mulai"
    assert window.progress_label.text() == "2 dari 27 perangkat daerah sudah mengisi (tahun 2024)"
    window.select_year(2023)
    assert window.progress_label.text().startswith("0 dari 27")


def test_year_defaults_to_latest_with_data_and_is_remembered(qtbot, db_path):
    db = open_database(db_path)
    FormRepository(db).save(make_form(year=2022))
    db.close()
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    assert window.year == 2022
    window.select_year(2020)
    window.close()
    assert int(QSettings().value("main_window/year")) == 2020
    again = open_main_window(db_path)
    qtbot.addWidget(again)
    assert again.year == 2020


def test_agency_model_passes_model_tester(qtbot, db):
    model = AgencyStatusModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(FormRepository(db).agency_statuses(2024))
    assert model.rowCount() == 27 and model.columnCount() == 4
    from PySide6.QtCore import Qt
    assert model.headerData(Column.AGENCY, Qt.Orientation.Horizontal) == "Perangkat Daerah"


def test_qt_buttons_speak_indonesian(qtbot, db_path):
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    wizard = QWizard()
    qtbot.addWidget(wizard)
    texts = [wizard.buttonText(b).replace("&", "") for b in
             (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
              QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)]
    assert texts == ["< Kembali", "Lanjut >", "Selesai", "Batal"]


def test_main_window_does_not_load_export_libraries(db_path):
    code = ("import sys; from ksd_desktop.gui import open_main_window; "
            f"w = open_main_window({str(db_path)!r}); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'pyhanko'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip().splitlines()[-1] == "[]"

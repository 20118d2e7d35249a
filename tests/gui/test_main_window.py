"""The main window: agencies, proposals, search and filters, actions, empty state, UI state."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QLabel, QToolBar, QWizard

from ksd_desktop.domain.models import LABELS
from ksd_desktop.gui import ensure_app, open_main_window
from ksd_desktop.gui.models.agencies import AgencyStatusModel, Column
from ksd_desktop.gui.models.proposals import Column as PColumn
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.queries import ProposalFilter
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_proposal
from tests.services.test_signoff import SIGNER

ACTIONS = (
    "action_new_mapping",
    "action_open_mapping",
    "action_sign_off",
    "action_export_pdf",
    "action_import",
    "action_export_bundle",
    "action_recap",
    "action_verify_pdf",
    "action_backup",
    "action_settings",
    "action_about",
)


@pytest.fixture(autouse=True)
def _fresh_ui_state():
    """QSettings is one file for the whole test session: start and end every test without UI state."""
    ensure_app()
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def wizard_calls(monkeypatch):
    """Stand-in for ksd_desktop.gui.wizards.run_form_wizard; ``calls.result`` sets what it does."""

    class Calls(list):
        result: dict

    calls = Calls()
    result = calls.result = {}

    def fake(parent, db, *, agency_code=None, year=None, form_uuid=None):
        calls.append({"agency_code": agency_code, "year": year, "form_uuid": form_uuid})
        if result.get("create"):
            FormRepository(db).save(make_form(agency_code=agency_code or "DISTAN", year=year))
        return result.get("changed", False)

    try:
        from ksd_desktop.gui import wizards

        monkeypatch.setattr(wizards, "run_form_wizard", fake)
    except ModuleNotFoundError:  # the wizards are built in their own issue
        monkeypatch.setitem(sys.modules, "ksd_desktop.gui.wizards", types.SimpleNamespace(run_form_wizard=fake))
    return calls


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
    assert statuses["Dinas Kesehatan"] == "Ditandatangani"
    assert statuses["Dinas Pendidikan"] == "Draf"  # the count has its own column
    assert statuses["Dinas Pertanian"] == "Belum mulai"
    assert window.progress_label.text() == "2 dari 27 perangkat daerah sudah mengisi"
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
    texts = [
        wizard.buttonText(b).replace("&", "")
        for b in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        )
    ]
    assert texts == ["< Kembali", "Lanjut >", "Selesai", "Batal"]


def test_main_window_does_not_load_export_libraries(db_path):
    code = (
        "import sys; from ksd_desktop.gui import open_main_window; "
        f"w = open_main_window({str(db_path)!r}); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'pyhanko'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.fixture
def demo_path(db_path):
    db = open_database(db_path)
    fill_demo(db, proposals=156, seed=2024, today=TODAY)
    db.close()
    return db_path


def shown(qtbot, path, year=2024):
    window = open_main_window(path)
    qtbot.addWidget(window)
    window.select_year(year)
    return window


def actions(window):
    return {name: window.findChild(type(window.act["action_about"]), name) for name in ACTIONS}


def select_proposal(window, row):
    window.proposals_view.setCurrentIndex(window.proposal_model.index(row, PColumn.NO))


def test_menus_toolbar_and_actions(qtbot, demo_path):
    window = shown(qtbot, demo_path)
    assert [a.text() for a in window.menuBar().actions()] == ["&Berkas", "&Pemetaan", "&Data", "Ba&ntuan"]
    found = actions(window)
    assert all(found.values())
    assert found["action_settings"].isEnabled() and found["action_about"].isEnabled()
    assert found["action_new_mapping"].shortcut().toString() == "Ctrl+N"
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    assert all(not a.icon().isNull() for a in toolbar.actions() if not a.isSeparator())


def test_action_enablement_follows_the_selection(qtbot, db_path):
    db = open_database(db_path)
    FormRepository(db).save(make_form())  # Dinas Kesehatan has a form for 2024
    db.close()
    window = shown(qtbot, db_path)
    new, open_ = window.act["action_new_mapping"], window.act["action_open_mapping"]
    assert new.isEnabled() and not open_.isEnabled()  # nothing selected
    codes = [a.code for a in window.agency_model.rows()]
    window.agencies_view.selectRow(codes.index("DISTAN"))  # no form yet
    assert new.isEnabled() and not open_.isEnabled()
    assert "Dinas Pertanian" in new.statusTip()
    assert not window.act["action_sign_off"].isEnabled() and not window.act["action_export_pdf"].isEnabled()
    window.agencies_view.selectRow(codes.index("DINKES"))
    assert open_.isEnabled() and not new.isEnabled()
    assert window.act["action_sign_off"].isEnabled() and window.act["action_export_pdf"].isEnabled()
    assert not window.act["action_reopen"].isEnabled()  # a draft: nothing to reopen
    assert "sudah memiliki formulir" in new.statusTip()
    assert window.proposal_model.rowCount() == 1  # the table follows the agency
    window.filter_bar.clear_agency.click()
    assert window.selected_agency() is None and not open_.isEnabled()
    select_proposal(window, 0)
    assert open_.isEnabled()  # a selected proposal opens its form
    window.select_year(2023)
    assert window.proposal_model.rowCount() == 0 and not open_.isEnabled()


def test_open_and_new_call_the_wizard_and_refresh_when_it_saved(qtbot, db_path, wizard_calls):
    db = open_database(db_path)
    form = make_form()
    FormRepository(db).save(form)
    db.close()
    window = shown(qtbot, db_path)
    codes = [a.code for a in window.agency_model.rows()]
    window.agencies_view.selectRow(codes.index("DINKES"))
    window.act["action_open_mapping"].trigger()
    assert wizard_calls[-1] == {"agency_code": "DINKES", "year": 2024, "form_uuid": form.uuid}
    window.agencies_view.selectRow(codes.index("DISTAN"))
    wizard_calls.result.update(changed=True, create=True)
    window.act["action_new_mapping"].trigger()
    assert wizard_calls[-1] == {"agency_code": "DISTAN", "year": 2024, "form_uuid": None}
    statuses = {a.code: a.status for a in window.agency_model.rows()}
    assert statuses["DISTAN"] == "draft"  # refreshed after the wizard saved
    assert window.act["action_open_mapping"].isEnabled() and window.proposal_model.rowCount() == 1
    assert window.progress_label.text() == "2 dari 27 perangkat daerah sudah mengisi"


def test_double_click_opens_the_form_of_a_proposal_or_an_agency(qtbot, demo_path, wizard_calls, monkeypatch):
    import ksd_desktop.gui.signed_form_view as signed_view

    viewed = []
    monkeypatch.setattr(signed_view.SignedFormView, "exec", lambda dialog: viewed.append(dialog.form.uuid) or 0)
    window = shown(qtbot, demo_path)
    rows = [window.proposal_model.proposal(i) for i in range(window.proposal_model.rowCount())]
    signed = next(i for i, r in enumerate(rows) if r.form_status == "signed")
    window.proposals_view.scrollTo(window.proposal_model.index(signed, PColumn.PROBLEM))
    rect = window.proposals_view.visualRect(window.proposal_model.index(signed, PColumn.PROBLEM))
    qtbot.mouseClick(window.proposals_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.proposals_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert viewed == [rows[signed].form_uuid] and wizard_calls == []  # a signed form opens read-only
    window.select_year(2025)  # the demo's drafts
    rows = [window.proposal_model.proposal(i) for i in range(window.proposal_model.rowCount())]
    draft = next(i for i, r in enumerate(rows) if r.form_status == "draft")
    window.proposals_view.activated.emit(window.proposal_model.index(draft, PColumn.PROBLEM))
    row = rows[draft]
    assert wizard_calls[-1] == {"agency_code": row.agency_code, "year": 2025, "form_uuid": row.form_uuid}
    agency = next(i for i, a in enumerate(window.agency_model.rows()) if a.status != "signed")
    window.agencies_view.activated.emit(window.agencies_view.model().index(agency, 1))
    assert wizard_calls[-1]["agency_code"] == window.agency_model.rows()[agency].code
    assert len(wizard_calls) == 2


def test_empty_state_on_a_new_database_until_the_first_form(qtbot, db_path, wizard_calls):
    window = shown(qtbot, db_path)
    assert window.center.currentWidget() is window.empty_state and window.empty_state.isVisible()
    assert "PP 28/2018 Pasal 5" in window.empty_state.findChild(QLabel, "empty_state_text").text()
    wizard_calls.result.update(changed=True, create=True)
    qtbot.mouseClick(window.empty_state.button, Qt.MouseButton.LeftButton)
    assert wizard_calls == [{"agency_code": None, "year": 2024, "form_uuid": None}]
    assert window.center.currentWidget() is not window.empty_state
    assert window.proposal_model.rowCount() == 1


def test_year_switch_reloads_agencies_proposals_and_counts(qtbot, demo_path):
    window = shown(qtbot, demo_path)
    assert window.proposal_model.rowCount() == 156
    assert window.count_label.text() == "Menampilkan 156 dari 156 usulan tahun 2024"
    assert window.progress_label.text() == "27 dari 27 perangkat daerah sudah mengisi"
    window.select_year(2025)  # the demo's 2025: four agencies have started (drafts, 2 proposals each)
    assert window.year == 2025 and window.proposal_model.rowCount() == 8
    assert window.proposal_model.filter.year == 2025
    assert window.progress_label.text().startswith("4 dari 27")
    window.select_year(2023)
    assert window.year == 2023 and window.proposal_model.rowCount() == 0
    assert window.progress_label.text().startswith("0 dari 27")
    assert window.no_results.isVisible() and "2023" in window.no_results.text()
    window.select_year(2024)
    assert window.proposal_model.rowCount() == 156 and not window.no_results.isVisible()


def test_search_is_debounced_and_filters_combine(qtbot, demo_path):
    window = shown(qtbot, demo_path)
    select_proposal(window, 0)
    qtbot.keyClicks(window.search, "banjarbaru")
    assert window.filter_bar.search_timer.isActive() and window.proposal_model.rowCount() == 156
    qtbot.waitUntil(lambda: window.proposal_model.rowCount() < 156, timeout=2000)
    found = window.proposal_model.rowCount()
    assert found > 0 and window.count_label.text() == f"Menampilkan {found} dari 156 usulan tahun 2024"
    queries = window.queries
    assert found == queries.count(ProposalFilter(year=2024, search="banjarbaru"))
    kind = window.filter_bar.combos["kind"]
    kind.setCurrentIndex(kind.findData("KSDD"))
    assert window.proposal_model.rowCount() == queries.count(
        ProposalFilter(year=2024, search="banjarbaru", kind="KSDD")
    )
    window.act["action_reset_filters"].trigger()
    assert window.search.text() == "" and kind.currentIndex() == 0 and window.proposal_model.rowCount() == 156
    window.search.setText("tidak ada kata seperti ini")
    window.filter_bar.flush()
    assert window.proposal_model.rowCount() == 0 and "Tidak ada usulan yang cocok" in window.no_results.text()


def test_selection_survives_a_search_that_still_shows_it(qtbot, demo_path):
    window = shown(qtbot, demo_path)
    target = next(r for r in (window.proposal_model.proposal(i) for i in range(156)) if "Banjarbaru" in r.partners)
    select_proposal(window, window.proposal_model.row_of(target.id))
    window.search.setText("banjarbaru")
    window.filter_bar.flush()
    assert window.selected_proposal().uuid == target.uuid


def test_detail_pane_shows_every_field_with_its_label(qtbot, demo_path):
    window = shown(qtbot, demo_path)
    signed = next(i for i in range(156) if window.proposal_model.proposal(i).form_status == "signed")
    select_proposal(window, signed)
    text = window.detail.toPlainText()
    row = window.proposal_model.proposal(signed)
    for label_text in (
        "Urusan Pemerintahan",
        "Permasalahan / Kebutuhan",
        "Objek Kerja Sama",
        "Jenis Kerja Sama",
        "Sumber Pembiayaan",
        "Prioritas",
        "Tahapan",
        "Calon Mitra",
        "Hasil Penilaian TKKSD",
        "Pernyataan kesesuaian",
    ):
        assert label_text in text
    assert row.agency_name in text and "Tahun Pemetaan 2024" in text and "revisi 1" in text
    assert any(month in text for month in ("Juli 2024", "Agustus 2024"))  # Indonesian dates
    assert LABELS[row.kind] in text
    window.proposals_view.clearSelection()
    window.proposals_view.setCurrentIndex(window.proposal_model.index(-1, 0))
    assert "Pilih satu usulan" in window.detail.toPlainText()


def test_a_storage_error_becomes_an_indonesian_message(qtbot, demo_path, monkeypatch, message_boxes):
    window = shown(qtbot, demo_path)

    def locked(year):
        raise StorageError("Berkas data sedang dipakai program lain. Tutup aplikasi lain, lalu coba lagi.")

    monkeypatch.setattr(window.queries, "year_summary", locked)
    window.act["action_refresh"].trigger()  # no exception escapes
    assert message_boxes[-1] == (
        "warning",
        ("KSD Desktop: Berkas data sedang dipakai program lain. Tutup aplikasi lain, lalu coba lagi."),
    )


def test_window_state_is_restored_after_a_restart(qtbot, demo_path):
    window = shown(qtbot, demo_path)
    assert window.isMaximized()  # the first start on the office laptop's screen (smaller than preferred)
    window.showNormal()
    window.resize(1200, 650)
    window.splitter.setSizes([300, 900])
    window.proposals_view.horizontalHeader().resizeSection(PColumn.PARTNERS, 222)
    window.select_year(2023)
    window.close()
    again = open_main_window(demo_path)
    qtbot.addWidget(again)
    assert again.year == 2023
    assert again.proposals_view.horizontalHeader().sectionSize(PColumn.PARTNERS) == 222
    assert abs(again.splitter.sizes()[0] - 300) <= 2
    assert (again.width(), again.height()) == (1200, 650) and not again.isMaximized()


def test_form_actions_call_the_form_functions(qtbot, db_path, monkeypatch):
    import ksd_desktop.gui.main_window.form_actions as form_actions
    from tests.services.test_signoff import SIGNER

    db = open_database(db_path)
    form = make_form()
    FormRepository(db).save(form)
    sign_form(db, form.uuid, SIGNER, today=TODAY)
    db.close()
    calls = []
    monkeypatch.setattr(form_actions, "reopen", lambda parent, db, uuid: calls.append(("reopen", uuid)) or True)
    monkeypatch.setattr(form_actions, "export_pdf", lambda parent, db, uuid: calls.append(("pdf", uuid)))
    window = shown(qtbot, db_path)
    window.select_year(2024)
    codes = [a.code for a in window.agency_model.rows()]
    window.agencies_view.selectRow(codes.index("DINKES"))
    assert window.act["action_reopen"].isEnabled() and not window.act["action_sign_off"].isEnabled()
    window.act["action_reopen"].trigger()
    window.act["action_export_pdf"].trigger()
    assert calls == [("reopen", form.uuid), ("pdf", form.uuid)]
    assert window.act["action_verify_pdf"].isEnabled()


def test_assessing_selected_proposals(qtbot, db_path, monkeypatch):
    import ksd_desktop.gui.assess_dialog as assess_module

    db = open_database(db_path)
    form = make_form(proposals=[make_proposal(1), make_proposal(2), make_proposal(3)])
    FormRepository(db).save(form)
    db.close()
    window = shown(qtbot, db_path)
    window.select_year(2024)
    assert not window.act["action_assess"].isEnabled()
    view = window.proposals_view
    view.selectRow(0)
    from PySide6.QtCore import QItemSelectionModel

    view.selectionModel().select(
        window.proposal_model.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert window.act["action_assess"].isEnabled() and "2 usulan" in window.act["action_assess"].statusTip()

    def answer(dialog):
        qtbot.addWidget(dialog)
        dialog.sesuai.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(assess_module.AssessDialog, "exec", answer)
    window.act["action_assess"].trigger()
    statuses = sorted(p.review_status for p in FormRepository(window.db).get(form.uuid).proposals)
    assert statuses == ["belum_dinilai", "sesuai", "sesuai"]


def test_data_actions_are_wired(qtbot, db_path, tmp_path, monkeypatch):
    import ksd_desktop.gui.main_window.data_actions as data_actions

    calls = []
    monkeypatch.setattr(data_actions, "recap", lambda parent, path, year: calls.append(("recap", year)))
    import ksd_desktop.gui.backup_dialog as backup_dialog

    monkeypatch.setattr(backup_dialog, "show_backups", lambda parent, path, db: calls.append(("backup",)) or False)
    monkeypatch.setattr(
        data_actions, "choose_and_import", lambda parent, path, paths=None: calls.append(("import", paths)) or False
    )
    db = open_database(db_path)
    FormRepository(db).save(make_form())
    db.close()
    window = shown(qtbot, db_path)
    window.select_year(2024)
    for name in ("action_recap", "action_backup", "action_import"):
        assert window.act[name].isEnabled()
        window.act[name].trigger()
    assert calls == [("recap", 2024), ("backup",), ("import", None)]
    assert window.acceptDrops()
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "kiriman.ksd")), QUrl.fromLocalFile(str(tmp_path / "foto.jpg"))])
    window.dropEvent(
        QDropEvent(
            QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    )
    assert calls[-1] == ("import", [str(tmp_path / "kiriman.ksd")])


def test_selecting_a_proposal_enables_open(qtbot, db_path):
    db = open_database(db_path)
    FormRepository(db).save(make_form())
    db.close()
    window = shown(qtbot, db_path)
    window.select_year(2024)
    window.agencies_view.clearSelection()
    window.proposals_view.selectRow(0)
    assert window.selected_proposal() is not None
    assert window.act["action_open_mapping"].isEnabled() and window.act["action_assess"].isEnabled()

"""Pengaturan: database settings persist across a restart, the logo and the data file are checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton

from ksd_desktop.gui import open_main_window, ui_state
from ksd_desktop.gui.dialogs.settings import SettingsDialog
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.letterheads import LetterheadRepository
from ksd_desktop.storage.repositories import SettingsRepository
from tests.gui.test_main_window import _fresh_ui_state  # noqa: F401 (autouse: no UI state between tests)


@pytest.fixture
def logo(tmp_path) -> Path:
    path = tmp_path / "logo-banjar.png"
    image = QImage(40, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5f99"))
    assert image.save(str(path))
    return path


def dialog_of(qtbot, window) -> SettingsDialog:
    dialog = SettingsDialog(window.db, window.db_path, window)
    qtbot.addWidget(dialog)
    return dialog


def set_kop(qtbot, dialog, code: str, **values) -> None:
    """Type an agency's kop in Pengaturan › Perangkat Daerah."""
    dialog.tabs.setCurrentWidget(dialog.agency_tab)
    dialog.agency_tab.select(code)
    for key, value in values.items():
        edit = dialog.agency_tab.edits[key]
        edit.clear()
        qtbot.keyClicks(edit, value)


def choose_file(monkeypatch, name: str, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, name, lambda *args, **kwargs: (str(path), ""))


def test_settings_are_saved_in_the_database_and_survive_a_restart(qtbot, db_path, logo, monkeypatch):
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    dialog = dialog_of(qtbot, window)
    assert dialog.objectName() == "settings_dialog"
    assert dialog.home_region.currentData() == "63.03" and dialog.signed_place.text() == "Martapura"
    assert dialog.data_file.text() == str(db_path)
    dialog.home_region.setCurrentIndex(dialog.home_region.findData("63.72"))
    dialog.region_title.setText("  PEMERINTAH   KOTA BANJARBARU ")
    set_kop(
        qtbot,
        dialog,
        "DINKES",
        address="  Jl. Panglima Batur No. 1,   Banjarbaru ",
        phone="(0511) 4772500",
        website="https://dinkes.banjarbarukota.go.id/",
    )
    dialog.signed_place.setText("Banjarbaru")
    choose_file(monkeypatch, "getOpenFileName", logo)
    dialog.choose_logo()
    assert not dialog.logo_preview.pixmap().isNull()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    window.refresh()
    assert window.agencies_title.text() == "Perangkat Daerah Kota Banjarbaru"
    window.close()
    window.db.close()

    db = open_database(db_path)
    settings = SettingsRepository(db)
    assert settings.get("home_region_code") == "63.72"
    assert settings.get("region_title") == "PEMERINTAH KOTA BANJARBARU"
    assert LetterheadRepository(db).kop_lines("DINKES") == (
        "Jl. Panglima Batur No. 1, Banjarbaru",
        "Telepon (0511) 4772500, Laman dinkes.banjarbarukota.go.id",
    )
    assert LetterheadRepository(db).kop_lines("DISDIK") == ("Martapura, Kalimantan Selatan",)  # its own, as shipped
    assert settings.get("default_signed_place") == "Banjarbaru"
    assert settings.get("logo_path") == str(logo)
    db.close()

    again = open_main_window(db_path)
    qtbot.addWidget(again)
    reopened = dialog_of(qtbot, again)
    assert reopened.home_region.currentData() == "63.72"
    assert reopened.region_title.text() == "PEMERINTAH KOTA BANJARBARU"
    reopened.agency_tab.select("DINKES")
    assert reopened.agency_tab.edits["address"].text() == "Jl. Panglima Batur No. 1, Banjarbaru"
    assert reopened.signed_place.text() == "Banjarbaru" and reopened.logo_path.text() == str(logo)
    assert again.agencies_title.text() == "Perangkat Daerah Kota Banjarbaru"


def test_a_file_that_is_not_an_image_is_refused_as_logo(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    not_image = tmp_path / "logo.png"
    not_image.write_text("bukan gambar", encoding="utf-8")
    dialog = SettingsDialog(db, db_path)
    qtbot.addWidget(dialog)
    choose_file(monkeypatch, "getOpenFileName", not_image)
    dialog.choose_logo()
    assert message_boxes[-1][0] == "warning" and "tidak dapat dibaca sebagai gambar" in message_boxes[-1][1]
    assert dialog.values()["logo_path"] is None and not dialog.remove_logo.isEnabled()
    choose_file(monkeypatch, "getOpenFileName", "")  # cancelled: nothing changes
    dialog.choose_logo()
    assert dialog.values()["logo_path"] is None


def test_removing_the_logo_and_a_missing_logo_file(qtbot, db, db_path, logo):
    SettingsRepository(db).set("logo_path", str(logo.with_name("hilang.png")))
    dialog = SettingsDialog(db, db_path)
    qtbot.addWidget(dialog)
    assert "tidak" in dialog.logo_preview.text()  # "tidak ditemukan"
    dialog.remove_logo.click()
    dialog.accept()
    assert SettingsRepository(db).get("logo_path") is None


def test_required_settings_are_checked_before_anything_is_saved(qtbot, db, db_path, message_boxes):
    dialog = SettingsDialog(db, db_path)
    qtbot.addWidget(dialog)
    dialog.region_title.setText("   ")
    dialog.signed_place.setText("Martapura Timur")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert message_boxes[-1] == ("warning", "Pengaturan belum lengkap: Nama pemerintah daerah wajib diisi.")
    assert SettingsRepository(db).get("default_signed_place") == "Martapura"


def test_another_data_file_takes_effect_at_the_next_start(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    dialog = SettingsDialog(db, db_path)
    qtbot.addWidget(dialog)
    assert "juga dibuka" in dialog.next_data_file.text() or "Mulai berikutnya" in dialog.next_data_file.text()
    not_sqlite = tmp_path / "catatan.sqlite3"
    not_sqlite.write_text("ini bukan basis data", encoding="utf-8")
    choose_file(monkeypatch, "getSaveFileName", not_sqlite)
    dialog.choose_data_file()
    assert message_boxes[-1][0] == "warning" and "bukan basis data" in message_boxes[-1][1]
    shared = tmp_path / "bersama" / "ksd-bersama.sqlite3"
    choose_file(monkeypatch, "getSaveFileName", shared)
    dialog.choose_data_file()
    assert str(shared) in dialog.next_data_file.text() and "berkas baru akan dibuat" in dialog.next_data_file.text()
    assert ui_state.chosen_data_file() is None  # nothing stored before Simpan
    dialog.accept()
    assert ui_state.chosen_data_file() == shared
    assert ui_state.startup_db_path(Path("bawaan.sqlite3")) == shared
    again = SettingsDialog(db, db_path)
    qtbot.addWidget(again)
    again.findChild(QPushButton, "default_data_file").click()
    again.accept()
    assert ui_state.chosen_data_file() is None
    assert ui_state.startup_db_path(Path("bawaan.sqlite3")) == Path("bawaan.sqlite3")


def test_the_settings_action_opens_the_dialog(qtbot, db_path, monkeypatch):
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    opened: list[SettingsDialog] = []

    def exec_(dialog):
        opened.append(dialog)
        dialog.region_title.setText("PEMERINTAH KABUPATEN TAPIN")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    window.act["action_settings"].trigger()
    assert len(opened) == 1 and opened[0].parent() is window
    assert window.findChild(QLabel, "agencies_title").text() == "Perangkat Daerah Kabupaten Tapin"


def test_role_and_recorded_kode_perangkat(qtbot, db, db_path, tmp_path, monkeypatch, message_boxes):
    from PySide6.QtWidgets import QMessageBox

    from ksd_desktop.services.exchange.bundle import export_bundle
    from ksd_desktop.services.exchange.devices import recorded_senders
    from ksd_desktop.services.exchange.importer import apply, preview
    from ksd_desktop.services.exchange.keys import own_device_code
    from ksd_desktop.storage.repositories import FormRepository
    from tests.conftest import make_form

    senders = {}
    for code in ("DINKES", "DISDIK"):
        source = open_database(tmp_path / f"{code}.sqlite3")
        FormRepository(source).save(make_form(agency_code=code))
        export_bundle(source, tmp_path / f"{code}.ksd")
        senders[code] = own_device_code(source)
        source.close()
        apply(db, preview(db, [tmp_path / f"{code}.ksd"]))
    dialog = SettingsDialog(db, db_path)
    qtbot.addWidget(dialog)
    section = dialog.device_keys
    assert section.code.text() == own_device_code(db) and section.role.currentText() == "Perangkat Daerah"
    rows = {section.table.item(r, 0).text(): section.table.item(r, 1).text() for r in range(section.table.rowCount())}
    assert rows == {"DINKES · Dinas Kesehatan": senders["DINKES"], "DISDIK · Dinas Pendidikan": senders["DISDIK"]}
    assert not section.remove.isEnabled()
    # removing asks first; "Tidak" keeps the key
    section.table.selectRow(list(rows).index("DINKES · Dinas Kesehatan"))
    section.remove_selected()
    assert message_boxes[-1][0] == "question" and "Hapus kode perangkat" in message_boxes[-1][1]
    assert len(recorded_senders(db)) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    section.remove_selected()
    assert [s.holder for s in recorded_senders(db)] == ["DISDIK"] and section.table.rowCount() == 1
    # replacing DISDIK's key with the one in DINKES's file (the new laptop of the example)
    section.table.selectRow(0)
    choose_file(monkeypatch, "getOpenFileName", tmp_path / "DINKES.ksd")
    section.replace_selected()
    assert recorded_senders(db)[0].device_code == senders["DINKES"]
    # a file that is no bundle is refused with a message
    (tmp_path / "bukan.ksd").write_text("halo")
    choose_file(monkeypatch, "getOpenFileName", tmp_path / "bukan.ksd")
    section.table.selectRow(0)
    section.replace_selected()
    assert message_boxes[-1][0] == "warning" and "«bukan.ksd» ditolak" in message_boxes[-1][1]
    # the role is saved with the other settings
    section.role.setCurrentIndex(section.role.findData("sekretariat_tkksd"))
    dialog.accept()
    assert SettingsRepository(db).get("data_role") == "sekretariat_tkksd"


def test_about_box_shows_the_kode_perangkat(qtbot, db_path, monkeypatch):
    from ksd_desktop.gui.about_dialog import AboutDialog
    from ksd_desktop.services.exchange.keys import own_device_code

    window = open_main_window(db_path)
    qtbot.addWidget(window)
    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog.device_label.text()) or 0)
    window.show_about()
    assert shown == [f"{own_device_code(window.db)} (Perangkat Daerah)"]


def test_an_agencys_kop_is_checked_and_shown_as_it_will_print(qtbot, db, db_path, message_boxes):
    dialog = SettingsDialog(db, db_path)
    qtbot.addWidget(dialog)
    tab = dialog.agency_tab
    tab.select("SETDA")  # today's Setda address (the region's letterhead setting) is what its kop prints
    assert tab.edits["address"].text().startswith("Jl. A. Yani No. 03, Martapura")
    set_kop(qtbot, dialog, "DINKES", address="Jl. Sukaramai No. 5, Martapura", email="dinkes@", phone="0511 4")
    assert "alamat belum diisi" not in tab.list.currentItem().toolTip()
    assert "tidak valid" in tab.messages["email"].text() and not tab.messages["phone"].isHidden()
    preview = tab.preview.text()
    assert "DINAS KESEHATAN" in preview and "Jl. Sukaramai No. 5, Martapura" in preview
    tab.select("DISDIK")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted  # the mistake is shown where it is
    assert tab.current_code() == "DINKES" and message_boxes[-1][0] == "warning"
    assert LetterheadRepository(db).get("DINKES").address == "Martapura, Kalimantan Selatan"  # nothing saved
    set_kop(qtbot, dialog, "DINKES", email="dinkes@banjarkab.go.id", phone="(0511) 4721234")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert LetterheadRepository(db).kop_lines("DINKES") == (
        "Jl. Sukaramai No. 5, Martapura",
        "Telepon (0511) 4721234, Pos-el dinkes@banjarkab.go.id",
    )


def test_trust_anchors_are_added_checked_stored_and_removed(qtbot, db_path, tmp_path, monkeypatch):
    import os

    from ksd_desktop.services.pdf.trust import installed_anchors
    from tests.services import pdf_corpus

    certs = pdf_corpus.make_certificates(tmp_path)
    warnings = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a, **k: warnings.append(a[2]))
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    dialog = dialog_of(qtbot, window)
    assert "Belum ada" in dialog.trust_list.item(0).text()
    for bad in (pdf_corpus.leaf_certificate(tmp_path), tmp_path / "kosong.pem"):
        if not bad.exists():
            bad.write_text("bukan sertifikat")
        choose_file(monkeypatch, "getOpenFileName", bad)
        dialog.choose_anchor()
    assert "bukan sertifikat otoritas (CA)" in warnings[0] and "bukan sertifikat X.509" in warnings[1]
    choose_file(monkeypatch, "getOpenFileName", certs.ca_pem)
    dialog.choose_anchor()
    dialog.choose_anchor()  # the same certificate twice is kept once
    assert dialog.trust_list.count() == 1 and "Root CA Uji KSD" in dialog.trust_list.item(0).text()
    dialog.show()
    if os.environ.get("KSD_SCREENSHOTS"):
        dialog.grab().save(os.path.join(os.environ["KSD_SCREENSHOTS"], "settings-trust.png"))
    assert dialog.sizeHint().height() <= 728 - 40
    dialog.accept()
    assert [a.subject for a in installed_anchors(window.db)] == ["Root CA Uji KSD (Balai Sertifikasi Uji (bukan BSrE))"]
    dialog = dialog_of(qtbot, window)
    dialog.trust_list.setCurrentRow(0)
    dialog.remove_selected_anchor()
    dialog.accept()
    assert installed_anchors(window.db) == []
    window.close()
    window.db.close()

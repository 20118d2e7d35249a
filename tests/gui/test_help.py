"""F1 and Bantuan › Panduan Pengguna: the guide opens, offline, at the section for the screen in use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QWidget, QWizard

from ksd_desktop.gui import ensure_app, open_main_window
from ksd_desktop.gui.guide_viewer import GuideViewer, open_guide, viewer_of
from ksd_desktop.gui.help_topics import DEFAULT_TOPIC, TOPICS, WIZARD_PAGES, all_topics, install_help_key, topic_for
from ksd_desktop.gui.main_window.state import Action
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.guide import GuideDocument, guide_path
from ksd_desktop.storage.database import open_database
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def _fresh_ui_state():
    ensure_app()
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture(scope="module")
def destinations():
    document = GuideDocument(guide_path())
    try:
        return {name: document.destination(name) for name in all_topics()}
    finally:
        document.close()


def named(object_name: str, parent: QWidget | None = None) -> QWidget:
    widget = QDialog(parent)
    widget.setObjectName(object_name)
    return widget


def test_every_screen_in_the_map_opens_a_section_of_the_shipped_guide(destinations):
    assert all(destinations.values()), [name for name, target in destinations.items() if target is None]
    assert set(WIZARD_PAGES.values()) | {t for t in TOPICS.values() if isinstance(t, str)} <= set(destinations)


def test_topic_follows_the_focus_up_to_its_screen(qtbot):
    dialog = named("verify_dialog")
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    box = QMessageBox(dialog)  # a message box of that dialog: the dialog's section
    assert topic_for(field) == topic_for(box) == topic_for(dialog) == "periksa-arti"
    assert topic_for(named("tidak_dikenal")) == DEFAULT_TOPIC
    assert topic_for(None) == DEFAULT_TOPIC


def test_wizard_pages_have_their_own_sections(qtbot):
    wizard = QWizard()
    wizard.setObjectName("proposal_wizard")
    qtbot.addWidget(wizard)
    for _ in range(5):
        wizard.addPage(__import__("PySide6.QtWidgets", fromlist=["QWizardPage"]).QWizardPage())
    wizard.show()
    assert topic_for(wizard) == "usulan-urusan"
    wizard.next()
    assert topic_for(wizard.currentPage()) == "usulan-jenis"
    wizard.setObjectName("form_wizard")
    wizard.next()
    assert topic_for(wizard) == "pemetaan-daftar"


def test_main_window_opens_the_first_steps_then_its_tour(qtbot, db_path):
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    assert topic_for(window.agencies_view) == "mulai"  # no form yet: the welcome page
    db = open_database(db_path)
    fill_demo(db, proposals=30, seed=2024, today=TODAY)
    db.close()
    window.refresh()
    assert topic_for(window.proposals_view) == "jendela-utama"


def test_f1_in_the_main_window_opens_the_guide_at_its_section(qtbot, db_path, destinations):
    window = open_main_window(db_path)
    qtbot.addWidget(window)
    action = window.act[Action.GUIDE]
    assert action.shortcut().toString() == "F1" and action.isEnabled()
    assert [a.objectName() for a in window.menuBar().actions()[-1].menu().actions() if a.objectName()] == [
        "action_guide",
        "action_about",
    ]
    window.activateWindow()
    action.trigger()
    viewer = viewer_of(window)
    assert isinstance(viewer, GuideViewer) and viewer.isVisible()
    qtbot.addWidget(viewer)
    assert viewer.current_section == "mulai"
    assert viewer.current_page() == destinations["mulai"].page
    assert viewer.contents.currentItem().text(0).endswith("Membuka aplikasi pertama kali")
    action.trigger()  # again: the same viewer
    assert viewer_of(window) is viewer


def test_f1_in_a_dialog_opens_the_guide_over_that_dialog(qtbot, destinations):
    install_help_key()  # the main window installs it; installing twice changes nothing
    install_help_key()
    dialog = named("assess_dialog")
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    dialog.show()
    dialog.activateWindow()
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_F1)
    viewer = viewer_of(dialog)
    assert viewer is not None and viewer.parentWidget() is dialog  # usable while a modal dialog is open
    assert viewer.current_section == "nilai"
    assert viewer.current_page() == destinations["nilai"].page


def test_viewer_searches_zooms_and_lists_the_contents(qtbot):
    viewer = open_guide("pendahuluan", None)
    qtbot.addWidget(viewer)
    assert viewer.contents.topLevelItemCount() >= 12
    start = viewer.current_page()
    viewer.search.setText("Batalkan Impor Terakhir")
    viewer.find_next()
    assert viewer.current_page() > start
    viewer.search.setText("kata yang tidak ada di panduan xyzzy")
    viewer.find_next()
    assert "tidak ditemukan" in viewer.position.text()
    scale = viewer.pages.scale
    viewer.zoom_in()
    assert viewer.pages.scale > scale and not viewer.fit_width
    viewer.fit_to_width()
    assert viewer.fit_width and abs(viewer.pages.scale - scale) < 0.01
    item = viewer.contents.topLevelItem(11)
    viewer._go_to_item(item)
    assert viewer.current_page() == item.data(0, Qt.ItemDataRole.UserRole).page


def test_a_missing_guide_is_said_in_indonesian(qtbot, monkeypatch, message_boxes):
    monkeypatch.setattr("ksd_desktop.services.guide.GUIDE_PARTS", ("guide", "tidak-ada.pdf"))
    assert open_guide("pendahuluan", None) is None
    assert message_boxes and "Panduan Pengguna tidak ditemukan" in message_boxes[-1][1]

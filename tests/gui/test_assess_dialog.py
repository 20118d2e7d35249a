from __future__ import annotations

from PySide6.QtCore import Qt

import ksd_desktop.gui.assess_dialog as assess_module
from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.assess_dialog import AssessDialog, Assessed, assess_selection
from ksd_desktop.storage.queries import ProposalFilter, ProposalQueries
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_proposal
from tests.gui.wizard_helpers import click

THREE = [Assessed("Dinkes", n, f"Permasalahan usulan {n}.") for n in (1, 2, 3)]


def rows_of(db):
    queries = ProposalQueries(db)
    return queries.rows(queries.ids(ProposalFilter(year=2024)))


def test_route_required_for_tidak_sesuai(qtbot):
    ensure_app()
    dialog = AssessDialog(THREE)
    qtbot.addWidget(dialog)
    assert not dialog.route.isEnabled()
    click(qtbot, dialog.tidak)
    assert dialog.route.isEnabled()
    dialog.accept()
    assert "Pilih rute alternatif" in dialog.message.text() and dialog.result() == 0


def test_the_proposals_are_named_and_no_verdict_is_preset(qtbot):
    ensure_app()
    dialog = AssessDialog(THREE)
    qtbot.addWidget(dialog)
    dialog.show()
    listed = dialog.list
    assert listed.topLevelItemCount() == 3
    assert [listed.topLevelItem(i).text(0) for i in range(3)] == ["Dinkes"] * 3
    assert listed.topLevelItem(1).text(1) == "2" and "usulan 2" in listed.topLevelItem(1).text(2)
    assert dialog.status() is None and not any(b.isChecked() for b in (dialog.sesuai, dialog.tidak, dialog.belum))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter alone approves nothing
    assert dialog.isVisible() and dialog.result() == 0
    assert "Pilih hasil penilaian" in dialog.message.text()


def test_one_assessed_proposal_shows_its_verdict(qtbot):
    ensure_app()
    dialog = AssessDialog([Assessed("Dinkes", 1, "Masalah.", "tidak_sesuai", "swakelola", "Cukup swakelola.")])
    qtbot.addWidget(dialog)
    assert dialog.status() == "tidak_sesuai" and dialog.route.currentData() == "swakelola"
    assert dialog.note.toPlainText() == "Cukup swakelola."


def test_assess_selection_saves_for_every_proposal(qtbot, db, monkeypatch):
    ensure_app()
    form = make_form(proposals=[make_proposal(1), make_proposal(2)])
    FormRepository(db).save(form)
    seen = []

    def answer(dialog):
        qtbot.addWidget(dialog)
        seen.append(dialog.list.topLevelItemCount())
        click(qtbot, dialog.tidak)
        dialog.route.setCurrentIndex(dialog.route.findData("pengadaan_barang_jasa"))
        qtbot.keyClicks(dialog.note, "Cukup melalui pengadaan.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(assess_module.AssessDialog, "exec", answer)
    assert assess_selection(None, db, rows_of(db))
    assert seen == [2]
    assert {(p.review_status, p.review_route, p.review_note) for p in FormRepository(db).get(form.uuid).proposals} == {
        ("tidak_sesuai", "pengadaan_barang_jasa", "Cukup melalui pengadaan.")
    }

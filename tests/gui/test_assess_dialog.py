from __future__ import annotations

from ksd_desktop.gui import ensure_app
import ksd_desktop.gui.assess_dialog as assess_module
from ksd_desktop.gui.assess_dialog import AssessDialog, assess_selection
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import make_form, make_proposal
from tests.gui.wizard_helpers import click


def test_route_required_for_tidak_sesuai(qtbot):
    ensure_app()
    dialog = AssessDialog(3)
    qtbot.addWidget(dialog)
    assert not dialog.route.isEnabled()
    click(qtbot, dialog.tidak)
    assert dialog.route.isEnabled()
    dialog.accept()
    assert "Pilih rute alternatif" in dialog.message.text() and dialog.result() == 0


def test_assess_selection_saves_for_every_proposal(qtbot, db, monkeypatch):
    ensure_app()
    form = make_form(proposals=[make_proposal(1), make_proposal(2)])
    FormRepository(db).save(form)

    def answer(dialog):
        qtbot.addWidget(dialog)
        click(qtbot, dialog.tidak)
        dialog.route.setCurrentIndex(dialog.route.findData("pengadaan_barang_jasa"))
        qtbot.keyClicks(dialog.note, "Cukup melalui pengadaan.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(assess_module.AssessDialog, "exec", answer)
    assert assess_selection(None, db, [p.uuid for p in form.proposals])
    assert {(p.review_status, p.review_route, p.review_note) for p in FormRepository(db).get(form.uuid).proposals} == {
        ("tidak_sesuai", "pengadaan_barang_jasa", "Cukup melalui pengadaan.")}

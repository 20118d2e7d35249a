"""The proposals table model: Qt's model tester, pages fetched as rows come into view, labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from ksd_desktop.domain.models import LABELS
from ksd_desktop.gui import ensure_app
from ksd_desktop.gui.models import proposals as module
from ksd_desktop.gui.models.proposals import (
    AGENCY_CODE_ROLE,
    FORM_UUID_ROLE,
    UUID_ROLE,
    Column,
    ProposalTableModel,
)
from ksd_desktop.services.demo import fill_demo
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.queries import ProposalFilter, ProposalQueries
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_proposal

HEADERS = [
    "No",
    "Perangkat Daerah",
    "Urusan",
    "Permasalahan",
    "Jenis",
    "Calon Mitra",
    "Prioritas",
    "Tahapan",
    "Penilaian",
]


@pytest.fixture
def demo(db):
    fill_demo(db, proposals=156, seed=2024, today=TODAY)
    return db


def checked_model(db) -> ProposalTableModel:
    ensure_app()
    model = ProposalTableModel(ProposalQueries(db))
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def column(model: ProposalTableModel, col: Column) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_model_passes_the_model_tester_through_filters_sorts_and_searches(qtbot, demo):
    model = checked_model(demo)
    assert model.rowCount() == 0  # nothing is queried before the first filter
    model.set_filter(ProposalFilter(year=2024))
    assert model.rowCount() == 156 and model.columnCount() == 9
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == HEADERS
    for col in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(col, order)
            assert model.rowCount() == 156
    model.sort(Column.NO)
    model.set_filter(ProposalFilter(year=2024, search="banjarbaru"))
    found = model.rowCount()
    assert 0 < found < 156
    model.set_filter(ProposalFilter(year=2024, search="banjarbaru", kind="KSDD"))
    assert 0 < model.rowCount() <= found
    assert set(column(model, Column.KIND)) == {"KSDD"}
    model.set_filter(ProposalFilter(year=2023))
    assert model.rowCount() == 0


def test_sorting_by_priority_uses_the_domain_order(qtbot, demo):
    model = checked_model(demo)
    model.set_filter(ProposalFilter(year=2024))
    model.sort(Column.PRIORITY, Qt.SortOrder.AscendingOrder)
    shown = column(model, Column.PRIORITY)
    order = ["Tinggi", "Sedang", "Rendah"]
    assert shown == sorted(shown, key=order.index)
    model.sort(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    assert column(model, Column.PRIORITY)[0] == "Rendah"


def test_rows_are_fetched_a_page_at_a_time_and_the_cache_stays_small(qtbot, demo, monkeypatch):
    monkeypatch.setattr(module, "PAGE_SIZE", 10)
    monkeypatch.setattr(module, "MAX_CACHED_PAGES", 3)
    calls: list[int] = []
    queries = ProposalQueries(demo)
    original = queries.rows
    monkeypatch.setattr(queries, "rows", lambda ids: calls.append(len(ids)) or original(ids))
    model = ProposalTableModel(queries)
    model.set_filter(ProposalFilter(year=2024))
    assert model.cached_rows() == 0 and calls == []
    assert model.index(0, Column.NO).data() == "1"
    assert calls == [10] and model.cached_rows() == 10
    model.index(5, Column.PROBLEM).data()
    assert calls == [10]  # same page: no query
    last = model.proposal(155)
    assert model.index(155, Column.NO).data() == str(last.seq)  # the proposal's number in its form
    assert calls == [10, 6]
    for row in range(156):
        model.index(row, Column.PROBLEM).data()
    assert model.cached_rows() <= 30


def test_cells_show_labels_never_keys(qtbot, db):
    FormRepository(db).save(
        make_form(
            proposals=[
                make_proposal(1, stage="studi_kelayakan", priority="sedang"),
                make_proposal(2, kind="SINERGI", ksdpk_form=None, priority="rendah"),
            ]
        )
    )
    model = checked_model(db)
    model.set_filter(ProposalFilter(year=2024))
    first = {c: model.index(0, c).data() for c in Column}
    assert first == {
        Column.NO: "1",
        Column.AGENCY: "Dinkes",
        Column.URUSAN: "Kesehatan",
        Column.PROBLEM: "Kekurangan dokter spesialis anak di RSUD Ratu Zalecha Martapura.",
        Column.KIND: "KSDPK",
        Column.PARTNERS: "Universitas Lambung Mangkurat",
        Column.PRIORITY: "Sedang",
        Column.STAGE: "Studi kelayakan",
        Column.REVIEW: "Belum dinilai",
    }
    assert model.index(1, Column.KIND).data() == "Sinergi"
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.index(0, Column.KIND).data(tip) == LABELS["KSDPK"]
    assert model.index(0, Column.AGENCY).data(tip) == "Dinas Kesehatan\nFormulir: Draf"
    assert model.index(0, Column.URUSAN).data(tip) == "1.02 Kesehatan"
    assert "Ratu Zalecha" in model.index(0, Column.PROBLEM).data(tip)
    assert model.index(0, Column.REVIEW).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, Column.NO).data(AGENCY_CODE_ROLE) == "DINKES"
    assert model.index(0, Column.NO).data(UUID_ROLE) and model.index(0, Column.NO).data(FORM_UUID_ROLE)


def test_row_of_finds_a_proposal_after_a_new_sort(qtbot, demo):
    model = checked_model(demo)
    model.set_filter(ProposalFilter(year=2024))
    row = model.proposal(42)
    model.sort(Column.PROBLEM, Qt.SortOrder.DescendingOrder)
    moved = model.row_of(row.id)
    assert model.proposal(moved).uuid == row.uuid
    model.set_filter(ProposalFilter(year=2024, agency_code="NO-SUCH-AGENCY"))
    assert model.row_of(row.id) is None and model.row_of(None) is None


def test_a_failing_page_is_reported_not_raised(qtbot, demo, monkeypatch):
    queries = ProposalQueries(demo)
    model = ProposalTableModel(queries)
    model.set_filter(ProposalFilter(year=2024))

    def locked(ids):
        raise StorageError("Berkas data sedang dipakai program lain.")

    monkeypatch.setattr(queries, "rows", locked)
    with qtbot.waitSignal(model.failed, timeout=2000) as signal:
        assert model.index(0, Column.NO).data() is None
        assert model.index(1, Column.NO).data() is None  # reported once, not per cell
    assert signal.args == ["Berkas data sedang dipakai program lain."]

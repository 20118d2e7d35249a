"""Tindak lanjut: the procedure of each kind, ordering rules, where a proposal stands."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ksd_desktop.domain.followup import (
    FollowupStep,
    ProcedureError,
    check_step,
    check_timeline,
    is_stale,
    months_between,
    new_errors,
    parse_procedures,
    standing,
)
from ksd_desktop.paths import resource
from ksd_desktop.services.exchange.schema import Compiled
from ksd_desktop.services.followup.procedures import procedures

TODAY = dt.date(2025, 6, 30)


def steps(*items) -> list[FollowupStep]:
    return [
        FollowupStep(uuid=f"s{i}", proposal_uuid="p", step=key, date=date, document_number="1/2024")
        for i, (key, date) in enumerate(items)
    ]


def errors(problems):
    return [p for p in problems if p.is_error]


def test_procedures_resource_matches_its_schema():
    schema = json.loads(resource("schema", "followup-procedures.schema.json").read_text(encoding="utf-8"))
    data = json.loads(resource("followup", "procedures.json").read_text(encoding="utf-8"))
    found = []
    Compiled(schema).definition("file")(data, (), found)
    assert found == []


def test_each_step_cites_a_known_regulation_with_how_sure_we_are():
    for proc in procedures().values():
        for step in proc.steps:
            assert step.cite.regulation_name and step.cite.about and step.cite.source
            assert step.cite.checked in {"text", "secondary", "practice", "brief"}
            if step.cite.checked in ("practice", "brief"):
                assert step.cite.article is None  # an article is printed only when it was seen


@pytest.mark.parametrize(
    "kind, path",
    [
        ("KSDD", ["penawaran", "ksb", "persetujuan_dprd", "pks", "pelaksanaan", "monev", "diperpanjang", "berakhir"]),
        ("KSDPK", ["studi_kelayakan", "kak", "penawaran", "ksb", "persetujuan_dprd", "pks", "pelaksanaan", "monev"]),
        ("SINERGI", ["nk", "rencana_aksi", "pks", "pelaksanaan", "monev"]),
    ],
)
def test_steps_per_kind_follow_the_procedure(kind, path):
    keys = procedures()[kind].keys()
    assert [k for k in keys if k in path] == path
    assert "tidak_dilanjutkan" in keys  # every kind can record that a proposal was not pursued


def test_every_kind_has_a_procedure_and_dprd_is_optional():
    procs = procedures()
    assert set(procs) == {"SINERGI", "KSDD", "KSDPK", "KSDPL", "KSDLL"}
    assert procs["KSDD"].step("persetujuan_dprd").optional
    assert procs["KSDD"].step("pks").agreement_type == "PKS"
    assert procs["SINERGI"].step("nk").cite.short() == "PP 28/2018 Pasal 46"


def test_pks_before_its_ksb_is_refused_unless_recorded_as_an_exception():
    proc = procedures()["KSDPK"]
    timeline = steps(
        ("studi_kelayakan", "2024-09-01"), ("penawaran", "2024-10-01"), ("ksb", "2025-02-01"), ("pks", "2025-01-15")
    )
    problems = errors(check_timeline(timeline, proc, today=TODAY))
    assert len(problems) == 1 and "sebelum «Penandatanganan Kesepakatan Bersama (KSB)»" in problems[0].message
    timeline[-1].exception_reason = "PKS ditandatangani lebih dulu atas arahan Sekda (nota dinas 12/2025)"
    problems = check_timeline(timeline, proc, today=TODAY)
    assert errors(problems) == []
    assert any("pengecualian" in p.message for p in problems if not p.is_error)


def test_pks_without_any_ksb_and_a_too_short_reason():
    proc = procedures()["KSDD"]
    pks = steps(("pks", "2025-01-15"))[0]
    messages = [p.message for p in errors(check_step(pks, [pks], proc, today=TODAY))]
    assert any("memerlukan langkah «Penandatanganan Kesepakatan Bersama (KSB)» lebih dahulu" in m for m in messages)
    pks.exception_reason = "singkat"
    messages = [p.message for p in errors(check_step(pks, [pks], proc, today=TODAY))]
    assert any("terlalu singkat" in m for m in messages)


def test_pks_comes_after_the_dprd_approval_when_there_was_one():
    proc = procedures()["KSDD"]
    timeline = steps(("penawaran", "2024-09-01"), ("ksb", "2024-10-01"), ("pks", "2024-11-01"))
    assert errors(check_timeline(timeline, proc, today=TODAY)) == []  # no DPRD approval: fine
    timeline += steps(("persetujuan_dprd", "2024-12-01"))
    timeline[-1].uuid = "dprd"
    assert [p.message for p in errors(check_timeline(timeline, proc, today=TODAY))] == [
        "Urutan tidak sesuai prosedur: «Penandatanganan Perjanjian Kerja Sama (PKS)» bertanggal sebelum «Persetujuan "
        "DPRD» (1 Desember 2024). Catat langkah yang kurang, atau tuliskan alasan pengecualian."
    ]


def test_same_day_ksb_and_pks_is_in_order():
    proc = procedures()["KSDD"]
    timeline = steps(("penawaran", "2024-09-01"), ("ksb", "2024-10-01"), ("pks", "2024-10-01"))
    assert errors(check_timeline(timeline, proc, today=TODAY)) == []


def test_dates_steps_twice_terminal_and_reasons():
    proc = procedures()["KSDD"]
    future = steps(("penawaran", "2025-07-01"))
    assert "belum terjadi" in errors(check_timeline(future, proc, today=TODAY))[0].message
    bad = steps(("penawaran", "31-12-2024"))
    assert errors(check_timeline(bad, proc, today=TODAY))[0].key == "date"
    twice = steps(("penawaran", "2024-09-01"), ("penawaran", "2024-09-02"))
    assert any("sudah dicatat" in p.message for p in errors(check_timeline(twice, proc, today=TODAY)))
    monev = steps(
        ("penawaran", "2024-09-01"),
        ("ksb", "2024-09-02"),
        ("pks", "2024-09-03"),
        ("pelaksanaan", "2024-10-01"),
        ("monev", "2024-12-01"),
        ("monev", "2025-06-01"),
    )
    assert errors(check_timeline(monev, proc, today=TODAY)) == []  # monev is repeatable
    dropped = steps(("tidak_dilanjutkan", "2024-09-01"))
    dropped[0].note = ""
    assert any(p.key == "note" for p in errors(check_timeline(dropped, proc, today=TODAY)))
    after_end = steps(("tidak_dilanjutkan", "2024-09-01"), ("penawaran", "2024-10-01"))
    after_end[0].note = "Calon mitra menolak."
    assert any("sudah «Tidak dilanjutkan»" in p.message for p in errors(check_timeline(after_end, proc, today=TODAY)))


def test_a_change_is_judged_by_the_errors_it_adds():
    proc = procedures()["KSDD"]
    old = steps(("pks", "2024-09-01"))  # imported with a flaw
    before = check_timeline(old, proc, today=TODAY)
    after = check_timeline(old + steps(("penawaran", "2024-10-01")), proc, today=TODAY)
    assert before and new_errors(before, after) == []


def test_standing_and_next_steps():
    proc = procedures()["KSDPK"]
    assert standing([], proc).next_steps == ("studi_kelayakan",)
    stand = standing(steps(("studi_kelayakan", "2024-09-01"), ("kak", "2024-10-01")), proc)
    assert stand.current == "kak" and stand.last_date == "2024-10-01" and "penawaran" in stand.next_steps
    ended = standing(steps(("studi_kelayakan", "2024-09-01"), ("tidak_dilanjutkan", "2024-10-01")), proc)
    assert ended.ended and ended.current == "tidak_dilanjutkan"


def test_stale_counts_whole_months():
    assert months_between(dt.date(2024, 8, 8), dt.date(2025, 2, 7)) == 5
    assert months_between(dt.date(2024, 8, 8), dt.date(2025, 2, 8)) == 6
    assert is_stale(None, dt.date(2024, 8, 8), 6, dt.date(2025, 2, 8))
    assert not is_stale("2025-01-01", dt.date(2024, 8, 8), 6, dt.date(2025, 2, 8))


def test_a_malformed_procedure_is_refused():
    data = json.loads(resource("followup", "procedures.json").read_text(encoding="utf-8"))
    data["procedures"]["KSDD"]["steps"][1]["requires"] = ["pks"]  # refers to a later step
    with pytest.raises(ProcedureError):
        parse_procedures(data)


def test_regulation_names_agree_with_the_law_table():
    from ksd_desktop.domain import law

    data = json.loads(resource("followup", "procedures.json").read_text(encoding="utf-8"))
    shared = set(data["regulations"]) & set(law.REGULATIONS)
    assert shared >= {"PP28_2018", "PERMENDAGRI22_2020", "PERMENDAGRI25_2020"}
    for key in shared:
        assert data["regulations"][key] == law.short_name(key)
    assert procedures()["SINERGI"].step("nk").cite.short() == law.cite("SINERGI")  # PP 28/2018 Pasal 46

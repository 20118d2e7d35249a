"""Each rule of the data dictionary, passing and failing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ksd_desktop.domain.validation import (
    RuleContext,
    Severity,
    errors_only,
    validate_form,
    validate_nip,
    validate_proposal,
    validate_signing,
)
from tests.conftest import TODAY, make_form, make_partner, make_proposal, sign_fields

NEIGHBOURS = frozenset({"63.01", "63.02", "63.04", "63.05", "63.06", "63.10", "63.71", "63.72"})
CTX = RuleContext(
    home_region_code="63.03",
    neighbour_codes=NEIGHBOURS,
    region_codes=frozenset(
        {"63", "62", "63.01", "63.02", "63.03", "63.04", "63.05", "63.06", "63.07", "63.08", "63.10", "63.71", "63.72"}
    ),
    urusan_codes=frozenset({"1.02", "2.11", "1.03"}),
    agency_codes=frozenset({"DINKES", "DPRKPLH"}),
    rank_labels=frozenset({"Pembina Utama Muda (IV/c)", "Pembina (IV/a)"}),
    region_names={"63.07": "Kabupaten Hulu Sungai Tengah", "63.03": "Kabupaten Banjar"},
    today=TODAY,
)


def keys(problems, severity=Severity.ERROR):
    return {p.key for p in problems if p.severity == severity}


def test_valid_form_has_no_problems():
    assert validate_form(make_form(), CTX) == []


def test_all_problems_returned_at_once_with_field_keys():
    form = make_form(
        agency_code="", year=0, pic_name=" ", pic_position="", pic_email="bukan-surel", pic_phone="telp 123"
    )
    assert keys(validate_form(form, CTX)) == {
        "agency_code",
        "year",
        "pic_name",
        "pic_position",
        "pic_email",
        "pic_phone",
    }


def test_messages_are_indonesian_sentences():
    problems = validate_form(make_form(pic_name=""), CTX)
    assert problems[0].message == "Isi nama narahubung (PIC) formulir."
    assert problems[0].location == "Formulir"


@pytest.mark.parametrize("year, ok", [(2017, False), (2018, True), (2025, True), (2026, False)])
def test_year_range(year, ok):
    assert ("year" not in keys(validate_form(make_form(year=year), CTX))) is ok


def test_unknown_agency():
    assert "agency_code" in keys(validate_form(make_form(agency_code="XYZ"), CTX))


@pytest.mark.parametrize(
    "email, ok",
    [
        ("a@b.go.id", True),
        ("dinkes@banjarkab.go.id", True),
        ("a@b", False),
        ("a b@c.id", False),
        ("", True),
        (None, True),
    ],
)
def test_email(email, ok):
    assert ("pic_email" not in keys(validate_form(make_form(pic_email=email), CTX))) is ok


@pytest.mark.parametrize(
    "phone, ok",
    [
        ("0812-5123-4567", True),
        ("+62 812 5123 4567", True),
        ("(0511) 4721", False),
        ("081x", False),
        ("+-", False),
        ("", True),
    ],
)
def test_phone(phone, ok):
    assert ("pic_phone" not in keys(validate_form(make_form(pic_phone=phone), CTX))) is ok


def test_proposal_required_fields():
    proposal = make_proposal(
        urusan_code="", problem="", object="", benefits="", kind="", financing="", priority="", partners=[]
    )
    assert keys(validate_proposal(proposal, CTX)) == {
        "urusan_code",
        "problem",
        "object",
        "benefits",
        "kind",
        "financing",
        "priority",
        "partners",
    }


def test_problem_needs_twenty_characters():
    short = validate_proposal(make_proposal(problem="Kurang dokter"), CTX)
    assert "problem" in keys(short) and "13 karakter" in short[0].message
    assert "problem" not in keys(validate_proposal(make_proposal(problem="x" * 20), CTX))


def test_unknown_enum_values_rejected():
    proposal = make_proposal(kind="KSDX", financing="hibah", priority="urgent", stage="selesai")
    assert {"kind", "financing", "priority", "stage"} <= keys(validate_proposal(proposal, CTX))


def test_unknown_urusan():
    assert "urusan_code" in keys(validate_proposal(make_proposal(urusan_code="9.99"), CTX))


@pytest.mark.parametrize(
    "kind, category, ok",
    [
        ("SINERGI", "kementerian_lembaga", True),
        ("SINERGI", "badan_usaha", False),
        ("KSDPK", "perguruan_tinggi", True),
        ("KSDPK", "bumn_bumd", True),
        ("KSDPK", "perseorangan", True),
        ("KSDPK", "ormas", True),
        ("KSDPK", "kementerian_lembaga", False),
        ("KSDPK", "pemda", False),
        ("KSDPL", "pemda_luar_negeri", True),
        ("KSDPL", "lembaga_luar_negeri", False),
        ("KSDLL", "lembaga_luar_negeri", True),
        ("KSDLL", "pemda_luar_negeri", False),
    ],
)
def test_kind_and_partner_category(kind, category, ok):
    extra = {"ksdpk_form": "pelayanan_publik"} if kind == "KSDPK" else {"ksdpk_form": None}
    proposal = make_proposal(kind=kind, partners=[make_partner(category=category)], **extra)
    problems = validate_proposal(proposal, CTX)
    assert ("category" not in keys(problems)) is ok
    if not ok:
        message = next(p for p in problems if p.key == "category").message
        assert "tidak sesuai" in message and "PP 28/2018" in message


def test_ksdd_partner_must_be_pemda_with_region():
    proposal = make_proposal(
        kind="KSDD",
        ksdpk_form=None,
        ksdd_category="sukarela",
        partners=[make_partner(name="Kota Banjarmasin", category="pemda")],
    )
    assert "region_code" in keys(validate_proposal(proposal, CTX))
    proposal.partners[0].region_code = "63.71"
    assert validate_proposal(proposal, CTX) == []


def test_ksdd_needs_category():
    proposal = make_proposal(
        kind="KSDD",
        ksdpk_form=None,
        partners=[make_partner(name="Kota Banjarbaru", category="pemda", region_code="63.72")],
    )
    assert "ksdd_category" in keys(validate_proposal(proposal, CTX))


def test_ksdd_category_only_for_ksdd():
    assert "ksdd_category" in keys(validate_proposal(make_proposal(ksdd_category="wajib"), CTX))


def ksdd(category, region, externality="Sampah dari Kota Banjarbaru dibuang ke TPA regional di Banjar."):
    return make_proposal(
        kind="KSDD",
        ksdpk_form=None,
        ksdd_category=category,
        externality=externality,
        partners=[make_partner(name="Mitra", category="pemda", region_code=region)],
    )


def test_wajib_needs_externality():
    problems = validate_proposal(ksdd("wajib", "63.72", externality=""), CTX)
    assert keys(problems) == {"externality"}
    assert "sukarela" in problems[0].message


def test_wajib_partner_must_border_home_region_and_message_suggests_sukarela():
    problems = validate_proposal(ksdd("wajib", "63.07"), CTX)
    assert keys(problems) == {"region_code"}
    assert "Kabupaten Hulu Sungai Tengah" in problems[0].message and "sukarela" in problems[0].message


@pytest.mark.parametrize("region", ["63.72", "63.71", "63.05", "63"])
def test_wajib_with_neighbour_or_own_province_passes(region):
    assert validate_proposal(ksdd("wajib", region), CTX) == []


def test_sukarela_may_use_non_neighbour():
    assert validate_proposal(ksdd("sukarela", "63.07"), CTX) == []
    assert validate_proposal(ksdd("sukarela", "62"), CTX) == []


def test_home_region_cannot_be_partner():
    problems = validate_proposal(ksdd("sukarela", "63.03"), CTX)
    assert keys(problems) == {"region_code"} and "daerah sendiri" in problems[0].message


def test_region_must_be_known():
    assert "region_code" in keys(validate_proposal(ksdd("sukarela", "99.99"), CTX))


def test_region_code_only_for_pemda():
    proposal = make_proposal(partners=[make_partner(region_code="63.71")])
    assert "region_code" in keys(validate_proposal(proposal, CTX))


def test_ksdpk_needs_form():
    assert "ksdpk_form" in keys(validate_proposal(make_proposal(ksdpk_form=None), CTX))
    assert "ksdpk_form" in keys(validate_proposal(make_proposal(ksdpk_form="sewa"), CTX))
    assert validate_proposal(make_proposal(ksdpk_form="kpbu"), CTX) == []


def test_ksdpk_form_only_for_ksdpk():
    proposal = make_proposal(kind="SINERGI", partners=[make_partner(category="kementerian_lembaga")])
    assert "ksdpk_form" in keys(validate_proposal(proposal, CTX))


def test_compliance_is_warning_for_draft_and_error_for_signing():
    proposal = make_proposal(compliance_confirmed=False)
    assert keys(validate_proposal(proposal, CTX), Severity.WARNING) == {"compliance_confirmed"}
    assert keys(validate_proposal(proposal, CTX, for_signing=True)) == {"compliance_confirmed"}


def test_review_route_required_iff_tidak_sesuai():
    assert "review_route" in keys(validate_proposal(make_proposal(review_status="tidak_sesuai"), CTX))
    assert validate_proposal(make_proposal(review_status="tidak_sesuai", review_route="swakelola"), CTX) == []
    assert "review_route" in keys(
        validate_proposal(make_proposal(review_status="sesuai", review_route="swakelola"), CTX)
    )


def test_partner_problems_name_their_place():
    proposal = make_proposal(seq=3, partners=[make_partner(), make_partner(name="", seq=2)])
    problem = next(p for p in validate_proposal(proposal, CTX) if p.key == "name")
    assert (problem.proposal_seq, problem.partner_seq, problem.location) == (3, 2, "Usulan 3, Calon Mitra 2")


def test_signing_requires_signer_block():
    problems = validate_signing(make_form(), CTX)
    assert keys(problems) == {
        "signer_name",
        "signer_nip",
        "signer_rank",
        "signer_position",
        "signed_place",
        "signed_date",
    }


def test_signing_a_complete_form_passes():
    assert validate_signing(sign_fields(make_form()), CTX) == []


def test_signing_requires_a_proposal():
    assert "proposals" in keys(validate_signing(sign_fields(make_form(proposals=[])), CTX))


def test_signing_date_not_in_future():
    form = sign_fields(make_form())
    form.signed_date = (TODAY + dt.timedelta(days=1)).isoformat()
    assert keys(validate_signing(form, CTX)) == {"signed_date"}
    form.signed_date = "08-08-2024"
    assert keys(validate_signing(form, CTX)) == {"signed_date"}


def test_signing_rank_outside_list_is_only_a_warning():
    form = sign_fields(make_form())
    form.signer_rank = "Pembina Utama Muda IV c"
    problems = validate_signing(form, CTX)
    assert keys(problems) == set() and keys(problems, Severity.WARNING) == {"signer_rank"}


def test_signing_rejects_prefix_outside_list():
    form = sign_fields(make_form(signer_prefix="u.b."))
    assert "signer_prefix" in keys(validate_signing(form, CTX))


def test_nip_rules():
    assert keys(validate_nip("19700101 199503 1 001", CTX)) == set()
    assert keys(validate_nip("1970010119950310", CTX)) == {"signer_nip"}
    assert keys(validate_nip(None, CTX)) == {"signer_nip"}
    pppk = validate_nip("202401012024011001", CTX)  # not a plausible PNS birth date: tolerated
    assert keys(pppk) == set() and keys(pppk, Severity.WARNING) == {"signer_nip"}


def test_signing_lists_errors_across_whole_form():
    form = sign_fields(
        make_form(proposals=[make_proposal(1), make_proposal(2, problem="pendek", compliance_confirmed=False)])
    )
    problems = errors_only(validate_signing(form, CTX))
    assert {(p.proposal_seq, p.key) for p in problems} == {(2, "problem"), (2, "compliance_confirmed")}


def test_empty_context_skips_membership_checks():
    ctx = dataclasses.replace(CTX, urusan_codes=frozenset(), agency_codes=frozenset(), region_codes=frozenset())
    assert validate_form(make_form(agency_code="ANY", proposals=[make_proposal(urusan_code="9.99")]), ctx) == []


def test_provincial_urusan_only_warns():
    """3.28 Kehutanan and 3.29 ESDM are mostly provincial (UU 23/2014 Lampiran): a warning, never an error."""
    ctx = dataclasses.replace(CTX, urusan_codes=frozenset({"1.02", "3.28", "3.29"}))
    for code in ("3.28", "3.29"):
        problems = validate_proposal(make_proposal(1, urusan_code=code), ctx)
        assert "urusan_code" in keys(problems, Severity.WARNING) and "urusan_code" not in keys(problems)


def test_pengadaan_is_no_ksdpk_form():
    legacy = make_proposal(1, ksdpk_form="pengadaan")
    assert "ksdpk_form" in keys(validate_proposal(legacy, CTX), Severity.WARNING)  # old signed data still reads
    assert "ksdpk_form" in keys(validate_proposal(legacy, CTX, for_signing=True))  # but cannot be signed again


def test_pj_prefix_accepted_and_warned_for_an_agency_head():
    form = sign_fields(make_form(signer_prefix="Pj."))
    problems = validate_signing(form, CTX)
    assert "signer_prefix" not in keys(problems) and "signer_prefix" in keys(problems, Severity.WARNING)


def test_dprd_flag():
    from ksd_desktop.domain.validation import needs_dprd_check

    assert needs_dprd_check(make_proposal(1, kind="KSDD", ksdd_category="sukarela", ksdpk_form=None, financing="apbd"))
    assert not needs_dprd_check(make_proposal(1, financing="mitra"))
    assert not needs_dprd_check(make_proposal(1, financing="apbd", stage="persetujuan_dprd"))

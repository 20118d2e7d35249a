"""Text in its normal form (NFC, trimmed) before validation and hashing; invisible characters,
foreign digits and loose dates refused; the canonical version bump keeping old hashes valid."""

from __future__ import annotations

import json

import pytest

from ksd_desktop.domain.canonical import (
    CANONICAL_VERSION,
    canonical_content,
    canonical_json,
    content_hash,
    content_version,
    dumps_canonical,
    hash_text,
    normalize_form,
    signed_version,
    version_of_hash,
)
from ksd_desktop.domain.dates import format_date_id, parse_iso_date
from ksd_desktop.domain.nip import format_nip, parse_nip
from ksd_desktop.domain.text import TextIssue, is_blank, normalize_text, text_issue, visible_length
from ksd_desktop.domain.validation import RuleContext, errors_only, validate_form, validate_nip, validate_signing
from tests.conftest import TODAY, make_form, make_partner, make_proposal, sign_fields

CTX = RuleContext(today=TODAY)
ZW = "\u200b\u200c\u200d\u2060\ufeff"


def golden_form():
    """A form whose version-1 hash was computed by the code before version 2 existed."""
    form = make_form(
        uuid="11111111-2222-4333-8444-555555555555",
        pic_name=" Nor Hidayah “Dayah” – e\u0301 ",
        proposals=[
            make_proposal(
                2,
                uuid="aaaaaaaa-0000-4000-8000-000000000002",
                problem="Masalah kedua yang cukup panjang.  ",
                partners=[
                    make_partner(seq=1, uuid="bbbbbbbb-0000-4000-8000-000000000001", name="B"),
                    make_partner(seq=1, uuid="bbbbbbbb-0000-4000-8000-000000000000", name="A"),
                ],
            ),
            make_proposal(
                1,
                uuid="aaaaaaaa-0000-4000-8000-000000000001",
                partners=[make_partner(uuid="bbbbbbbb-0000-4000-8000-000000000009")],
            ),
        ],
    )
    for p in form.proposals:
        p.form_uuid = form.uuid
        for pa in p.partners:
            pa.proposal_uuid = p.uuid
    return sign_fields(form)


def keys(problems):
    return {p.key for p in errors_only(problems)}


# -- canonical versions -------------------------------------------------------------------------
def test_version_1_is_exactly_what_earlier_releases_signed():
    assert content_hash(golden_form()) == "3eee37a0abf03d6f3df8bad289be822c1a383a43f6088ac84caaf05825901a1b"
    assert content_hash(golden_form(), 1) == content_hash(golden_form())
    assert "canonical_version" not in canonical_content(golden_form())


def test_version_2_normalises_text_orders_equal_seq_and_says_its_version():
    content = canonical_content(golden_form(), CANONICAL_VERSION)
    assert content["canonical_version"] == 2 and content_version(content) == 2
    assert content["pic_name"] == "Nor Hidayah “Dayah” – é"  # NFC, trimmed
    assert content["proposals"][1]["problem"] == "Masalah kedua yang cukup panjang."
    assert [pa["name"] for pa in content["proposals"][1]["partners"]] == ["A", "B"]  # equal seq: by uuid
    assert content_hash(golden_form(), 2) == "e35a8bde3e1e04c805d9263891f7d80b025fbba2bc003a5640135c37ae74d663"


def test_version_2_hash_is_the_same_for_nfc_and_nfd_and_for_any_list_order():
    a, b = golden_form(), golden_form()
    b.pic_name = " Nor Hidayah “Dayah” – é"
    b.proposals.reverse()
    b.proposals[0].partners.reverse()
    assert content_hash(a, 2) == content_hash(b, 2)
    assert content_hash(a, 1) != content_hash(b, 1)  # version 1 saw them as different


def test_each_signature_verifies_with_the_version_it_was_made_with():
    form = golden_form()
    form.status, form.content_hash = "signed", content_hash(form, 1)
    assert version_of_hash(form, form.content_hash) == 1 == signed_version(form)
    form.content_hash = content_hash(form, 2)
    assert version_of_hash(form, form.content_hash) == 2 == signed_version(form)
    assert version_of_hash(form, "0" * 64) is None
    form.status = "draft"
    assert signed_version(form) == CANONICAL_VERSION
    # content travelling with its hash (a PDF, a snapshot) verifies whatever its version
    for version in (1, 2):
        content = canonical_content(form, version)
        assert hash_text(dumps_canonical(content)) == content_hash(form, version)


def test_unknown_versions_and_broken_text_are_refused():
    with pytest.raises(ValueError, match="tidak dikenal"):
        canonical_content(golden_form(), 3)
    with pytest.raises(ValueError, match="tidak dikenal"):
        content_version({"canonical_version": 3})
    assert content_version({}) == 1
    with pytest.raises(ValueError, match="surrogate"):
        hash_text("a\ud800b")


def test_normalize_form_makes_stored_text_equal_its_version_2_content():
    form = normalize_form(golden_form())
    assert form.pic_name == "Nor Hidayah “Dayah” – é"
    form.pic_phone = " \n "
    normalize_form(form)
    assert form.pic_phone is None  # an empty optional text is no text
    content = canonical_content(form, 2)
    assert json.loads(canonical_json(form, 2)) == content


# -- the normal form of a text -------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, normal",
    [
        ("  Siti  ", "Siti"),
        ("e\u0301", "é"),
        ("a\r\nb\rc", "a\nb\nc"),
        (f"{ZW}Siti{ZW}", "Siti"),
        ("\u3000Siti\u00a0", "Siti"),
        ("\n", ""),
    ],
)
def test_normal_form(raw, normal):
    assert normalize_text(raw) == normal


@pytest.mark.parametrize(
    "value, multiline, issue",
    [
        ("Si\u200bti", False, TextIssue.INVISIBLE),
        ("a\u202eb", False, TextIssue.INVISIBLE),
        ("a\x00b", False, TextIssue.CONTROL),
        ("a\x1bb", True, TextIssue.CONTROL),
        ("a\nb", False, TextIssue.LINE_BREAK),
        ("a\u2028b", False, TextIssue.LINE_BREAK),
        ("a\ud800b", False, TextIssue.SURROGATE),
        ("a\nb\tc", True, None),
        ("Dinas Kesehatan – “Uji” é", False, None),
    ],
)
def test_text_issues(value, multiline, issue):
    assert text_issue(value, multiline=multiline) == issue


def test_blank_and_visible_length():
    assert is_blank(ZW * 30) and is_blank(" \u3000\n") and is_blank(None) and not is_blank("a")
    assert visible_length("e\u0301" * 20) == 20 and visible_length(ZW * 30) == 0


# -- the validators on hostile input (each case of issue 12) -------------------------------------
def test_names_and_a_long_problem_made_of_zero_width_characters_are_refused():
    form = make_form(pic_name=ZW * 4, proposals=[make_proposal(problem=ZW * 25, partners=[make_partner(name=ZW)])])
    assert {"pic_name", "problem", "name"} <= keys(validate_form(form, CTX))
    problems = {p.key: p.message for p in errors_only(validate_form(form, CTX))}
    assert problems["pic_name"].startswith("Isi nama")  # nothing visible: the field is empty


def test_an_invisible_character_inside_a_name_is_refused_with_its_own_message():
    form = make_form(pic_name="Siti\u200bRahmah")
    messages = [p.message for p in errors_only(validate_form(form, CTX)) if p.key == "pic_name"]
    assert messages and "karakter tak terlihat" in messages[0]


@pytest.mark.parametrize(
    "nip",
    [
        "١٩٧٠٠١٠١١٩٩٥٠٣١٠٠١",  # Arabic-Indic
        "１９７００１０１１９９５０３１００１",  # full-width
        "19700101199503100¹",  # a superscript digit
    ],
)
def test_nip_in_other_digits_is_refused_and_never_crashes(nip):
    assert parse_nip(nip) is None and format_nip(nip) == nip.strip()
    problems = validate_nip(nip, CTX)
    assert problems[0].is_error and "angka 0–9" in problems[0].message


@pytest.mark.parametrize(
    "value", ["20240808", "2024-08-08T99:99", "2024-8-8", "2024-08-08x", "２０２４-08-08", "2024-02-30"]
)
def test_dates_are_strictly_yyyy_mm_dd(value):
    with pytest.raises(ValueError):
        parse_iso_date(value)
    form = sign_fields(make_form())
    form.signed_date = value
    assert "signed_date" in keys(validate_signing(form, CTX))


def test_a_timestamp_still_displays_its_date():
    assert format_date_id("2024-08-08T02:00:00Z") == "8 Agustus 2024" and parse_iso_date(" 2024-08-08 ").day == 8


def test_phone_that_is_only_a_line_break_is_no_phone_and_a_phone_with_one_inside_is_refused():
    assert "pic_phone" not in keys(validate_form(make_form(pic_phone="\n"), CTX))
    assert "pic_phone" in keys(validate_form(make_form(pic_phone="0812 5123\n4567"), CTX))
    assert "pic_phone" not in keys(validate_form(make_form(pic_phone="0812 5123 4567\n"), CTX))


def test_email_with_a_trailing_space_is_checked_and_stored_trimmed():
    form = make_form(pic_email="dinkes@banjarkab.go.id ")
    assert "pic_email" not in keys(validate_form(form, CTX))
    assert normalize_form(form).pic_email == "dinkes@banjarkab.go.id"
    assert "pic_email" in keys(validate_form(make_form(pic_email="dinkes@banjarkab.go.id\nx"), CTX))


def _issue_char_by_char(value: str, multiline: bool) -> TextIssue | None:
    """text_issue as it was before its fast paths (every character looked up): the reference."""
    import unicodedata

    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            return TextIssue.SURROGATE
        if category == "Cf":
            return TextIssue.INVISIBLE
        if category == "Cc":
            if ch == "\t" and multiline:
                continue
            if ch in "\n\x85":
                if not multiline:
                    return TextIssue.LINE_BREAK
                continue
            return TextIssue.CONTROL
        if ch in "\u2028\u2029" and not multiline:
            return TextIssue.LINE_BREAK
    return None


def test_text_fast_paths_agree_with_the_character_by_character_rules():
    import unicodedata

    # the fast path's premise, on every character of the Basic Multilingual Plane: a printable
    # character is none of those refused (control, format, surrogate, line or paragraph separator)
    odd = []
    for code in range(0x10000):
        ch = chr(code)
        if ch.isprintable():
            assert unicodedata.category(ch) not in ("Cc", "Cf", "Cs") and ch not in "\u2028\u2029", hex(code)
        elif code % 7 == 0 or unicodedata.category(ch) not in ("Cn", "Co", "Cs"):
            odd.append(ch)
    # and the verdicts themselves for the others (every control, format and separator character,
    # a sample of unassigned, private and surrogate ones), in one-line and multi-line fields
    for ch in odd + ["\U000e0001", "\U0001f600", "\u00e9", "e\u0301"]:
        for value in (f"a{ch}b", f"x\n{ch}\ty", f"\u00e9{ch}"):
            for multiline in (False, True):
                assert text_issue(value, multiline=multiline) == _issue_char_by_char(value, multiline), (
                    hex(ord(ch[0])),
                    value,
                )
            normal = normalize_text(value)
            assert visible_length(value) == sum(
                1 for c in normal if unicodedata.category(c)[0] != "M" and unicodedata.category(c) != "Cf"
            ), (hex(ord(ch[0])), value)
        normal = normalize_text(f" {ch} ")
        assert is_blank(f" {ch} ") == all(c.isspace() or unicodedata.category(c) == "Cf" for c in normal)

"""Property-based tests (hypothesis) of the normal form, the validators and the canonical hash.

Each example carries a batch of texts, so the tests below check well over 10,000 generated
inputs (:data:`MIN_INPUTS`, counted and asserted) in a few seconds: derandomised (the same
inputs on every run and on CI), no example database, no deadline.
"""

from __future__ import annotations

import copy
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ksd_desktop.domain.canonical import content_hash, normalize_form
from ksd_desktop.domain.dates import parse_iso_date
from ksd_desktop.domain.nip import parse_nip
from ksd_desktop.domain.text import MULTILINE_FIELDS, is_blank, normalize_text, text_issue
from ksd_desktop.domain.validation import (
    HEADER_TEXT,
    PARTNER_TEXT,
    PROPOSAL_TEXT,
    SIGNER_TEXT,
    RuleContext,
    validate_form,
    validate_nip,
    validate_signing,
)
from tests.conftest import TODAY, make_form, make_partner, make_proposal, sign_fields

MIN_INPUTS = 10_000
FAST = settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CTX = RuleContext(today=TODAY)
COUNTED = {"inputs": 0}

#: Characters people paste by accident or attackers choose on purpose, mixed into any text.
SPECIAL = (
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\u00ad",
    "\u0301",
    "\u00a0",
    "\u3000",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1b",
    "\u2028",
    "١",
    "１",
    "²",
    "\ud800",
    "é",
    "e\u0301",
    " ",
    "“",
    "–",
)
#: Any character (surrogates, controls and format characters included). Hypothesis draws text
#: fast; :func:`variants` then spells each drawn text several hostile ways in plain Python.
texts = st.text(alphabet=st.characters(exclude_categories=()), max_size=24)


def variants(text: str) -> list[str]:
    """The text, and the same text with special characters around and inside it, decomposed."""
    n = len(text)
    a, b = SPECIAL[n % len(SPECIAL)], SPECIAL[(n * 7 + 3) % len(SPECIAL)]
    middle = n // 2
    return [
        text,
        a + text + b,
        text[:middle] + a + text[middle:] + b,
        _nfd(text) + " ",
        "Siti " + text[:middle] + b + " Rahmah",
    ]


clean = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cf")), max_size=30)
FIELDS = {"form": HEADER_TEXT + SIGNER_TEXT, "proposal": PROPOSAL_TEXT, "partner": PARTNER_TEXT}


def counted(n: int) -> None:
    COUNTED["inputs"] += n


def _nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


@FAST
@given(st.lists(texts, min_size=6, max_size=6))
def test_the_normal_form_is_stable_trimmed_and_nfc(drawn):
    values = [v for text in drawn for v in variants(text)]
    counted(len(values))
    for value in values:
        normal = normalize_text(value)
        assert normalize_text(normal) == normal
        assert normal == normal.strip()
        if not any(unicodedata.category(ch) == "Cs" for ch in normal):
            assert unicodedata.normalize("NFC", normal) == normal
        assert "\r" not in normal
        for multiline in (False, True):
            issue = text_issue(normal, multiline=multiline)
            if issue is None:
                assert not any(unicodedata.category(ch) in ("Cs", "Cf") for ch in normal)
        assert is_blank(value) == (not normal or all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in normal))


@FAST
@given(st.lists(texts, min_size=4, max_size=4), st.sampled_from(["draft", "sign"]))
def test_validators_never_crash_and_see_only_the_normal_form(drawn, mode):
    """Any text in any field: a list of problems (never an exception), the same as for its normal form."""
    values = [v for text in drawn for v in variants(text)][:19]
    counted(len(values))
    form = make_form(proposals=[make_proposal(partners=[make_partner()])])
    if mode == "sign":
        sign_fields(form)
    targets = (
        [(form, k) for k in FIELDS["form"]]
        + [(form.proposals[0], k) for k in FIELDS["proposal"]]
        + [(form.proposals[0].partners[0], k) for k in FIELDS["partner"]]
    )
    for (obj, key), value in zip(targets, values * 2, strict=False):
        setattr(obj, key, value)
    form.signer_nip = values[0]
    validate = validate_signing if mode == "sign" else validate_form
    raw = sorted((p.key, p.message) for p in validate(form, CTX))
    normal = sorted((p.key, p.message) for p in validate(normalize_form(copy.deepcopy(form)), CTX))
    assert raw == normal
    for key in {p for p, _ in raw}:
        assert isinstance(key, str)


@settings(FAST, max_examples=100)
@given(
    st.lists(
        st.tuples(clean, st.sampled_from(["", " ", "\n", "\u3000", "\u200b"]), st.booleans()), min_size=6, max_size=6
    ),
    st.permutations([0, 1, 2]),
    st.randoms(use_true_random=False),
)
def test_the_version_2_hash_ignores_spelling_spacing_and_list_order(values, order, rnd):
    """NFC/NFD spelling, surrounding spaces or invisible characters, and list order (equal seq
    included) never change a version-2 hash; the text itself always does."""
    counted(len(values) + 3)
    proposals = [
        make_proposal(seq=rnd.choice([1, 1, 2]), partners=[make_partner(seq=1), make_partner(seq=1)]) for _ in range(3)
    ]
    form = make_form(proposals=proposals)
    for (value, _pad, _), key in zip(
        values, ("pic_name", "pic_position", "pic_phone", "pic_email", "signer_name", "signed_place"), strict=True
    ):
        setattr(form, key, value)
    twin = copy.deepcopy(form)
    for (value, pad, decompose), key in zip(
        values, ("pic_name", "pic_position", "pic_phone", "pic_email", "signer_name", "signed_place"), strict=True
    ):
        setattr(twin, key, pad + (_nfd(value) if decompose else value) + pad)
    twin.proposals = [twin.proposals[i] for i in order]
    for proposal in twin.proposals:
        proposal.partners.reverse()
    assert content_hash(form, 2) == content_hash(twin, 2)
    assert content_hash(normalize_form(copy.deepcopy(twin)), 2) == content_hash(form, 2)
    changed = copy.deepcopy(form)
    changed.pic_name = normalize_text(changed.pic_name) + "x"
    assert content_hash(changed, 2) != content_hash(form, 2)


@FAST
@given(
    st.lists(st.text(alphabet="0123456789 .-١１²", min_size=15, max_size=24), min_size=3, max_size=3),
    texts,
    st.lists(st.text(alphabet="0123456789-T: ２", min_size=8, max_size=16), min_size=3, max_size=3),
    st.dates(),
)
def test_nip_takes_only_ascii_digits_and_dates_only_yyyy_mm_dd(digits, text, loose, day):
    nips = digits + variants(text) + [digits[0][:18], "1970 0101 1995 03 1 001", "19700101199503100²"]
    dates = (
        loose
        + variants(text)
        + [
            day.isoformat(),
            day.isoformat() + "T10:00",
            day.strftime("%Y%m%d"),
            f" {day.isoformat()} ",
            day.isoformat().replace("-", "/"),
        ]
    )
    counted(len(nips) + len(dates))
    for nip in nips:
        info = parse_nip(nip)
        digits = re.sub(r"[\s.\-]", "", nip)
        assert (info is not None) == bool(re.fullmatch(r"[0-9]{18}", digits))
        problems = validate_nip(nip, CTX)
        assert all(p.key == "signer_nip" for p in problems)
    for value in dates:
        try:
            parse_iso_date(value)
        except ValueError:
            continue  # anything else, or an impossible date such as 2024-02-30
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip())


def test_at_least_ten_thousand_inputs_were_generated():
    """Runs after the property tests of this module (pytest keeps file order)."""
    assert COUNTED["inputs"] >= MIN_INPUTS, COUNTED
    print(f"\n{COUNTED['inputs']} generated inputs")


def test_multiline_fields_are_known_fields():
    assert MULTILINE_FIELDS <= set(PROPOSAL_TEXT) | {"revision_reason", "review_note"}

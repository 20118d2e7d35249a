"""The signer's jabatan names the form's agency: a bare "Kepala" or another agency's head is an error."""

from __future__ import annotations

import pytest

from ksd_desktop.domain.signing import position_problem
from ksd_desktop.domain.validation import RuleContext, validate_signing
from tests.conftest import TODAY, make_form, sign_fields


@pytest.mark.parametrize(
    ("position", "prefix", "code", "name"),
    [
        ("Kepala Dinas Kesehatan", "", "DINKES", "Dinas Kesehatan"),
        ("Kepala Dinas Kesehatan Kabupaten Banjar", "", "DINKES", "Dinas Kesehatan"),
        ("Sekretaris Daerah", "", "SETDA", "Sekretariat Daerah"),
        ("Inspektur Daerah", "", "INSPEKTORAT", "Inspektorat Daerah"),
        ("Camat Martapura", "", "KECMTP", "Kecamatan Martapura"),
        ("Sekretaris", "a.n.", "DINKES", "Dinas Kesehatan"),  # the official's own post, below the head's
        ("Kepala Bidang Pelayanan Kesehatan", "Plt.", "DINKES", "Dinas Kesehatan"),
    ],
)
def test_jabatan_that_fits_the_agency(position, prefix, code, name):
    assert position_problem(position, prefix, code, name) is None


@pytest.mark.parametrize(
    ("position", "prefix", "expected"),
    [
        ("Kepala", "", "tidak menyebut perangkat daerahnya"),
        ("  kepala ", "a.n.", "tidak menyebut perangkat daerahnya"),
        ("Kepala Dinas Pendidikan", "", "bukan jabatan kepala Dinas Kesehatan"),
        ("Kepala Dinas Pendidikan", "Plt.", "Dengan awalan Plt."),
    ],
)
def test_jabatan_that_does_not(position, prefix, expected):
    problem = position_problem(position, prefix, "DINKES", "Dinas Kesehatan")
    assert problem is not None and expected in problem and "Kepala Dinas Kesehatan" in problem


def test_signing_refuses_a_bare_kepala():
    form = sign_fields(make_form())
    form.signer_position = "Kepala"
    ctx = RuleContext(agency_names={"DINKES": "Dinas Kesehatan"}, today=TODAY)
    errors = [p for p in validate_signing(form, ctx) if p.is_error and p.key == "signer_position"]
    assert len(errors) == 1 and "«Kepala Dinas Kesehatan»" in errors[0].message
    form.signer_position = "Kepala Dinas Kesehatan"
    assert not [p for p in validate_signing(form, ctx) if p.key == "signer_position"]

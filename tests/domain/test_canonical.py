import hashlib
import json

from ksd_desktop.domain.canonical import canonical_content, canonical_json, content_hash, short_hash
from tests.conftest import make_form, make_partner, make_proposal


def test_canonical_json_is_sorted_compact_utf8():
    form = make_form(pic_name="Nor Hidayah “Dayah” – é")
    text = canonical_json(form)
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert "“Dayah” – é" in text  # UTF-8, no \u escapes
    assert ": " not in text and ', "' not in text
    assert content_hash(form) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_excluded_fields_do_not_change_the_hash():
    form = make_form()
    before = content_hash(form)
    form.status, form.content_hash, form.created_at, form.updated_at, form.origin_device = (
        "signed",
        "abc",
        "2024-01-01T00:00:00Z",
        "2024-02-02T00:00:00Z",
        "other-laptop",
    )
    p = form.proposals[0]
    p.review_status, p.review_route, p.review_note, p.updated_at = "tidak_sesuai", "swakelola", "catatan", "x"
    assert content_hash(form) == before


def test_agency_content_changes_the_hash():
    form = make_form()
    before = content_hash(form)
    form.proposals[0].partners[0].name = "Universitas Islam Kalimantan"
    assert content_hash(form) != before


def test_lists_in_seq_order_whatever_the_list_order():
    a = make_form(proposals=[make_proposal(1), make_proposal(2, problem="Masalah kedua yang cukup panjang.")])
    b = make_form(uuid=a.uuid, proposals=list(reversed(a.proposals)))
    assert content_hash(a) == content_hash(b)
    content = canonical_content(b)
    assert [p["seq"] for p in content["proposals"]] == [1, 2]


def test_content_shape():
    form = make_form(proposals=[make_proposal(partners=[make_partner(seq=2, name="B"), make_partner(seq=1, name="A")])])
    content = canonical_content(form)
    assert "status" not in content and "created_at" not in content and "origin_device" not in content
    proposal = content["proposals"][0]
    assert proposal["compliance_confirmed"] is True
    assert "review_status" not in proposal
    assert [p["name"] for p in proposal["partners"]] == ["A", "B"]
    assert short_hash(content_hash(form)) == content_hash(form)[:12]

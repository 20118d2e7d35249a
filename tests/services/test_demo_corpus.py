"""resources/demo/corpus.json: its shape, and that its 2024 plan is Banjar's published result."""

from __future__ import annotations

import json
from collections import Counter

from ksd_desktop.domain import models
from ksd_desktop.paths import resource

CORPUS = json.loads(resource("demo", "corpus.json").read_text(encoding="utf-8"))
TEMPLATE_KEYS = {
    "kind",
    "ksdd_category",
    "externality",
    "ksdpk_form",
    "program",
    "problem",
    "potential",
    "object",
    "benefits",
    "rpjmd_alignment",
    "legal_basis",
    "financing",
    "priority",
    "stage",
    "existing_documents",
    "notes",
    "partners",
}
PARTNER_KEYS = {"name", "category", "region_code", "contact"}


def test_schema():
    assert CORPUS["schema"] == "ksd-demo-corpus/1"
    assert set(CORPUS) >= {
        "templates",
        "banjar_2024",
        "drafts_2025",
        "pic_names",
        "pic_positions",
        "signers",
        "phone_prefixes",
    }
    urusan = {u["code"] for u in json.loads(resource("reference", "urusan.json").read_text("utf-8"))["items"]}
    for code, templates in CORPUS["templates"].items():
        assert code in urusan
        for t in templates:
            assert set(t) == TEMPLATE_KEYS, code
            assert t["kind"] in set(models.Kind)
            assert t["ksdpk_form"] in {*models.KsdpkForm, None}
            assert t["stage"] in set(models.Stage) and t["financing"] in set(models.Financing)
            assert t["partners"] and all(set(p) == PARTNER_KEYS for p in t["partners"])
            assert all(p["category"] in set(models.PartnerCategory) for p in t["partners"])
    for signer in CORPUS["signers"]:
        assert set(signer) == {"name", "sex", "birth", "tmt", "golongan"}


def test_plan_is_banjar_2024():
    plan = CORPUS["banjar_2024"]
    templates = CORPUS["templates"]
    assert len(plan) == 156
    assert len({x["agency"] for x in plan}) == 27
    assert len({(x["urusan"], x["template"]) for x in plan}) == 156  # no template twice
    kinds = Counter(templates[x["urusan"]][x["template"]]["kind"] for x in plan if x["review_status"] == "sesuai")
    assert (sum(kinds.values()), kinds["SINERGI"], kinds["KSDPK"], kinds["KSDD"]) == (125, 58, 48, 19)
    tidak = [x for x in plan if x["review_status"] == "tidak_sesuai"]
    assert len(tidak) == 31
    assert all(x["review_route"] in set(models.ReviewRoute) and x["review_note"] for x in tidak)

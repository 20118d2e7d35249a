"""Canonical content of a form and its SHA-256 (data dictionary, "Canonical content and its hash").

The canonical JSON is the form's stored columns with its proposals (key ``proposals``) and
each proposal's partners (key ``partners``), lists in ``seq`` order, leaving out ``status``,
``content_hash``, the timestamps, ``origin_device`` and the coordinator's ``review_*``
fields. It is serialised with sorted keys, UTF-8 (no ASCII escapes) and no insignificant
whitespace; ``compliance_confirmed`` is a JSON boolean. Anyone with the form's data can
recompute the hash, so a PDF or a bundle can be checked on any laptop without a network.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .models import (
    FORM_CONTENT_COLUMNS, PARTNER_CONTENT_COLUMNS, PROPOSAL_CONTENT_COLUMNS, Form,
)


def canonical_content(form: Form) -> dict[str, Any]:
    """The signed content of a form as a plain dict (what the hash covers)."""
    content: dict[str, Any] = {c: getattr(form, c) for c in FORM_CONTENT_COLUMNS}
    content["proposals"] = []
    for proposal in sorted(form.proposals, key=lambda p: p.seq):
        item: dict[str, Any] = {c: getattr(proposal, c) for c in PROPOSAL_CONTENT_COLUMNS}
        item["compliance_confirmed"] = bool(proposal.compliance_confirmed)
        item["partners"] = [
            {c: getattr(partner, c) for c in PARTNER_CONTENT_COLUMNS}
            for partner in sorted(proposal.partners, key=lambda x: x.seq)
        ]
        content["proposals"].append(item)
    return content


def dumps_canonical(content: dict[str, Any]) -> str:
    """Serialise already-built content the canonical way."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_json(form: Form) -> str:
    return dumps_canonical(canonical_content(form))


def hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(form: Form) -> str:
    """SHA-256 (hex) of the form's canonical JSON."""
    return hash_text(canonical_json(form))


def short_hash(value: str | None) -> str:
    """The first 12 hex digits, for page footers and lists."""
    return (value or "")[:12]

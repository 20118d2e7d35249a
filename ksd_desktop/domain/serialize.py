"""Forms to plain dicts (data-dictionary keys) and back, for JSON: autosave, bundles."""

from __future__ import annotations

import dataclasses
from typing import Any

from .models import FORM_COLUMNS, PARTNER_COLUMNS, PROPOSAL_COLUMNS, Form, Partner, Proposal


def partner_to_dict(partner: Partner) -> dict[str, Any]:
    return {c: getattr(partner, c) for c in PARTNER_COLUMNS}


def proposal_to_dict(proposal: Proposal) -> dict[str, Any]:
    data = {c: getattr(proposal, c) for c in PROPOSAL_COLUMNS}
    data["partners"] = [partner_to_dict(p) for p in proposal.partners]
    return data


def form_to_dict(form: Form) -> dict[str, Any]:
    data = {c: getattr(form, c) for c in FORM_COLUMNS}
    data["proposals"] = [proposal_to_dict(p) for p in form.proposals]
    return data


_FIELD_NAMES: dict[type, frozenset[str]] = {}  # dataclasses.fields() is slow: once per class


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    return {k: v for k, v in data.items() if k in names}


def partner_from_dict(data: dict[str, Any]) -> Partner:
    return Partner(**_known(Partner, data))


def proposal_from_dict(data: dict[str, Any]) -> Proposal:
    values = _known(Proposal, data)
    values["partners"] = [partner_from_dict(p) for p in data.get("partners", [])]
    values["compliance_confirmed"] = bool(values.get("compliance_confirmed"))
    return Proposal(**values)


def form_from_dict(data: dict[str, Any]) -> Form:
    values = _known(Form, data)
    values["proposals"] = [proposal_from_dict(p) for p in data.get("proposals", [])]
    return Form(**values)


def copy_proposal(proposal: Proposal) -> Proposal:
    """A deep copy (same uuids) for editing without touching the original."""
    return proposal_from_dict(proposal_to_dict(proposal))

"""Differences between the local and the incoming version of a form, for the conflict view.

Matched by uuid: the form's content fields (and its status), then each proposal and each
of its partners; a proposal or partner on one side only is one difference. Values are the
stored keys (the GUI shows enumeration labels with ``domain.models.label``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...domain.models import (
    FIELD_LABELS,
    FORM_CONTENT_COLUMNS,
    PARTNER_CONTENT_COLUMNS,
    PROPOSAL_CONTENT_COLUMNS,
    Form,
    Partner,
    Proposal,
)


@dataclass(frozen=True)
class Difference:
    """One difference for the side-by-side view; ``where`` is ``Formulir`` or ``Usulan 2, Calon Mitra 1``."""

    where: str
    key: str
    label: str
    local: Any
    incoming: Any


def _summary(obj: Proposal | Partner) -> str:
    return getattr(obj, "object", None) or getattr(obj, "name", "") or ""


def differences(local: Form, incoming: Form) -> list[Difference]:
    """Content differences, local against incoming, matched by uuid (status included)."""
    found: list[Difference] = []
    if local.status != incoming.status:
        found.append(Difference("Formulir", "status", FIELD_LABELS["status"], local.status, incoming.status))
    for key in FORM_CONTENT_COLUMNS:
        if key != "uuid" and getattr(local, key) != getattr(incoming, key):
            found.append(
                Difference("Formulir", key, FIELD_LABELS.get(key, key), getattr(local, key), getattr(incoming, key))
            )
    found += _children(
        local.proposals,
        incoming.proposals,
        "Usulan",
        "proposals",
        [c for c in PROPOSAL_CONTENT_COLUMNS if c not in ("uuid", "form_uuid")],
        lambda a, b, where: _children(
            a.partners,
            b.partners,
            f"{where}, Calon Mitra",
            "partners",
            [c for c in PARTNER_CONTENT_COLUMNS if c not in ("uuid", "proposal_uuid")],
            None,
        ),
    )
    return found


def _children(
    local: Sequence[Proposal | Partner],
    incoming: Sequence[Proposal | Partner],
    word: str,
    key: str,
    columns: list[str],
    nested: Callable[[Any, Any, str], list[Difference]] | None,
) -> list[Difference]:
    found: list[Difference] = []
    mine = {x.uuid: x for x in local}
    theirs = {x.uuid: x for x in incoming}
    for item in sorted(incoming, key=lambda x: x.seq):
        where = f"{word} {item.seq}"
        old = mine.get(item.uuid)
        if old is None:
            found.append(Difference(where, key, FIELD_LABELS[key] + " (hanya di berkas masuk)", None, _summary(item)))
            continue
        for column in columns:
            if column == "compliance_confirmed":
                a, b = bool(getattr(old, column)), bool(getattr(item, column))  # a proposal's
            else:
                a, b = getattr(old, column), getattr(item, column)
            if a != b:
                found.append(Difference(where, column, FIELD_LABELS.get(column, column), a, b))
        if nested is not None:
            found += nested(old, item, where)
    for item in sorted(local, key=lambda x: x.seq):
        if item.uuid not in theirs:
            found.append(
                Difference(f"{word} {item.seq}", key, FIELD_LABELS[key] + " (hanya di sini)", _summary(item), None)
            )
    return found

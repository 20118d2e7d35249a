"""The procedures of each kind of cooperation, read once from resources/followup/procedures.json."""

from __future__ import annotations

import functools
import json

from ...domain.followup import Procedure, parse_procedures
from ...paths import resource

PROCEDURES_FILE = ("followup", "procedures.json")


@functools.lru_cache(maxsize=1)
def procedures() -> dict[str, Procedure]:
    """kind → its procedure (a malformed resource is a packaging error and raises ProcedureError)."""
    with resource(*PROCEDURES_FILE).open(encoding="utf-8") as handle:
        return parse_procedures(json.load(handle))


def procedure(kind: str | None) -> Procedure | None:
    return procedures().get(kind or "")


def step_label(key: str | None) -> str:
    """The Indonesian label of a step key ('' for none)."""
    if not key:
        return ""
    for proc in procedures().values():
        found = proc.step(key)
        if found is not None:
            return found.label
    return key


def step_short(key: str | None) -> str:
    """The short label of a step key (charts and narrow columns)."""
    if not key:
        return ""
    for proc in procedures().values():
        found = proc.step(key)
        if found is not None:
            return found.short
    return key

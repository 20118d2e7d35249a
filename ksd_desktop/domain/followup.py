"""Tindak lanjut: what happened to a proposal after the mapping, step by step.

The steps of each kind of cooperation are data (resources/followup/procedures.json, read by
``services.followup.procedures``); this module holds their shape and the rules:

- a step whose procedure ``requires`` other steps may only be dated on or after them (no PKS
  before its KSB), unless it is recorded as an *exception* with a written reason;
- a step listed in ``after`` must, *when it was recorded*, come first (PKS after the DPRD's
  approval when there was one);
- a step that is not ``repeatable`` is recorded once; nothing follows a ``terminal`` step
  (*berakhir*, *tidak dilanjutkan*) except as an exception;
- dates are real ISO dates, never in the future; a reason is required for *tidak dilanjutkan*.

``check_timeline`` returns every problem of a whole timeline, so a change is judged by the
problems it *adds* (an old imported timeline with a flaw does not block an unrelated edit).
Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .dates import format_date_id, parse_iso_date
from .models import new_uuid
from .validation import Problem, Severity

MIN_EXCEPTION_REASON = 10
MAX_TEXT = 2000
CHECK_LEVELS = ("text", "secondary", "practice", "brief")
CHECK_LEVEL_LABELS = {
    "text": "dibaca pada teks peraturan",
    "secondary": "dari sumber kedua yang mengutip peraturan",
    "practice": "praktik pemerintah daerah",
    "brief": "belum dikonfirmasi pada teks peraturan",
}
#: Step keys whose document is an agreement of the register (domain/agreements.py).
AGREEMENT_STEPS = {"ksb": "KSB", "nk": "NK", "pks": "PKS"}
NOT_PURSUED = "tidak_dilanjutkan"
#: Step fields as stored (the data dictionary's keys for ``followup_steps``).
STEP_FIELDS = (
    "uuid",
    "proposal_uuid",
    "step",
    "date",
    "document_number",
    "responsible",
    "attachment",
    "note",
    "exception_reason",
    "agreement_uuid",
    "created_at",
    "updated_at",
    "origin_device",
)


class ProcedureError(ValueError):
    """The procedures resource is malformed (a programming or packaging error)."""


@dataclass(frozen=True)
class Citation:
    regulation: str  # key, e.g. "PP28_2018"
    regulation_name: str  # "PP 28/2018"
    article: str | None  # printed only when it was seen in the text or a faithful source
    checked: str  # one of CHECK_LEVELS
    about: str
    source: str

    def short(self) -> str:
        """``PP 28/2018 Pasal 46`` or ``Permendagri 22/2020``."""
        return " ".join(x for x in (self.regulation_name, self.article) if x)


@dataclass(frozen=True)
class StepDef:
    """One step of a kind's procedure."""

    key: str
    label: str
    short: str  # for charts and narrow columns: "KSB", "PKS", "Monev"
    document: str
    help: str
    order: int
    cite: Citation
    requires: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    optional: bool = False
    repeatable: bool = False
    terminal: bool = False
    condition: str = ""
    agreement_type: str | None = None


@dataclass(frozen=True)
class Procedure:
    kind: str
    title: str
    basis: str
    steps: tuple[StepDef, ...]

    def step(self, key: str) -> StepDef | None:
        return next((s for s in self.steps if s.key == key), None)

    def keys(self) -> list[str]:
        return [s.key for s in self.steps]

    def main_path(self) -> list[StepDef]:
        """The steps every cooperation of this kind goes through (no optional, no alternative end)."""
        return [s for s in self.steps if not s.optional and not s.terminal and s.key != "diperpanjang"]


@dataclass
class FollowupStep:
    """One recorded step of a proposal's follow-up (table ``followup_steps``)."""

    uuid: str = field(default_factory=new_uuid)
    proposal_uuid: str = ""
    step: str = ""
    date: str = ""
    document_number: str | None = None
    responsible: str | None = None
    attachment: str | None = None
    note: str | None = None
    exception_reason: str | None = None
    agreement_uuid: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    origin_device: str | None = None


def _texts(node: Any, key: str) -> tuple[str, ...]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProcedureError(f"«{key}» harus berupa daftar kunci langkah")
    return tuple(value)


def parse_procedures(data: dict[str, Any]) -> dict[str, Procedure]:
    """Turn the resource's JSON into procedures; raises ProcedureError when it is malformed."""
    if not isinstance(data, dict) or data.get("format") != "ksd-desktop/procedures":
        raise ProcedureError("bukan berkas prosedur KSD Desktop")
    regulations, catalogue = data.get("regulations", {}), data.get("steps", {})
    procedures: dict[str, Procedure] = {}
    for kind, node in data.get("procedures", {}).items():
        steps: list[StepDef] = []
        seen: set[str] = set()
        for order, item in enumerate(node.get("steps", [])):
            key = item.get("step")
            if key not in catalogue:
                raise ProcedureError(f"{kind}: langkah «{key}» tidak ada dalam katalog langkah")
            if key in seen:
                raise ProcedureError(f"{kind}: langkah «{key}» tercantum dua kali")
            requires, after = _texts(item, "requires"), _texts(item, "after")
            for other in requires + after:
                if other not in seen:
                    raise ProcedureError(f"{kind}: «{key}» merujuk «{other}» yang belum disebut sebelumnya")
            cite = item.get("cite") or {}
            if cite.get("regulation") not in regulations or cite.get("checked") not in CHECK_LEVELS:
                raise ProcedureError(f"{kind}: rujukan langkah «{key}» tidak lengkap")
            info = catalogue[key]
            steps.append(
                StepDef(
                    key=key,
                    label=info["label"],
                    short=info.get("short") or info["label"],
                    document=info.get("document", ""),
                    help=info.get("help", ""),
                    order=order,
                    requires=requires,
                    after=after,
                    optional=bool(item.get("optional")),
                    repeatable=bool(item.get("repeatable")),
                    terminal=bool(item.get("terminal")),
                    condition=item.get("condition") or "",
                    agreement_type=info.get("agreement"),
                    cite=Citation(
                        cite["regulation"],
                        regulations[cite["regulation"]],
                        cite.get("article"),
                        cite["checked"],
                        cite.get("about", ""),
                        cite.get("source", ""),
                    ),
                )
            )
            seen.add(key)
        procedures[kind] = Procedure(kind, node.get("title", kind), node.get("basis", ""), tuple(steps))
    return procedures


# --------------------------------------------------------------------------- rules


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_iso_date(value) if value else None
    except ValueError:
        return None


def _problem(key: str, message: str, step: FollowupStep, severity: Severity = Severity.ERROR) -> Problem:
    # proposal_uuid carries the step's uuid: Problem is shared with the form's rules
    return Problem(key, message, severity, proposal_uuid=step.uuid)


def _ordered(steps: list[FollowupStep], procedure: Procedure) -> list[FollowupStep]:
    """Steps by date, then by their place in the procedure (a KSB and a PKS of one day: KSB first)."""
    rank = {s.key: s.order for s in procedure.steps}
    return sorted(steps, key=lambda s: (s.date or "9999", rank.get(s.step, 99), s.created_at or "", s.uuid))


def check_step(
    step: FollowupStep,
    others: list[FollowupStep],
    procedure: Procedure,
    *,
    today: dt.date,
    mapping_year: int | None = None,
) -> list[Problem]:
    """Every problem of ``step`` against the other recorded steps of the same proposal."""
    problems: list[Problem] = []
    definition = procedure.step(step.step)
    if definition is None:
        return [
            _problem(
                "step",
                f"Langkah «{step.step}» tidak termasuk prosedur {procedure.title}. Pilih langkah dari daftar.",
                step,
            )
        ]
    date = _date(step.date)
    if date is None:
        return [_problem("date", "Tanggal langkah wajib diisi dengan tanggal yang benar.", step)]
    if date > today:
        problems.append(
            _problem("date", f"Tanggal {format_date_id(date)} belum terjadi. Catat langkah setelah dilaksanakan.", step)
        )
    if mapping_year is not None and date.year < mapping_year:
        problems.append(
            _problem(
                "date",
                f"Tanggal {format_date_id(date)} sebelum tahun pemetaan {mapping_year}; periksa kembali.",
                step,
                Severity.WARNING,
            )
        )
    for name in ("document_number", "responsible", "attachment", "note", "exception_reason"):
        if len(getattr(step, name) or "") > MAX_TEXT:
            problems.append(_problem(name, f"Isian terlalu panjang (paling banyak {MAX_TEXT} karakter).", step))
    reason = (step.exception_reason or "").strip()
    exception = len(reason) >= MIN_EXCEPTION_REASON
    if reason and not exception:
        problems.append(
            _problem(
                "exception_reason",
                f"Alasan pengecualian terlalu singkat; tulis sekurang-kurangnya {MIN_EXCEPTION_REASON} karakter.",
                step,
            )
        )
    if step.step == NOT_PURSUED and len((step.note or "").strip()) < 5:
        problems.append(_problem("note", "Tuliskan alasan usulan tidak dilanjutkan pada catatan.", step))
    if definition.agreement_type and not (step.document_number or "").strip():
        problems.append(
            _problem(
                "document_number",
                f"Nomor {definition.document} belum diisi; lengkapi bila dokumennya sudah bernomor.",
                step,
                Severity.WARNING,
            )
        )
    earlier = {o.step: _date(o.date) for o in others if o.uuid != step.uuid}
    earliest: dict[str, dt.date] = {}
    for other in others:
        d = _date(other.date)
        if other.uuid != step.uuid and d is not None:
            earliest[other.step] = min(d, earliest.get(other.step, d))
    order_problems: list[str] = []
    for needed in definition.requires:
        needed_def = procedure.step(needed)
        name = needed_def.label if needed_def else needed
        if needed not in earliest:
            order_problems.append(f"«{definition.label}» memerlukan langkah «{name}» lebih dahulu")
        elif earliest[needed] > date:
            order_problems.append(
                f"«{definition.label}» bertanggal sebelum «{name}» ({format_date_id(earliest[needed])})"
            )
    for needed in definition.after:
        if needed in earliest and earliest[needed] > date:
            needed_def = procedure.step(needed)
            order_problems.append(
                f"«{definition.label}» bertanggal sebelum «{needed_def.label if needed_def else needed}» "
                f"({format_date_id(earliest[needed])})"
            )
    if not definition.repeatable and step.step in earlier:
        problems.append(
            _problem(
                "step",
                f"Langkah «{definition.label}» sudah dicatat; ubah catatan yang ada daripada menambah yang baru.",
                step,
            )
        )
    for other in others:
        other_def = procedure.step(other.step)
        other_date = _date(other.date)
        if (
            other.uuid != step.uuid
            and other_def is not None
            and other_def.terminal
            and other_date is not None
            and other_date < date
            and other.step != step.step
        ):
            order_problems.append(f"usulan sudah «{other_def.label}» pada {format_date_id(other_date)}")
    for text in order_problems:
        if exception:
            problems.append(
                _problem("exception_reason", f"Dicatat sebagai pengecualian: {text}.", step, Severity.WARNING)
            )
        else:
            problems.append(
                _problem(
                    "exception_reason",
                    f"Urutan tidak sesuai prosedur: {text}. Catat langkah yang "
                    "kurang, atau tuliskan alasan pengecualian.",
                    step,
                )
            )
    return problems


def check_timeline(
    steps: list[FollowupStep], procedure: Procedure, *, today: dt.date, mapping_year: int | None = None
) -> list[Problem]:
    """Every problem of every step of one proposal's timeline."""
    problems: list[Problem] = []
    for step in steps:
        problems += check_step(step, steps, procedure, today=today, mapping_year=mapping_year)
    return problems


def new_errors(before: list[Problem], after: list[Problem]) -> list[Problem]:
    """The errors of ``after`` that ``before`` did not have (a change is judged by what it breaks)."""
    old = {(p.proposal_uuid, p.key, p.message) for p in before if p.is_error}
    return [p for p in after if p.is_error and (p.proposal_uuid, p.key, p.message) not in old]


# --------------------------------------------------------------------------- where a proposal stands


@dataclass(frozen=True)
class Standing:
    """Where a proposal's follow-up stands."""

    current: str | None  # furthest step reached (procedure order), None: no step yet
    last_date: str | None  # date of the latest step
    steps: int
    ended: bool  # berakhir or tidak dilanjutkan
    next_steps: tuple[str, ...]  # what the procedure expects next


def standing(steps: list[FollowupStep], procedure: Procedure | None) -> Standing:
    if not steps:
        first = tuple(s.key for s in procedure.steps if not s.requires and not s.terminal) if procedure else ()
        return Standing(None, None, 0, False, first[:1])
    dates = [s.date for s in steps if _date(s.date)]
    last = max(dates) if dates else None
    if procedure is None:
        return Standing(steps[-1].step, last, len(steps), False, ())
    rank = {s.key: s.order for s in procedure.steps}
    done = {s.step for s in steps}
    terminal = [s for s in _ordered(steps, procedure) if (d := procedure.step(s.step)) and d.terminal]
    if terminal:
        return Standing(terminal[-1].step, last, len(steps), True, ())
    current = max(done, key=lambda k: rank.get(k, -1))  # the furthest step reached
    expected = tuple(s.key for s in procedure.main_path() if s.key not in done and all(r in done for r in s.requires))
    return Standing(current, last, len(steps), False, expected[:2])


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(0, months)


def is_stale(last_date: str | None, reference: dt.date, months: int, today: dt.date) -> bool:
    """No step for ``months`` months: counted from the last step, or from ``reference`` (e.g. the
    mapping's presentation) when there is none yet. Ended follow-ups are never stale (caller)."""
    start = _date(last_date) or reference
    return months_between(start, today) >= months

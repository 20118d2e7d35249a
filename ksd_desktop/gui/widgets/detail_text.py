"""The detail pane's text for one proposal: every field with its label, the partners, the form's state.

Labels come from the data dictionary (FIELD_LABELS), values from LABELS, dates are written
the naskah dinas way (domain/dates.py). Imported with the first proposal shown, not before
the window shows (it needs the domain).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...domain.dates import format_date_id, format_datetime_id
from ...domain.models import Kind, KsddCategory, ReviewStatus
from ...storage.queries import ProposalDetail
from ..icons import COLOURS
from ..labels import field_label, label

#: Sections in the order of the form: (title, fields, followed by the partners table). The titles
#: are str (QT_TRANSLATE_NOOP returns its text; PySide6's stub says object).
_SECTIONS: list[tuple[object, list[str], bool]] = [
    (
        QT_TRANSLATE_NOOP("ProposalDetailView", "Usulan"),
        ["urusan_code", "program", "problem", "potential", "object"],
        False,
    ),
    (
        QT_TRANSLATE_NOOP("ProposalDetailView", "Bentuk kerja sama"),
        [
            "kind",
            "ksdd_category",
            "externality",
            "ksdpk_form",
            "benefits",
            "rpjmd_alignment",
            "legal_basis",
            "financing",
            "priority",
            "stage",
            "existing_documents",
            "compliance_confirmed",
            "notes",
        ],
        True,
    ),
    (
        QT_TRANSLATE_NOOP("ProposalDetailView", "Penilaian TKKSD"),
        ["review_status", "review_route", "review_note"],
        False,
    ),
]
_ENUM_FIELDS = {
    "kind",
    "ksdd_category",
    "ksdpk_form",
    "financing",
    "priority",
    "stage",
    "review_status",
    "review_route",
}

_STYLE = """
<style>
  h2 { font-size: 13pt; margin: 0 0 2px 0; color: #1f3b57; }
  .meta { color: #5f6b7a; margin: 0 0 6px 0; }
  h3 { font-size: 10pt; color: #1f5f99; margin: 10px 0 3px 0; }
  td { padding: 3px 8px 3px 0; vertical-align: top; }
  td.key { color: #5f6b7a; width: 30%; }
  th { text-align: left; color: #5f6b7a; font-weight: normal; padding: 3px 10px 3px 0;
       border-bottom: 1px solid #d5dbe1; }
  .empty { color: #9aa0a6; }
  .chip { font-weight: bold; }
</style>
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProposalDetailView", text)


def _text(value: str | None) -> str:
    if value is None or str(value).strip() == "":
        return f"<span class='empty'>{_tr('—')}</span>"
    return html.escape(str(value)).replace("\n", "<br>")


def _applies(detail: ProposalDetail, key: str) -> bool:
    """Fields that belong to another kind (or another verdict) are not shown."""
    p = detail.proposal
    if key in ("ksdd_category", "externality"):
        return p.kind == Kind.KSDD and (key == "ksdd_category" or p.ksdd_category == KsddCategory.WAJIB)
    if key == "ksdpk_form":
        return p.kind == Kind.KSDPK
    if key == "review_route":
        return p.review_status == ReviewStatus.TIDAK_SESUAI
    return True


def _value(detail: ProposalDetail, key: str) -> str:
    p = detail.proposal
    value = getattr(p, key)
    if key == "urusan_code":
        return _text(f"{value or ''} {detail.urusan_name}".strip())
    if key == "compliance_confirmed":
        return _text(_tr("Ya, sudah dinyatakan") if value else _tr("Belum dinyatakan"))
    if key == "review_status":
        colour = COLOURS.get(value, COLOURS["none"])
        return f"<span class='chip' style='color:{colour}'>{_text(label(value))}</span>"
    if key in _ENUM_FIELDS:
        return _text(label(value))
    return _text(value)


def render_detail(detail: ProposalDetail, zone: str | None = None) -> str:
    """The detail pane's HTML for one proposal; times in local time of ``zone`` (default WITA)."""
    p = detail.proposal
    status = label(detail.form_status)
    if detail.form_status == "signed":
        status = _tr("%1, revisi %2").replace("%1", status).replace("%2", str(detail.revision))
        if detail.signed_date:
            status += _tr(", %1").replace("%1", format_date_id(detail.signed_date))
    meta = (
        _tr("%1 · Tahun Pemetaan %2 · Formulir: %3")
        .replace("%1", html.escape(detail.agency_name))
        .replace("%2", str(detail.year))
        .replace("%3", html.escape(status))
    )
    heading = _tr("Usulan No. %1: %2").replace("%1", str(p.seq)).replace("%2", p.object or "")
    parts = [_STYLE, f"<h2>{html.escape(heading)}</h2>", f"<p class='meta'>{meta}</p>"]
    for title, keys, with_partners in _SECTIONS:
        parts.append(f"<h3>{html.escape(_tr(str(title)))}</h3><table width='100%' cellspacing='0'>")
        for key in keys:
            if _applies(detail, key):
                parts.append(
                    f"<tr><td class='key'>{html.escape(field_label(key))}</td><td>{_value(detail, key)}</td></tr>"
                )
        parts.append("</table>")
        if with_partners:
            parts.append(_partners(detail))
    if p.updated_at:
        when = format_datetime_id(p.updated_at, zone)
        parts.append(f"<p class='meta'>{html.escape(_tr('Terakhir diubah: %1').replace('%1', when))}</p>")
    return "".join(parts)


def _partners(detail: ProposalDetail) -> str:
    partners = detail.proposal.partners
    rows = [f"<h3>{html.escape(field_label('partners'))} ({len(partners)})</h3>"]
    if not partners:
        return rows[0] + f"<p class='empty'>{html.escape(_tr('Belum ada calon mitra.'))}</p>"
    heads = [field_label("seq"), field_label("name"), field_label("category"), _tr("Wilayah"), field_label("contact")]
    rows.append(
        "<table width='100%' cellspacing='0'><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in heads) + "</tr>"
    )
    for partner in partners:
        region = detail.region_names.get(partner.region_code or "", partner.region_code)
        cells = [str(partner.seq), partner.name, label(partner.category), region, partner.contact]
        rows.append("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    return "".join(rows)

"""A read-only view of a whole form, laid out like the printed PDF, for comparing with a printout.

``FormDocumentView`` (objectName ``form_document``) shows a domain :class:`Form`, or the
``ksd-form.json`` a PDF carries (:meth:`FormDocumentView.set_embedded`): the identity, each
proposal with its kind, partners and priority, and the signature block. The verification
dialog shows what was signed with it; the main window can show a signed form read-only.

:func:`form_document_html` builds the HTML and needs no widget, so it is tested on its own.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...domain.dates import format_date_id
from ...domain.models import Form, Kind
from ...domain.nip import format_nip
from ...domain.serialize import form_from_dict
from ..labels import field_label, label

_STYLE = """
<style>
  h2 { font-size: 13pt; margin: 0 0 2px 0; color: #1f3b57; }
  .meta { color: #5f6b7a; margin: 0 0 8px 0; }
  h3 { font-size: 10.5pt; color: #1f5f99; margin: 12px 0 4px 0; }
  table.grid { border-collapse: collapse; }
  table.grid td, table.grid th { border: 1px solid #c9d1d9; padding: 3px 6px; vertical-align: top; }
  table.grid th { background: #eef2f6; text-align: left; font-weight: bold; }
  td.key { color: #4a5563; width: 32%; background: #f7f9fb; }
  .empty { color: #9aa0a6; }
  .high { color: #b3261e; font-weight: bold; }
  .sign td { padding: 1px 0; }
</style>
"""

_PROPOSAL_FIELDS = [
    "urusan_code",
    "program",
    "problem",
    "potential",
    "object",
    "kind",
    "ksdd_category",
    "externality",
    "ksdpk_form",
    "partners",
    "benefits",
    "rpjmd_alignment",
    "legal_basis",
    "financing",
    "priority",
    "stage",
    "existing_documents",
    "compliance_confirmed",
    "notes",
]
_ENUMS = {"kind", "ksdd_category", "ksdpk_form", "financing", "priority", "stage"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormDocumentView", text)


def _text(value: Any) -> str:
    if value is None or str(value).strip() == "":
        return "<span class='empty'>–</span>"
    return html.escape(str(value)).replace("\n", "<br>")


def _row(key: str, value_html: str) -> str:
    return f"<tr><td class='key' width='30%'>{html.escape(key)}</td><td>{value_html}</td></tr>"


def form_document_html(
    form: Form,
    *,
    agency_name: str = "",
    urusan_names: Mapping[str, str] | None = None,
    region_names: Mapping[str, str] | None = None,
    status: str | None = None,
) -> str:
    """The form as HTML: identity, proposals (kind, partners, priority …), signature block."""
    urusan_names, region_names = urusan_names or {}, region_names or {}
    agency = agency_name or form.agency_code
    status = status or form.status
    heading = _tr("Formulir Pemetaan Kerja Sama Daerah Tahun %1").replace("%1", str(form.year))
    meta = (
        _tr("%1 · revisi %2 · %3")
        .replace("%1", html.escape(agency))
        .replace("%2", str(form.revision))
        .replace("%3", html.escape(label(status)))
    )
    parts = [
        _STYLE,
        f"<h2>{html.escape(heading)}</h2>",
        f"<p class='meta'>{meta}</p>",
        f"<h3>{html.escape(_tr('A. Identitas'))}</h3><table class='grid' width='100%' cellspacing='0'>",
        _row(_tr("Perangkat Daerah"), _text(f"{agency} ({form.agency_code})")),
        _row(field_label("pic_name"), _text(form.pic_name)),
        _row(field_label("pic_position"), _text(form.pic_position)),
        _row(field_label("pic_phone"), _text(form.pic_phone)),
        _row(field_label("pic_email"), _text(form.pic_email)),
        _row(field_label("revision"), _text(form.revision)),
    ]
    if (form.revision or 1) > 1:
        parts.append(_row(field_label("revision_reason"), _text(form.revision_reason)))
    parts.append(_row(_tr("Jumlah usulan"), _text(_tr("%1 usulan").replace("%1", str(len(form.proposals))))))
    parts.append("</table>")
    parts.append(f"<h3>{html.escape(_tr('B–C. Usulan kerja sama'))}</h3>")
    if not form.proposals:
        parts.append(f"<p class='empty'>{html.escape(_tr('Belum ada usulan kerja sama.'))}</p>")
    for proposal in sorted(form.proposals, key=lambda p: p.seq):
        title = _tr("Usulan %1: %2").replace("%1", str(proposal.seq)).replace("%2", proposal.object or "–")
        parts.append(
            f"<table class='grid' width='100%' cellspacing='0'><tr><th colspan='2'>{html.escape(title)}</th></tr>"
        )
        for key in _PROPOSAL_FIELDS:
            if key in ("ksdd_category", "externality") and proposal.kind != Kind.KSDD and not getattr(proposal, key):
                continue
            if key == "ksdpk_form" and proposal.kind != Kind.KSDPK and not proposal.ksdpk_form:
                continue
            parts.append(_row(field_label(key), _value(proposal, key, urusan_names, region_names)))
        parts.append("</table><br>")
    parts.append(_signature(form, agency))
    return "".join(parts)


def _value(proposal, key: str, urusan_names: Mapping[str, str], region_names: Mapping[str, str]) -> str:
    value = getattr(proposal, key)
    if key == "urusan_code":
        return _text(f"{value or ''} {urusan_names.get(value or '', '')}".strip())
    if key == "kind":
        return _text(f"{value} – {label(value)}" if value else "")
    if key == "priority":
        text = _text(label(value))
        return f"<span class='high'>{text}</span>" if value == "tinggi" else text
    if key == "compliance_confirmed":
        return _text(
            _tr(
                "Ya, tidak bertentangan dengan ketertiban umum, kesusilaan, kepentingan nasional dan "
                "peraturan perundang-undangan"
            )
            if value
            else _tr("Belum dinyatakan")
        )
    if key == "partners":
        return _partners(proposal, region_names)
    if key in _ENUMS:
        return _text(label(value))
    return _text(value)


def _partners(proposal, region_names: Mapping[str, str]) -> str:
    items = []
    for number, partner in enumerate(sorted(proposal.partners, key=lambda x: x.seq), 1):
        details = [label(partner.category)] if partner.category else []
        if partner.region_code:
            region = region_names.get(partner.region_code)
            details.append(
                _tr("wilayah %1").replace("%1", f"{region} ({partner.region_code})" if region else partner.region_code)
            )
        if partner.contact:
            details.append(_tr("kontak: %1").replace("%1", partner.contact))
        extra = f"<br><span class='meta'>{html.escape('; '.join(details))}</span>" if details else ""
        items.append(f"{number}. <b>{_text(partner.name)}</b>{extra}")
    return "<br>".join(items) or _text("")


def _signature(form: Form, agency: str) -> str:
    rows = [
        (
            _tr("Tempat, tanggal"),
            f"{form.signed_place or '…'}, {format_date_id(form.signed_date) if form.signed_date else '…'}",
        ),
        (field_label("signer_prefix"), form.signer_prefix),
        (field_label("signer_position"), form.signer_position),
        (field_label("signer_name"), form.signer_name),
        (field_label("signer_rank"), form.signer_rank),
        (field_label("signer_nip"), format_nip(form.signer_nip) if form.signer_nip else ""),
    ]
    body = "".join(_row(k, _text(v)) for k, v in rows if k != field_label("signer_prefix") or v)
    return (
        f"<h3>{html.escape(_tr('D. Pengesahan (tertulis di formulir)'))}</h3>"
        f"<table class='grid' width='100%' cellspacing='0'>{body}</table>"
    )


def form_from_embedded(document: Mapping[str, Any]) -> tuple[Form, dict[str, Any]]:
    """The Form in a PDF's attachment and the names it printed (agency, urusan, regions)."""
    content: dict[str, Any] = found if isinstance(found := document.get("content"), dict) else {}
    form = form_from_dict({k: v for k, v in content.items()})
    form.status = str(document.get("status") or "")
    render: dict[str, Any] = found if isinstance(found := document.get("render"), dict) else {}
    names: dict[str, Any] = {
        "agency_name": str(document.get("agency_name") or render.get("agency_name") or ""),
        "urusan_names": render.get("urusan_names") if isinstance(render.get("urusan_names"), dict) else {},
        "region_names": render.get("region_names") if isinstance(render.get("region_names"), dict) else {},
    }
    return form, names


class FormDocumentView(QTextBrowser):
    """Read-only, selectable text of one form (objectName ``form_document``)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("form_document")
        self.setReadOnly(True)
        self.setOpenLinks(False)

    def set_form(
        self,
        form: Form,
        *,
        agency_name: str = "",
        urusan_names: Mapping[str, str] | None = None,
        region_names: Mapping[str, str] | None = None,
    ) -> None:
        self.setHtml(
            form_document_html(form, agency_name=agency_name, urusan_names=urusan_names, region_names=region_names)
        )

    def set_embedded(self, document: Mapping[str, Any]) -> None:
        """Show the form attached to a PDF (never raises for odd data: shows what it can)."""
        try:
            form, names = form_from_embedded(document)
            self.setHtml(form_document_html(form, **names))
        except Exception:  # noqa: BLE001 - hostile data in an attachment must not break the dialog
            self.setPlainText(_tr("Data formulir di dalam PDF tidak dapat ditampilkan."))

    def clear_form(self, message: str = "") -> None:
        self.setPlainText(message)

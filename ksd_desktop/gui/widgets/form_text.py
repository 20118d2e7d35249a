"""A whole mapping form as read-only rich text, in the order of the official PDF: identity,
the list of proposals, each proposal in full, and the signature block as it is printed.

Labels come from the data dictionary, values from LABELS, dates the naskah dinas way, the
jabatan lines from domain/signing.py (the same functions the PDF uses).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from ...domain.dates import format_date_id
from ...domain.models import Form, Kind, Proposal
from ...domain.nip import format_nip
from ...domain.signing import jabatan_lines, shows_rank_and_nip
from ..labels import field_label, label


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormDocument", text)


@dataclass(frozen=True)
class FormNames:
    """Names the document shows besides the form: from the reference data."""

    agency_name: str
    region_title: str                     # PEMERINTAH KABUPATEN BANJAR
    region_name: str                      # Kabupaten Banjar
    urusan_names: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)


_STYLE = """
<style>
  body { color: #202124; }
  .kop { text-align: center; margin: 0; }
  .region { font-size: 11pt; font-weight: bold; }
  .agency { font-size: 13pt; font-weight: bold; }
  h2 { font-size: 12pt; text-align: center; margin: 10px 0 2px 0; }
  h3 { font-size: 10pt; color: #1f3b57; margin: 14px 0 4px 0; }
  td { padding: 3px 8px 3px 0; vertical-align: top; }
  td.key { color: #5f6b7a; width: 32%; }
  th { text-align: left; color: #1f3b57; font-weight: bold; padding: 4px 8px 4px 0;
       border-bottom: 1px solid #c9d3dd; background: #eef4fb; }
  .empty { color: #9aa0a6; }
  .sign { margin-left: 50%; text-align: center; }
</style>
"""


def _text(value: object) -> str:
    if value is None or str(value).strip() == "":
        return "<span class='empty'>–</span>"
    return html.escape(str(value)).replace("\n", "<br>")


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "<table width='100%' cellspacing='0'>" + "".join(
        f"<tr><td class='key'>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in pairs) + "</table>"


def render_form(form: Form, names: FormNames, *, signed_at: str | None = None) -> str:
    """The form as HTML for a QTextBrowser; ``signed_at`` is the local time of signing, already written out."""
    signed = form.status == "signed"
    parts = [_STYLE,
             f"<p class='kop'><span class='region'>{html.escape(names.region_title.upper())}</span><br>"
             f"<span class='agency'>{html.escape(names.agency_name.upper())}</span></p><hr>",
             f"<h2>{html.escape(_tr('FORMULIR PEMETAAN KERJA SAMA DAERAH'))}<br>"
             f"{html.escape(_tr('TAHUN %1').replace('%1', str(form.year)))}</h2>"]
    status = _tr("Ditandatangani, revisi %1").replace("%1", str(form.revision)) if signed else _tr("Draf")
    if signed and signed_at:
        status += " (" + _tr("dikunci %1").replace("%1", signed_at) + ")"
    status = html.escape(status)
    identity = [(_tr("Perangkat Daerah"), _text(names.agency_name)), (field_label("year"), _text(form.year)),
                (field_label("pic_name"), _text(form.pic_name)), (field_label("pic_position"), _text(form.pic_position)),
                (field_label("pic_phone"), _text(form.pic_phone)), (field_label("pic_email"), _text(form.pic_email)),
                (field_label("status"), status)]
    if (form.revision or 1) > 1:
        identity.append((field_label("revision_reason"), _text(form.revision_reason)))
    if signed and form.content_hash:
        identity.append((field_label("content_hash"), f"<span style='font-size:8pt'>{_text(form.content_hash)}</span>"))
    parts += [f"<h3>{html.escape(_tr('A. Identitas'))}</h3>", _rows(identity)]
    parts += _summary(form, names)
    for proposal in sorted(form.proposals, key=lambda p: p.seq):
        parts.append(_proposal(proposal, names))
    parts.append(_signature(form, names))
    return "".join(parts)


def _summary(form: Form, names: FormNames) -> list[str]:
    heads = [_tr("No"), field_label("urusan_code"), field_label("problem"), field_label("kind"),
             field_label("partners"), field_label("priority")]
    rows = "".join(
        f"<tr><td align='right'>{p.seq}</td><td>{_text(names.urusan_names.get(p.urusan_code or '', p.urusan_code))}</td>"
        f"<td>{_text(p.problem)}</td><td>{_text(p.kind)}</td>"
        f"<td>{_text('; '.join(x.name for x in sorted(p.partners, key=lambda x: x.seq)))}</td>"
        f"<td>{_text(label(p.priority))}</td></tr>" for p in sorted(form.proposals, key=lambda p: p.seq))
    if not rows:
        rows = f"<tr><td colspan='6' class='empty'>{html.escape(_tr('Belum ada usulan kerja sama.'))}</td></tr>"
    return [f"<h3>{html.escape(_tr('B. Daftar Usulan Kerja Sama'))}</h3>",
            "<table width='100%' cellspacing='0'><tr>" + "".join(
                f"<th width='{w}%'>{html.escape(h)}</th>" for h, w in zip(heads, (4, 15, 39, 10, 22, 10)))
            + "</tr>" + rows + "</table>"]


def _proposal(p: Proposal, names: FormNames) -> str:
    pairs = [(field_label("urusan_code"), _text(f"{p.urusan_code or ''} {names.urusan_names.get(p.urusan_code or '', '')}")),
             (field_label("program"), _text(p.program)), (field_label("problem"), _text(p.problem)),
             (field_label("potential"), _text(p.potential)), (field_label("object"), _text(p.object)),
             (field_label("kind"), _text(f"{p.kind} – {label(p.kind)}" if p.kind else ""))]
    if p.kind == Kind.KSDD:
        pairs += [(field_label("ksdd_category"), _text(label(p.ksdd_category))),
                  (field_label("externality"), _text(p.externality))]
    if p.kind == Kind.KSDPK:
        pairs.append((field_label("ksdpk_form"), _text(label(p.ksdpk_form))))
    partners = []
    for x in sorted(p.partners, key=lambda x: x.seq):
        detail = [label(x.category)] if x.category else []
        if x.region_code:
            detail.append(names.region_names.get(x.region_code, x.region_code))
        if x.contact:
            detail.append(x.contact)
        partners.append(f"<b>{_text(x.name)}</b>" + (f" <span style='color:#5f6b7a'>({_text('; '.join(detail))})</span>"
                                                     if detail else ""))
    pairs += [(field_label("partners"), "<br>".join(partners) or _text(None)),
              (field_label("benefits"), _text(p.benefits)), (field_label("rpjmd_alignment"), _text(p.rpjmd_alignment)),
              (field_label("legal_basis"), _text(p.legal_basis)), (field_label("financing"), _text(label(p.financing))),
              (field_label("priority"), _text(label(p.priority))), (field_label("stage"), _text(label(p.stage))),
              (field_label("existing_documents"), _text(p.existing_documents)),
              (field_label("compliance_confirmed"), _text(_tr("Ya, sudah dinyatakan") if p.compliance_confirmed
                                                           else _tr("Belum dinyatakan"))),
              (field_label("notes"), _text(p.notes))]
    head = _tr("Usulan No. %1: %2").replace("%1", str(p.seq)).replace("%2", p.object or "–")
    return f"<h3>{html.escape(head)}</h3>" + _rows(pairs)


def _signature(form: Form, names: FormNames) -> str:
    lines = [html.escape(f"{form.signed_place or '…'}, {format_date_id(form.signed_date) or '…'}")]
    lines += [html.escape(line) for line in
              jabatan_lines(names.agency_name, names.region_name, form.signer_position, form.signer_prefix)]
    lines += ["<br>", f"<b><u>{html.escape(form.signer_name or '…')}</u></b>"]
    if shows_rank_and_nip(names.agency_name, names.region_name, form.signer_position, form.signer_prefix):
        lines += [html.escape(form.signer_rank or "…"), f"NIP. {html.escape(format_nip(form.signer_nip) or '…')}"]
    return (f"<h3>{html.escape(_tr('D. Pengesahan'))}</h3><table width='100%'><tr><td width='50%'></td>"
            f"<td align='center'>{'<br>'.join(lines)}</td></tr></table>")

"""The current layout (services/pdf/layout.py) driven by an attachment: payload → pages.

Export and verification both call :func:`render`, so the pages of a new PDF are by
construction the pages verification expects. Everything the pages show comes from the
payload (content, hash, status and the ``render`` block), nothing from this computer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..layout import Rendered

LAYOUT_VERSION = 1
SUBJECT = "Pemetaan Kerja Sama Daerah (PP 28/2018 Pasal 5)"


def metadata(payload: dict[str, Any]) -> dict[str, str]:
    """Title, author, subject, creator and producer of the document information."""
    block, content = payload["render"], payload["content"]
    agency, app = str(block.get("agency_name", "")), str(block.get("app_version", ""))
    return {
        "title": f"Formulir Pemetaan Kerja Sama Daerah {agency} Tahun {content.get('year')}",
        "author": agency,
        "subject": SUBJECT,
        "creator": app,
        "producer": f"{app} (ReportLab)",
    }


def render(payload: dict[str, Any], *, finish: Callable[[Any], None] | None = None) -> Rendered:
    """Typeset the pages of the payload's form; raises ValueError (or RenderBlockError) for a
    payload that is not sound, and whatever reportlab raises for content it cannot set."""
    from ....domain.serialize import form_from_dict
    from ..context import context_from_render
    from ..layout import PageInfo, qr_text
    from ..layout import render as typeset

    content, status = payload.get("content"), payload.get("status")
    if not isinstance(content, dict) or status not in ("draft", "signed"):
        raise ValueError("payload")
    ctx = context_from_render(payload.get("render"))
    form = form_from_dict(content)
    signed = status == "signed"
    form.status, form.content_hash = status, payload.get("content_hash") if signed else None
    if signed and not isinstance(form.content_hash, str):
        raise ValueError("content_hash")
    from ....domain.signing import DEVICE_LABEL, VERIFICATION_LABEL, verification_footer, verification_text

    footer = (
        verification_footer(form.uuid, form.revision, form.content_hash)
        if signed
        else f"Formulir {form.uuid[:8]} · Revisi {form.revision} · {VERIFICATION_LABEL}: – (draf)"
    )
    if ctx.device_code:
        footer += f" · {DEVICE_LABEL}: {ctx.device_code}"
    info = PageInfo(
        is_draft=not signed,
        footer_left=footer,
        running_head=f"Formulir Pemetaan Kerja Sama Daerah Tahun {form.year} · {ctx.agency_name}",
        qr=qr_text(form.uuid, form.revision, form.content_hash) if signed else None,
        qr_caption=verification_text(form.uuid, form.revision, form.content_hash) if signed else "",
        tte_footer=signed and ctx.tte,  # a draft is not signed: it does not claim a BSrE signature
    )
    return typeset(
        form, ctx, info=info, full_hash=form.content_hash if signed else None, metadata=metadata(payload), finish=finish
    )

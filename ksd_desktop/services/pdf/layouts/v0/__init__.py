"""Layout 0: the form as KSD Desktop 0.1.0 printed it (commit 7bde51f), frozen.

A 0.1.0 attachment (``ksd-form.json`` without ``layout_version``) holds the form's content,
its hash and the agency's name, but not the kop, the reference names or the logo the pages
printed. :func:`render` typesets the pages again from the content and a candidate
:class:`PdfContext`; verification tries the candidates of :func:`candidate_contexts` and
accepts the file only when one of them reproduces its pages exactly.

The modules here are copies of 0.1.0's code (story.py = layout.py, kit.py, texts.py = the
domain wording it used, names.py = the shipped names and kop defaults). Nothing here may
change: tests/fixtures/layout0-*.pdf must keep verifying as UTUH.
"""

from __future__ import annotations

from typing import Any

from .texts import PdfContext, form_record

__all__ = ["PdfContext", "candidate_context", "render"]

APP = "KSD Desktop 0.1.0"
SUBJECT = "Pemetaan Kerja Sama Daerah (PP 28/2018 Pasal 5)"


def candidate_context(
    agency_name: str,
    *,
    region_title: str | None = None,
    region_name: str | None = None,
    letterhead_lines: tuple[str, ...] | None = None,
    urusan_names: dict[str, str] | None = None,
    region_names: dict[str, str] | None = None,
    logo_path: str | None = None,
) -> PdfContext:
    """A context for the pages; what is not given is 0.1.0's shipped default."""
    from . import names

    return PdfContext(
        agency_name=agency_name,
        region_title=names.DEFAULT_REGION_TITLE if region_title is None else region_title,
        region_name=names.REGION_NAMES[names.DEFAULT_HOME_REGION] if region_name is None else region_name,
        letterhead_lines=names.DEFAULT_LETTERHEAD_LINES if letterhead_lines is None else letterhead_lines,
        urusan_names=names.URUSAN_NAMES if urusan_names is None else urusan_names,
        region_names=names.REGION_NAMES if region_names is None else region_names,
        logo_path=logo_path,
    )


def render(content: dict[str, Any], content_hash: str, ctx: PdfContext) -> bytes:
    """The pages of a signed 0.1.0 form (reportlab bytes, before 0.1.0 attached its data)."""
    from .kit import PageInfo
    from .story import render as typeset

    form: Any = form_record(content, "signed", content_hash)  # a texts.Record: the content's keys as attributes
    info = PageInfo(
        is_draft=False,
        footer_left=f"Formulir {form.uuid[:8]} · Revisi {form.revision} · Sidik isi: {content_hash[:12]}",
        running_head=f"Formulir Pemetaan Kerja Sama Daerah Tahun {form.year} · {ctx.agency_name}",
    )
    metadata = {
        "title": f"Formulir Pemetaan Kerja Sama Daerah {ctx.agency_name} Tahun {form.year}",
        "author": ctx.agency_name,
        "subject": SUBJECT,
        "creator": APP,
        "producer": f"{APP} (ReportLab, pypdf)",
    }
    return typeset(
        form,
        ctx,
        info=info,
        qr_payload=f"KSD1|{form.uuid}|{form.revision}|{content_hash}",
        full_hash=content_hash,
        metadata=metadata,
    )

"""What the PDF form needs besides the form: names from the reference tables and the settings.

Plain data with no reportlab, shared by the form's layout, its export and the recap's kop.

A form's PDF records its context in the attachment (the ``render`` block, see form.py), so
that verification can typeset the very same pages again without the local database:
:func:`render_block` writes it, :func:`context_from_render` reads it back.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

#: Paper sizes a layout knows by name (the render block records the name; domain/settings.py
#: PAPER_SIZES_MM gives their size).
PAPERS = ("A4", "F4")
#: The largest logo kept in a PDF's attachment (bytes of the PNG/JPEG file).
MAX_LOGO_BYTES = 256 * 1024
#: The most pixels a logo may have (a small bomb of a PNG must not eat the memory).
MAX_LOGO_PIXELS = 1600 * 1600


@dataclass(frozen=True)
class PdfContext:
    """What the PDF needs besides the form: names from the reference tables and settings."""

    agency_name: str  # "Dinas Kesehatan"
    region_title: str  # "PEMERINTAH KABUPATEN BANJAR"
    region_name: str  # "Kabupaten Banjar" (signature block)
    letterhead_lines: tuple[str, ...]  # the agency's address and contact line under its name in the kop
    urusan_names: dict[str, str] = field(default_factory=dict)  # "1.02" -> "Kesehatan"
    region_names: dict[str, str] = field(default_factory=dict)  # "63.72" -> "Kota Banjarbaru"
    logo_path: str | None = None  # the region's lambang, a PNG/JPG on this computer (kop, left)
    generated_at: str | None = None  # ISO UTC; default now
    logo: bytes | None = None  # the lambang itself (PNG/JPEG), what a form's PDF prints
    paper: str = "A4"  # "A4" or "F4" (PAPERS)
    app_version: str = ""  # "KSD Desktop 0.2.0" (document metadata)
    #: the agency's own logo file, if it has one (kop, right-hand side)
    agency_logo_path: str | None = None
    agency_logo: bytes | None = None  # its bytes (PNG/JPEG), recorded like ``logo``
    #: TTE BSrE mode: room for the e-signature visual in the signature block and, on a signed
    #: form, the BSrE footer on every page (setting ``tte_mode``)
    tte: bool = False
    #: the kode perangkat of the data file that exported the PDF (issue 10), printed in the footer
    #: so it can be read out over the telephone; it identifies a laptop's key, it proves nothing
    device_code: str = ""


class RenderBlockError(ValueError):
    """The render block of an attachment is missing, malformed or out of bounds."""


def render_block(ctx: PdfContext, content: dict[str, Any], exported_at: str) -> dict[str, Any]:
    """The context as the attachment records it: only the names the form uses, the logos
    base64-encoded (already prepared by form.prepare_logo), the paper, the TTE mode and the
    moment of export."""
    urusan = {p.get("urusan_code") for p in content.get("proposals", [])}
    regions = {x.get("region_code") for p in content.get("proposals", []) for x in p.get("partners", [])}
    return {
        "agency_name": ctx.agency_name,
        "region_title": ctx.region_title,
        "region_name": ctx.region_name,
        "letterhead_lines": list(ctx.letterhead_lines),
        "urusan_names": {c: n for c, n in sorted(ctx.urusan_names.items()) if c in urusan},
        "region_names": {c: n for c, n in sorted(ctx.region_names.items()) if c in regions},
        "paper": ctx.paper,
        "tte": bool(ctx.tte),
        "logo": _logo_record(ctx.logo),
        "agency_logo": _logo_record(ctx.agency_logo),
        "exported_at": exported_at,
        "app_version": ctx.app_version,
        "device_code": ctx.device_code,
    }


def _logo_record(data: bytes | None) -> dict[str, str] | None:
    if not data:
        return None
    kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return {"mime": kind, "data": base64.b64encode(data).decode("ascii")}


def _text(block: dict[str, Any], key: str, limit: int = 2000) -> str:
    value = block.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise RenderBlockError(f"render.{key}")
    return value


def _names(block: dict[str, Any], key: str) -> dict[str, str]:
    value = block.get(key)
    if (
        not isinstance(value, dict)
        or len(value) > 1000
        or not all(isinstance(k, str) and isinstance(v, str) and len(k) < 50 and len(v) < 500 for k, v in value.items())
    ):
        raise RenderBlockError(f"render.{key}")
    return dict(value)


def context_from_render(block: Any) -> PdfContext:
    """The context recorded in an attachment; raises RenderBlockError when it is not sound."""
    if not isinstance(block, dict):
        raise RenderBlockError("render")
    lines = block.get("letterhead_lines")
    if not isinstance(lines, list) or len(lines) > 20 or not all(isinstance(x, str) and len(x) < 2000 for x in lines):
        raise RenderBlockError("render.letterhead_lines")
    paper = block.get("paper")
    if paper not in PAPERS:
        raise RenderBlockError("render.paper")
    tte = block.get("tte")
    if not isinstance(tte, bool):
        raise RenderBlockError("render.tte")
    return PdfContext(
        agency_name=_text(block, "agency_name"),
        region_title=_text(block, "region_title"),
        region_name=_text(block, "region_name"),
        letterhead_lines=tuple(lines),
        urusan_names=_names(block, "urusan_names"),
        region_names=_names(block, "region_names"),
        generated_at=_text(block, "exported_at", 40),
        logo=_logo(block, "logo"),
        paper=paper,
        app_version=_text(block, "app_version", 100),
        agency_logo=_logo(block, "agency_logo"),
        tte=tte,
        device_code=_device_code(block),
    )


def _device_code(block: dict[str, Any]) -> str:
    value = _text(block, "device_code", 20)
    if any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-" for ch in value):
        raise RenderBlockError("render.device_code")
    return value


def _logo(block: dict[str, Any], key: str) -> bytes | None:
    """A logo of the render block: PNG or JPEG bytes within MAX_LOGO_BYTES, or None."""
    value = block.get(key, False)
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("mime") not in ("image/png", "image/jpeg"):
        raise RenderBlockError(f"render.{key}")
    data = value.get("data")
    if not isinstance(data, str) or len(data) > MAX_LOGO_BYTES * 4 // 3 + 4:
        raise RenderBlockError(f"render.{key}")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise RenderBlockError(f"render.{key}") from None
    signature = b"\x89PNG\r\n\x1a\n" if value["mime"] == "image/png" else b"\xff\xd8\xff"
    if not raw.startswith(signature):
        raise RenderBlockError(f"render.{key}")
    return raw

"""What the PDF form needs besides the form: names from the reference tables and the settings.

Plain data with no reportlab, shared by the form's layout, its export and the recap's kop.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PdfContext:
    """What the PDF needs besides the form: names from the reference tables and settings."""

    agency_name: str                      # "Dinas Kesehatan"
    region_title: str                     # "PEMERINTAH KABUPATEN BANJAR"
    region_name: str                      # "Kabupaten Banjar" (signature block)
    letterhead_lines: tuple[str, ...]     # the agency's address and contact line under its name in the kop
    urusan_names: dict[str, str] = field(default_factory=dict)   # "1.02" -> "Kesehatan"
    region_names: dict[str, str] = field(default_factory=dict)   # "63.72" -> "Kota Banjarbaru"
    logo_path: str | None = None          # optional PNG/JPG; unreadable -> no logo
    generated_at: str | None = None       # ISO UTC; default now
    agency_logo_path: str | None = None   # the agency's own logo, if it has one (kop, right-hand side)

"""Every layout of the PDF form ever released, by version, so every PDF stays verifiable.

Verification typesets a form's pages again from the data attached to the PDF and compares
them with the file's pages (services/pdf/verify.py). That only works if the code that drew
the pages is still here: a PDF records the version of its layout (``layout_version`` in
``ksd-form.json``), and this package keeps one renderer per version.

    version 0   KSD Desktop 0.1.0 (commit 7bde51f), frozen in v0/; its attachment lacks
                the kop and names, so verification tries the candidate contexts
    version 1   the current layout: services/pdf/layout.py + kit.py, through current.py

THE RULE. Once a version has been released, anything that changes how a form looks (a word,
a label, a date format, a margin, the fonts, the QR text, the reportlab version, the domain
wording the pages print) must create a NEW layout version:

1. copy the released layout into ``v<N>/`` (as v0/ was made: layout.py → story.py, kit.py,
   the domain texts it prints → texts.py, with imports pointing only inside the copy), and
   register it below;
2. raise ``current.LAYOUT_VERSION`` and make the change in layout.py/kit.py;
3. add a fixture made by the new version (tests/fixtures/make_fixtures.py) and leave the old
   fixtures alone: tests/services/test_verify_fixtures.py must still call every one UTUH.

Changes made before a version is released (in the same release) may edit that version in
place, as long as its fixture is regenerated. Pin reportlab, pypdf, pyHanko and pypdfium2 in
the lock file: an upgrade can change the bytes a layout draws; the fixtures will tell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .current import LAYOUT_VERSION as CURRENT

if TYPE_CHECKING:
    from ..layout import Rendered

__all__ = ["CURRENT", "KNOWN", "LEGACY", "UnknownLayoutError", "render"]

#: Attachments without ``layout_version`` were written by KSD Desktop 0.1.0.
LEGACY = 0
KNOWN = (LEGACY, CURRENT)


class UnknownLayoutError(ValueError):
    """The PDF names a layout this version of the application does not have."""


def render(payload: dict[str, Any], *, finish: Callable[[Any], None] | None = None) -> Rendered:
    """The pages of a form from its attachment alone (layout ``payload["layout_version"]``);
    ``finish`` runs on reportlab's canvas just before the file is written (form.attach).

    Never reads the database or the settings. Layout 0 is not rendered here: its attachment
    does not say which kop it printed (see v0/ and verify.py).
    """
    version = payload.get("layout_version")
    if version == CURRENT and not isinstance(version, bool):
        from .current import render as render_current

        return render_current(payload, finish=finish)
    raise UnknownLayoutError(version)

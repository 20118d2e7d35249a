"""The official PDF mapping form (Formulir Pemetaan Kerja Sama Daerah), draft or signed.

``build_form_pdf(form, ctx, out)`` builds the attachment's payload first, typesets the pages
from the payload alone (layouts/, the same code verification runs) and, in the same reportlab
pass, attaches the payload and writes the document information (:func:`attach`):

- embedded file ``ksd-form.json`` (EmbeddedFiles name tree, also listed in the catalog's
  /AF with /AFRelationship /Data, MIME type application/json), UTF-8 JSON::

      {"format": "ksd-desktop/form", "format_version": 2, "layout_version": 1,
       "status": "signed", "content": <canonical_content(form)>,
       "content_hash": <sha256 of canonical_json(form)>, "agency_name": "Dinas Kesehatan",
       "exported_at": "2024-08-08T02:00:00Z",
       "render": {"agency_name", "region_title", "region_name", "letterhead_lines",
                  "urusan_names", "region_names" (only the codes the form uses),
                  "paper" ("A4" or "F4"), "tte" (TTE BSrE mode, true/false),
                  "logo" (the region's lambang, kop left): {"mime", "data" (base64)} or null,
                  "agency_logo" (the agency's own logo, kop right): the same or null,
                  "exported_at", "app_version"}}

  ``content_hash`` is always the hash of the content as embedded, also for a draft.
  Format version 1 (KSD Desktop 0.1.0) had neither ``layout_version`` nor ``render``.
- document information: /Title, /Author (agency), /Subject, /Creator "KSD Desktop <version>",
  /CreationDate = /ModDate = the export time, and /KSDFormUUID, /KSDRevision,
  /KSDContentHash, /KSDStatus (strings). /KSDContentHash is the signed hash for a signed
  form and the hash of the current content for a draft.
- the file identifier /ID is derived from the form (uuid, revision, hash, export time, layout),
  and reportlab runs in invariant mode: the same payload always gives the same bytes.
- a signed form carries a QR code in the footer of its last page (layout.qr_text: a short
  Indonesian sentence with the form, revision and short hash); a draft carries none and is
  watermarked.

The file is never encrypted, signed or permission-restricted, so BSrE's tools (Panter,
Besign) or ``ksd-desktop sign-pdf`` can sign it later as an incremental update that leaves
all of the above intact.

This module imports neither reportlab nor pypdf at import time (the main window imports the
services and must not wait for them); it takes domain objects and runs no SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ... import APP_NAME, __version__
from ...domain.canonical import canonical_content, dumps_canonical, hash_text, signed_version
from ...domain.dates import utc_now_iso
from ...domain.models import Form, FormStatus
from .context import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, PdfContext, render_block
from .layouts import CURRENT as LAYOUT_VERSION

if TYPE_CHECKING:
    from pypdf import PdfReader

EMBEDDED_NAME = "ksd-form.json"
EMBEDDED_FORMAT = "ksd-desktop/form"
EMBEDDED_FORMAT_VERSION = 2
EMBEDDED_DESCRIPTION = "Data formulir pemetaan KSD Desktop (JSON kanonis, untuk verifikasi dan impor)"
META_UUID, META_REVISION, META_HASH, META_STATUS = "/KSDFormUUID", "/KSDRevision", "/KSDContentHash", "/KSDStatus"
#: A logo file larger than this is not even opened (the settings dialog lets one pick any image).
MAX_LOGO_FILE = 32 * 1024 * 1024
LOGO_EDGE = 600


def read_embedded(reader: PdfReader) -> bytes | None:
    """The attached ``ksd-form.json`` of an open pypdf ``PdfReader`` (the last, if several)."""
    data = reader.attachments.get(EMBEDDED_NAME)
    if not data:
        return None
    return data[-1] if isinstance(data, list) else data


def app_version() -> str:
    return f"{APP_NAME} {__version__}"


def prepare_logo(path: str | Path | None) -> bytes | None:
    """A logo (the lambang or the agency's own) as the attachment keeps it: the PNG/JPEG file
    itself when it is small, else a PNG scaled to at most 600 px; None when there is no logo or
    it cannot be read."""
    if not path:
        return None
    try:
        file = Path(path)
        if file.stat().st_size > MAX_LOGO_FILE:
            return None
        raw = file.read_bytes()
        from PIL import Image

        with Image.open(io.BytesIO(raw)) as image:
            if image.width * image.height > 64 * MAX_LOGO_PIXELS:
                return None
            if (
                image.format in ("PNG", "JPEG")
                and len(raw) <= MAX_LOGO_BYTES
                and image.width * image.height <= MAX_LOGO_PIXELS
            ):
                return raw
            image.thumbnail((LOGO_EDGE, LOGO_EDGE))
            mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
            out = io.BytesIO()
            image.convert(mode).save(out, "PNG", optimize=True)
    except Exception:  # noqa: BLE001 - missing, unreadable or exotic file: print without a logo
        return None
    return out.getvalue() if len(out.getvalue()) <= MAX_LOGO_BYTES else None


def embedded_payload(form: Form, ctx: PdfContext, exported_at: str) -> dict[str, Any]:
    """The JSON attached to the PDF (see the module docstring); ``ctx.logo`` as prepared. The
    content is in the canonical version the form was signed with (the current one for a draft)."""
    content = canonical_content(form, signed_version(form))
    return {
        "format": EMBEDDED_FORMAT,
        "format_version": EMBEDDED_FORMAT_VERSION,
        "layout_version": LAYOUT_VERSION,
        "status": form.status,
        "content": content,
        "content_hash": hash_text(dumps_canonical(content)),
        "agency_name": ctx.agency_name,
        "exported_at": exported_at,
        "render": render_block(ctx, content, exported_at),
    }


def build_form_pdf(form: Form, ctx: PdfContext, out: str | Path | BinaryIO) -> None:
    """Write the form as a PDF to a path (replaced atomically) or a binary stream.

    Raises ValueError for a form marked signed without a content hash, or whose hash is not
    the hash of its content (nothing else: any user text, however long or odd, prints).
    """
    signed = form.status == FormStatus.SIGNED
    if signed and not form.content_hash:
        raise ValueError("Formulir berstatus ditandatangani tetapi tidak memiliki kode verifikasi.")
    if ctx.logo is None and ctx.logo_path:
        ctx = dataclasses.replace(ctx, logo=prepare_logo(ctx.logo_path))
    if ctx.agency_logo is None and ctx.agency_logo_path:
        ctx = dataclasses.replace(ctx, agency_logo=prepare_logo(ctx.agency_logo_path))
    if not ctx.app_version:
        ctx = dataclasses.replace(ctx, app_version=app_version())
    payload = embedded_payload(form, ctx, ctx.generated_at or utc_now_iso())
    if signed and payload["content_hash"] != form.content_hash:
        raise ValueError("Kode verifikasi formulir tidak cocok dengan isinya; formulir tidak diekspor.")
    _write(form_document(payload), out)


def _pdf_date(iso: str) -> str:
    """ISO 8601 UTC → PDF date string (D:YYYYMMDDHHmmSSZ); now for anything unparsable."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    moment = moment.astimezone(dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def document_id(payload: dict[str, Any]) -> bytes:
    """The file identifier: 16 bytes derived from the form, its revision, hash and export."""
    content = payload["content"]
    key = "|".join(
        str(x)
        for x in (
            content.get("uuid"),
            content.get("revision"),
            payload["content_hash"],
            payload["exported_at"],
            payload.get("layout_version"),
        )
    )
    return hashlib.sha256(key.encode("utf-8")).digest()[:16]


def form_document(payload: dict[str, Any], attached: dict[str, Any] | None = None) -> bytes:
    """The PDF file: the pages of ``payload`` (layouts/) with ``attached`` (default: the same
    payload) attached, in reportlab's own pass. Tests forge files by attaching other data."""
    from .layouts import render

    return render(payload, finish=attacher(payload if attached is None else attached)).pdf


def attacher(payload: dict[str, Any]) -> Callable[[Any], None]:
    """What :func:`attach` writes, worked out now (raises KeyError, TypeError … for a payload
    that lacks a part): a function that writes it on reportlab's canvas before the file is saved."""
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    date = _pdf_date(payload["exported_at"])
    content = payload["content"]
    from .layouts.current import metadata as layout_metadata

    metadata = layout_metadata(payload)
    info = {
        "Title": metadata["title"],
        "Author": metadata["author"],
        "Subject": metadata["subject"],
        "Creator": metadata["creator"],
        "Producer": metadata["producer"],
        "CreationDate": date,
        "ModDate": date,
        META_UUID[1:]: str(content.get("uuid")),
        META_REVISION[1:]: str(content.get("revision")),
        META_HASH[1:]: str(payload["content_hash"]),
        META_STATUS[1:]: "signed" if payload["status"] == FormStatus.SIGNED else "draft",
    }
    identifier = document_id(payload)
    return lambda canvas: attach(canvas, data, date, info, identifier)


def attach(canvas: Any, data: bytes, date: str, info: dict[str, str], identifier: bytes) -> None:
    """Before reportlab writes the file: attach the JSON ``data`` (Flate-compressed, described
    as a PDF 2.0 / PDF/A-3 associated file) and set the document information (every value a
    text string), the /ID and the header (PDF 1.7: the draft watermark uses 1.4 transparency).
    Writing these objects in reportlab's pass spares a second parse and write of the file."""
    from reportlab.pdfbase.pdfdoc import (
        PDFArray,
        PDFCatalog,
        PDFDictionary,
        PDFInfo,
        PDFName,
        PDFStream,
        PDFString,
        PDFText,
        PDFZCompress,
    )

    document = canvas._doc
    stream = document.Reference(
        PDFStream(
            PDFDictionary(
                {
                    "Type": PDFName("EmbeddedFile"),
                    "Subtype": "/application#2fjson",  # the MIME type as a name: its "/" escaped (PDFName does not)
                    "Params": PDFDictionary(
                        {"Size": len(data), "CreationDate": PDFString(date), "ModDate": PDFString(date)}
                    ),
                }
            ),
            content=data,
            filters=[PDFZCompress],
        )
    )
    spec = document.Reference(
        PDFDictionary(
            {
                "Type": PDFName("Filespec"),
                "F": PDFString(EMBEDDED_NAME),
                "UF": PDFString(EMBEDDED_NAME),
                "Desc": PDFString(EMBEDDED_DESCRIPTION),
                "AFRelationship": PDFName("Data"),
                "EF": PDFDictionary({"F": stream, "UF": stream}),
            }
        )
    )
    catalog = document.Catalog
    catalog.Names = PDFDictionary(
        {"EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(EMBEDDED_NAME), spec])})}
    )
    catalog.AF = PDFArray([spec])
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "AF"]  # /AF inline (not in __Refs__)

    class Info(PDFInfo):  # every value a text string, the dates too (as pypdf wrote them before)
        def format(self, doc: Any) -> bytes:
            values: dict[str, Any] = {key: PDFString(value) for key, value in info.items()}
            values.update(Keywords=PDFString(""), Trapped=PDFName("False"))
            return PDFDictionary(values).format(doc)

    document.info = Info()
    text = PDFText(identifier, enc="raw").format(document)
    document._ID = b"\n[" + text + text + b"]\n"
    document._pdfVersion = (1, 7)


def _write(document: bytes, out: str | Path | BinaryIO) -> None:
    if hasattr(out, "write"):
        out.write(document)
        return
    target = Path(out)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644  # mkstemp makes 0600
    handle, temp = tempfile.mkstemp(prefix=".ksd-pdf-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(document)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise

"""The official PDF mapping form (Formulir Pemetaan Kerja Sama Daerah), draft or signed.

``build_form_pdf(form, ctx, out)`` typesets the form with reportlab (layout.py) and then,
with pypdf, attaches the form's data and writes the document information:

- embedded file ``ksd-form.json`` (EmbeddedFiles name tree, also listed in the catalog's
  /AF with /AFRelationship /Data, MIME type application/json), UTF-8 JSON::

      {"format": "ksd-desktop/form", "format_version": 1, "status": "signed",
       "content": <canonical_content(form)>, "content_hash": <sha256 of canonical_json(form)>,
       "agency_name": "Dinas Kesehatan", "exported_at": "2024-08-08T02:00:00Z"}

  ``content_hash`` is always the hash of the content as embedded, also for a draft.
- document information: /Title, /Author (agency), /Subject, /Creator "KSD Desktop <version>",
  and /KSDFormUUID, /KSDRevision, /KSDContentHash, /KSDStatus (strings). /KSDContentHash is
  the signed hash for a signed form and the hash of the current content for a draft.
- a signed form carries a QR code whose text is :func:`qr_payload`:
  ``KSD1|<uuid>|<revision>|<content_hash>``; a draft carries none and is watermarked.

The file is never encrypted, signed or permission-restricted, so BSrE's tools (Panter,
Besign) can sign it later as an incremental update that leaves all of the above intact.

This module imports neither reportlab nor pypdf at import time (the main window imports the
services and must not wait for them); it takes domain objects and runs no SQL.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from ... import APP_NAME, __version__
from ...domain.canonical import canonical_content, dumps_canonical, hash_text, short_hash, signed_version
from ...domain.dates import utc_now_iso
from ...domain.models import Form, FormStatus
from .context import PdfContext

EMBEDDED_NAME = "ksd-form.json"
EMBEDDED_FORMAT = "ksd-desktop/form"
EMBEDDED_FORMAT_VERSION = 1
EMBEDDED_DESCRIPTION = "Data formulir pemetaan KSD Desktop (JSON kanonis, untuk verifikasi dan impor)"
QR_PREFIX = "KSD1"
SUBJECT = "Pemetaan Kerja Sama Daerah (PP 28/2018 Pasal 5)"
META_UUID, META_REVISION, META_HASH, META_STATUS = "/KSDFormUUID", "/KSDRevision", "/KSDContentHash", "/KSDStatus"


def qr_payload(form_uuid: str, revision: int | str, content_hash: str) -> str:
    """The verification text of the QR code: ``KSD1|<uuid>|<revision>|<content_hash>``."""
    return f"{QR_PREFIX}|{form_uuid}|{revision}|{content_hash}"


def read_embedded(reader) -> bytes | None:
    """The attached ``ksd-form.json`` of an open pypdf ``PdfReader`` (the last, if several)."""
    data = reader.attachments.get(EMBEDDED_NAME)
    if not data:
        return None
    return data[-1] if isinstance(data, list) else data


def document_title(form: Form, ctx: PdfContext) -> str:
    return f"Formulir Pemetaan Kerja Sama Daerah {ctx.agency_name} Tahun {form.year}"


def embedded_payload(form: Form, ctx: PdfContext, exported_at: str) -> dict[str, Any]:
    """The JSON attached to the PDF (see the module docstring); the content in the canonical
    version the form was signed with (the current one for a draft)."""
    content = canonical_content(form, signed_version(form))
    return {
        "format": EMBEDDED_FORMAT,
        "format_version": EMBEDDED_FORMAT_VERSION,
        "status": form.status,
        "content": content,
        "content_hash": hash_text(dumps_canonical(content)),
        "agency_name": ctx.agency_name,
        "exported_at": exported_at,
    }


def build_form_pdf(form: Form, ctx: PdfContext, out: str | Path | BinaryIO) -> None:
    """Write the form as a PDF to a path (replaced atomically) or a binary stream.

    Raises ValueError for a form marked signed without a content hash (nothing else: any user
    text, however long or odd, prints).
    """
    signed = form.status == FormStatus.SIGNED
    if signed and not form.content_hash:
        raise ValueError("Formulir berstatus ditandatangani tetapi tidak memiliki sidik isi.")
    generated_at = ctx.generated_at or utc_now_iso()
    payload = embedded_payload(form, ctx, generated_at)
    meta_hash = form.content_hash if signed else payload["content_hash"]
    metadata = {
        "title": document_title(form, ctx),
        "author": ctx.agency_name,
        "subject": SUBJECT,
        "creator": f"{APP_NAME} {__version__}",
        "producer": f"{APP_NAME} {__version__} (ReportLab, pypdf)",
    }
    from .layout import PageInfo, render  # reportlab: loaded only when a PDF is made

    footer_hash = short_hash(form.content_hash) if signed else "– (draf)"
    info = PageInfo(
        is_draft=not signed,
        footer_left=f"Formulir {form.uuid[:8]} · Revisi {form.revision} · Sidik isi: {footer_hash}",
        running_head=f"Formulir Pemetaan Kerja Sama Daerah Tahun {form.year} · {ctx.agency_name}",
    )
    raw = render(form, ctx, info=info,
                 qr_payload=qr_payload(form.uuid, form.revision, form.content_hash) if signed else None,
                 full_hash=form.content_hash if signed else None, metadata=metadata)
    document = _finish(raw, payload, metadata, {
        META_UUID: form.uuid, META_REVISION: str(form.revision), META_HASH: meta_hash or "",
        META_STATUS: form.status,
    }, generated_at)
    _write(document, out)


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


def _finish(raw: bytes, payload: dict[str, Any], metadata: dict[str, str], custom: dict[str, str],
            generated_at: str) -> bytes:
    """Attach the JSON and write the document information (pypdf), returning the final bytes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.pdf_header = b"%PDF-1.7"  # reportlab says 1.3; the draft watermark uses 1.4 transparency
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    date = _pdf_date(generated_at)
    # The attachment is written by hand (Flate-compressed, described as a PDF 2.0 / PDF/A-3
    # associated file): the same objects on every pypdf version the project accepts.
    plain_stream = DecodedStreamObject()
    plain_stream.set_data(data)
    stream = plain_stream.flate_encode()
    stream.update({
        NameObject("/Type"): NameObject("/EmbeddedFile"),
        NameObject("/Subtype"): NameObject("/application/json"),
        NameObject("/Params"): DictionaryObject({
            NameObject("/Size"): NumberObject(len(data)),
            NameObject("/CreationDate"): TextStringObject(date),
            NameObject("/ModDate"): TextStringObject(date),
        }),
    })
    stream_ref = writer._add_object(stream)
    spec_ref = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Filespec"),
        NameObject("/F"): TextStringObject(EMBEDDED_NAME),
        NameObject("/UF"): TextStringObject(EMBEDDED_NAME),
        NameObject("/Desc"): TextStringObject(EMBEDDED_DESCRIPTION),
        NameObject("/AFRelationship"): NameObject("/Data"),
        NameObject("/EF"): DictionaryObject({NameObject("/F"): stream_ref, NameObject("/UF"): stream_ref}),
    }))
    embedded_files = writer._add_object(DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject(EMBEDDED_NAME), spec_ref]),
    }))
    writer.root_object[NameObject("/Names")] = writer._add_object(DictionaryObject({
        NameObject("/EmbeddedFiles"): embedded_files,
    }))
    writer.root_object[NameObject("/AF")] = ArrayObject([spec_ref])
    writer.add_metadata({
        "/Title": metadata["title"], "/Author": metadata["author"], "/Subject": metadata["subject"],
        "/Creator": metadata["creator"], "/Producer": metadata["producer"],
        "/CreationDate": date, "/ModDate": date, **custom,
    })
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _write(document: bytes, out: str | Path | BinaryIO) -> None:
    if hasattr(out, "write"):
        out.write(document)  # type: ignore[union-attr]
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

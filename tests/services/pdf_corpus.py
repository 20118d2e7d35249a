"""Genuine and tampered form PDFs, built in Python (pypdf, pyHanko, our own renderer).

Shared by the verification and signing tests. Every builder takes the genuine export's bytes
and returns the bytes of a file someone who has read our code might produce.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    RectangleObject,
    TextStringObject,
)

from ksd_desktop.domain.canonical import dumps_canonical, hash_text
from ksd_desktop.services.pdf.form import EMBEDDED_NAME, form_document

EXPORTED_AT = "2024-08-08T02:30:00Z"
PASSPHRASE = b"sandi-uji-123"


@dataclass(frozen=True)
class Certificates:
    """A throwaway CA and a signer certificate issued by it (PKCS#12), made in the test session."""

    p12: Path
    ca_pem: Path
    other_ca_pem: Path


def make_certificates(folder: Path, signer: str = "dr. Noor Ifansyah, M.Kes.") -> Certificates:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def ca(name: str):
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Balai Sertifikasi Uji (bukan BSrE)"),
            ]
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=2))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        return key, cert

    ca_key, ca_cert = ca("Root CA Uji KSD")
    _, other = ca("Root CA Lain")
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, signer),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kabupaten Banjar"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=90))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    p12 = folder / "penandatangan-uji.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"uji", key, cert, [ca_cert], serialization.BestAvailableEncryption(PASSPHRASE)
        )
    )
    ca_pem, other_pem = folder / "root-ca-uji.pem", folder / "root-ca-lain.pem"
    ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    other_pem.write_bytes(other.public_bytes(serialization.Encoding.PEM))
    return Certificates(p12, ca_pem, other_pem)


# ---------------------------------------------------------------------------- helpers


def payload_of(data: bytes) -> dict:
    return json.loads(PdfReader(io.BytesIO(data)).attachments[EMBEDDED_NAME][0])


def page_with(data: bytes, text: str) -> int:
    """0-based index of the first page whose text contains ``text``."""
    for index, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        if text in " ".join(page.extract_text().split()):
            return index
    raise AssertionError(f"{text!r} not on any page")


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def altered_pages(data: bytes, change) -> bytes:
    """Pages typeset by our own code from altered content, with the ORIGINAL attachment,
    metadata, footer hash and QR: a careful forger's edit of what the page says."""
    payload = payload_of(data)
    altered = copy.deepcopy(payload)
    change(altered["content"])
    return form_document(altered, attached=payload)


def incremental(data: bytes, edit) -> bytes:
    """The genuine bytes, kept, with an incremental update made by ``edit(writer, reader)``."""
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    edit(writer)
    out = _write(writer)
    assert out.startswith(data)
    return out


def rewrite(data: bytes, edit) -> bytes:
    """The file rewritten (no incremental update) after ``edit(writer)``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    edit(writer)
    return _write(writer)


def append_content(writer: PdfWriter, index: int, operators: bytes) -> None:
    page = writer.pages[index]
    stream = DecodedStreamObject()
    stream.set_data(operators)
    ref = writer._add_object(stream)
    contents = page.raw_get("/Contents")
    page[NameObject("/Contents")] = (
        ArrayObject([contents, ref]) if not isinstance(contents, ArrayObject) else ArrayObject([*contents, ref])
    )


def other_pages_in_front(data: bytes, other: bytes, *, replace: bool) -> bytes:
    """Another agency's pages placed before this PDF's last page (keeping our attachment and
    our last page with its signature block and QR code); ``replace`` drops ours, so the page
    count stays the same."""
    theirs = PdfReader(io.BytesIO(other)).pages

    def edit(writer: PdfWriter) -> None:
        count = len(writer.pages)
        for i in range(count - 1):
            writer.insert_page(theirs[min(i, len(theirs) - 1)], i)
        if replace:
            for _ in range(count - 1):
                writer.remove_page(count - 1)

    return rewrite(data, edit)


def edit_text_bytes(data: bytes, index: int) -> bytes:
    """One glyph code inside a text string of page ``index`` changed, file rewritten."""

    def edit(writer: PdfWriter) -> None:
        page = writer.pages[index]
        content = page.get_contents()
        assert content is not None, "every page of the form has content"
        raw = content.get_data()
        at = raw.rindex(b") Tj")
        raw = raw[: at - 1] + bytes([raw[at - 1] ^ 1]) + raw[at:]
        content.set_data(raw)
        page.replace_contents(content)

    return rewrite(data, edit)


def white_box(writer: PdfWriter, index: int) -> None:
    append_content(writer, index, b"q 1 g 80 380 300 60 re f Q")


def free_text(writer: PdfWriter, index: int) -> None:
    from pypdf.annotations import FreeText

    writer.add_annotation(index, FreeText(text="Prioritas: Rendah", rect=(300, 400, 500, 430)))


def crop_box(writer: PdfWriter, index: int) -> None:
    writer.pages[index].cropbox = RectangleObject([0, 500, 595, 842])


def open_action_js(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('Dokumen asli');")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def forged_export(data: bytes, change) -> bytes:
    """A coherent forgery: content edited, every hash recomputed, pages rendered by our code."""
    payload = payload_of(data)
    change(payload["content"])
    payload["render"]["agency_name"] = payload["agency_name"] = {"DISDIK": "Dinas Pendidikan"}.get(
        payload["content"]["agency_code"], payload["agency_name"]
    )
    payload["content_hash"] = hash_text(dumps_canonical(payload["content"]))
    return form_document(payload)


def sign_with_pyhanko(data: bytes, certs: Certificates, *, field: str = "TTE_BSrE", box=None) -> bytes:
    """A PDF signature like BSrE's tools add (an incremental update), optionally visible at ``box``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(str(certs.p12), passphrase=PASSPHRASE)
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if box is not None:
        fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=-1, box=box))
    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name=field), signer).sign_pdf(writer, output=out)
    return out.getvalue()


def flip_signed_byte(data: bytes) -> bytes:
    """One byte changed inside the part of the file a signature covers (/KSDStatus of the export's
    document information, which nothing else reads)."""
    at = data.index(b"/KSDStatus (signed)") + len(b"/KSDStatus (")
    return data[:at] + b"S" + data[at + 1 :]


def javascript_names(writer: PdfWriter) -> None:
    """A document-level JavaScript in the /Names tree (run when the document opens)."""
    action = writer._add_object(
        DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")}
        )
    )
    names = cast(DictionaryObject, writer._root_object["/Names"])
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("ksd"), action])}
    )


def huge_mediabox(data: bytes) -> bytes:
    def edit(writer: PdfWriter) -> None:
        writer.pages[0].mediabox = RectangleObject([0, 0, FloatObject(1e6), FloatObject(1e6)])

    return rewrite(data, edit)


def with_attachment(data: bytes, raw: bytes) -> bytes:
    """The genuine file with ksd-form.json replaced by ``raw`` (hostile JSON)."""

    def edit(writer: PdfWriter) -> None:
        del writer._root_object["/Names"]
        del writer._root_object["/AF"]
        writer.add_attachment(EMBEDDED_NAME, raw)

    return rewrite(data, edit)


def leaf_certificate(folder: Path) -> Path:
    """A self-signed certificate that is not a CA (must be refused as a trust anchor), as DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bukan CA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = folder / "bukan-ca.der"
    path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    return path


def recursive_xobject(writer: PdfWriter) -> None:
    """A form XObject that draws itself (infinite recursion for a naive renderer)."""
    from pypdf.generic import StreamObject

    form = StreamObject()
    form.set_data(b"q /X0 Do Q")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(10), FloatObject(10)]),
        }
    )
    ref = writer._add_object(form)
    form[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/X0"): ref})}
    )
    page = writer.pages[0]
    resources = cast(DictionaryObject, page["/Resources"])
    resources[NameObject("/XObject")] = DictionaryObject({NameObject("/X0"): ref})
    append_content(writer, 0, b"q /X0 Do Q")

"""Compare what a PDF shows with the pages typeset again from its data (pages.py views).

The catalog may hold what the export wrote (same values as the re-render) plus what a PDF
signature adds: /AcroForm with signature fields only, /DSS, /Perms, /Extensions, /Metadata,
/Version. Anything else that changes what a viewer shows or runs (/OpenAction, /AA,
JavaScript and other name trees, form fields, optional content, page labels, outlines, a
portfolio …) is a difference, and so is any page that is not the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pages import PART_NAMES, DocumentView

#: Catalog keys a PDF signature (pyHanko, BSrE tools) may add; compared separately or harmless.
SIGNING_KEYS = frozenset({"/Extensions", "/Version"})
ACROFORM_KEYS = frozenset({"/Fields", "/SigFlags", "/DA", "/DR"})
CATALOG_WORDS = {
    "/OpenAction": "tindakan otomatis saat dokumen dibuka (/OpenAction)",
    "/AA": "tindakan tambahan dokumen (/AA)",
    "/OCProperties": "lapisan isi yang dapat disembunyikan (/OCProperties)",
    "/PageLabels": "label nomor halaman (/PageLabels)",
    "/Outlines": "penanda/bookmark (/Outlines)",
    "/Collection": "portofolio PDF (/Collection)",
    "/URI": "alamat tautan (/URI)",
    "/Threads": "alur artikel (/Threads)",
    "/StructTreeRoot": "struktur penandaan (/StructTreeRoot)",
    "/PageLayout": "tata letak tampilan (/PageLayout)",
    "/PageMode": "mode tampilan (/PageMode)",
    "/ViewerPreferences": "preferensi penampil (/ViewerPreferences)",
    "/Lang": "bahasa dokumen (/Lang)",
}
NAME_WORDS = {
    "/JavaScript": "JavaScript",
    "/AP": "tampilan bernama (/AP)",
    "/Dests": "tujuan tautan (/Dests)",
    "/EmbeddedFiles": "lampiran",
}


@dataclass(frozen=True)
class Difference:
    """One thing the file shows or does that the re-rendered form does not.

    ``kind``: ``page`` (what a page draws: content, resources, boxes, attributes),
    ``pixels`` (seen only by the second engine), ``structure`` (anything else: annotations,
    the page count, the catalog, the title) — a different kop explains only ``page``."""

    text: str
    page: int | None = None
    kind: str = "structure"


def compare_views(
    found: DocumentView, expected: DocumentView, *, attachment_name: str, title: str | None
) -> list[Difference]:
    """Every difference between the file (``found``) and the re-render (``expected``)."""
    out = _catalog(found, expected, attachment_name)
    if title is not None and found.title != title:
        out.append(Difference("Judul dokumen (/Title) yang tampil di jendela penampil PDF telah diubah."))
    if len(found.pages) != len(expected.pages):
        out.append(
            Difference(
                f"Jumlah halaman {len(found.pages)}, padahal formulir ini {len(expected.pages)} "
                "halaman: ada halaman yang ditambahkan atau dihapus."
            )
        )
    for mine, theirs in zip(found.pages, expected.pages, strict=False):
        changed = [
            PART_NAMES[k]
            for k in PART_NAMES
            if mine.parts.get(k) != theirs.parts.get(k)
            and not (k == "isi" and _same_tokens(mine.content, theirs.content))
        ]
        if changed:
            out.append(
                Difference(
                    f"Halaman {mine.number}: {', '.join(changed)} berbeda dari yang seharusnya "
                    "menurut data formulir di dalam PDF.",
                    mine.number,
                    "page",
                )
            )
        if mine.other_annotations:
            kinds = ", ".join(sorted({k.lstrip("/") for k in mine.other_annotations}))
            out.append(
                Difference(
                    f"Halaman {mine.number}: ada anotasi tambahan ({kinds}) yang tampil di atas halaman.", mine.number
                )
            )
    return out


def _same_tokens(mine: bytes, theirs: bytes) -> bool:
    """Whether two content streams that differ in bytes say the same (tokens.py)."""
    from .tokens import token_digest

    try:
        return token_digest(mine) == token_digest(theirs)
    except ValueError:  # PdfLimitError: not a well-formed content stream
        return False


def _catalog(found: DocumentView, expected: DocumentView, attachment_name: str) -> list[Difference]:
    out: list[Difference] = []
    for key in sorted(set(found.catalog) | set(expected.catalog)):
        if key in SIGNING_KEYS and key not in expected.catalog:
            continue
        if found.catalog.get(key) != expected.catalog.get(key):
            word = CATALOG_WORDS.get(key, f"kunci katalog {key}")
            verb = (
                "ditambahkan" if key not in expected.catalog else ("dihapus" if key not in found.catalog else "diubah")
            )
            out.append(Difference(f"Dokumen: {word} {verb}."))
    for key in sorted(found.names):
        out.append(Difference(f"Dokumen: {NAME_WORDS.get(key, key)} ditambahkan ke pohon nama dokumen."))
    extra = [n for n in found.attachments if n != attachment_name]
    if extra or found.attachments.count(attachment_name) > 1:
        out.append(Difference(f"Dokumen: ada lampiran lain ({', '.join(extra) or attachment_name})."))
    if found.other_fields:
        out.append(
            Difference(
                f"Dokumen: ada kolom formulir isian yang bukan tanda tangan ({', '.join(found.other_fields[:5])})."
            )
        )
    odd = [k for k in found.acroform_keys if k not in ACROFORM_KEYS]
    if odd:
        out.append(Difference(f"Dokumen: formulir isian memuat {', '.join(odd)} (misalnya XFA)."))
    return out

"""What a PDF viewer shows, normalised: pages and document-level features as digests.

:func:`read_view` walks a document opened with pyHanko's reader (the final state of the
file: every incremental update applied) and reduces each page to digests of what decides
its appearance:

- ``isi``: the decoded content streams, concatenated;
- ``sumber daya``: the resources they use, followed through every reference (fonts with
  their embedded programs, images and form XObjects decoded, ExtGState, colour spaces,
  patterns, shadings);
- ``ukuran``: the page boxes and /Rotate, /UserUnit, inherited ones resolved;
- ``atribut``: every other key of the page (/Group, /Trans, /AA, …);
- the annotations, split into signature widgets (judged later, by where they draw) and
  anything else (never part of an export).

Object numbers, compression and the order of objects in the file do not change a digest;
any change of what is drawn does. The catalog is summarised the same way, key by key, with
the attachment and the signature structures picked out. Every size, depth and count is
bounded (guard.py): a hostile file raises PdfLimitError or a pyHanko error, never hangs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .guard import MAX_DECODED_BYTES, MAX_DEPTH, MAX_NODES, MAX_PAGE_SIDE, MAX_PAGES, PdfLimitError

INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit")
#: Page keys with a component of their own (everything else is ``atribut``).
OWN_KEYS = frozenset({"/Type", "/Parent", "/Contents", "/Resources", "/Annots", *BOXES})
STREAM_PACKAGING = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL"})
#: Filters whose data pyHanko does not decode: compared as encoded bytes with the filter.
UNDECODED = frozenset(
    {
        "/DCTDecode",
        "/DCT",
        "/JPXDecode",
        "/JBIG2Decode",
        "/CCITTFaxDecode",
        "/CCF",
        "/RunLengthDecode",
        "/RL",
        "/LZWDecode",
        "/LZW",
    }
)
PART_NAMES = {
    "isi": "isi halaman",
    "sumber daya": "huruf, gambar atau sumber daya halaman",
    "ukuran": "ukuran atau kotak halaman",
    "atribut": "atribut halaman",
}


@dataclass(frozen=True)
class Widget:
    """A signature widget annotation on a page: where it is and whether it can draw."""

    field: str
    rect: tuple[float, float, float, float]
    visible: bool


@dataclass
class PageView:
    number: int  # 1-based
    parts: dict[str, bytes]  # component → digest
    media_box: tuple[float, float, float, float]
    user_unit: float
    signature_widgets: list[Widget] = field(default_factory=list)
    other_annotations: list[str] = field(default_factory=list)  # subtypes, e.g. "/FreeText"
    content: bytes = b""  # the decoded content, concatenated


@dataclass
class DocumentView:
    pages: list[PageView]
    catalog: dict[str, bytes]  # catalog key → digest of its value
    names: dict[str, bytes]  # /Names key → digest
    attachments: list[str]  # names in /Names/EmbeddedFiles
    attachment: Any  # the ksd-form.json EmbeddedFile stream, or None
    signature_fields: list[str]
    other_fields: list[str]  # AcroForm fields that are not signatures
    acroform_keys: list[str]
    title: str | None


class Normaliser:
    """Digests of PDF objects, following references, with a memo and bounds."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, int], bytes] = {}
        self.active: set[tuple[int, int]] = set()
        self.nodes = 0
        self.decoded = 0

    def digest(self, obj: Any, depth: int = 0) -> bytes:
        from pyhanko.pdf_utils import generic

        if depth > MAX_DEPTH:
            raise PdfLimitError("depth")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise PdfLimitError("nodes")
        if isinstance(obj, generic.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in self.memo:
                return self.memo[key]
            if key in self.active:
                return _h(b"cycle")
            self.active.add(key)
            try:
                value = self.digest(obj.get_object(), depth + 1)
            finally:
                self.active.discard(key)
            self.memo[key] = value
            return value
        if isinstance(obj, generic.StreamObject):
            head = self._dict(obj, depth, skip=STREAM_PACKAGING)
            return _h(b"S", head, self.stream_digest(obj))
        if isinstance(obj, generic.DictionaryObject):
            return self._dict(obj, depth)
        if isinstance(obj, generic.ArrayObject):
            return _h(b"A", *(self.digest(item, depth + 1) for item in obj))
        return scalar(obj)

    def _dict(self, obj: Any, depth: int, skip: frozenset[str] = frozenset()) -> bytes:
        parts = [b"D"]
        for key in sorted(obj.keys()):
            if key in skip:
                continue
            parts += [str(key).encode("utf-8", "surrogatepass"), self.digest(obj.raw_get(key), depth + 1)]
        return _h(*parts)

    def stream_digest(self, stream: Any) -> bytes:
        return hashlib.sha256(self.stream_data(stream)).digest()

    def stream_data(self, stream: Any) -> bytes:
        """Decoded data, or, for image codecs pyHanko does not decode, the filters and the
        encoded data (the export embeds a JPEG logo as it is: same bytes either way)."""
        filters = entry(stream, "/Filter")
        names = [str(f) for f in (filters if isinstance(filters, list) else [filters] if filters else [])]
        data: bytes
        if any(name in UNDECODED for name in names):
            data = ("|".join(names)).encode("ascii", "replace") + b"\0" + stream.encoded_data
        else:
            data = stream.data
        self.decoded += len(data)
        if self.decoded > MAX_DECODED_BYTES:
            raise PdfLimitError("decoded")
        return data


def entry(obj: Any, key: str, default: Any = None) -> Any:
    """``obj[key]`` with references resolved (pyHanko's ``get`` does not resolve them)."""
    try:
        return obj[key] if key in obj else default
    except (TypeError, AttributeError):
        return default


def scalar(obj: Any) -> bytes:
    """Digest of a direct, non-container object (numbers compared by value: 1 = 1.0)."""
    from pyhanko.pdf_utils import generic

    if isinstance(obj, generic.BooleanObject):
        return _h(b"B", b"1" if obj.value else b"0")
    if isinstance(obj, generic.NullObject) or obj is None:
        return _h(b"N")
    if isinstance(obj, generic.NameObject):
        return _h(b"/", str(obj).encode("utf-8", "surrogatepass"))
    if isinstance(obj, (generic.TextStringObject, generic.ByteStringObject)):
        return _h(b"s", bytes(obj.original_bytes))
    if isinstance(obj, (int, Decimal, float)):
        return _h(b"#", number_text(obj).encode("ascii"))
    return _h(b"?", type(obj).__name__.encode("ascii"))


def number_text(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise PdfLimitError("number") from None
    if not number.is_finite():
        raise PdfLimitError("number")
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _h(*parts: bytes) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


def _numbers(value: Any, count: int) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != count:
        raise PdfLimitError("box")
    out = []
    for item in value:
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, bool) or not isinstance(item, (int, Decimal, float)):
            raise PdfLimitError("box")
        number = float(item)
        if number != number or abs(number) > 1e7:
            raise PdfLimitError("box")
        out.append(number)
    return tuple(out)


def _rect(value: Any) -> tuple[float, float, float, float]:
    """A box or a /Rect: four numbers."""
    x0, y0, x1, y1 = _numbers(value, 4)
    return x0, y0, x1, y1


def iter_pages(root: Any) -> list[tuple[Any, dict[str, Any]]]:
    """The page dictionaries in order, each with its inherited attributes (bounded walk)."""
    from pyhanko.pdf_utils import generic

    pages: list[tuple[Any, dict[str, Any]]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, dict[str, Any], int]] = [(root.raw_get("/Pages"), {}, 0)]
    while stack:
        node_ref, inherited, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PdfLimitError("page tree depth")
        if isinstance(node_ref, generic.IndirectObject):
            key = (node_ref.idnum, node_ref.generation)
            if key in seen:
                raise PdfLimitError("page tree cycle")
            seen.add(key)
        node = node_ref.get_object() if hasattr(node_ref, "get_object") else node_ref
        if not isinstance(node, generic.DictionaryObject):
            raise PdfLimitError("page tree node")
        here = dict(inherited)
        for name in INHERITED:
            if name in node:
                here[name] = node.raw_get(name)
        if "/Kids" in node:
            kids = node["/Kids"]
            if not isinstance(kids, list) or entry(node, "/Type") not in (None, "/Pages"):
                raise PdfLimitError("page tree kids")
            stack.extend((kid, here, depth + 1) for kid in reversed(kids))
        else:
            if entry(node, "/Type") not in (None, "/Page"):
                raise PdfLimitError("page type")
            pages.append((node, here))
            if len(pages) > MAX_PAGES:
                raise PdfLimitError("pages")
    return pages


def page_view(number: int, page: Any, inherited: dict[str, Any], norm: Normaliser) -> PageView:
    from pyhanko.pdf_utils import generic

    resolved = {**inherited, **{k: page.raw_get(k) for k in page.keys()}}
    if "/MediaBox" not in resolved:
        raise PdfLimitError("mediabox")
    media = _rect(
        resolved["/MediaBox"].get_object() if hasattr(resolved["/MediaBox"], "get_object") else resolved["/MediaBox"]
    )
    unit_value = resolved.get("/UserUnit", 1)
    unit_value = unit_value.get_object() if hasattr(unit_value, "get_object") else unit_value
    unit = _numbers([unit_value], 1)[0]
    width, height = abs(media[2] - media[0]) * unit, abs(media[3] - media[1]) * unit
    if not (1 <= width <= MAX_PAGE_SIDE and 1 <= height <= MAX_PAGE_SIDE) or unit <= 0:
        raise PdfLimitError("page size")
    boxes = [_h(name.encode("ascii"), norm.digest(resolved[name]) if name in resolved else _h(b"-")) for name in BOXES]
    contents = resolved.get("/Contents")
    content = b""
    if contents is not None:
        value = contents.get_object()
        streams = value if isinstance(value, generic.ArrayObject) else [contents]
        chunks = []
        for item in streams:
            stream = item.get_object()
            if not isinstance(stream, generic.StreamObject):
                raise PdfLimitError("contents")
            chunks.append(norm.stream_data(stream))
        content = b"\n".join(chunks)
    others = sorted(k for k in resolved if k not in OWN_KEYS)
    parts = {
        "isi": hashlib.sha256(content).digest(),
        "sumber daya": norm.digest(resolved["/Resources"]) if "/Resources" in resolved else _h(b"-"),
        "ukuran": _h(*boxes),
        "atribut": _h(*(_h(k.encode("utf-8", "surrogatepass"), norm.digest(resolved[k])) for k in others)),
    }
    view = PageView(number, parts, media, unit, content=content)
    annots = entry(page, "/Annots")
    if annots is not None:
        if not isinstance(annots, list) or len(annots) > 1000:
            raise PdfLimitError("annots")
        for item in annots:
            _annotation(view, item.get_object())
    return view


def _annotation(view: PageView, annot: Any) -> None:
    from pyhanko.pdf_utils import generic

    if not isinstance(annot, generic.DictionaryObject):
        view.other_annotations.append("(rusak)")
        return
    subtype = str(entry(annot, "/Subtype", "(tanpa jenis)"))
    name, kind = _field_of(annot)
    if subtype != "/Widget" or kind != "/Sig":
        view.other_annotations.append(subtype)
        return
    rect = _rect(entry(annot, "/Rect"))
    flags = entry(annot, "/F", 0)
    hidden = isinstance(flags, int) and bool(flags & 2 or flags & 32)  # Hidden, NoView
    visible = not hidden and "/AP" in annot and abs(rect[2] - rect[0]) > 0 and abs(rect[3] - rect[1]) > 0
    view.signature_widgets.append(Widget(name, rect, visible))


def _field_of(annot: Any) -> tuple[str, str | None]:
    """The field name and type (/FT, inherited through /Parent) of a widget."""
    node, depth, names, kind = annot, 0, [], None
    while node is not None and depth < 32:
        if "/T" in node:
            names.append(str(node["/T"]))
        if kind is None and "/FT" in node:
            kind = str(node["/FT"])
        parent = entry(node, "/Parent")
        node = parent if parent is not None and hasattr(parent, "keys") else None
        depth += 1
    return ".".join(reversed(names)), kind


def read_view(reader: Any) -> DocumentView:
    """The normalised view of a document opened with pyHanko (``PdfFileReader`` or a
    historical revision); raises PdfLimitError or pyHanko errors for broken files."""
    from pyhanko.pdf_utils import generic

    root = reader.root
    if not isinstance(root, generic.DictionaryObject) or "/Pages" not in root:
        raise PdfLimitError("catalog")
    norm = Normaliser()
    pages = [page_view(i, page, inherited, norm) for i, (page, inherited) in enumerate(iter_pages(root), 1)]
    catalog = {
        str(k): norm.digest(root.raw_get(k))
        for k in root.keys()
        if k not in ("/Pages", "/Names", "/AcroForm", "/AF", "/DSS", "/Metadata", "/Perms")
    }
    names: dict[str, bytes] = {}
    attachments: list[str] = []
    attachment = None
    tree = entry(root, "/Names")
    if isinstance(tree, generic.DictionaryObject):
        names = {str(k): norm.digest(tree.raw_get(k)) for k in tree.keys() if k != "/EmbeddedFiles"}
        attachments, attachment = _embedded_files(entry(tree, "/EmbeddedFiles"))
    elif tree is not None:
        names = {"(rusak)": b""}
    signature_fields, other_fields, acro_keys = _acroform(entry(root, "/AcroForm"))
    info = entry(reader.trailer_view, "/Info")
    title = None
    if isinstance(info, generic.DictionaryObject) and "/Title" in info:
        title = str(info["/Title"])
    return DocumentView(
        pages, catalog, names, attachments, attachment, signature_fields, other_fields, acro_keys, title
    )


def _embedded_files(tree: Any) -> tuple[list[str], Any]:
    """Names in a flat EmbeddedFiles tree, and our attachment's stream (None if absent)."""
    from pyhanko.pdf_utils import generic

    from .form import EMBEDDED_NAME

    if tree is None:
        return [], None
    if not isinstance(tree, generic.DictionaryObject) or "/Kids" in tree:
        return ["(struktur lampiran tidak dikenal)"], None
    entries = entry(tree, "/Names", [])
    if not isinstance(entries, list) or len(entries) % 2 or len(entries) > 200:
        return ["(struktur lampiran tidak dikenal)"], None
    names, stream = [], None
    for i in range(0, len(entries), 2):
        name = str(entries[i])
        names.append(name)
        spec = entries[i + 1].get_object() if hasattr(entries[i + 1], "get_object") else entries[i + 1]
        if name == EMBEDDED_NAME and isinstance(spec, generic.DictionaryObject):
            ef = entry(spec, "/EF")
            candidate = entry(ef, "/F") if isinstance(ef, generic.DictionaryObject) else None
            if isinstance(candidate, generic.StreamObject):
                stream = candidate
    return names, stream


def _acroform(form: Any) -> tuple[list[str], list[str], list[str]]:
    """Signature field names, other field names, and the AcroForm's keys."""
    from pyhanko.pdf_utils import generic

    if form is None:
        return [], [], []
    if not isinstance(form, generic.DictionaryObject):
        return [], ["(rusak)"], []
    signatures: list[str] = []
    others: list[str] = []
    stack: list[tuple[Any, str | None, int]] = [(f, None, 0) for f in reversed(entry(form, "/Fields", []) or [])]
    count = 0
    while stack:
        item, inherited_kind, depth = stack.pop()
        count += 1
        if count > 2000 or depth > 32:
            raise PdfLimitError("fields")
        node = item.get_object() if hasattr(item, "get_object") else item
        if not isinstance(node, generic.DictionaryObject):
            others.append("(rusak)")
            continue
        kind = str(node["/FT"]) if "/FT" in node else inherited_kind
        kids = entry(node, "/Kids")
        if (
            isinstance(kids, list)
            and kids
            and all(isinstance(k.get_object(), generic.DictionaryObject) and "/T" in k.get_object() for k in kids)
        ):
            stack.extend((k, kind, depth + 1) for k in reversed(kids))
            continue
        (signatures if kind == "/Sig" else others).append(str(entry(node, "/T", "(tanpa nama)")))
    return signatures, others, sorted(str(k) for k in form.keys())

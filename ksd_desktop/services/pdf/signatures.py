"""What was added to a PDF after its export, and the PDF signatures in it (pyHanko).

An export is one revision. Anything appended later is an incremental update ("pembaruan"),
and each one is judged against the one before:

- it must leave the pages (content, resources, boxes, attributes) and the catalog as they
  were, except for what a signature adds (/AcroForm, /DSS, /Perms, /Extensions,
  /Metadata, /Version) and annotations, which the page comparison judges on the final
  state (only signature widgets may be there);
- once a signature exists, pyHanko's difference analysis must also allow it: a new
  signature at most "form filling", anything else at most "LTA updates" (DSS, timestamps).

Each signature is validated with the user's trust anchors (trust.py), offline: is it intact,
does it cover its whole revision, what was changed after it, does its certificate chain to
an installed anchor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .pages import Normaliser, entry, iter_pages, page_view

if TYPE_CHECKING:
    from .trust import Anchor

ALLOWED_CATALOG_CHANGES = frozenset({"/AcroForm", "/DSS", "/Perms", "/Extensions", "/Metadata", "/Version"})
TRUST_WORDS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "tidak berantai ke sertifikat akar tepercaya yang dipasang",
    "OUT_OF_BOUNDS_NO_POE": "sertifikat sudah kedaluwarsa atau belum berlaku",
    "OUT_OF_BOUNDS_NOT_REVOKED": "sertifikat sudah kedaluwarsa atau belum berlaku",
    "EXPIRED": "sertifikat sudah kedaluwarsa",
    "NOT_YET_VALID": "sertifikat belum berlaku",
    "REVOKED": "sertifikat telah dicabut",
    "REVOKED_NO_POE": "sertifikat telah dicabut",
    "CHAIN_CONSTRAINTS_FAILURE": "rantai sertifikat tidak memenuhi batasan",
    "CRYPTO_CONSTRAINTS_FAILURE": "algoritma kriptografinya tidak diterima",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "algoritma kriptografinya tidak diterima",
}


@dataclass(frozen=True)
class SignatureInfo:
    """One PDF signature (for example a BSrE e-signature or ``ksd-desktop sign-pdf``)."""

    field: str
    signer: str
    issuer: str
    signed_at: str | None
    intact: bool  # the signed bytes are unchanged and the signature is valid
    trusted: bool  # the certificate chains to an installed trust anchor
    whole_file: bool  # it covers the whole file, or only allowed additions follow
    revision: int  # the update that added it (1 = first update after export)
    problems: tuple[str, ...] = ()
    trust_note: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.problems)


@dataclass
class History:
    """The updates appended after the export, in order, and what is wrong with them."""

    updates: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


#: One revision's page parts (annotations aside), page by page, and its catalog values, as digests.
Digests = tuple[list[tuple[tuple[str, bytes], ...]], dict[str, bytes]]


def _content_digests(resolver: Any) -> Digests:
    """Page parts (annotations aside) and catalog values, as digests, of one revision."""
    norm = Normaliser()
    root = resolver.root
    pages = [tuple(sorted(page_view(i, p, inh, norm).parts.items())) for i, (p, inh) in enumerate(iter_pages(root), 1)]
    catalog = {
        str(k): norm.digest(root.raw_get(k)) for k in root.keys() if k != "/Pages" and k not in ALLOWED_CATALOG_CHANGES
    }
    return pages, catalog


def examine(reader: Any, anchors: list[Anchor]) -> tuple[History, list[SignatureInfo]]:
    """Judge every update after the export and validate every signature."""
    history = History()
    total = reader.xrefs.total_revisions
    signatures = list(reader.embedded_signatures) if total > 1 or _has_signature_field(reader) else []
    by_revision = {s.signed_revision: s for s in signatures}
    base = _export_revision(reader, total)
    previous = reader.get_historical_resolver(base) if total > base + 1 else None
    before = _content_digests(previous) if previous is not None else None
    for revision in range(base + 1, total):
        assert previous is not None and before is not None, "set before the loop, which runs only if there are updates"
        current = reader.get_historical_resolver(revision)
        after = _content_digests(current)
        signature = by_revision.get(revision)
        what = f"tanda tangan PDF «{signature.field_name}»" if signature is not None else None
        problems = _compare_revisions(before, after)
        problems += _pyhanko_review(previous, current, is_signature=signature is not None)
        if what is None:
            what = (
                "data validasi tanda tangan (DSS/cap waktu)"
                if not problems and "/AcroForm" in previous.root
                else "perubahan yang bukan tanda tangan"
            )
        history.updates.append(f"pembaruan ke-{revision - base}: {what}")
        history.problems += [f"Pembaruan ke-{revision - base} (setelah ekspor): {p}" for p in problems]
        previous, before = current, after
    infos = [_validate(sig, anchors) for sig in signatures]
    return history, infos


def _export_revision(reader: Any, total: int) -> int:
    """The revision that holds the whole exported document: 0, or 1 in a linearized file
    (rewritten for "fast web view"), whose first cross-reference section covers only the
    first page and has no catalog of its own."""
    if total < 2:
        return 0
    first = reader.get_historical_resolver(0)
    try:
        first.root  # noqa: B018
    except KeyError:
        reader.stream.seek(0)
        if b"/Linearized" in reader.stream.read(2048):
            return 1
        raise
    return 0


def _has_signature_field(reader: Any) -> bool:
    form = entry(reader.root, "/AcroForm")
    return form is not None and bool(entry(form, "/Fields"))


def _compare_revisions(before: Digests, after: Digests) -> list[str]:
    old_pages, old_catalog = before
    new_pages, new_catalog = after
    problems = []
    if len(old_pages) != len(new_pages):
        problems.append("jumlah halaman berubah.")
    changed = [i for i, (a, b) in enumerate(zip(old_pages, new_pages, strict=False), 1) if a != b]
    if changed:
        problems.append(f"isi halaman {', '.join(map(str, changed))} diubah.")
    keys = sorted(k for k in set(old_catalog) | set(new_catalog) if old_catalog.get(k) != new_catalog.get(k))
    if keys:
        problems.append(f"katalog dokumen diubah ({', '.join(keys)}).")
    return problems


def _pyhanko_review(previous: Any, current: Any, *, is_signature: bool) -> list[str]:
    """pyHanko's difference analysis, once a signature (and so an /AcroForm) exists."""
    if "/AcroForm" not in previous.root:
        return []
    import logging

    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification

    try:
        result = DEFAULT_DIFF_POLICY.apply(previous, current)
    except (SuspiciousModification, Exception) as exc:  # noqa: BLE001 - any failure is suspicious
        logging.getLogger("pyhanko").info("difference analysis: %s", exc)
        return ["analisis perbedaan pyHanko menemukan perubahan yang tidak diizinkan setelah tanda tangan."]
    limit = ModificationLevel.FORM_FILLING if is_signature else ModificationLevel.LTA_UPDATES
    if result.modification_level > limit:
        return ["analisis perbedaan pyHanko menemukan perubahan selain tanda tangan atau data validasinya."]
    return []


def _validate(sig: Any, anchors: list[Anchor]) -> SignatureInfo:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    from .trust import certificate_name, certificates

    name = str(sig.field_name or "(tanpa nama)")
    try:
        context = ValidationContext(trust_roots=certificates(anchors), allow_fetching=False)
        status = validate_pdf_signature(sig, signer_validation_context=context)
    except Exception as exc:  # noqa: BLE001 - a broken signature, however it breaks
        import logging

        logging.getLogger("pyhanko").info("signature %s: %s", name, exc)
        return SignatureInfo(
            name,
            "tidak diketahui",
            "tidak diketahui",
            None,
            False,
            False,
            False,
            sig.signed_revision,
            ("tanda tangan ini rusak dan tidak dapat diperiksa.",),
        )
    cert = status.signing_cert
    signer = certificate_name(cert.subject) if cert is not None else "tidak diketahui"
    issuer = certificate_name(cert.issuer) if cert is not None else "tidak diketahui"
    when = status.signer_reported_dt.isoformat(timespec="minutes") if status.signer_reported_dt else None
    problems = []
    if not (status.intact and status.valid):
        problems.append("bagian berkas yang ditandatangani telah diubah (tanda tangan rusak).")
    coverage = status.coverage
    if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problems.append("tanda tangan tidak mencakup seluruh revisinya (cakupan tidak sesuai yang diklaim).")
    level = status.modification_level
    if level is not None and level > ModificationLevel.FORM_FILLING:
        problems.append("setelah tanda tangan ini ada perubahan yang tidak diizinkan.")
    if status.docmdp_ok is False:
        problems.append("perubahan setelah tanda tangan melanggar izin yang ditetapkannya (DocMDP).")
    whole = coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        level is not None and level <= ModificationLevel.FORM_FILLING
    )
    note = ""
    if not status.trusted:
        indic = getattr(status.trust_problem_indic, "name", "") or ""
        note = TRUST_WORDS.get(indic, "tidak berantai ke sertifikat akar tepercaya yang dipasang")
    return SignatureInfo(
        name,
        signer,
        issuer,
        when,
        bool(status.intact and status.valid),
        bool(status.trusted),
        bool(whole),
        sig.signed_revision,
        tuple(problems),
        note,
    )

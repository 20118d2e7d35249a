"""Where an incoming file comes from, and what it may therefore change (docs/bundle-format.md, "Trust").

Every version-2 bundle is signed (keys.py); its signature was checked when it was read
(incoming.py), so here a bundle's public key is a fact. What it is worth depends on the keys
this data file has recorded, one per *holder* (an agency code, or ``TKKSD`` for the
secretariat):

- ``own``: signed by this data file itself;
- ``known``: the recorded key of every holder concerned (the agencies of its forms, or the
  secretariat for a bundle sent as *Sekretariat TKKSD*);
- ``new``: some holder has no recorded key yet: trust on first use, the preview asks to
  record the kode perangkat (:class:`KeyDecision`);
- ``changed``: some holder has *another* key recorded: shown loudly, imported only when the
  user decides to replace the recorded key (a new laptop);
- ``unsigned``: a version-1 bundle, and ``pdf``: a PDF form; both are *tidak terautentikasi*
  (a PDF counts only with a PDF signature chaining to an installed trust anchor).

A form counts as authenticated when the file is signed by the recorded key of the form's
own agency; signed data from any other source needs the user's decision (importer.py).
Review fields (the TKKSD assessment) are taken only on a *Perangkat Daerah* data file, and
only from a bundle signed by the recorded secretariat key that is not older than the last
one imported from it: on a *Sekretariat TKKSD* data file, never.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.dates import format_date_id
from ...domain.device import SECRETARIAT_HOLDER, Role, device_code, role_label
from ...storage.keys import KeyStore
from ...storage.repositories import SettingsRepository
from .bundle import UNSIGNED_FORMAT_VERSION, data_role
from .keys import own_public_key

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..pdf.trust import Anchor
    from .incoming import IncomingFile


class KeyState(StrEnum):
    OWN = "own"
    KNOWN = "known"
    NEW = "new"
    CHANGED = "changed"
    UNSIGNED = "unsigned"
    PDF = "pdf"
    PDF_TRUSTED = "pdf_trusted"


class KeyDecision(StrEnum):
    RECORD = "record"  # record (or replace) the file's key for its holders, then import the file
    SKIP = "skip"  # do not import the file


@dataclass(frozen=True)
class KeyPolicy:
    """How :func:`importer.preview` sets each file's key decision (the GUI lets the user change it).

    ``record_new``: record a key seen for the first time (trust on first use; the GUI's
    default, the CLI's ``--catat-kunci-baru``). ``replace_codes``: kode perangkat the user
    confirmed for a key that differs from the recorded one (the CLI's ``--ganti-kunci``).
    """

    record_new: bool = True
    replace_codes: frozenset[str] = frozenset()


def holder_label(holder: str) -> str:
    return "Sekretariat TKKSD" if holder == SECRETARIAT_HOLDER else holder


@dataclass
class SenderCheck:
    """Who sent one file, against the keys recorded here, and what that allows."""

    state: KeyState
    role: str | None = None  # the sender's role as its manifest says
    public_key: str | None = None  # hex
    holders: tuple[str, ...] = ()  # whose key this file claims to be
    new_holders: tuple[str, ...] = ()
    changed: dict[str, str] = field(default_factory=dict)  # holder → recorded public key (hex)
    first_seen: dict[str, str] = field(default_factory=dict)  # holder → when its recorded key was first seen
    also_recorded_for: tuple[str, ...] = ()  # other holders with this key (information)
    trusted_agencies: frozenset[str] = frozenset()  # forms of these agencies are authenticated
    takes_reviews: bool = False
    reviews_reason: str = ""  # why review fields are not taken (Indonesian)
    bundle_at: str | None = None  # the export time, UTC, ``YYYY-MM-DDTHH:MM:SSZ``
    decision: KeyDecision | None = None  # for ``new`` and ``changed``

    @property
    def device_code(self) -> str | None:
        return device_code(bytes.fromhex(self.public_key)) if self.public_key else None

    @property
    def needs_decision(self) -> bool:
        return self.state in (KeyState.NEW, KeyState.CHANGED)

    @property
    def imports(self) -> bool:
        """Whether the file's forms are applied (a new or changed key only when recorded)."""
        return not self.needs_decision or self.decision == KeyDecision.RECORD

    @property
    def authenticated(self) -> bool:
        return self.state in (KeyState.OWN, KeyState.KNOWN, KeyState.NEW, KeyState.CHANGED, KeyState.PDF_TRUSTED)

    def recorded_code(self, holder: str) -> str | None:
        key = self.changed.get(holder)
        return device_code(bytes.fromhex(key)) if key else None

    def same_state(self, other: SenderCheck) -> bool:
        """Whether ``other`` (checked again when applying) still asks the decision this one was made on."""
        return (self.state, self.new_holders, self.changed) == (other.state, other.new_holders, other.changed)

    def describe(self) -> str:
        """One or two Indonesian sentences for the preview."""
        holders = ", ".join(holder_label(h) for h in self.holders)
        code = self.device_code
        if self.state == KeyState.UNSIGNED:
            return (
                "Tidak terautentikasi: berkas format lama (versi 1) tanpa tanda tangan perangkat. Formulir "
                "yang ditandatangani dari berkas ini tidak pernah menimpa data yang ditandatangani tanpa "
                "keputusan Anda."
            )
        if self.state == KeyState.PDF:
            return (
                "Tidak terautentikasi: PDF tanpa tanda tangan elektronik yang berantai ke sertifikat tepercaya. "
                "Formulir yang ditandatangani dari PDF ini memerlukan keputusan Anda."
            )
        if self.state == KeyState.PDF_TRUSTED:
            return "PDF bertanda tangan elektronik yang berantai ke sertifikat tepercaya."
        sent_as = role_label(self.role)
        if self.state == KeyState.OWN:
            return f"Kode perangkat {code}: berkas dari berkas data ini sendiri."
        if self.state == KeyState.KNOWN:
            return f"Kode perangkat {code} ({sent_as}): sesuai dengan yang tercatat untuk {holders}."
        if self.state == KeyState.NEW:
            others = (
                f" Kode perangkat ini sudah tercatat untuk {', '.join(map(holder_label, self.also_recorded_for))}."
                if self.also_recorded_for
                else ""
            )
            return (
                f"Kode perangkat {code} ({sent_as}) belum tercatat untuk "
                f"{', '.join(holder_label(h) for h in self.new_holders)}. Cocokkan kode ini dengan pengirim "
                f"(misalnya lewat telepon) sebelum mencatatnya.{others}"
            )
        recorded = ", ".join(
            f"{holder_label(h)}: {self.recorded_code(h)} (tercatat sejak "
            f"{format_date_id(self.first_seen.get(h, '')[:10] or None)})"
            for h in self.changed
        )
        return (
            f"KODE PERANGKAT BERBEDA DARI YANG TERCATAT. Berkas ditandatangani dengan kode perangkat {code} "
            f"({sent_as}); yang tercatat: {recorded}. Bisa jadi laptop baru, bisa jadi berkas dari orang lain: "
            "tanyakan kepada pengirim sebelum mengganti kode perangkat yang tercatat."
        )


def bundle_time(exported_at: str | None) -> str | None:
    """An export time in UTC as ``YYYY-MM-DDTHH:MM:SSZ`` (text order is time order), or None."""
    if not exported_at:
        return None
    try:
        moment = dt.datetime.fromisoformat(exported_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def trust_anchors(db: Database) -> list[Anchor]:
    """The CA certificates installed in Settings (services/pdf/trust.py)."""
    from ..pdf.trust import installed_anchors

    return installed_anchors(db)


def pdf_signed_by_trusted_anchor(path: Path, anchors: Sequence[Anchor]) -> bool:
    """Whether the PDF verifies UTUH (its pages are what its attached data says) and carries an
    intact PDF signature (e.g. BSrE) that covers the document and chains to one of ``anchors``
    (services/pdf/verify.py), with no broken signature beside it.

    Only then does a PDF count as authenticated for its agency; without installed anchors the
    (costly) verification is not even run: no PDF is authenticated, so a signed form from a
    PDF never replaces signed data and is never added as signed without the user's decision.
    """
    if not anchors:
        return False
    from ..pdf.report import Verdict
    from ..pdf.verify import verify_pdf

    report = verify_pdf(path, anchors=list(anchors))
    return (
        report.verdict == Verdict.INTACT
        and not any(s.broken for s in report.signatures)
        and any(s.trusted and s.intact and s.whole_file for s in report.signatures)
    )


def check_sender(db: Database, incoming: IncomingFile, policy: KeyPolicy | None = None) -> SenderCheck:
    """The sender of ``incoming`` against the keys recorded here; the decision set from ``policy``."""
    local_role = data_role(SettingsRepository(db))
    agencies = tuple(sorted({item.form.agency_code for item in incoming.forms}))
    manifest = incoming.manifest or {}
    if incoming.kind == "pdf":
        trusted = pdf_signed_by_trusted_anchor(incoming.path, trust_anchors(db))
        check = SenderCheck(
            KeyState.PDF_TRUSTED if trusted else KeyState.PDF,
            trusted_agencies=frozenset(agencies) if trusted else frozenset(),
        )
        return _reviews(db, check, local_role)
    if manifest.get("format_version", UNSIGNED_FORMAT_VERSION) <= UNSIGNED_FORMAT_VERSION:
        return _reviews(
            db, SenderCheck(KeyState.UNSIGNED, bundle_at=bundle_time(manifest.get("exported_at"))), local_role
        )
    sender = manifest["sender"]
    key, role = sender["public_key"], sender["role"]
    check = SenderCheck(KeyState.KNOWN, role, key, bundle_at=bundle_time(manifest.get("exported_at")))
    store = KeyStore(db)
    if key == own_public_key(db).hex():
        check.state, check.holders, check.trusted_agencies = KeyState.OWN, agencies, frozenset(agencies)
        return _reviews(db, check, local_role)
    check.holders = (SECRETARIAT_HOLDER,) if role == Role.SEKRETARIAT else agencies
    new, changed = [], {}
    for holder in check.holders:
        recorded = store.get(holder)
        if recorded is None:
            new.append(holder)
        elif recorded.public_key != key:
            changed[holder] = recorded.public_key
            check.first_seen[holder] = recorded.first_seen
    check.new_holders, check.changed = tuple(new), changed
    check.also_recorded_for = tuple(h for h in store.holders_of(key) if h not in check.holders)
    check.state = KeyState.CHANGED if changed else KeyState.NEW if new else KeyState.KNOWN
    recorded_for = set(store.holders_of(key)) | set(check.holders)  # as it will be once imported
    check.trusted_agencies = frozenset(a for a in agencies if a in recorded_for)
    policy = policy or KeyPolicy()
    if check.state == KeyState.NEW and policy.record_new:
        check.decision = KeyDecision.RECORD
    elif check.state == KeyState.CHANGED and check.device_code in policy.replace_codes:
        check.decision = KeyDecision.RECORD
    return _reviews(db, check, local_role)


def _reviews(db: Database, check: SenderCheck, local_role: str) -> SenderCheck:
    """Whether this file's review fields are taken, and if not, why."""
    if local_role == Role.SEKRETARIAT:
        check.reviews_reason = (
            "di berkas data Sekretariat TKKSD penilaian hanya dibuat di sini, tidak pernah diambil dari berkas lain"
        )
    elif not check.authenticated or check.state in (KeyState.PDF_TRUSTED, KeyState.OWN):
        check.reviews_reason = (
            "berkas tidak terautentikasi; penilaian hanya diambil dari berkas yang "
            "ditandatangani kode perangkat Sekretariat TKKSD yang tercatat"
            if not check.authenticated
            else "penilaian hanya diambil dari berkas Sekretariat TKKSD"
        )
    elif check.role != Role.SEKRETARIAT:
        check.reviews_reason = (
            "berkas dikirim oleh perangkat daerah; penilaian hanya diambil dari berkas yang "
            "ditandatangani kode perangkat Sekretariat TKKSD yang tercatat"
        )
    else:
        recorded = KeyStore(db).get(SECRETARIAT_HOLDER)
        last = recorded.last_bundle_at if recorded is not None and recorded.public_key == check.public_key else None
        if last and check.bundle_at and check.bundle_at < last:
            check.reviews_reason = (
                f"berkas ini diekspor {format_date_id(check.bundle_at[:10])}, lebih lama "
                "daripada berkas Sekretariat TKKSD terakhir yang diimpor "
                f"({format_date_id(last[:10])}); penilaian di sini dipertahankan"
            )
        else:
            check.takes_reviews = True
    return check

"""What an import would do and what it did: statuses, decisions, previews and outcomes.

The GUI's preview and conflict view are built on these (see importer.py for the rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ...domain.models import Form
from .diff import Difference, differences
from .incoming import IncomingFile
from .trust import KeyDecision, SenderCheck


class ImportStatus(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    NEWER_REVISION = "newer_revision"
    OLDER_OR_SAME = "older_or_same"
    CONFLICT = "conflict"
    DRAFT_OVER_SIGNED_REFUSED = "draft_over_signed_refused"


#: Short labels for counts ("3 baru, 1 konflik").
SHORT_LABELS = {
    ImportStatus.NEW: "baru",
    ImportStatus.UNCHANGED: "tidak berubah",
    ImportStatus.NEWER_REVISION: "revisi lebih baru",
    ImportStatus.OLDER_OR_SAME: "lebih lama atau sama",
    ImportStatus.CONFLICT: "konflik",
    ImportStatus.DRAFT_OVER_SIGNED_REFUSED: "draf ditolak",
}
STATUS_LABELS = {
    ImportStatus.NEW: "baru",
    ImportStatus.UNCHANGED: "tidak berubah",
    ImportStatus.NEWER_REVISION: "revisi lebih baru",
    ImportStatus.OLDER_OR_SAME: "lebih lama atau sama (tidak ada yang dilakukan)",
    ImportStatus.CONFLICT: "konflik",
    ImportStatus.DRAFT_OVER_SIGNED_REFUSED: "ditolak: draf tidak menimpa formulir yang sudah ditandatangani",
}


class Decision(StrEnum):
    KEEP_LOCAL = "keep_local"
    TAKE_INCOMING = "take_incoming"


class ConflictKind(StrEnum):
    CONTENT = "content"  # same uuid and revision, different content
    AGENCY_YEAR = "agency_year"  # another form (uuid) for the same agency and year
    SNAPSHOT = "snapshot"  # the signed revision is on record here with another hash
    #: signed data from a source that is not the recorded key of the form's agency (a version-1
    #: bundle, a PDF without a trusted PDF signature, another key): never written without a decision
    UNAUTHENTICATED = "unauthenticated"


@dataclass
class FormPreview:
    """What importing one form would do. ``local`` is the form it was compared with."""

    form_uuid: str  # the incoming uuid: the key of a decision
    agency_code: str
    year: int
    status: ImportStatus
    incoming: Form
    local: Form | None
    message: str
    conflict_kind: ConflictKind | None = None
    choices: tuple[Decision, ...] = ()
    snapshots_to_add: int = 0
    local_hash: str | None = None  # content hash of ``local`` when previewed (a decision applies to it)
    #: For a conflict: whether the local form was changed here (not only imported and assessed).
    #: False suggests the incoming file is simply the sender's later draft (a sensible default in a dialog).
    local_edited_here: bool | None = None
    #: Whether the file is signed by the recorded key of this form's agency (trust.py).
    authenticated: bool = True
    #: Proposals whose TKKSD assessment importing changes (the send-back loop), and proposals
    #: whose assessment in the file is ignored, with the reason (Indonesian).
    reviews_taken: int = 0
    reviews_ignored: int = 0
    reviews_reason: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def writes(self) -> bool:
        """Whether applying would change the database (a conflict only if taken)."""
        return (
            self.status in (ImportStatus.NEW, ImportStatus.NEWER_REVISION)
            or self.snapshots_to_add > 0
            or self.reviews_taken > 0
        )

    def differences(self) -> list[Difference]:
        """Field by field, local against incoming (empty for a new form)."""
        return differences(self.local, self.incoming) if self.local is not None else []

    def describe(self) -> str:
        f = self.incoming
        state = "ditandatangani" if f.is_signed else "draf"
        return f"{f.agency_code} {f.year}, revisi {f.revision} ({state}): {self.status_label}. {self.message}".strip()

    def review_message(self) -> str:
        """What happens to the assessments the file carries (empty when nothing to say)."""
        parts = []
        if self.reviews_taken:
            parts.append(f"Penilaian TKKSD dari berkas diambil untuk {self.reviews_taken} usulan.")
        if self.reviews_ignored:
            parts.append(
                f"Penilaian TKKSD (hasil, rute, catatan) pada {self.reviews_ignored} usulan di berkas tidak "
                f"diambil: {self.reviews_reason}."
            )
        return " ".join(parts)


@dataclass
class FilePreview:
    """One file: readable or refused (``error``), and its forms."""

    path: Path
    kind: str = ""  # "bundle", "pdf", or "" when unreadable
    error: str | None = None  # Indonesian, names the file
    forms: list[FormPreview] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    _incoming: IncomingFile | None = field(default=None, repr=False)
    followup: Any = None  # followup_exchange.FollowupPlan of a format_version 2 bundle
    #: Who sent it, against the recorded keys; ``sender.decision`` is the user's key decision.
    sender: SenderCheck | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def imports(self) -> bool:
        """Readable, and its key recorded or to be recorded (a new or changed key needs a decision)."""
        return self.ok and (self.sender is None or self.sender.imports)

    @property
    def records_key(self) -> bool:
        return (
            self.ok
            and self.sender is not None
            and self.sender.needs_decision
            and self.sender.decision == KeyDecision.RECORD
        )

    @property
    def counts(self) -> dict[ImportStatus, int]:
        counts = {status: 0 for status in ImportStatus}
        for form in self.forms:
            counts[form.status] += 1
        return counts

    @property
    def conflicts(self) -> list[FormPreview]:
        return [f for f in self.forms if f.status == ImportStatus.CONFLICT]

    def summary(self) -> str:
        if not self.ok:
            return self.error or ""
        parts = [f"{n} {SHORT_LABELS[s]}" for s, n in self.counts.items() if n]
        text = f"{len(self.forms)} formulir: " + ", ".join(parts)
        extra = self.followup.summary() if self.followup is not None else ""
        text = f"{text}; {extra}" if extra else text
        if not self.imports:
            text += (
                "; tidak diimpor (keputusan pengguna)"
                if self.sender and self.sender.decision == KeyDecision.SKIP
                else "; kode perangkat belum diputuskan: tidak diimpor"
            )
        return text


@dataclass
class FormOutcome:
    form_uuid: str
    agency_code: str
    year: int
    status: ImportStatus  # as found when applying
    action: str  # "added", "replaced", "kept_local", "refused", "nothing"
    message: str
    decision: Decision | None = None
    unresolved: bool = False  # a conflict left at the default (keep_local)
    snapshots_added: int = 0
    reviews_taken: int = 0  # assessments written onto a form that was not replaced (send-back)

    @property
    def changed(self) -> bool:
        return self.action in ("added", "replaced") or self.snapshots_added > 0 or self.reviews_taken > 0


@dataclass
class FileOutcome:
    path: Path
    error: str | None = None
    forms: list[FormOutcome] = field(default_factory=list)
    followup_written: int = 0  # steps and agreements added or replaced
    followup_unresolved: int = 0  # their conflicts left at the default (kept here)
    #: Not imported because of its key: the user chose not to (``undecided`` False) or did not decide.
    skipped: str | None = None
    undecided: bool = False
    keys_recorded: list[str] = field(default_factory=list)  # holders whose key was recorded or replaced

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.forms) or self.followup_written > 0 or bool(self.keys_recorded)


@dataclass
class ApplyResult:
    files: list[FileOutcome]
    backup: Path | None

    @property
    def refused(self) -> list[FileOutcome]:
        return [f for f in self.files if not f.ok]

    @property
    def unresolved(self) -> list[FormOutcome]:
        return [o for f in self.files for o in f.forms if o.unresolved]

    @property
    def undecided(self) -> list[FileOutcome]:
        """Files not imported because nobody decided about their new or changed kode perangkat."""
        return [f for f in self.files if f.undecided]

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.files)

    @property
    def ok(self) -> bool:
        """Every file imported (or had nothing new) and no conflict or key was left undecided."""
        return not self.refused and not self.unresolved and not self.undecided

    def count(self, action: str) -> int:
        return sum(1 for f in self.files for o in f.forms if o.action == action)

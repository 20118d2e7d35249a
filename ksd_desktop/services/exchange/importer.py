"""Import bundles and PDF forms: first a preview, then an apply that is atomic per file.

    previews = preview(db, [path, ...])          # nothing is written
    result = apply(db, previews, {form_uuid: Decision.TAKE_INCOMING})

Records are matched by uuid. Each incoming form gets one :class:`ImportStatus`, comparing
(revision, signed-or-draft) with the local form of the same uuid:

- ``new``: no local form with this uuid (and none for the same agency and year): added.
- ``unchanged``: same revision, same status, same content hash: nothing to do.
- ``newer_revision``: a higher revision, or the signed version of the local draft's
  revision: it replaces the local form; the local signed revision stays in
  ``signed_snapshots`` (a signed local form is reopened first, as the locks demand).
- ``older_or_same``: an older revision, or the draft of a revision signed locally:
  nothing to do.
- ``conflict``: the same revision and status with different content, or a different form
  (another uuid) for the same agency and year. Never resolved silently: the decision per
  form uuid is ``keep_local`` (the default, reported as unresolved) or ``take_incoming``
  where :attr:`FormPreview.choices` allows it (the local form must be a draft: a signed form
  can be neither rewritten at its revision nor deleted).
- ``draft_over_signed_refused``: a draft of a later revision than the local signed form:
  a draft never overwrites a signed form.

Where a file comes from decides what it may do (trust.py). A signed bundle from a new or a
changed kode perangkat is applied only when the user records its key
(:class:`KeyDecision`, ``FilePreview.sender.decision``). A form counts as authenticated when
its file is signed by the recorded key of the form's own agency; from any other source
(a version-1 bundle, a PDF without a trusted PDF signature, another key) signed data is never
written and no local form is replaced without a decision: such a form is a ``conflict`` of
kind ``unauthenticated`` (only a new draft is added as it is), and its old signed
snapshots are not added.

The coordinator's review fields (``review_status``, ``review_route``, ``review_note``) are
taken from the file only where trust.py allows it (a *Perangkat Daerah* data file, a bundle
signed by the recorded secretariat key): then they are written also for a form that is
otherwise unchanged (the send-back loop). Otherwise proposals that exist locally keep theirs
and new proposals start *belum dinilai*; the preview counts what was ignored and says why.
Signed snapshots an authenticated file carries are added when missing (insert-only
history), also for a form that is otherwise unchanged. Every change goes through the
repositories and is audited with the reason ``impor dari <file>``.

:func:`apply` first takes the write lock (``BEGIN IMMEDIATE``, waiting for another writer up
to the busy timeout; refused, it writes nothing and leaves no backup), then takes a backup
(backup.py, ``cadangan/``), then applies each file atomically (a savepoint), re-checking
every form against the database as it is at that moment (an earlier file of the same batch
may have brought it already). A file that fails to write is rolled back completely and
reported; the others still apply. Everything is committed at the end, in one step: a crash
or a kill before it leaves the database as it was. When nothing changed, the backup is
removed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.canonical import CANONICAL_VERSION, content_hash
from ...domain.models import REVIEW_FIELDS, Form, Proposal, ReviewStatus
from ...domain.serialize import form_from_dict, form_to_dict
from ...domain.validation import RuleContext
from ...storage.bundle_store import ImportWriter, edited_here, owners, snapshot_keys
from ...storage.errors import StorageError
from ...storage.keys import KeyStore
from ...storage.queries import SearchIndex
from ...storage.repositories import FormRepository, ReferenceRepository
from ..progress import Cancelled, JobCancelled, Progress, Steps
from .diff import Difference, differences
from .followup_exchange import FollowupPlan, FollowupRefused, apply_followup, classify_followup
from .incoming import ImportRefused, IncomingFile, IncomingForm, read_incoming
from .results import (
    SHORT_LABELS,
    STATUS_LABELS,
    ApplyResult,
    ConflictKind,
    Decision,
    FileOutcome,
    FilePreview,
    FormOutcome,
    FormPreview,
    ImportStatus,
)
from .trust import KeyDecision, KeyPolicy, KeyState, SenderCheck, check_sender, holder_label

__all__ = [
    "SHORT_LABELS",
    "STATUS_LABELS",
    "ApplyResult",
    "ConflictKind",
    "Decision",
    "Difference",
    "FileOutcome",
    "FilePreview",
    "FormOutcome",
    "FormPreview",
    "ImportCancelled",
    "ImportRefused",
    "ImportStatus",
    "KeyDecision",
    "KeyPolicy",
    "KeyState",
    "apply",
    "differences",
    "preview",
]

if TYPE_CHECKING:
    from sqlite_utils import Database


# -- preview ------------------------------------------------------------------------------------
class ImportCancelled(JobCancelled):
    """The user stopped the preview; nothing was written."""


class _ImportSteps(Steps):
    cancel_error = ImportCancelled


def preview(
    db: Database,
    paths: Iterable[str | Path],
    *,
    ctx: RuleContext | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    keys: KeyPolicy | None = None,
) -> list[FilePreview]:
    """Read and check every file, and say per form what importing would do. Writes nothing.

    A file that cannot be imported gets ``error`` (Indonesian, naming the file) and no forms.
    ``keys`` sets the decision for new and changed kode perangkat (default: record a new one,
    leave a changed one undecided); the caller may change ``FilePreview.sender.decision``.
    ``progress(done, total)`` is called after each file; ``cancelled()`` is asked before each
    and a cancel raises ImportCancelled (services/progress.py).
    """
    files = [Path(p) for p in paths]
    ctx = ctx or ReferenceRepository(db).rule_context()
    repo = FormRepository(db, device="pratinjau")
    result = []
    steps = _ImportSteps(
        len(files), progress, cancelled, message="Pemeriksaan berkas dihentikan; tidak ada yang diimpor."
    )
    for path in files:
        steps.check()
        try:
            incoming = read_incoming(path, ctx)
            sender = check_sender(db, incoming, keys)
            previews = [_classify(db, repo, item, sender) for item in incoming.forms]
            _check_uuid_owners(db, incoming)
            plan = _followup_plan(db, incoming)
        except ImportRefused as exc:
            result.append(FilePreview(path, error=str(exc)))
        else:
            result.append(
                FilePreview(
                    path, incoming.kind, None, previews, incoming.manifest, incoming, followup=plan, sender=sender
                )
            )
        steps.advance()
    steps.finish()
    return result


def _followup_plan(db: Database, incoming: IncomingFile) -> FollowupPlan | None:
    """What the file's tindak lanjut would do (format_version 2), or None when it carries none."""
    if not incoming.followup_steps and not incoming.agreements:
        return None
    proposals = {p.uuid for item in incoming.forms for p in item.form.proposals}
    try:
        return classify_followup(db, incoming.followup_steps, incoming.agreements, proposals)
    except FollowupRefused as exc:
        raise ImportRefused(incoming.path, f"tindak lanjut tidak dapat diterima: {exc}") from None


def _check_uuid_owners(db: Database, incoming: IncomingFile) -> None:
    """A proposal or partner uuid may not already belong to another form or proposal here."""
    for item in incoming.forms:
        mine = {p.uuid: item.form.uuid for p in item.form.proposals}
        for uuid, owner in owners(db, "proposals", mine).items():
            if owner != mine[uuid]:
                raise ImportRefused(
                    incoming.path,
                    f"usulan {uuid} pada formulir {item.form.agency_code} "
                    f"{item.form.year} sudah tercatat pada formulir lain di basis data ini.",
                )
        partners = {pa.uuid: p.uuid for p in item.form.proposals for pa in p.partners}
        for uuid, owner in owners(db, "partners", partners).items():
            if owner != partners[uuid]:
                raise ImportRefused(
                    incoming.path, f"calon mitra {uuid} sudah tercatat pada usulan lain di basis data ini."
                )


def _hash_of(local: Form) -> str:
    """A local form's content hash: the stored one of a signed form (the database locks its
    content; ``ksd-desktop check`` recomputes it), recomputed for a draft."""
    return local.content_hash if local.is_signed and local.content_hash else content_hash(local, CANONICAL_VERSION)


def _rank(form: Form) -> tuple[int, int]:
    return form.revision, 1 if form.is_signed else 0


_NOT_AUTHENTICATED = (
    "Berkas ini tidak terautentikasi untuk {agency} (tidak ditandatangani kode perangkat {agency} "
    "yang tercatat): {what} hanya bila Anda memutuskan mengambilnya."
)


def _classify(db: Database, repo: FormRepository, item: IncomingForm, sender: SenderCheck) -> FormPreview:
    """The form's status, its trust and what happens to the assessments it carries."""
    trusted = item.form.agency_code in sender.trusted_agencies
    result = _status(db, repo, item, trusted)
    result.authenticated = trusted
    _review_effect(result, item, sender)
    return result


def _status(db: Database, repo: FormRepository, item: IncomingForm, trusted: bool) -> FormPreview:
    incoming = item.form
    local = repo.get(incoming.uuid)
    local_hash = _hash_of(local) if local is not None else None

    def make(
        status: ImportStatus,
        message: str,
        local_form: Form | None = local,
        kind: ConflictKind | None = None,
        choices: tuple[Decision, ...] = (),
        snapshots: int = 0,
        compared: str | None = local_hash,
        edited: bool | None = None,
    ) -> FormPreview:
        return FormPreview(
            incoming.uuid,
            incoming.agency_code,
            incoming.year,
            status,
            incoming,
            local_form,
            message,
            kind,
            choices,
            snapshots,
            compared,
            edited,
        )

    def unauthenticated(what: str) -> FormPreview:
        return make(
            ImportStatus.CONFLICT,
            _NOT_AUTHENTICATED.format(agency=incoming.agency_code, what=what),
            kind=ConflictKind.UNAUTHENTICATED,
            choices=(Decision.KEEP_LOCAL, Decision.TAKE_INCOMING),
        )

    if local is None:
        other = repo.find(incoming.agency_code, incoming.year)
        if other is None:
            if incoming.is_signed and not trusted:
                return unauthenticated("formulir ini ditambahkan sebagai formulir yang ditandatangani")
            return make(ImportStatus.NEW, "" if trusted else "Draf dari berkas yang tidak terautentikasi.")
        deletable = not other.is_signed and not snapshot_keys(db, other.uuid)
        state = "sudah ditandatangani" if other.is_signed else "draf"
        return make(
            ImportStatus.CONFLICT,
            f"Di sini sudah ada formulir lain (revisi {other.revision}, {state}) untuk {incoming.agency_code} "
            f"tahun {incoming.year}."
            + (
                ""
                if deletable
                else " Formulir itu tidak dapat diganti karena sudah "
                "pernah ditandatangani; minta perangkat daerah merevisi formulir itu."
            ),
            other,
            ConflictKind.AGENCY_YEAR,
            (Decision.KEEP_LOCAL, Decision.TAKE_INCOMING) if deletable else (Decision.KEEP_LOCAL,),
            compared=_hash_of(other),
            edited=edited_here(db, other),
        )
    stored = snapshot_keys(db, local.uuid)
    missing = [r for r in item.snapshots if r["revision"] not in stored]
    # old signed revisions are history only from an authenticated source
    history = sum(1 for r in missing if r["revision"] < local.revision) if trusted else 0
    if _rank(incoming) > _rank(local):
        if not incoming.is_signed and local.is_signed:
            return make(
                ImportStatus.DRAFT_OVER_SIGNED_REFUSED,
                f"Di sini revisi {local.revision} sudah ditandatangani; draf revisi {incoming.revision} "
                "tidak menimpanya. Impor setelah revisi itu ditandatangani.",
                snapshots=history,
            )
        if incoming.is_signed and stored.get(incoming.revision, incoming.content_hash) != incoming.content_hash:
            return make(
                ImportStatus.CONFLICT,
                f"Revisi {incoming.revision} sudah tercatat di sini sebagai ditandatangani dengan isi lain.",
                kind=ConflictKind.SNAPSHOT,
                choices=(Decision.KEEP_LOCAL,),
                snapshots=history,
            )
        if not trusted:
            here = "yang sudah ditandatangani" if local.is_signed else "draf"
            return unauthenticated(
                f"revisi {incoming.revision} menggantikan formulir {here} revisi {local.revision} di sini"
            )
        how = (
            "Versi yang ditandatangani menggantikan draf."
            if incoming.revision == local.revision
            else f"Menggantikan revisi {local.revision}"
            + (" (tetap tersimpan sebagai rekaman tanda tangan)." if local.is_signed else ".")
        )
        return make(ImportStatus.NEWER_REVISION, how, snapshots=len(missing))
    if _rank(incoming) == _rank(local):
        if (item.hash or content_hash(incoming, CANONICAL_VERSION)) == local_hash:
            return make(ImportStatus.UNCHANGED, "", snapshots=history)
        if local.is_signed:
            return make(
                ImportStatus.CONFLICT,
                f"Revisi {local.revision} yang ditandatangani di sini berisi data lain; "
                "keduanya sudah ditandatangani, jadi data di sini dipertahankan.",
                kind=ConflictKind.CONTENT,
                choices=(Decision.KEEP_LOCAL,),
                snapshots=history,
                edited=edited_here(db, local),
            )
        edited = edited_here(db, local)
        return make(
            ImportStatus.CONFLICT,
            f"Draf revisi {local.revision} di sini berisi data lain."
            + ("" if edited else " Draf di sini belum pernah diubah di perangkat ini (hanya diimpor)."),
            kind=ConflictKind.CONTENT,
            choices=(Decision.KEEP_LOCAL, Decision.TAKE_INCOMING),
            snapshots=history,
            edited=edited,
        )
    state = "ditandatangani" if local.is_signed else "draf"
    return make(ImportStatus.OLDER_OR_SAME, f"Di sini sudah ada revisi {local.revision} ({state}).", snapshots=history)


_NOT_ASSESSED = (ReviewStatus.BELUM_DINILAI.value, None, None)


def _review_of(proposal: Proposal) -> tuple[str, str | None, str | None]:
    return proposal.review_status, proposal.review_route or None, proposal.review_note or None


def _review_effect(result: FormPreview, item: IncomingForm, sender: SenderCheck) -> None:
    """Count the proposals whose assessment importing takes, and those whose assessment it ignores."""
    if not item.has_review:
        return
    same_form = result.local is not None and result.local.uuid == item.form.uuid
    here = {p.uuid: _review_of(p) for p in result.local.proposals} if same_form and result.local else {}
    written = result.status in (ImportStatus.NEW, ImportStatus.NEWER_REVISION)
    for proposal in item.form.proposals:
        theirs, ours = _review_of(proposal), here.get(proposal.uuid)
        if theirs == (ours or _NOT_ASSESSED):
            continue
        if not sender.takes_reviews:
            result.reviews_ignored += 1
        elif ours is not None or written:
            result.reviews_taken += 1
    result.reviews_reason = sender.reviews_reason


# -- apply --------------------------------------------------------------------------------------
def apply(
    db: Database,
    previews: list[FilePreview],
    decisions: Mapping[str, Decision | str] | None = None,
    *,
    backup: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ApplyResult:
    """Apply the previewed files, one transaction per file; returns what happened.

    ``decisions`` maps an incoming form uuid to ``keep_local`` or ``take_incoming`` for its
    conflict (missing: ``keep_local``, reported as unresolved). A decision made on a preview
    applies only while the local form is as previewed; otherwise the local form is kept and
    the conflict reported again. The same holds for a file's key decision
    (``FilePreview.sender.decision``): a new or changed kode perangkat is recorded only while
    the recorded keys are as previewed; a file whose key is not recorded is not imported.
    Files refused by the preview are reported and skipped. ``cancelled()`` is asked between
    files: a cancelled import keeps the files already applied and reports the others as not
    imported. ``progress(done, total)`` is called after each file.
    """
    chosen = {k: Decision(v) for k, v in (decisions or {}).items()}
    backup_path = None
    wants_backup = backup and any(
        p.imports
        and (
            p.records_key
            or any(f.writes or chosen.get(f.form_uuid) == Decision.TAKE_INCOMING for f in p.forms)
            or (p.followup is not None and any(i.writes for i in p.followup.items))
        )
        for p in previews
    )
    outcomes: list[FileOutcome] = []
    steps = Steps(len(previews), progress, None)  # reports; a cancel is not an error here
    try:
        with db.atomic():  # the write lock first: a refused import leaves no backup behind
            if wants_backup:
                from .backup import backup_before_import

                backup_path = backup_before_import(db, [p.path.name for p in previews if p.ok])
            index = SearchIndex(db)
            # into a file without proposals (a coordinator's first bundle): the indexes built once at the end;
            # otherwise the partner names indexed once for the proposals touched (storage/queries.py)
            with index.built_once(), index.names_once():
                for done, file_preview in enumerate(previews):
                    if cancelled is not None and cancelled():  # the files already applied stay (committed at the end)
                        outcomes += [
                            FileOutcome(p.path, f"Berkas «{p.path.name}» tidak diimpor: impor dihentikan pengguna.")
                            for p in previews[done:]
                        ]
                        break
                    outcomes.append(_apply_file(db, file_preview, chosen))
                    steps.advance()
                else:
                    steps.finish()
    except BaseException:
        _drop_backup(backup_path)
        raise
    if backup_path is not None and not any(o.ok and o.changed for o in outcomes):
        _drop_backup(backup_path)  # the backup equals the database as it is
        backup_path = None
    return ApplyResult(outcomes, backup_path)


def _drop_backup(path: Path | None) -> None:
    if path is None:
        return
    from ...storage.backups import note_path

    for leftover in (path, note_path(path)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _apply_file(db: Database, file_preview: FilePreview, decisions: dict[str, Decision]) -> FileOutcome:
    outcome = FileOutcome(file_preview.path, file_preview.error)
    incoming = file_preview._incoming
    if not file_preview.ok or incoming is None:
        outcome.error = outcome.error or f"Berkas «{file_preview.path.name}» belum diperiksa."
        return outcome
    reason = f"impor dari {file_preview.path.name}"
    writer = ImportWriter(db)
    seen = {f.form_uuid: f for f in file_preview.forms}
    try:
        with db.atomic():
            sender = check_sender(db, incoming)  # the recorded keys as they are now
            if sender.needs_decision:
                previewed = file_preview.sender
                if previewed is None or previewed.decision != KeyDecision.RECORD or not previewed.same_state(sender):
                    return _not_imported(outcome, sender, previewed)
                outcome.keys_recorded = _record_keys(db, sender, reason)
            _check_uuid_owners(db, incoming)
            for item in incoming.forms:
                now = _classify(db, writer, item, sender)
                outcome.forms.append(_apply_form(writer, item, now, seen.get(now.form_uuid), decisions, reason, sender))
            plan = _followup_plan(db, incoming)  # against the data as it is now
            if plan is not None:
                outcome.followup_written, outcome.followup_unresolved = apply_followup(db, plan, decisions, reason)
            if sender.public_key and (any(f.changed for f in outcome.forms) or outcome.followup_written):
                KeyStore(db).touch(sender.public_key, list(sender.holders), sender.bundle_at)
    except FollowupRefused as exc:
        return FileOutcome(
            file_preview.path,
            f"Berkas «{file_preview.path.name}» tidak diimpor (tidak ada yang "
            f"ditulis): tindak lanjut tidak dapat diterima: {exc}",
        )
    except (StorageError, ImportRefused) as exc:
        if not db.conn.in_transaction:
            raise  # the whole import's transaction is gone (a full disk): nothing was imported
        text = (
            str(exc)
            if isinstance(exc, ImportRefused)
            else f"Berkas «{file_preview.path.name}» tidak diimpor (tidak ada yang ditulis): {exc}"
        )
        return FileOutcome(file_preview.path, text)
    return outcome


def _not_imported(outcome: FileOutcome, sender: SenderCheck, previewed: SenderCheck | None) -> FileOutcome:
    name, code = outcome.path.name, sender.device_code
    if previewed is not None and previewed.decision == KeyDecision.SKIP:
        outcome.skipped = f"Berkas «{name}» tidak diimpor: Anda memilih tidak mencatat kode perangkat {code}."
    elif previewed is not None and previewed.decision == KeyDecision.RECORD:
        outcome.skipped = (
            f"Berkas «{name}» tidak diimpor: kode perangkat yang tercatat berubah sejak pratinjau "
            "(mungkin oleh berkas sebelumnya dalam impor ini); periksa kembali."
        )
        outcome.undecided = True
    elif sender.state == KeyState.CHANGED:
        outcome.skipped = (
            f"Berkas «{name}» tidak diimpor: kode perangkat {code} berbeda dari yang tercatat untuk "
            f"{', '.join(holder_label(h) for h in sender.changed)}; belum diputuskan."
        )
        outcome.undecided = True
    else:
        outcome.skipped = (
            f"Berkas «{name}» tidak diimpor: kode perangkat {code} belum tercatat untuk "
            f"{', '.join(holder_label(h) for h in sender.new_holders)}; belum diputuskan."
        )
        outcome.undecided = True
    return outcome


def _record_keys(db: Database, sender: SenderCheck, reason: str) -> list[str]:
    store = KeyStore(db)
    code = sender.device_code
    assert sender.public_key is not None  # a new or changed key is the key the file is signed with
    for holder in sender.new_holders:
        store.record(
            holder,
            sender.public_key,
            reason=f"{reason}: kode perangkat {code} dicatat (pertama kali)",
            source=reason.removeprefix("impor dari "),
        )
    for holder in sender.changed:
        store.record(
            holder,
            sender.public_key,
            reason=f"{reason}: kode perangkat diganti dengan {code} (keputusan pengguna)",
            source=reason.removeprefix("impor dari "),
        )
    return [*sender.new_holders, *sender.changed]


def _apply_form(
    writer: ImportWriter,
    item: IncomingForm,
    now: FormPreview,
    seen: FormPreview | None,
    decisions: dict[str, Decision],
    reason: str,
    sender: SenderCheck,
) -> FormOutcome:
    result = FormOutcome(now.form_uuid, now.agency_code, now.year, now.status, "nothing", now.message)
    reviews = sender.takes_reviews
    if now.status == ImportStatus.NEW:
        result.snapshots_added = _write(writer, item, None, reason, history=now.authenticated, take_reviews=reviews)
        result.action = "added"
    elif now.status == ImportStatus.NEWER_REVISION:
        result.snapshots_added = _write(
            writer, item, now.local, reason, history=now.authenticated, take_reviews=reviews
        )
        result.action = "replaced"
    elif now.status == ImportStatus.CONFLICT:
        decision = decisions.get(now.form_uuid)
        result.decision = decision or Decision.KEEP_LOCAL
        still_same = seen is not None and seen.status == ImportStatus.CONFLICT and seen.local_hash == now.local_hash
        if decision == Decision.TAKE_INCOMING and Decision.TAKE_INCOMING in now.choices and still_same:
            taken = f"{reason} (keputusan pengguna: ambil data masuk)"
            if now.conflict_kind == ConflictKind.AGENCY_YEAR:
                assert now.local is not None  # the other form of the agency and year
                writer.delete(now.local.uuid, reason=f"{reason}: diganti formulir masuk (keputusan pengguna)")
                result.snapshots_added = _write(
                    writer, item, None, taken, history=now.authenticated, take_reviews=reviews
                )
            else:
                result.snapshots_added = _write(
                    writer, item, now.local, taken, history=now.authenticated, take_reviews=reviews
                )
            result.action = "added" if now.local is None else "replaced"
            result.message = "Data masuk diambil (keputusan pengguna)."
        else:
            result.action = "kept_local"
            result.unresolved = decision is None or (decision == Decision.TAKE_INCOMING)
            if decision == Decision.TAKE_INCOMING:
                result.message += (
                    " Data masuk tidak dapat diambil untuk konflik ini; data di sini dipertahankan."
                    if Decision.TAKE_INCOMING not in now.choices
                    else " Data di sini berubah sejak pratinjau; periksa kembali."
                )
            elif decision is None:
                result.message += " Belum diputuskan: data di sini dipertahankan."
    elif now.status == ImportStatus.DRAFT_OVER_SIGNED_REFUSED:
        result.action = "refused"
    if result.action in ("nothing", "refused", "kept_local") and now.local is not None:
        if now.snapshots_to_add:
            result.snapshots_added = _add_snapshots(writer, item, now.local.uuid, reason, below=now.local.revision)
        if reviews and now.reviews_taken and now.local.uuid == item.form.uuid:
            result.reviews_taken = _take_reviews(writer, item, now.local, reason)
    return result


def _write(
    writer: ImportWriter, item: IncomingForm, local: Form | None, reason: str, *, history: bool, take_reviews: bool
) -> int:
    """Write the incoming form over ``local`` (or as new); returns the snapshots added.

    Review fields: the file's with ``take_reviews``; otherwise a proposal that exists locally
    keeps its own and a new one starts *belum dinilai*. Without ``history`` (a file that is
    not authenticated for the form's agency) the file's old signed snapshots are not added.
    """
    form = form_from_dict(form_to_dict(item.form))  # never change the preview's objects
    signed_hash = item.form.content_hash if item.form.is_signed else None
    # a version-1 signature hashes the texts exactly as they were: keep them so
    as_signed = bool(signed_hash) and item.version < CANONICAL_VERSION
    if not take_reviews:
        reviews = {p.uuid: p for p in local.proposals} if local is not None else {}
        for proposal in form.proposals:
            kept = reviews.get(proposal.uuid)
            for name, default in zip(REVIEW_FIELDS, _NOT_ASSESSED, strict=True):
                setattr(proposal, name, getattr(kept, name) if kept is not None else default)
    if local is not None and local.is_signed:
        writer.reopen_for_import(local, f"{reason}: diganti revisi {form.revision}")
    writer.write(form, reason=reason, normalize=not as_signed)
    # without history only the snapshot the signed form itself needs (its own revision)
    added = (
        _add_snapshots(writer, item, form.uuid, reason, only=None if history else form.revision)
        if history or signed_hash
        else 0
    )
    if signed_hash:
        writer.lock_signed(form, signed_hash, reason=reason)
    return added


def _take_reviews(writer: ImportWriter, item: IncomingForm, local: Form, reason: str) -> int:
    """The send-back loop: the secretariat's assessment onto the proposals that exist here."""
    here = {p.uuid: _review_of(p) for p in local.proposals}
    taken = 0
    for proposal in item.form.proposals:
        theirs = _review_of(proposal)
        if proposal.uuid in here and here[proposal.uuid] != theirs:
            writer.set_review(proposal.uuid, *theirs, reason=reason)
            taken += 1
    return taken


def _add_snapshots(
    writer: ImportWriter,
    item: IncomingForm,
    form_uuid: str,
    reason: str,
    below: int | None = None,
    only: int | None = None,
) -> int:
    stored = snapshot_keys(writer.db, form_uuid)
    added = 0
    for row in sorted(item.snapshots, key=lambda r: r["revision"]):
        if (
            row["revision"] in stored
            or (below is not None and row["revision"] >= below)
            or (only is not None and row["revision"] != only)
        ):
            continue
        writer.add_snapshot(row, reason=reason)
        added += 1
    return added

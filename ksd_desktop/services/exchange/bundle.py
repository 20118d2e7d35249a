"""Data bundles (``.ksd``): export the whole database, one agency, one year, or both.

A bundle is a ZIP archive with these members (docs/bundle-format.md, JSON Schema
in resources/schema/ksd-bundle.schema.json):

- ``manifest.json``: format name and version, export time, origin device, app version,
  the sender (role, public key, kode perangkat), scope, counts, the SHA-256 of every other
  member, and the Ed25519 signature over all of that (keys.py);
- ``forms.json``: the forms in data-dictionary keys, each with its ``proposals`` and their
  ``partners`` (status, revision, content hash, origin device, review fields, timestamps);
- ``signed_snapshots.json``: every signed revision of those forms (the insert-only history);
- ``followup.json`` (format_version 2): the tindak lanjut steps of those proposals and the
  agreements linked to them (services/exchange/followup_exchange.py).

The file is written through a temporary file and renamed (``write_atomically``), so a
failure never leaves half a bundle. Importing is :mod:`ksd_desktop.services.exchange.importer`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ... import __version__
from ...domain.dates import utc_now_iso
from ...domain.device import Role, device_code, role_label
from ...domain.serialize import form_to_dict
from ...storage.bundle_store import export_form_uuids, snapshots_of
from ...storage.repositories import FormRepository, ReferenceRepository, SettingsRepository
from ..files import ExportError, write_atomically
from ..progress import Cancelled, Progress, Steps
from .followup_exchange import export_followup
from .keys import own_public_key, sign_manifest

if TYPE_CHECKING:
    from sqlite_utils import Database

BUNDLE_FORMAT = "ksd-desktop/bundle"
#: 2: the manifest is signed (``sender``, ``signature``; keys.py) and ``followup.json`` carries the
#: tindak lanjut steps and agreements (services/exchange/followup_exchange.py). Version 1
#: (unsigned, without follow-up) is still read, as "tidak terautentikasi" (importer.py).
BUNDLE_FORMAT_VERSION = 2
UNSIGNED_FORMAT_VERSION = 1
BUNDLE_SUFFIX = ".ksd"
MANIFEST_NAME = "manifest.json"
FORMS_NAME = "forms.json"
SNAPSHOTS_NAME = "signed_snapshots.json"
FOLLOWUP_NAME = "followup.json"
V1_MEMBERS = (FORMS_NAME, SNAPSHOTS_NAME)
DATA_MEMBERS = (FORMS_NAME, SNAPSHOTS_NAME, FOLLOWUP_NAME)
MEMBER_NAMES = (MANIFEST_NAME, *DATA_MEMBERS)


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    forms: int
    proposals: int
    partners: int
    signed_snapshots: int
    size: int
    manifest: dict[str, Any]

    def describe(self) -> str:
        """One Indonesian sentence for the CLI and the status bar."""
        return (
            f"{self.forms} formulir, {self.proposals} usulan, {self.partners} calon mitra, "
            f"{self.signed_snapshots} rekaman tanda tangan"
        )

    @property
    def device_code(self) -> str:
        code: str = self.manifest["sender"]["device_code"]
        return code

    def describe_sender(self) -> str:
        """Who signed the file, to read to the receiver over the phone."""
        return (
            f"Ditandatangani dengan kode perangkat {self.device_code} ({role_label(self.manifest['sender']['role'])})."
        )


def encode_member(value: Any) -> bytes:
    """A data member's bytes: compact UTF-8 JSON, keys in data-dictionary order."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_bundle_name(agency_code: str | None = None, year: int | None = None, today: dt.date | None = None) -> str:
    """A file name for the save dialog: ``ksd-DINKES-2024-20240808.ksd``, ``ksd-semua-20240808.ksd``."""
    parts = [p for p in (agency_code, str(year) if year else None) if p] or ["semua"]
    stamp = (today or dt.date.today()).strftime("%Y%m%d")
    return f"ksd-{'-'.join(parts)}-{stamp}{BUNDLE_SUFFIX}"


def _scope_label(agency_code: str | None, year: int | None) -> str:
    if agency_code and year:
        return f"perangkat daerah {agency_code} tahun {year}"
    if agency_code:
        return f"perangkat daerah {agency_code}"
    if year:
        return f"tahun {year}"
    return "basis data ini"


def build_members(
    db: Database, *, agency_code: str | None = None, year: int | None = None, steps: Steps | None = None
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the bytes of the data members; raises ExportError for an empty scope."""
    if agency_code is not None:
        agency_code = agency_code.strip().upper()
        if agency_code not in {a.code for a in ReferenceRepository(db).agencies()}:
            raise ExportError(
                f"Perangkat daerah «{agency_code}» tidak dikenal. Gunakan kode dari daftar perangkat "
                "daerah, misalnya DINKES."
            )
    uuids = export_form_uuids(db, agency_code, year)
    if not uuids:
        raise ExportError(f"Tidak ada formulir untuk {_scope_label(agency_code, year)}; tidak ada yang diekspor.")
    repo = FormRepository(db, device="ekspor")
    forms: list[dict[str, Any]] = []
    proposals = partners = 0
    steps = steps or Steps(0, None, None)
    steps.grow(len(uuids))
    for uuid in uuids:
        form = repo.get(uuid)
        assert form is not None  # export_form_uuids found it, in this transaction
        proposals += len(form.proposals)
        partners += sum(len(p.partners) for p in form.proposals)
        forms.append(form_to_dict(form))
        steps.advance()
    snapshots = snapshots_of(db, uuids)
    followup = export_followup(
        db, {p["uuid"] for f in forms for p in f["proposals"]}, whole=agency_code is None and year is None
    )
    members = {
        FORMS_NAME: encode_member(forms),
        SNAPSHOTS_NAME: encode_member(snapshots),
        FOLLOWUP_NAME: encode_member(followup),
    }
    scope: dict[str, Any] = {}
    if agency_code is not None:
        scope["agency_code"] = agency_code
    if year is not None:
        scope["year"] = year
    settings = SettingsRepository(db)
    public_key = own_public_key(db)
    manifest = {
        "format": BUNDLE_FORMAT,
        "format_version": BUNDLE_FORMAT_VERSION,
        "exported_at": utc_now_iso(),
        "origin_device": settings.device_id(),
        "app_version": __version__,
        "sender": {"role": data_role(settings), "public_key": public_key.hex(), "device_code": device_code(public_key)},
        "scope": scope,
        "counts": {
            "forms": len(forms),
            "proposals": proposals,
            "partners": partners,
            "signed_snapshots": len(snapshots),
            "followup_steps": len(followup["steps"]),
            "agreements": len(followup["agreements"]),
        },
        "members": {name: sha256(data) for name, data in members.items()},
    }
    return sign_manifest(db, manifest), members


def data_role(settings: SettingsRepository) -> str:
    """This data file's role (Pengaturan); anything unknown counts as a perangkat daerah."""
    value = settings.get("data_role")
    return value if value in {r.value for r in Role} else Role.PERANGKAT_DAERAH.value


def write_bundle(handle: BinaryIO, manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    """Write the ZIP (manifest first) to an open binary file."""
    moment = dt.datetime.fromisoformat(manifest["exported_at"])
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in (
            (MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")),
            *members.items(),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def export_bundle(
    db: Database,
    out: str | Path,
    *,
    agency_code: str | None = None,
    year: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportSummary:
    """Export forms, proposals, partners and signed snapshots to ``out`` (a ``.ksd`` file).

    ``agency_code`` and ``year`` narrow the scope (both may be given). Raises ExportError
    with an Indonesian message for an unknown agency, an empty scope or an unwritable target.
    """
    steps = Steps(1, progress, cancelled, message="Ekspor berkas data dibatalkan; tidak ada berkas yang ditulis.")
    manifest, members = build_members(db, agency_code=agency_code, year=year, steps=steps)
    steps.check()
    path = write_atomically(Path(out), lambda handle: write_bundle(handle, manifest, members))
    steps.finish()
    counts = manifest["counts"]
    return ExportSummary(
        path,
        counts["forms"],
        counts["proposals"],
        counts["partners"],
        counts["signed_snapshots"],
        path.stat().st_size,
        manifest,
    )

"""Reading files to import (``.ksd`` bundles and PDF forms), refusing anything doubtful.

:func:`read_incoming` returns the forms a file carries, or raises :class:`ImportRefused`
whose message names the file and the problem in formal Indonesian. Nothing here writes to
the database: a refused file simply never reaches :func:`importer.apply`.

Checks, in order (docs/bundle-format.md, "What the importer checks (and refuses)"):

- the file: exists, not too large, a ZIP archive or a PDF (by content, not by name);
- the archive: readable to the end (a truncated copy is refused), member names neither
  absolute nor climbing out (``../``), no unexpected, duplicate, encrypted or oddly
  compressed members, declared sizes at most 50 MB a member and a sane compression ratio
  (zip bombs), and never more bytes read than that, whatever the archive claims;
- the manifest: our format name, a ``format_version`` this app knows (a newer one asks the
  user to update the app); for version 2 the kode perangkat matching the public key and the
  Ed25519 signature over the manifest (keys.py): a bundle edited after signing is refused;
  then every member's SHA-256 and the counts;
- the data: valid UTF-8 JSON, the types and enumerations of the shipped JSON Schema, unique
  uuids, children pointing at their parents, one form per agency and year;
- the rules of the data dictionary (domain/validation.py with this database's reference
  data: unknown agency, urusan or region codes are rule errors); a signed form must hash to
  its ``content_hash`` and come with its snapshot, and every snapshot must hash to its own.

A PDF contributes the one form attached to it (``ksd-form.json``, see services/pdf/form.py), signed
or draft; its embedded content must hash to the hash it carries.
"""

from __future__ import annotations

import io
import json
import re
import uuid as _uuid
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ...domain.canonical import (
    CANONICAL_VERSION,
    VERSION_KEY,
    content_hash,
    content_version,
    dumps_canonical,
    hash_text,
)
from ...domain.dates import utc_now_iso
from ...domain.device import device_code
from ...domain.models import (
    FORM_CONTENT_COLUMNS,
    PARTNER_CONTENT_COLUMNS,
    PROPOSAL_CONTENT_COLUMNS,
    Form,
    FormStatus,
    ReviewStatus,
)
from ...domain.serialize import form_from_dict
from ...domain.validation import RuleContext, errors_only, validate_form, validate_signing
from ...storage.errors import os_reason
from ..errors import ServiceError
from ..pdf.form import EMBEDDED_FORMAT, EMBEDDED_FORMAT_VERSION, EMBEDDED_NAME, read_embedded
from . import schema as json_schema
from .bundle import (
    BUNDLE_FORMAT,
    BUNDLE_FORMAT_VERSION,
    DATA_MEMBERS,
    FOLLOWUP_NAME,
    FORMS_NAME,
    MANIFEST_NAME,
    SNAPSHOTS_NAME,
    UNSIGNED_FORMAT_VERSION,
    V1_MEMBERS,
    sha256,
)
from .followup_exchange import FollowupRefused, parse_followup
from .keys import signature_valid

MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 3 * MAX_MEMBER_BYTES + 1024 * 1024
MAX_PDF_BYTES = 50 * 1024 * 1024
#: Deflated JSON rarely shrinks beyond 1:30 (a 10,000-proposal bundle: about 1:12); a member
#: that claims more than 1:200 is treated as a zip bomb. Small members are exempt.
MAX_RATIO = 200
RATIO_EXEMPT_BYTES = 1024 * 1024
_READ_CHUNK = 1024 * 1024
_MAX_SHOWN_PROBLEMS = 3
SNAPSHOT_NAMESPACE = _uuid.UUID("6f1c3b52-3d0e-4c47-9a0e-5b8f2f9d1a01")


class ImportRefused(ServiceError):
    """A file that is not imported; ``str()`` names the file and says why, in Indonesian."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Berkas «{self.path.name}» ditolak: {reason}")


@dataclass
class IncomingForm:
    """One form as a file carries it, already checked."""

    form: Form  # status and content_hash as sent
    snapshots: list[dict[str, Any]]  # its signed snapshots (rows of signed_snapshots)
    has_review: bool = True  # False for a PDF: it carries no review fields
    hash: str = ""  # SHA-256 of its canonical content (computed once, when checked)
    version: int = CANONICAL_VERSION  # canonical version of that hash (a signed form: as signed)


@dataclass
class IncomingFile:
    path: Path
    kind: str  # "bundle" or "pdf"
    forms: list[IncomingForm] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    followup_steps: list[Any] = field(default_factory=list)  # domain FollowupStep (format_version 2)
    agreements: list[Any] = field(default_factory=list)  # domain Agreement (format_version 2)

    @property
    def kind_label(self) -> str:
        return "berkas data" if self.kind == "bundle" else "PDF formulir"

    @property
    def signed(self) -> bool:
        """A version-2 bundle: its signature was checked when it was read."""
        return bool(
            self.kind == "bundle" and self.manifest and self.manifest["format_version"] > UNSIGNED_FORMAT_VERSION
        )


def read_incoming(path: str | Path, ctx: RuleContext) -> IncomingFile:
    """Read and check one file; raises ImportRefused (the message names the file)."""
    path = Path(path)
    try:
        if not path.exists():
            raise _Refuse("berkas tidak ditemukan.")
        if path.is_dir():
            raise _Refuse("ini folder, bukan berkas.")
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
        if head.startswith(b"%PDF"):
            if size > MAX_PDF_BYTES:
                raise _Refuse(f"PDF terlalu besar ({_mb(size)}; paling besar {_mb(MAX_PDF_BYTES)}).")
            return _read_pdf(path, ctx)
        if size == 0:
            raise _Refuse("berkas kosong.")
        if not head.startswith(b"PK"):
            raise _Refuse("bukan berkas data KSD Desktop (.ksd) maupun PDF formulir: isinya bukan arsip ZIP.")
        if size > MAX_FILE_BYTES:
            raise _Refuse(f"berkas terlalu besar ({_mb(size)}; paling besar {_mb(MAX_FILE_BYTES)}).")
        return _read_bundle(path, ctx)
    except _Refuse as exc:
        raise ImportRefused(path, exc.reason) from None
    except OSError as exc:
        raise ImportRefused(path, f"berkas tidak dapat dibaca ({os_reason(exc)}).") from None
    except MemoryError:
        raise ImportRefused(path, "berkas terlalu besar untuk dibaca.") from None


class _Refuse(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


# -- bundles ------------------------------------------------------------------------------------
_DAMAGED = "arsip ZIP rusak atau terpotong (mungkin belum selesai disalin atau diunduh); minta kirim ulang berkasnya."


def _read_bundle(path: Path, ctx: RuleContext) -> IncomingFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise _Refuse(_DAMAGED) from None
    with archive:
        infos = _check_members(archive)
        manifest = _manifest(archive, infos[MANIFEST_NAME])
        members = DATA_MEMBERS if manifest["format_version"] >= 2 else V1_MEMBERS
        expected = set(members) | {MANIFEST_NAME}
        if set(infos) != expected or set(manifest["members"]) != set(members):
            missing = sorted(expected - set(infos)) or sorted(set(members) ^ set(manifest["members"]))
            raise _Refuse(
                f"arsip tidak sesuai format versi {manifest['format_version']}: anggota «{missing[0]}» "
                "tidak semestinya. Bukan berkas data KSD Desktop yang utuh."
            )
        raw = {name: _read_member(archive, infos[name]) for name in members}
    for name in members:
        if sha256(raw[name]) != manifest["members"][name]:
            raise _Refuse(
                f"isi «{name}» tidak cocok dengan sidik SHA-256 di manifest: berkas telah diubah atau "
                "rusak. Minta perangkat daerah mengekspor ulang."
            )
    forms = _parse(FORMS_NAME, raw[FORMS_NAME], "forms_member")
    snapshots = _parse(SNAPSHOTS_NAME, raw[SNAPSHOTS_NAME], "signed_snapshots_member")
    incoming = _structure(manifest, forms, snapshots)
    for item in incoming:
        _check_form(item, ctx)
    result = IncomingFile(path, "bundle", incoming, manifest)
    if FOLLOWUP_NAME in raw:
        data = _loads(FOLLOWUP_NAME, raw[FOLLOWUP_NAME])
        _schema(FOLLOWUP_NAME, data, "followup_member")
        counts = manifest["counts"]
        if counts.get("followup_steps", 0) != len(data["steps"]) or counts.get("agreements", 0) != len(
            data["agreements"]
        ):
            raise _Refuse(f"jumlah tindak lanjut di manifest berbeda dari isi «{FOLLOWUP_NAME}»; berkas tidak utuh.")
        try:
            result.followup_steps, result.agreements = parse_followup(data, today=ctx.today)
        except FollowupRefused as exc:
            raise _Refuse(f"tindak lanjut tidak dapat diterima: {exc}") from None
    return result


def read_signed_manifest(path: str | Path) -> dict[str, Any]:
    """Only the manifest of a bundle, checked like an import checks it; a signed (version 2) one or
    ImportRefused. For taking a sender's key from a file without importing it (Pengaturan)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            if not handle.read(4).startswith(b"PK"):
                raise _Refuse("bukan berkas data KSD Desktop (.ksd): isinya bukan arsip ZIP.")
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
            raise _Refuse(_DAMAGED) from None
        with archive:
            manifest = _manifest(archive, _check_members(archive)[MANIFEST_NAME])
        if manifest["format_version"] == UNSIGNED_FORMAT_VERSION:
            raise _Refuse("berkas format lama (versi 1) tidak ditandatangani, jadi tidak membawa kode perangkat.")
        return manifest
    except _Refuse as exc:
        raise ImportRefused(path, exc.reason) from None
    except OSError as exc:
        raise ImportRefused(path, f"berkas tidak dapat dibaca ({exc.strerror or exc}).") from None


def _check_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in parts
            or (len(name) > 1 and name[1] == ":")
            or "\x00" in name
        ):
            raise _Refuse(
                f"arsip berisi jalur berbahaya «{name}» (keluar dari folder atau jalur mutlak); "
                "berkas ini bukan ekspor KSD Desktop yang utuh."
            )
        if name not in (MANIFEST_NAME, *DATA_MEMBERS):
            raise _Refuse(
                f"arsip berisi anggota yang tidak dikenal «{name}»; berkas data KSD Desktop hanya berisi "
                f"{MANIFEST_NAME}, {FORMS_NAME}, {SNAPSHOTS_NAME} dan {FOLLOWUP_NAME}."
            )
        if name in infos:
            raise _Refuse(f"anggota «{name}» muncul lebih dari sekali di dalam arsip.")
        if info.flag_bits & 0x1:
            raise _Refuse(f"anggota «{name}» terenkripsi; berkas data KSD Desktop tidak pernah dienkripsi.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Refuse(f"anggota «{name}» dimampatkan dengan cara yang tidak dikenal.")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _Refuse(
                f"anggota «{name}» terlalu besar ({_mb(info.file_size)}; paling besar {_mb(MAX_MEMBER_BYTES)})."
            )
        if info.file_size > RATIO_EXEMPT_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _Refuse(
                f"anggota «{name}» memiliki rasio pemampatan yang tidak wajar "
                f"(1:{info.file_size // max(info.compress_size, 1)}); kemungkinan bom zip."
            )
        infos[name] = info
    missing = [n for n in (MANIFEST_NAME, *V1_MEMBERS) if n not in infos]
    if missing:
        raise _Refuse(f"arsip tidak lengkap: «{missing[0]}» tidak ada. Bukan berkas data KSD Desktop yang utuh.")
    return infos


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, never more than MAX_MEMBER_BYTES whatever the header says."""
    chunks, total = [], 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(_READ_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > MAX_MEMBER_BYTES:
                    raise _Refuse(f"anggota «{info.filename}» lebih besar dari {_mb(MAX_MEMBER_BYTES)}.")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise _Refuse(_DAMAGED) from None
    return b"".join(chunks)


#: Our JSON nests at most 5 levels (list → form → proposals → partners → partner); anything
#: much deeper is not ours, and refused before it can exhaust the stack.
MAX_JSON_DEPTH = 32


#: A lone surrogate can only come from a ``\\uD800``–``\\uDFFF`` escape (the bytes were decoded as strict
#: UTF-8): without one in the file, no text needs looking at (a literal backslash before "ud8…" only
#: makes the check look at every text, as it would anyway).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _check_values(name: str, value: Any, *, texts: bool = True) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH and texts UTF-8 cannot hold (lone surrogates);
    ``texts=False``: the file holds no surrogate escape, only the nesting is checked."""
    stack = [(value, 1)]
    containers = (dict, list)
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _Refuse(f"«{name}» bersarang terlalu dalam; bukan data KSD Desktop.")
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise _Refuse(
                        f"«{name}» berisi teks yang tidak sah (karakter «surrogate» tunggal, misalnya "
                        "\\ud800): berkas rusak atau sengaja dibuat salah."
                    ) from None
        elif isinstance(item, dict):
            if texts:
                stack.extend((k, depth + 1) for k in item)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item.values() if isinstance(v, containers))
        elif isinstance(item, list):
            if texts:
                stack.extend((v, depth + 1) for v in item)
            else:
                stack.extend((v, depth + 1) for v in item if isinstance(v, containers))


def _loads(name: str, data: bytes) -> Any:
    value = _loads_raw(name, data)
    _check_values(name, value, texts=_SURROGATE_ESCAPE.search(data) is not None)
    return value


def _loads_raw(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Refuse(f"«{name}» bukan teks UTF-8; berkas rusak.") from None
    except json.JSONDecodeError as exc:
        raise _Refuse(
            f"«{name}» bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno}: {_json_reason(exc.msg)})."
        ) from None
    except RecursionError:
        raise _Refuse(f"«{name}» bersarang terlalu dalam; bukan data KSD Desktop.") from None


def _json_reason(msg: str) -> str:
    known = {
        "Expecting value": "nilai diharapkan",
        "Extra data": "ada data lebih setelah akhir",
        "Unterminated string": "teks tidak ditutup",
        "Expecting ',' delimiter": "koma diharapkan",
        "Expecting property name enclosed in double quotes": "nama kunci diharapkan",
    }
    for english, indonesian in known.items():
        if msg.startswith(english):
            return indonesian
    return msg


def _manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[str, Any]:
    manifest = _loads(MANIFEST_NAME, _read_member(archive, info))
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise _Refuse(f"bukan berkas data KSD Desktop (format di {MANIFEST_NAME} tidak dikenal).")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Refuse(f"versi format berkas ({version!r}) tidak dikenal.")
    if version > BUNDLE_FORMAT_VERSION:
        raise _Refuse(
            f"berkas dibuat oleh versi aplikasi yang lebih baru (format versi {version}; aplikasi ini "
            f"mengenal sampai versi {BUNDLE_FORMAT_VERSION}); perbarui aplikasi KSD Desktop."
        )
    _schema(MANIFEST_NAME, manifest, "manifest_v1" if version == UNSIGNED_FORMAT_VERSION else "manifest")
    if version > UNSIGNED_FORMAT_VERSION:
        sender = manifest["sender"]
        derived = device_code(bytes.fromhex(sender["public_key"]))
        if sender["device_code"] != derived:
            raise _Refuse(
                f"kode perangkat di {MANIFEST_NAME} ({sender['device_code']}) tidak sesuai dengan kunci "
                f"publiknya ({derived}): berkas telah diubah. Minta pengirim mengekspor ulang."
            )
        if not signature_valid(manifest):
            raise _Refuse(
                f"tanda tangan perangkat pada berkas tidak sah: {MANIFEST_NAME} telah diubah setelah "
                "ditandatangani, atau tanda tangannya tidak dibuat dengan kunci yang tercantum "
                f"(kode perangkat {derived}). Berkas tidak diimpor; minta pengirim mengekspor ulang "
                "dan cocokkan kode perangkatnya lewat telepon."
            )
    return manifest


def _parse(name: str, data: bytes, definition: str) -> list[dict[str, Any]]:
    value = _loads(name, data)
    _schema(name, value, definition)
    items: list[dict[str, Any]] = value  # as the schema's definition says
    return items


_ITEM_WORDS = {
    FORMS_NAME: "formulir",
    SNAPSHOTS_NAME: "rekaman",
    "proposals": "usulan",
    "partners": "calon mitra",
    "steps": "langkah",
    "agreements": "perjanjian",
}


def _where(name: str, path: tuple[str | int, ...]) -> str:
    words = [name]
    previous: str | int = name
    for step in path:
        if isinstance(step, int):
            words.append(f"{_ITEM_WORDS.get(str(previous), 'butir')} ke-{step + 1}")  # a list's key, or 'butir'
        elif step not in ("proposals", "partners"):
            words.append(f"«{step}»")
        previous = step
    return ", ".join(words)


def _schema(name: str, value: Any, definition: str) -> None:
    errors = json_schema.check(definition, value)
    if errors:
        shown = "; ".join(f"{_where(name, e.path)}: {e.message}" for e in errors[:_MAX_SHOWN_PROBLEMS])
        more = f" (dan {len(errors) - _MAX_SHOWN_PROBLEMS} masalah lain)" if len(errors) > _MAX_SHOWN_PROBLEMS else ""
        raise _Refuse(f"data tidak sesuai format: {shown}{more}.")


def _structure(
    manifest: dict[str, Any], forms: list[dict[str, Any]], snapshots: list[dict[str, Any]]
) -> list[IncomingForm]:
    """Counts, unique uuids, parents, scope; returns the forms with their snapshots."""
    proposals = [p for f in forms for p in f["proposals"]]
    partners = [pa for p in proposals for pa in p["partners"]]
    actual = {
        "forms": len(forms),
        "proposals": len(proposals),
        "partners": len(partners),
        "signed_snapshots": len(snapshots),
    }
    for key, count in actual.items():
        if manifest["counts"][key] != count:
            raise _Refuse(
                f"jumlah {key} di manifest ({manifest['counts'][key]}) berbeda dari isinya ({count}); "
                "berkas tidak utuh."
            )
    for what, rows in (
        ("formulir", forms),
        ("usulan", proposals),
        ("calon mitra", partners),
        ("rekaman tanda tangan", snapshots),
    ):
        seen: set[str] = set()
        for row in rows:
            if row["uuid"] in seen:
                raise _Refuse(f"uuid {what} {row['uuid']} muncul lebih dari sekali.")
            seen.add(row["uuid"])
    slots: set[tuple[str, int]] = set()
    scope = manifest["scope"]
    by_form: dict[str, IncomingForm] = {}
    for data in forms:
        label = f"formulir {data['agency_code']} {data['year']}"
        if (data["agency_code"], data["year"]) in slots:
            raise _Refuse(f"{label} muncul lebih dari sekali (satu formulir per perangkat daerah per tahun).")
        slots.add((data["agency_code"], data["year"]))
        if (
            scope.get("agency_code", data["agency_code"]) != data["agency_code"]
            or scope.get("year", data["year"]) != data["year"]
        ):
            raise _Refuse(f"{label} berada di luar cakupan yang tertulis di manifest.")
        for p in data["proposals"]:
            if p["form_uuid"] != data["uuid"]:
                raise _Refuse(f"usulan {p['uuid']} pada {label} menunjuk formulir lain.")
            for pa in p["partners"]:
                if pa["proposal_uuid"] != p["uuid"]:
                    raise _Refuse(f"calon mitra {pa['uuid']} pada {label} menunjuk usulan lain.")
        by_form[data["uuid"]] = IncomingForm(form_from_dict(data), [])
    keys: set[tuple[str, int]] = set()
    for row in snapshots:
        if row["form_uuid"] not in by_form:
            raise _Refuse(f"rekaman tanda tangan {row['uuid']} milik formulir yang tidak ada di berkas.")
        if (row["form_uuid"], row["revision"]) in keys:
            raise _Refuse(f"rekaman tanda tangan revisi {row['revision']} muncul lebih dari sekali.")
        keys.add((row["form_uuid"], row["revision"]))
        by_form[row["form_uuid"]].snapshots.append(row)
    return list(by_form.values())


def _check_form(item: IncomingForm, ctx: RuleContext) -> None:
    """Hashes and the data dictionary's rules for one form.

    A signed form is verified with the canonical version its snapshot was made with
    (domain/canonical.py): a version-1 signature from an earlier release stays valid.
    """
    form = item.form
    label = f"formulir {form.agency_code} {form.year} (revisi {form.revision})"
    versions: dict[int, int] = {}
    for row in item.snapshots:
        if hash_text(row["content_json"]) != row["content_hash"]:
            raise _Refuse(
                f"rekaman tanda tangan revisi {row['revision']} {label} tidak cocok dengan kode verifikasinya."
            )
        try:
            content = _loads(f"rekaman tanda tangan revisi {row['revision']}", row["content_json"].encode("utf-8"))
        except _Refuse:
            raise _Refuse(f"rekaman tanda tangan revisi {row['revision']} {label} bukan JSON yang sah.") from None
        if (
            not isinstance(content, dict)
            or content.get("uuid") != form.uuid
            or content.get("revision") != row["revision"]
        ):
            raise _Refuse(f"rekaman tanda tangan revisi {row['revision']} {label} tidak sesuai dengan formulirnya.")
        if row["revision"] > form.revision:
            raise _Refuse(f"rekaman tanda tangan revisi {row['revision']} lebih baru daripada {label}.")
        try:
            versions[row["revision"]] = content_version(content)
        except ValueError:
            raise _Refuse(
                f"rekaman tanda tangan revisi {row['revision']} {label} dibuat dengan versi isi kanonis "
                f"{content.get(VERSION_KEY)!r} yang tidak dikenal; perbarui aplikasi KSD Desktop."
            ) from None
    signed = form.status == FormStatus.SIGNED
    item.version = versions.get(form.revision, CANONICAL_VERSION) if signed else CANONICAL_VERSION
    try:
        item.hash = recomputed = content_hash(form, item.version)
    except ValueError:
        raise _Refuse(f"{label} berisi teks yang tidak sah (karakter «surrogate» tunggal).") from None
    if signed:
        if form.content_hash != recomputed:
            raise _Refuse(
                f"isi {label} tidak cocok dengan kode verifikasi yang ditandatangani: data telah diubah "
                "setelah penandatanganan."
            )
        if not any(r["revision"] == form.revision and r["content_hash"] == recomputed for r in item.snapshots):
            raise _Refuse(f"rekaman tanda tangan {label} tidak ada di berkas.")
        problems = errors_only(validate_signing(form, ctx))
    else:
        problems = errors_only(validate_form(form, ctx))
    if problems:
        shown = "; ".join(f"{p.location}: {p.message}" for p in problems[:_MAX_SHOWN_PROBLEMS])
        more = (
            f" (dan {len(problems) - _MAX_SHOWN_PROBLEMS} masalah lain)" if len(problems) > _MAX_SHOWN_PROBLEMS else ""
        )
        raise _Refuse(f"{label} melanggar aturan pengisian: {shown}{more}.")


# -- PDFs ---------------------------------------------------------------------------------------
_NOT_OURS = "bukan PDF ekspor KSD Desktop (tidak berisi data formulir {name})."


def _read_pdf(path: Path, ctx: RuleContext) -> IncomingFile:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(path.read_bytes()))
        raw = read_embedded(reader)
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds for damaged files
        raise _Refuse("PDF rusak atau tidak dapat dibaca.") from None
    if not raw:
        raise _Refuse(_NOT_OURS.format(name=EMBEDDED_NAME))
    if len(raw) > MAX_MEMBER_BYTES:
        raise _Refuse(f"data formulir di dalam PDF terlalu besar ({_mb(len(raw))}).")
    payload = _loads(EMBEDDED_NAME, raw)
    if not isinstance(payload, dict) or payload.get("format") != EMBEDDED_FORMAT:
        raise _Refuse(_NOT_OURS.format(name=EMBEDDED_NAME))
    version = payload.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Refuse(f"versi format data formulir ({version!r}) tidak dikenal.")
    if version > EMBEDDED_FORMAT_VERSION:
        raise _Refuse(
            f"PDF dibuat oleh versi aplikasi yang lebih baru (format versi {version}); perbarui aplikasi KSD Desktop."
        )
    content, status = payload.get("content"), payload.get("status")
    if status not in (FormStatus.DRAFT.value, FormStatus.SIGNED.value) or not isinstance(content, dict):
        raise _Refuse("data formulir di dalam PDF tidak lengkap (status atau isi tidak ada).")
    declared = payload.get("content_hash")
    if declared != hash_text(dumps_canonical(content)):
        raise _Refuse("data formulir di dalam PDF tidak cocok dengan kode verifikasinya: PDF telah diubah atau rusak.")
    data = _full_form(content, status, declared)
    _schema(EMBEDDED_NAME, data, "form")
    form = form_from_dict(data)
    snapshots = []
    if status == FormStatus.SIGNED:
        exported = payload.get("exported_at")
        snapshots.append(
            {
                "uuid": str(_uuid.uuid5(SNAPSHOT_NAMESPACE, f"{form.uuid}:{form.revision}:{declared}")),
                "form_uuid": form.uuid,
                "revision": form.revision,
                "content_json": dumps_canonical(content),
                "content_hash": declared,
                "signed_at": exported if not json_schema.check("timestamp", exported) else utc_now_iso(),
            }
        )
    item = IncomingForm(form, snapshots, has_review=False)
    _check_form(item, ctx)
    return IncomingFile(path, "pdf", [item], None)


def _full_form(content: dict[str, Any], status: str, declared: str) -> dict[str, Any]:
    """The canonical content with the columns it leaves out, for the schema and the domain.

    A key the canonical content never has (a review field, a timestamp) is refused: it was
    not written by KSD Desktop.
    """

    def extra(keys: Iterable[str], allowed: Iterable[str], what: str) -> None:
        unknown = sorted(set(keys) - set(allowed))
        if unknown:
            raise _Refuse(f"data formulir di dalam PDF berisi kunci yang tidak dikenal «{unknown[0]}» pada {what}.")

    extra(content, [*FORM_CONTENT_COLUMNS, "proposals", VERSION_KEY], "formulir")
    data = {key: value for key, value in content.items() if key != VERSION_KEY}
    data = {
        **data,
        "status": status,
        "content_hash": declared if status == FormStatus.SIGNED else None,
        "created_at": None,
        "updated_at": None,
        "origin_device": None,
    }
    proposals = content.get("proposals")
    if isinstance(proposals, list):
        data["proposals"] = []
        for proposal in proposals:
            if isinstance(proposal, dict):
                extra(proposal, [*PROPOSAL_CONTENT_COLUMNS, "partners"], "usulan")
                for partner in proposal.get("partners") or []:
                    if isinstance(partner, dict):
                        extra(partner, PARTNER_CONTENT_COLUMNS, "calon mitra")
                proposal = {
                    **proposal,
                    "review_status": ReviewStatus.BELUM_DINILAI.value,
                    "review_route": None,
                    "review_note": None,
                    "created_at": None,
                    "updated_at": None,
                }
            data["proposals"].append(proposal)
    return data

"""This data file's kode perangkat and role, and the senders' kode perangkat it has recorded.

What Settings, the about box, the export confirmation and ``ksd-desktop keys`` show and
change. Recording a key on first use happens during an import (importer.py); here the user
removes a recorded key (the next bundle from that holder is a first use again) or replaces
it with the key of a bundle from the holder's new laptop, each audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.device import SECRETARIAT_HOLDER, Role, device_code, role_label
from ...storage.errors import StorageError
from ...storage.keys import KeyStore
from ...storage.repositories import ReferenceRepository, SettingsRepository
from .bundle import data_role
from .incoming import read_signed_manifest
from .keys import own_device_code

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class RecordedSender:
    """One row of the recorded keys (Pengaturan, ``ksd-desktop keys``)."""

    holder: str  # agency code or TKKSD
    label: str  # "Dinas Kesehatan (DINKES)", "Sekretariat TKKSD"
    short: str  # "DINKES · Dinas Kesehatan", "Sekretariat TKKSD" (a narrow table column)
    device_code: str
    public_key: str
    first_seen: str
    last_used: str | None
    recorded_from: str | None


@dataclass(frozen=True)
class OwnDevice:
    device_code: str
    role: str

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    def describe(self) -> str:
        return f"Kode perangkat berkas data ini: {self.device_code} ({self.role_label})."


def own_device(db: Database) -> OwnDevice:
    """This data file's kode perangkat and role."""
    return OwnDevice(own_device_code(db), data_role(SettingsRepository(db)))


def set_role(db: Database, role: str) -> None:
    """Store the data file's role (Perangkat Daerah or Sekretariat TKKSD)."""
    if role not in {r.value for r in Role}:
        raise StorageError(f"Peran «{role}» tidak dikenal; pilih perangkat_daerah atau sekretariat_tkksd.")
    SettingsRepository(db).set("data_role", role)


def recorded_senders(db: Database) -> list[RecordedSender]:
    names = {a.code: a.name for a in ReferenceRepository(db).agencies()}
    names[SECRETARIAT_HOLDER] = "Sekretariat TKKSD"

    def labels(holder: str) -> tuple[str, str]:
        name = names.get(holder, holder)
        if holder in (SECRETARIAT_HOLDER, name):
            return name, name
        return f"{name} ({holder})", f"{holder} · {name}"

    return [
        RecordedSender(
            k.holder,
            *labels(k.holder),
            device_code(bytes.fromhex(k.public_key)),
            k.public_key,
            k.first_seen,
            k.last_used,
            k.recorded_from,
        )
        for k in KeyStore(db).all()
    ]


def forget_sender(db: Database, holder: str) -> bool:
    """Remove the recorded key of ``holder``; its next bundle asks again (trust on first use)."""
    return KeyStore(db, device="pengaturan").remove(holder, reason="kode perangkat dihapus (keputusan pengguna)")


@dataclass(frozen=True)
class KeyFromFile:
    """The signed sender of a bundle, read without importing it."""

    path: Path
    public_key: str
    device_code: str
    role: str
    exported_at: str


def key_from_file(path: str | Path) -> KeyFromFile:
    """The sender's key of a signed bundle (its signature checked); raises ImportRefused."""
    manifest = read_signed_manifest(path)
    sender = manifest["sender"]
    return KeyFromFile(Path(path), sender["public_key"], sender["device_code"], sender["role"], manifest["exported_at"])


def replace_sender(db: Database, holder: str, key: KeyFromFile) -> None:
    """Record ``key`` for ``holder`` in place of its recorded key (a new laptop), audited."""
    KeyStore(db, device="pengaturan").record(
        holder,
        key.public_key,
        source=key.path.name,
        reason=f"kode perangkat diganti dengan {key.device_code} dari {key.path.name} (keputusan pengguna)",
    )

"""SQL for keys: the data file's own private key, and the senders' keys it has recorded.

The private key is read only by services/exchange/keys.py to sign a bundle; nothing here
logs or prints it. Recording, replacing or removing a sender's key is audited in
``audit_log`` (entity ``trusted_key``, ``entity_uuid`` the holder, field ``public_key``),
in the caller's transaction when there is one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.dates import utc_now_iso
from .errors import StorageError, translate_sqlite_error

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = ("holder", "public_key", "first_seen", "last_used", "last_bundle_at", "recorded_from")


@dataclass(frozen=True)
class TrustedKey:
    """One recorded sender: ``holder`` is an agency code or ``TKKSD``; ``public_key`` is hex."""

    holder: str
    public_key: str
    first_seen: str
    last_used: str | None
    last_bundle_at: str | None
    recorded_from: str | None


def own_private_key(db: Database) -> bytes:
    """The 32-byte Ed25519 seed of this data file (created by migration ``m008_device_key_and_trusted_keys``)."""
    row = db.execute("SELECT private_key FROM device_key WHERE id = 1").fetchone()
    if row is None or len(row[0]) != 32:
        raise StorageError(
            "Kunci perangkat berkas data ini tidak ada atau rusak. Jalankan «ksd-desktop check» dan hubungi petugas TI."
        )
    return bytes(row[0])


class KeyStore:
    """The recorded senders' keys of one data file."""

    def __init__(self, db: Database, device: str = "kunci"):
        self.db = db
        self.device = device

    def all(self) -> list[TrustedKey]:
        """Every recorded key, agencies in the reference order, the secretariat first."""
        rows = self.db.execute(
            f"SELECT {', '.join('t.' + c for c in _COLUMNS)} FROM trusted_keys t "
            "LEFT JOIN agencies a ON a.code = t.holder ORDER BY a.rowid IS NOT NULL, a.rowid, t.holder"
        ).fetchall()
        return [TrustedKey(*r) for r in rows]

    def get(self, holder: str) -> TrustedKey | None:
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM trusted_keys WHERE holder = ?", [holder]).fetchone()
        return TrustedKey(*row) if row else None

    def holders_of(self, public_key: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT holder FROM trusted_keys WHERE public_key = ? ORDER BY holder", [public_key]
            )
        ]

    def record(self, holder: str, public_key: str, *, reason: str, source: str | None = None) -> None:
        """Record (or replace) the key of ``holder``; audited with the old and the new key."""
        now = utc_now_iso()
        try:
            with self.db.atomic():
                old = self.get(holder)
                if old is not None and old.public_key == public_key:
                    return
                self.db.execute(
                    "INSERT OR REPLACE INTO trusted_keys (holder, public_key, first_seen, last_used, "
                    "last_bundle_at, recorded_from) VALUES (?, ?, ?, NULL, NULL, ?)",
                    [holder, public_key, now, source],
                )
                self._audit(now, holder, old.public_key if old else None, public_key, reason)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def remove(self, holder: str, *, reason: str) -> bool:
        """Forget the key of ``holder`` (its next bundle is a first use again); False when none was recorded."""
        now = utc_now_iso()
        try:
            with self.db.atomic():
                old = self.get(holder)
                if old is None:
                    return False
                self.db.execute("DELETE FROM trusted_keys WHERE holder = ?", [holder])
                self._audit(now, holder, old.public_key, None, reason)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc
        return True

    def touch(self, public_key: str, holders: list[str], bundle_at: str | None) -> None:
        """Note an import that wrote data: last used now, and the newest bundle export time seen
        (``bundle_at`` in UTC as ``YYYY-MM-DDTHH:MM:SSZ``, so that text order is time order). Not audited."""
        now = utc_now_iso()
        try:
            for holder in holders:
                self.db.execute(
                    "UPDATE trusted_keys SET last_used = ?, last_bundle_at = CASE WHEN ? IS NOT NULL AND "
                    "(last_bundle_at IS NULL OR last_bundle_at < ?) THEN ? ELSE last_bundle_at END "
                    "WHERE holder = ? AND public_key = ?",
                    [now, bundle_at, bundle_at, bundle_at, holder, public_key],
                )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc) from exc

    def _audit(self, now: str, holder: str, old: str | None, new: str | None, reason: str) -> None:
        self.db.execute(
            "INSERT INTO audit_log (at, device, entity, entity_uuid, field, old, new, reason) "
            "VALUES (?, ?, 'trusted_key', ?, 'public_key', ?, ?, ?)",
            [now, self.device, holder, json.dumps(old) if old else None, json.dumps(new) if new else None, reason],
        )

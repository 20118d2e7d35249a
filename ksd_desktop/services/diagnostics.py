"""What *Tentang KSD Desktop* shows, and the summary "Salin Info untuk TI" copies for a support request.

Build facts come from ``resources/build-info.json`` in the frozen app (written by
installer.spec at freeze time: version, build time, commit, the libraries frozen in), else
from the source checkout (git's last commit, if git is at hand). Library versions are read
from the installed packages' metadata, never by importing them (the about box must not load
pyHanko or reportlab). The data file's facts (size, schema version, rows per table) are read
from the open connection. No Qt here: the GUI adds Qt's own versions and the screen.

The *kode perangkat* (the data file's key, read over the phone: services/exchange/devices.py)
is read when the about box opens; a file that is not open yet, or whose key cannot be read,
gives None and the about box says "belum tersedia".
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import logging
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import APP_NAME, __version__
from ..errors import UserError
from ..paths import log_path, resource_dir, user_data_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

BUILD_INFO_FILE = "build-info.json"
#: Distributions whose versions IT asks about, by the name shown (pip name in brackets when different).
LIBRARIES = (
    ("PySide6", "PySide6-Essentials"),
    ("reportlab", "reportlab"),
    ("pypdf", "pypdf"),
    ("pyHanko", "pyHanko"),
    ("pypdfium2", "pypdfium2"),
    ("sqlite-utils", "sqlite-utils"),
    ("openpyxl", "openpyxl"),
    ("python-docx", "python-docx"),
    ("cryptography", "cryptography"),
    ("Pillow", "Pillow"),
)


@dataclass(frozen=True)
class BuildInfo:
    version: str
    frozen: bool
    built: str | None = None  # ISO 8601 (UTC) of the build or of the source's last commit
    commit: str | None = None
    libraries: Mapping[str, str] = field(default_factory=dict)  # as frozen in (frozen app only)

    def describe(self) -> str:
        """ "Versi 0.2.0, dibangun 2 Desember 2026" / "Versi 0.2.0, dari kode sumber (commit 1a2b3c4, …)"."""
        when = _date_id(self.built)
        if self.frozen:
            text = f"Versi {self.version}" + (f", dibangun {when}" if when else "")
            return text + (f" (commit {self.commit})" if self.commit else "")
        source = ", ".join(x for x in (f"commit {self.commit}" if self.commit else "", when) if x)
        return f"Versi {self.version}, dijalankan dari kode sumber" + (f" ({source})" if source else "")


def _date_id(value: str | None) -> str:
    from ..domain.dates import format_date_id

    if not value:
        return ""
    try:
        return format_date_id(dt.datetime.fromisoformat(value).date().isoformat())
    except ValueError:
        return value


@cache
def build_info() -> BuildInfo:
    """Facts of this build (cached: they do not change while the app runs)."""
    frozen = bool(getattr(sys, "frozen", False))
    recorded = _recorded_build()
    if recorded is not None:
        return BuildInfo(
            str(recorded.get("version") or __version__),
            frozen,
            recorded.get("built") or None,
            recorded.get("commit") or None,
            dict(recorded.get("libraries") or {}),
        )
    if frozen:
        return BuildInfo(__version__, True)
    built, commit = _git_last_commit()
    return BuildInfo(__version__, False, built, commit)


def _recorded_build() -> dict[str, Any] | None:
    try:
        path = resource_dir() / BUILD_INFO_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, FileNotFoundError):
        return None
    return data if isinstance(data, dict) else None


def _git_last_commit() -> tuple[str | None, str | None]:
    """(ISO date, short hash) of the checkout's last commit; (None, None) without git or a checkout."""
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None, None
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing on Windows
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cI %h"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=3,
            creationflags=flags,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None, None
    return (out[0], out[1]) if len(out) == 2 else (None, None)


def library_versions(info: BuildInfo | None = None) -> dict[str, str]:
    """Name shown → version: Python, SQLite, and LIBRARIES (installed metadata, else what the build recorded)."""
    info = info or build_info()
    versions = {"Python": platform.python_version(), "SQLite": sqlite3.sqlite_version}
    for shown, dist in LIBRARIES:
        try:
            versions[shown] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[shown] = str(info.libraries.get(shown) or "tidak diketahui")
    return versions


def device_code(db: Database | None) -> str | None:
    """The data file's kode perangkat with its role ("K7Q4-9XMA (Perangkat Daerah)"), or None when the
    file is not open or its key cannot be read. Never raises for the about box."""
    if db is None:
        return None
    from .exchange.devices import own_device

    try:
        own = own_device(db)
    except (UserError, sqlite3.Error, ValueError) as exc:
        log.warning("Kode perangkat tidak dapat dibaca: %s", exc)
        return None
    return f"{own.device_code} ({own.role_label})"


def recorded_sender_count(db: Database | None) -> int | None:
    """How many senders' kode perangkat this data file has recorded (trust on first use)."""
    if db is None:
        return None
    from .exchange.devices import recorded_senders

    try:
        return len(recorded_senders(db))
    except (UserError, sqlite3.Error, ValueError):
        return None


@dataclass(frozen=True)
class DataFacts:
    """The data file as IT needs to know it."""

    path: Path
    size: int | None
    schema_version: int | None
    latest_version: int
    counts: Mapping[str, int]
    problem: str = ""


def data_facts(db_path: str | Path, db: Database | None) -> DataFacts:
    """Size, schema version and rows per table of the open data file (a read-only look)."""
    from ..storage.database import schema_version
    from ..storage.migrations import latest_version
    from ..storage.repositories import table_counts

    path = Path(db_path)
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    if db is None:
        return DataFacts(path, size, None, latest_version(), {}, "berkas data belum terbuka")
    try:
        return DataFacts(path, size, schema_version(db), latest_version(), table_counts(db))
    except (sqlite3.Error, UserError) as exc:
        return DataFacts(path, size, None, latest_version(), {}, f"tidak dapat dibaca: {exc}")


def _size(value: int | None) -> str:
    """ "4.096 bita", "1,2 MB", "76,4 GB" (Indonesian decimal comma)."""
    if value is None:
        return "tidak ada"
    if value >= 1_000_000_000:
        return f"{value / 1e9:.1f} GB".replace(".", ",")
    if value >= 100_000:
        return f"{value / 1e6:.1f} MB".replace(".", ",")
    return f"{value:,} bita".replace(",", ".")


def _wal(path: Path) -> str:
    """The write-ahead log beside the file, when there is one (SQLite WAL mode)."""
    try:
        return f", catatan WAL {_size(Path(str(path) + '-wal').stat().st_size)}"
    except OSError:
        return ""


def _free_space(folder: Path) -> str:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return _size(shutil.disk_usage(folder).free) + " bebas"
    except OSError:
        return "tidak diketahui"


def summary_text(db_path: str | Path, db: Database | None, extra: Mapping[str, str] | None = None) -> str:
    """The plain-text summary for IT: versions, system, paths, schema version, counts.

    ``extra``: facts only the GUI knows (Qt's run-time version, the screen), added under Sistem.
    """
    info = build_info()
    facts = data_facts(db_path, db)
    versions = library_versions(info)
    code = device_code(db)
    lines = [
        f"{APP_NAME} — info untuk petugas TI ({dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z})",
        f"Aplikasi: {info.describe()}" + ("; aplikasi terpasang (beku)" if info.frozen else ""),
        f"Kode perangkat: {code or 'belum tersedia'}; kode perangkat pengirim yang tercatat: "
        f"{_count(recorded_sender_count(db))}",
        "",
        "Sistem:",
        f"  Sistem operasi: {platform.platform()} ({platform.machine() or '?'})",
        f"  Bahasa sistem: {_locale()}",
    ]
    lines += [f"  {key}: {value}" for key, value in (extra or {}).items()]
    lines += ["", "Versi pustaka:"] + [f"  {name}: {version}" for name, version in versions.items()]
    data_dir = user_data_dir()
    lines += [
        "",
        "Lokasi:",
        f"  Berkas data: {facts.path} ({_size(facts.size)}{_wal(facts.path)})",
        f"  Folder cadangan: {facts.path.parent / 'cadangan'}",
        f"  Folder data pengguna: {data_dir} ({_free_space(data_dir)})",
        f"  Berkas catatan (log): {log_path()}",
        f"  Program: {Path(sys.executable).parent if info.frozen else resource_dir().parent}",
    ]
    lines += ["", "Berkas data:"]
    if facts.problem:
        lines.append(f"  {facts.problem}")
    else:
        lines.append(f"  Versi skema: {facts.schema_version} (terbaru {facts.latest_version})")
        lines += [f"  {table}: {count:,}".replace(",", ".") for table, count in facts.counts.items()]
    return "\n".join(lines) + "\n"


def _count(value: int | None) -> str:
    return "tidak diketahui" if value is None else str(value)


def _locale() -> str:
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(key):
            return os.environ[key]
    try:
        import locale

        return str(locale.getlocale()[0] or "tidak diketahui")
    except ValueError:
        return "tidak diketahui"

"""The ``import`` and ``keys`` commands: the import preview with every decision it needs, and the
data file's kode perangkat and the senders' recorded ones (see cli.py for the exit codes).

Each decision has its own flag: ``--ambil-masuk`` / ``--pertahankan-lokal`` for content
conflicts, ``--ambil-tanpa-autentikasi`` for signed data from an unauthenticated source,
``--catat-kunci-baru`` for a kode perangkat seen for the first time, ``--ganti-kunci KODE``
for one that differs from the recorded one; ``--pratinjau`` shows them all and writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _shown(value: object, width: int = 60) -> str:
    text = "–" if value in (None, "") else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


_KEY_HINTS = {
    "new": "pakai --catat-kunci-baru untuk mencatatnya setelah dicocokkan dengan pengirim",
    "changed": "pakai --ganti-kunci {code} bila pengirim memastikan laptopnya baru",
}


def _print_sender(fp) -> None:
    sender = fp.sender
    if sender is None:
        return
    print(f"      Pengirim: {sender.describe()}")
    if not sender.needs_decision:
        return
    if sender.decision is not None and sender.decision.value == "record":
        print(
            "      Keputusan: kode perangkat "
            + ("dicatat" if sender.state == "new" else "diganti")
            + " lalu berkas diimpor."
        )
    else:
        _err(
            f"      {fp.path.name}: belum diputuskan, berkas tidak diimpor ("
            f"{_KEY_HINTS[sender.state.value].format(code=sender.device_code)})."
        )


def _print_form(form, decided) -> None:
    print(f"  - {form.describe()}")
    if form.snapshots_to_add:
        print(f"      + {form.snapshots_to_add} rekaman tanda tangan yang belum ada di sini")
    if form.review_message():
        print(f"      {form.review_message()}")
    if form.status != "conflict":
        return
    diffs = form.differences()
    if diffs:
        print(f"      {len(diffs)} perbedaan (di sini → berkas masuk):")
    for diff in diffs[:8]:
        print(f"        {diff.where} · {diff.label}: {_shown(diff.local)} → {_shown(diff.incoming)}")
    if len(diffs) > 8:
        print(f"        … dan {len(diffs) - 8} perbedaan lain")
    if form.form_uuid not in decided:
        flags = (
            "--ambil-tanpa-autentikasi atau --pertahankan-lokal"
            if form.conflict_kind == "unauthenticated"
            else "--ambil-masuk atau --pertahankan-lokal"
        )
        print(f"      Belum diputuskan: data di sini dipertahankan (pakai {flags}).")


def _print_preview(previews, decided, zone: str | None = None) -> None:
    from .domain.dates import format_datetime_id

    for number, fp in enumerate(previews, start=1):
        if not fp.ok:
            _err(f"[{number}/{len(previews)}] DITOLAK: {fp.error}")
            continue
        kind = "berkas data" if fp.kind == "bundle" else "PDF formulir"
        origin = ""
        if fp.manifest:
            origin = f", diekspor {format_datetime_id(fp.manifest['exported_at'], zone)}"
        print(f"[{number}/{len(previews)}] {fp.path.name} ({kind}{origin}): {fp.summary()}")
        _print_sender(fp)
        for form in fp.forms:
            _print_form(form, decided)


def _decisions(previews, *, take_incoming: bool, keep_local: bool, take_unauthenticated: bool) -> dict:
    """One decision per conflict, each from its own flag."""
    from .services.exchange.importer import ConflictKind, Decision

    decisions = {}
    for form in (f for fp in previews for f in fp.conflicts):
        if keep_local:
            decisions[form.form_uuid] = Decision.KEEP_LOCAL
        elif form.conflict_kind == ConflictKind.UNAUTHENTICATED:
            if take_unauthenticated:
                decisions[form.form_uuid] = Decision.TAKE_INCOMING
        elif take_incoming and Decision.TAKE_INCOMING in form.choices:
            decisions[form.form_uuid] = Decision.TAKE_INCOMING
    return decisions


def cmd_import(
    path: Path,
    files: list[Path],
    *,
    take_incoming: bool = False,
    keep_local: bool = False,
    dry_run: bool = False,
    take_unauthenticated: bool = False,
    record_new_keys: bool = False,
    replace_keys: list[str] | None = None,
) -> int:
    from .services.exchange.importer import KeyPolicy, apply, preview
    from .storage.database import open_database
    from .storage.repositories import SettingsRepository

    db = open_database(path, create=False)  # a typo in --db never creates a new, empty data file
    try:
        previews = preview(
            db, files, keys=KeyPolicy(record_new=record_new_keys, replace_codes=frozenset(replace_keys or ()))
        )
        decisions = _decisions(
            previews, take_incoming=take_incoming, keep_local=keep_local, take_unauthenticated=take_unauthenticated
        )
        _print_preview(previews, decisions, SettingsRepository(db).get("timezone"))
        if dry_run:
            refused = sum(1 for fp in previews if not fp.ok)
            open_conflicts = sum(1 for fp in previews for f in fp.conflicts if f.form_uuid not in decisions)
            undecided = sum(1 for fp in previews if fp.ok and not fp.imports)
            print("Pratinjau saja: tidak ada yang ditulis.")
            return EXIT_OK if not refused and not open_conflicts and not undecided else EXIT_FAILED
        result = apply(db, previews, decisions)
    finally:
        db.close()
    for outcome in result.files:
        if not outcome.ok:
            if not any(fp.path == outcome.path and not fp.ok for fp in previews):
                _err(f"DITOLAK saat diterapkan: {outcome.error}")
            continue
        if outcome.skipped:
            (_err if outcome.undecided else print)(outcome.skipped)
            continue
        added = sum(1 for f in outcome.forms if f.action == "added")
        replaced = [f"{f.agency_code} {f.year}" for f in outcome.forms if f.action == "replaced"]
        snapshots = sum(f.snapshots_added for f in outcome.forms if f.action not in ("added", "replaced"))
        reviews = sum(f.reviews_taken for f in outcome.forms)
        parts = [
            f"{added} formulir ditambahkan",
            f"{len(replaced)} diganti" + (f" ({', '.join(replaced)})" if replaced else ""),
        ]
        if snapshots:
            parts.append(f"{snapshots} rekaman tanda tangan ditambahkan")
        if reviews:
            parts.append(f"penilaian TKKSD diambil untuk {reviews} usulan")
        if outcome.keys_recorded:
            parts.append(f"kode perangkat dicatat untuk {', '.join(outcome.keys_recorded)}")
        print(f"{outcome.path.name}: " + (", ".join(parts) if outcome.changed else "tidak ada yang berubah") + ".")
        for form in outcome.forms:
            if form.unresolved:
                _err(f"Konflik {form.agency_code} {form.year} belum diputuskan: {form.message}")
    if result.backup:
        print(f"Cadangan sebelum impor: {result.backup}")
        print("  (batalkan dengan: ksd-desktop undo-import --db BERKAS)")
    refused = len(result.refused)
    line = (
        f"Hasil: {result.count('added')} formulir ditambahkan, {result.count('replaced')} diganti, "
        f"{len(result.unresolved)} konflik belum diputuskan, {refused} berkas ditolak."
    )
    if result.undecided:
        line += f" {len(result.undecided)} berkas tidak diimpor karena kode perangkatnya belum diputuskan."
    if result.ok:
        print(line if result.changed else line + " Tidak ada yang berubah.")
        return EXIT_OK
    _err(line)
    return EXIT_FAILED


def cmd_keys(path: Path, role: str | None, forget: str | None) -> int:
    from .services.exchange.devices import forget_sender, own_device, recorded_senders, set_role
    from .storage.database import open_database
    from .storage.errors import DatabaseNotFoundError

    if not path.exists():
        raise DatabaseNotFoundError(f"Berkas basis data tidak ditemukan: {path}")
    db = open_database(path, create=False)
    try:
        if role:
            set_role(db, {"perangkat-daerah": "perangkat_daerah", "sekretariat": "sekretariat_tkksd"}[role])
        if forget:
            holder = forget.strip().upper()
            if not forget_sender(db, holder):
                _err(f"Tidak ada kode perangkat yang tercatat untuk «{holder}».")
                return EXIT_FAILED
            print(f"Kode perangkat {holder} dihapus; berkas berikutnya darinya diperlakukan sebagai yang pertama.")
        device = own_device(db)
        senders = recorded_senders(db)
    finally:
        db.close()
    print(f"Kode perangkat berkas data ini: {device.device_code}")
    print(f"Peran berkas data: {device.role_label}")
    if not senders:
        print("Belum ada kode perangkat pengirim yang tercatat.")
        return EXIT_OK
    print(f"Kode perangkat pengirim yang tercatat ({len(senders)}):")
    width = max(len(s.holder) for s in senders)
    for sender in senders:
        used = sender.last_used[:10] if sender.last_used else "–"
        print(
            f"  {sender.holder:<{width}}  {sender.device_code}  pertama {sender.first_seen[:10]}  "
            f"terakhir dipakai {used}"
        )
    return EXIT_OK

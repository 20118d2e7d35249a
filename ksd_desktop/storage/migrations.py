"""Schema migrations as small named functions (sqlite-utils ``Migrations``).

Each migration runs in its own transaction together with its record. The column lists
below are frozen copies: a migration describes history and must not change when the
domain grows (tests/storage/test_migrations.py checks they still match the domain).
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

migrations = Migrations("ksd_desktop")

FORM_CONTENT = [
    "uuid",
    "agency_code",
    "year",
    "pic_name",
    "pic_position",
    "pic_phone",
    "pic_email",
    "signer_name",
    "signer_nip",
    "signer_rank",
    "signer_position",
    "signer_prefix",
    "signed_place",
    "signed_date",
    "revision",
    "revision_reason",
]
PROPOSAL_CONTENT = [
    "uuid",
    "form_uuid",
    "seq",
    "urusan_code",
    "program",
    "problem",
    "potential",
    "object",
    "kind",
    "ksdd_category",
    "externality",
    "ksdpk_form",
    "benefits",
    "rpjmd_alignment",
    "legal_basis",
    "financing",
    "priority",
    "stage",
    "existing_documents",
    "compliance_confirmed",
    "notes",
]

_SCHEMA = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE reference_shipped (
    table_name TEXT NOT NULL, key TEXT NOT NULL, content TEXT NOT NULL,
    PRIMARY KEY (table_name, key));
CREATE TABLE agencies (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT,
    urusan_codes TEXT NOT NULL DEFAULT '[]', active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE urusan (code TEXT PRIMARY KEY, name TEXT NOT NULL, "group" TEXT NOT NULL);
CREATE TABLE regions (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, province_code TEXT NOT NULL);
CREATE TABLE ranks (code TEXT PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE forms (
    uuid TEXT PRIMARY KEY,
    agency_code TEXT NOT NULL REFERENCES agencies(code),
    year INTEGER NOT NULL,
    pic_name TEXT NOT NULL DEFAULT '', pic_position TEXT NOT NULL DEFAULT '',
    pic_phone TEXT, pic_email TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    signer_name TEXT, signer_nip TEXT, signer_rank TEXT, signer_position TEXT,
    signer_prefix TEXT NOT NULL DEFAULT '', signed_place TEXT, signed_date TEXT,
    content_hash TEXT, revision INTEGER NOT NULL DEFAULT 1, revision_reason TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_device TEXT,
    UNIQUE (agency_code, year));
CREATE INDEX idx_forms_year ON forms(year);
CREATE TABLE proposals (
    uuid TEXT PRIMARY KEY,
    form_uuid TEXT NOT NULL REFERENCES forms(uuid) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    urusan_code TEXT REFERENCES urusan(code),
    program TEXT, problem TEXT NOT NULL DEFAULT '', potential TEXT, object TEXT NOT NULL DEFAULT '',
    kind TEXT, ksdd_category TEXT, externality TEXT, ksdpk_form TEXT,
    benefits TEXT NOT NULL DEFAULT '', rpjmd_alignment TEXT, legal_basis TEXT,
    financing TEXT, priority TEXT, stage TEXT NOT NULL DEFAULT 'usulan', existing_documents TEXT,
    compliance_confirmed INTEGER NOT NULL DEFAULT 0,
    review_status TEXT NOT NULL DEFAULT 'belum_dinilai', review_route TEXT, review_note TEXT,
    notes TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX idx_proposals_form ON proposals(form_uuid, seq);
CREATE TABLE partners (
    uuid TEXT PRIMARY KEY,
    proposal_uuid TEXT NOT NULL REFERENCES proposals(uuid) ON DELETE CASCADE,
    seq INTEGER NOT NULL, name TEXT NOT NULL DEFAULT '', category TEXT,
    region_code TEXT REFERENCES regions(code), contact TEXT);
CREATE INDEX idx_partners_proposal ON partners(proposal_uuid, seq);
CREATE TABLE signed_snapshots (
    uuid TEXT PRIMARY KEY,
    form_uuid TEXT NOT NULL REFERENCES forms(uuid),
    revision INTEGER NOT NULL, content_json TEXT NOT NULL, content_hash TEXT NOT NULL,
    signed_at TEXT NOT NULL, UNIQUE (form_uuid, revision));
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, device TEXT,
    entity TEXT NOT NULL, entity_uuid TEXT NOT NULL, field TEXT, old TEXT, new TEXT, reason TEXT);
CREATE INDEX idx_audit_entity ON audit_log(entity_uuid);
"""


def _changed(columns: list[str]) -> str:
    return " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)


def _insert_only(table: str) -> str:
    message = f"{table} hanya boleh ditambah, tidak boleh diubah atau dihapus"
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{message}'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""


_LOCKED = "Formulir sudah ditandatangani: isinya tidak dapat diubah; buka untuk revisi terlebih dahulu"
_FORM_OF_PROPOSAL = "(SELECT status FROM forms WHERE uuid = {ref}.form_uuid) = 'signed'"
_FORM_OF_PARTNER = (
    "(SELECT f.status FROM forms f JOIN proposals p ON p.form_uuid = f.uuid "
    "WHERE p.uuid = {ref}.proposal_uuid) = 'signed'"
)


def _lock_triggers() -> str:
    form_changed = _changed([c for c in FORM_CONTENT if c not in ("revision", "revision_reason")])
    proposal_changed = _changed(PROPOSAL_CONTENT)
    return f"""
CREATE TRIGGER forms_signed_content_locked BEFORE UPDATE ON forms
WHEN OLD.status = 'signed' AND NEW.status = 'signed'
  AND ({form_changed} OR OLD.revision IS NOT NEW.revision OR OLD.revision_reason IS NOT NEW.revision_reason
       OR OLD.content_hash IS NOT NEW.content_hash)
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER forms_reopen_needs_new_revision BEFORE UPDATE ON forms
WHEN OLD.status = 'signed' AND NEW.status <> 'signed'
  AND (NEW.revision IS NOT OLD.revision + 1 OR COALESCE(TRIM(NEW.revision_reason), '') = '')
BEGIN SELECT RAISE(ABORT, 'Membuka formulir yang sudah ditandatangani memerlukan revisi baru dan alasan revisi'); END;
CREATE TRIGGER forms_sign_needs_snapshot BEFORE UPDATE ON forms
WHEN NEW.status = 'signed' AND OLD.status <> 'signed' AND NOT EXISTS (
  SELECT 1 FROM signed_snapshots s WHERE s.form_uuid = NEW.uuid AND s.revision = NEW.revision
  AND s.content_hash = NEW.content_hash)
BEGIN SELECT RAISE(ABORT, 'Formulir hanya dapat ditandatangani bersama rekaman isi yang ditandatangani'); END;
CREATE TRIGGER forms_insert_as_draft BEFORE INSERT ON forms WHEN NEW.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'Formulir baru selalu berstatus draf'); END;
CREATE TRIGGER forms_signed_no_delete BEFORE DELETE ON forms WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER proposals_signed_no_insert BEFORE INSERT ON proposals
WHEN {_FORM_OF_PROPOSAL.format(ref="NEW")}
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER proposals_signed_no_delete BEFORE DELETE ON proposals
WHEN {_FORM_OF_PROPOSAL.format(ref="OLD")}
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER proposals_signed_content_locked BEFORE UPDATE ON proposals
WHEN ({_FORM_OF_PROPOSAL.format(ref="OLD")} OR {_FORM_OF_PROPOSAL.format(ref="NEW")}) AND ({proposal_changed})
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER partners_signed_no_insert BEFORE INSERT ON partners
WHEN {_FORM_OF_PARTNER.format(ref="NEW")}
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER partners_signed_no_delete BEFORE DELETE ON partners
WHEN {_FORM_OF_PARTNER.format(ref="OLD")}
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
CREATE TRIGGER partners_signed_no_update BEFORE UPDATE ON partners
WHEN {_FORM_OF_PARTNER.format(ref="OLD")} OR {_FORM_OF_PARTNER.format(ref="NEW")}
BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END;
"""


@migrations()
def m001_initial_schema(db: Database) -> None:
    """Tables of the data dictionary, insert-only history, and the signed-form lock."""
    script = _SCHEMA + _insert_only("signed_snapshots") + _insert_only("audit_log") + _lock_triggers()
    # executescript() would COMMIT the migration's transaction; run statement by statement.
    for statement in _split_sql(script):
        db.execute(statement)


@migrations()
def m002_wizard_sessions(db: Database) -> None:
    """Unfinished wizard input, autosaved so a crash or a closed laptop loses at most seconds.

    Kept apart from ``forms`` on purpose: half-typed input may break rules (an empty urusan,
    a short problem) and must not flood ``audit_log``; it becomes a form only when saved.
    """
    db.execute("""
    CREATE TABLE wizard_sessions (
        id TEXT PRIMARY KEY, form_uuid TEXT, agency_code TEXT, year INTEGER,
        state_json TEXT NOT NULL, page INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")


#: Full-text search for the main window, in two FTS5 tables keyed by the rowid of
#: ``proposals``, kept in sync by AFTER triggers (the signed-form locks are BEFORE
#: triggers: a refused change never reaches the index, and a failed statement is rolled
#: back as a whole, index included):
#:
#: - ``proposals_fts``: an *external content* table over ``proposals`` (problem, object,
#:   notes). It holds only the index; the standard FTS5 triggers tell it the old values to
#:   remove.
#: - ``partners_fts``: the names of each proposal's partners (in ``seq`` order), one small
#:   document per proposal, as the view ``proposal_partner_names`` shows them. It keeps its
#:   own copy of the names (a few dozen bytes a proposal) so that a partner's change simply
#:   replaces the proposal's document: nothing needs the exact old text, and nothing done
#:   to the data by another tool can make a later change fail.
#:
#: VACUUM keeps rowids; ``SearchIndex.rebuild()`` in storage/queries.py rebuilds both
#: indexes should they ever drift (for instance after an INSERT OR REPLACE by another tool).
_PARTNER_NAMES_VIEW = """
CREATE VIEW proposal_partner_names AS
SELECT p.rowid AS id, (SELECT group_concat(name, ' ') FROM (SELECT pa.name AS name FROM partners pa
         WHERE pa.proposal_uuid = p.uuid ORDER BY pa.seq, pa.rowid)) AS names
FROM proposals p;
"""
#: Words, case and accents folded; prefix indexes make "dok" find "dokter" at once.
#: (Finding "sampah" inside "persampahan" needs trigrams: m010_search_inside_words.)
_SEARCH_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
_TEXT_COLUMNS = ("problem", "object", "notes")


def _renew_names(proposal_ids: str) -> str:
    """Replace the partner-names documents of the proposals ``proposal_ids`` selects."""
    return (
        f"DELETE FROM partners_fts WHERE rowid IN ({proposal_ids}); "
        "INSERT INTO partners_fts (rowid, names) SELECT id, names FROM proposal_partner_names "
        f"WHERE id IN ({proposal_ids}) AND names IS NOT NULL;"
    )


def _search_script() -> str:
    cols = ", ".join(_TEXT_COLUMNS)
    new, old = (", ".join(f"{ref}.{c}" for c in _TEXT_COLUMNS) for ref in ("NEW", "OLD"))
    add = f"INSERT INTO proposals_fts (rowid, {cols}) VALUES (NEW.rowid, {new});"
    remove = f"INSERT INTO proposals_fts (proposals_fts, rowid, {cols}) VALUES ('delete', OLD.rowid, {old});"
    text_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _TEXT_COLUMNS)
    of_proposal = "SELECT rowid FROM proposals WHERE uuid IN ({})"
    triggers = [  # name, event, condition, body
        ("proposals_fts_after_insert", "AFTER INSERT ON proposals", "", add),
        ("proposals_fts_after_update", f"AFTER UPDATE OF {cols} ON proposals", text_changed, remove + " " + add),
        (
            "proposals_fts_after_delete",
            "AFTER DELETE ON proposals",
            "",
            remove + " DELETE FROM partners_fts WHERE rowid = OLD.rowid;",
        ),
        (
            "partners_fts_after_insert",
            "AFTER INSERT ON partners",
            "",
            _renew_names(of_proposal.format("NEW.proposal_uuid")),
        ),
        (
            "partners_fts_after_update",
            "AFTER UPDATE OF name, seq, proposal_uuid ON partners",
            "OLD.name IS NOT NEW.name OR OLD.seq IS NOT NEW.seq OR OLD.proposal_uuid IS NOT NEW.proposal_uuid",
            _renew_names(of_proposal.format("OLD.proposal_uuid, NEW.proposal_uuid")),
        ),
        (
            "partners_fts_after_delete",
            "AFTER DELETE ON partners",
            "",
            _renew_names(of_proposal.format("OLD.proposal_uuid")),
        ),
    ]
    script = _PARTNER_NAMES_VIEW + (
        f"CREATE VIRTUAL TABLE proposals_fts USING fts5({cols}, content = 'proposals', content_rowid = 'rowid', "
        f"{_SEARCH_OPTIONS});\n"
        f"CREATE VIRTUAL TABLE partners_fts USING fts5(names, {_SEARCH_OPTIONS});\n"
    )
    for name, event, when, body in triggers:
        condition = f" WHEN {when}" if when else ""
        script += f"CREATE TRIGGER {name} {event}{condition}\nBEGIN {body} END;\n"
    return script + (
        "INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild');\n"
        "INSERT INTO partners_fts (rowid, names) SELECT id, names FROM proposal_partner_names "
        "WHERE names IS NOT NULL ORDER BY id;\n"
    )


@migrations()
def m003_search_index(db: Database) -> None:
    """FTS5 index for the main window's search box (problem, object, notes, partner names).

    An SQLite built without FTS5 (or older than 3.34) gets no index; the search then falls
    back to LIKE, which matches the same way, only slower.
    """
    try:
        db.execute(f"CREATE VIRTUAL TABLE temp._ksd_fts5_probe USING fts5(x, {_SEARCH_OPTIONS})")
        db.execute("DROP TABLE temp._ksd_fts5_probe")
    except sqlite3.OperationalError:
        return
    for statement in _split_sql(_search_script()):
        db.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (BEGIN … END;) whole."""
    statements, current = [], []
    for line in script.splitlines():
        if not line.strip():
            continue
        current.append(line)
        text = "\n".join(current)
        in_trigger = text.lstrip().upper().startswith("CREATE TRIGGER")
        if (in_trigger and text.rstrip().upper().endswith("END;")) or (not in_trigger and text.rstrip().endswith(";")):
            statements.append(text)
            current = []
    if current:
        statements.append("\n".join(current))
    return statements


def registered_names() -> list[str]:
    """Names of the migrations this version of the app knows, in order.

    sqlite-utils lists them only as pending for a database: every one is pending for an empty
    one (``pending`` is read-only; the in-memory database is thrown away). Without sqlite-utils'
    plugins: loading them scans every installed package's entry points (importlib.metadata,
    email, socket: most of ``check``'s time on a small file), and the app uses none.
    """
    return [m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))]


def latest_version() -> int:
    return len(registered_names())


_PENGADAAN_NOTE = (
    "Bentuk KSDPK semula «pengadaan barang/jasa», yang bukan bentuk kerja sama dengan pihak ketiga "
    "menurut Permendagri 22/2020; dipindahkan ke «lainnya» saat pembaruan aplikasi. Bila kebutuhan ini "
    "sebenarnya pengadaan, ajukan melalui pengadaan barang/jasa di luar kerja sama daerah."
)


@migrations()
def m004_ksdpk_pengadaan_to_lainnya(db: Database) -> None:
    """Draft proposals with KSDPK form ``pengadaan`` become ``lainnya``, with a note and an audit row.

    Signed forms keep what their head signed (the lock triggers refuse the change anyway, and a
    signature is never rewritten); they must choose another form when they are revised.
    """
    rows = db.execute(
        "SELECT p.uuid, p.notes FROM proposals p JOIN forms f ON f.uuid = p.form_uuid "
        "WHERE p.ksdpk_form = 'pengadaan' AND f.status <> 'signed'"
    ).fetchall()
    now = db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]
    for uuid, notes in rows:
        new_notes = f"{notes.strip()}\n{_PENGADAAN_NOTE}" if notes and notes.strip() else _PENGADAAN_NOTE
        db.execute(
            "UPDATE proposals SET ksdpk_form = 'lainnya', notes = ?, updated_at = ? WHERE uuid = ?",
            [new_notes, now, uuid],
        )
        for field, old, new in (
            ("ksdpk_form", '"pengadaan"', '"lainnya"'),
            ("notes", None if notes is None else _json_text(notes), _json_text(new_notes)),
        ):
            db.execute(
                "INSERT INTO audit_log (at, device, entity, entity_uuid, field, old, new, reason) "
                "VALUES (?, NULL, 'proposal', ?, ?, ?, ?, ?)",
                [now, uuid, field, old, new, "pembaruan aplikasi: pengadaan bukan bentuk KSDPK"],
            )


def _json_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


@migrations()
def m005_agency_letterhead(db: Database) -> None:
    """Letterhead (kop) data per agency: address, telephone, e-mail, website and logo file name."""
    for column in ("kop_address", "kop_phone", "kop_email", "kop_website", "kop_logo"):
        db.execute(f"ALTER TABLE agencies ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


@migrations()
def m006_report_settings(db: Database) -> None:
    """The editable parts of each year's Laporan (dates, conclusions, signatories, nomor), one row a year."""
    db.execute("""
    CREATE TABLE report_settings (
        year INTEGER PRIMARY KEY, content_json TEXT NOT NULL DEFAULT '{}', updated_at TEXT NOT NULL)""")


_FOLLOWUP_SCHEMA = """
CREATE TABLE agreements (
    uuid TEXT PRIMARY KEY,
    doc_type TEXT NOT NULL CHECK (doc_type IN ('KSB', 'NK', 'PKS', 'MOU')),
    number TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', object TEXT NOT NULL DEFAULT '',
    parties TEXT NOT NULL DEFAULT '[]',
    agency_code TEXT REFERENCES agencies(code),
    date_signed TEXT NOT NULL, effective_from TEXT, term_years INTEGER, term_months INTEGER, expires_on TEXT,
    status TEXT NOT NULL DEFAULT 'berlaku' CHECK (status IN ('berlaku', 'diperpanjang', 'diakhiri')),
    status_note TEXT,
    parent_uuid TEXT REFERENCES agreements(uuid) ON DELETE SET NULL,
    attachment TEXT, note TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_device TEXT);
CREATE INDEX idx_agreements_signed ON agreements(date_signed);
CREATE TABLE agreement_proposals (
    agreement_uuid TEXT NOT NULL REFERENCES agreements(uuid) ON DELETE CASCADE,
    proposal_uuid TEXT NOT NULL REFERENCES proposals(uuid),
    PRIMARY KEY (agreement_uuid, proposal_uuid));
CREATE INDEX idx_agreement_proposals_proposal ON agreement_proposals(proposal_uuid);
CREATE TABLE followup_steps (
    uuid TEXT PRIMARY KEY,
    proposal_uuid TEXT NOT NULL REFERENCES proposals(uuid),
    step TEXT NOT NULL, date TEXT NOT NULL,
    document_number TEXT, responsible TEXT, attachment TEXT, note TEXT, exception_reason TEXT,
    agreement_uuid TEXT REFERENCES agreements(uuid) ON DELETE SET NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin_device TEXT);
CREATE INDEX idx_followup_steps_proposal ON followup_steps(proposal_uuid, date);
CREATE TRIGGER proposals_with_followup_no_delete BEFORE DELETE ON proposals
WHEN EXISTS (SELECT 1 FROM followup_steps s WHERE s.proposal_uuid = OLD.uuid)
  OR EXISTS (SELECT 1 FROM agreement_proposals l WHERE l.proposal_uuid = OLD.uuid)
BEGIN SELECT RAISE(ABORT, 'Usulan ini sudah memiliki catatan tindak lanjut atau perjanjian, sehingga tidak dapat dihapus. Hapus dahulu catatan itu di jendela Tindak Lanjut, atau biarkan usulannya tetap ada.'); END;
"""


@migrations()
def m007_followup_steps_and_agreements(db: Database) -> None:
    """Tindak lanjut after the mapping: each proposal's steps, the register of agreements
    (KSB, NK, PKS, MoU) and their links to proposals (issue 17).

    A proposal with follow-up records cannot be deleted (a revised form must keep it): the
    steps and agreements are the secretariat's record of what became of it. Every change is
    written to ``audit_log`` by storage/followup_repo.py.
    """
    for statement in _split_sql(_FOLLOWUP_SCHEMA):
        db.execute(statement)


@migrations()
def m008_device_key_and_trusted_keys(db: Database) -> None:
    """The data file's own Ed25519 key, and the senders' keys it trusts (trust on first use).

    ``device_key`` holds one row: the 32-byte Ed25519 private key (the seed, from the
    operating system's random source) that signs every bundle this file exports. It is
    created here, on the first open of a new or older file, never leaves the database (a
    bundle carries only the public key) and is insert-only: the kode perangkat of a data
    file never changes.

    ``trusted_keys`` holds one recorded public key (hex) per holder: an agency code, or
    ``TKKSD`` for the secretariat. Changes are audited (entity ``trusted_key``).
    """
    import os

    from ..domain.dates import utc_now_iso

    db.execute("""
    CREATE TABLE device_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        private_key BLOB NOT NULL CHECK (length(private_key) = 32),
        created_at TEXT NOT NULL)""")
    db.execute("INSERT INTO device_key (id, private_key, created_at) VALUES (1, ?, ?)", [os.urandom(32), utc_now_iso()])
    for statement in _split_sql(_insert_only("device_key")):
        db.execute(statement)
    db.execute("""
    CREATE TABLE trusted_keys (
        holder TEXT PRIMARY KEY,
        public_key TEXT NOT NULL CHECK (length(public_key) = 64),
        first_seen TEXT NOT NULL,
        last_used TEXT,
        last_bundle_at TEXT,
        recorded_from TEXT)""")


@migrations()
def m009_snapshot_canonical_version(db: Database) -> None:
    """Which version of the canonical content each signed snapshot was hashed with.

    Every snapshot written before this migration is a version-1 hash (domain/canonical.py)
    and keeps verifying as such; new signatures are version 2. Adding a column with a
    default changes no existing row (the insert-only triggers stay as they are).
    """
    db.execute("ALTER TABLE signed_snapshots ADD COLUMN canonical_version INTEGER NOT NULL DEFAULT 1")


#: Substring search (issue 15): a trigram index beside the word index of m003, so that
#: "sampah" finds "persampahan", "didik" "pendidikan" and "ikan" "perikanan" (Indonesian
#: words take prefixes as well as suffixes). Searches of three letters or more use it; one
#: or two letters are a word's beginning in the word index (a trigram needs three).
#:
#: - ``proposals_trigram``: external content over ``proposals`` (problem, object, notes),
#:   kept in step by the same kind of triggers as ``proposals_fts``;
#: - ``partners_trigram``: the partner names document of each proposal, beside
#:   ``partners_fts``; the partner triggers of m003 are replaced by ones that renew both.
#:
#: An SQLite without the trigram tokenizer (older than 3.34) gets neither: the search then
#: finds substrings with LIKE (storage/queries.py).
_TRIGRAM_OPTIONS = "tokenize = 'trigram'"


def _renew_both(proposal_ids: str) -> str:
    """Replace the partner-names documents of the proposals ``proposal_ids`` selects, in both indexes."""
    return (
        f"DELETE FROM partners_fts WHERE rowid IN ({proposal_ids}); "
        f"DELETE FROM partners_trigram WHERE rowid IN ({proposal_ids}); "
        "INSERT INTO partners_fts (rowid, names) SELECT id, names FROM proposal_partner_names "
        f"WHERE id IN ({proposal_ids}) AND names IS NOT NULL; "
        "INSERT INTO partners_trigram (rowid, names) SELECT id, names FROM proposal_partner_names "
        f"WHERE id IN ({proposal_ids}) AND names IS NOT NULL;"
    )


def _trigram_script() -> str:
    cols = ", ".join(_TEXT_COLUMNS)
    new, old = (", ".join(f"{ref}.{c}" for c in _TEXT_COLUMNS) for ref in ("NEW", "OLD"))
    add = f"INSERT INTO proposals_trigram (rowid, {cols}) VALUES (NEW.rowid, {new});"
    remove = f"INSERT INTO proposals_trigram (proposals_trigram, rowid, {cols}) VALUES ('delete', OLD.rowid, {old});"
    text_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _TEXT_COLUMNS)
    of_proposal = "SELECT rowid FROM proposals WHERE uuid IN ({})"
    triggers = [  # name, event, condition, body
        ("proposals_trigram_after_insert", "AFTER INSERT ON proposals", "", add),
        ("proposals_trigram_after_update", f"AFTER UPDATE OF {cols} ON proposals", text_changed, remove + " " + add),
        (
            "proposals_trigram_after_delete",
            "AFTER DELETE ON proposals",
            "",
            remove + " DELETE FROM partners_trigram WHERE rowid = OLD.rowid;",
        ),
        (
            "partners_fts_after_insert",
            "AFTER INSERT ON partners",
            "",
            _renew_both(of_proposal.format("NEW.proposal_uuid")),
        ),
        (
            "partners_fts_after_update",
            "AFTER UPDATE OF name, seq, proposal_uuid ON partners",
            "OLD.name IS NOT NEW.name OR OLD.seq IS NOT NEW.seq OR OLD.proposal_uuid IS NOT NEW.proposal_uuid",
            _renew_both(of_proposal.format("OLD.proposal_uuid, NEW.proposal_uuid")),
        ),
        (
            "partners_fts_after_delete",
            "AFTER DELETE ON partners",
            "",
            _renew_both(of_proposal.format("OLD.proposal_uuid")),
        ),
    ]
    script = "".join(f"DROP TRIGGER IF EXISTS {name};\n" for name, *_ in triggers)
    script += (
        f"CREATE VIRTUAL TABLE proposals_trigram USING fts5({cols}, content = 'proposals', "
        f"content_rowid = 'rowid', {_TRIGRAM_OPTIONS});\n"
        f"CREATE VIRTUAL TABLE partners_trigram USING fts5(names, {_TRIGRAM_OPTIONS});\n"
    )
    for name, event, when, body in triggers:
        condition = f" WHEN {when}" if when else ""
        script += f"CREATE TRIGGER {name} {event}{condition}\nBEGIN {body} END;\n"
    return script + (
        "INSERT INTO proposals_trigram (proposals_trigram) VALUES ('rebuild');\n"
        "INSERT INTO partners_trigram (rowid, names) SELECT id, names FROM proposal_partner_names "
        "WHERE names IS NOT NULL ORDER BY id;\n"
    )


@migrations()
def m010_search_inside_words(db: Database) -> None:
    """Trigram index so that a search finds text inside words ("sampah" in "persampahan").

    Needs m003's word index (FTS5) and an SQLite with the trigram tokenizer (3.34 or later);
    without either nothing changes and the search finds substrings with LIKE.
    """
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'partners_fts'").fetchone():
        return
    try:
        db.execute(f"CREATE VIRTUAL TABLE temp._ksd_trigram_probe USING fts5(x, {_TRIGRAM_OPTIONS})")
        db.execute("DROP TABLE temp._ksd_trigram_probe")
    except sqlite3.OperationalError:
        return
    for statement in _split_sql(_trigram_script()):
        db.execute(statement)


@migrations()
def m011_index_review_by_form(db: Database) -> None:
    """An index giving each form's proposals with their assessment and uuid without reading the
    proposals' texts: the status bar's counts and the follow-up badge at 100,000 proposals
    (year figures 31 → 8 ms, stale proposals 350 → 42 ms; benchmarks/bench_main_window.py)."""
    db.execute("CREATE INDEX idx_proposals_form_review ON proposals(form_uuid, review_status, uuid)")

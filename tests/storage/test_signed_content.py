"""SQLite's rendering of signed content (for ``check``) equals the domain's canonical JSON, byte
for byte, and ``check`` finds exactly what recomputing every form in Python finds."""

from __future__ import annotations

import pytest

from ksd_desktop.domain.canonical import canonical_json, hash_text
from ksd_desktop.services.integrity import check_database
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.repositories import FormRepository
from ksd_desktop.storage.signed_content import other_snapshots, signed_forms
from tests.conftest import make_form, make_partner, make_proposal, sign_fields

#: Texts JSON writers disagree on: quotes, backslashes, control characters (short escapes and
#: \u00XX), DEL, non-ASCII letters, CJK, an emoji (outside the BMP), U+2028, an empty value.
AWKWARD = [
    'Kutipan "ganda" dan \\ garis miring',
    "baris\nbaru\ttab\rcr\b\f",
    "kontrol \x01\x1f akhir",
    "DEL \x7f",
    "Édukasi café Ñusantara",
    "中文 文本",
    "emoji 😀 di sini",
    "pemisah\u2028baris",
    "",
]


def signed(db, form):
    repo = FormRepository(db)
    repo.save(form)
    form = repo.get(form.uuid)
    sign_fields(form)
    form.revision = 1
    text = canonical_json(form)
    repo.mark_signed(form, text, hash_text(text))  # as the app signs (the rules are not the point here)
    return form


@pytest.fixture
def awkward(db):
    proposals = [
        make_proposal(
            i + 1,
            problem=f"Permasalahan {text}",
            notes=text or None,
            object=text,
            partners=[
                make_partner(seq=1, name=f"Mitra {text}", contact=text or None),
                make_partner(seq=2, name="Mitra kedua", category="pemda", region_code="63.72"),
            ],
        )
        for i, text in enumerate(AWKWARD)
    ]
    proposals.append(make_proposal(len(AWKWARD) + 1, partners=[]))  # no partner at all
    proposals.append(make_proposal(len(AWKWARD) + 3, compliance_confirmed=False))  # a gap in seq; false
    form = signed(db, make_form(proposals=proposals, pic_name='Siti "Ita" Rahmah\\', pic_email=None))
    signed(db, make_form(agency_code="DISDIK"))
    return form


def test_the_rendering_is_the_canonical_json(db, awkward):
    repo = FormRepository(db)
    forms = list(signed_forms(db))
    assert [f.uuid for f in forms][0] == awkward.uuid and len(forms) == 2
    for form in forms:
        assert form.rendered == canonical_json(repo.get(form.uuid)).encode("utf-8")
        assert form.rendered == form.snapshot and form.snapshot_hash == form.content_hash
    assert list(other_snapshots(db)) == []


def reference_problems(db_path) -> list[str]:
    """What ``check`` found before it was streamed: every signed form rebuilt and hashed in Python."""
    db = open_database(db_path)
    repo = FormRepository(db, device="check")
    problems = []
    for uuid, stored_hash, revision in db.execute(
        "SELECT uuid, content_hash, revision FROM forms WHERE status = 'signed'"
    ).fetchall():
        form = repo.get(uuid)
        if hash_text(canonical_json(form)) != stored_hash:
            problems.append(
                f"Isi formulir {form.agency_code} {form.year} revisi {revision} tidak lagi sama "
                "dengan yang ditandatangani (kode verifikasi berbeda)."
            )
    for form_uuid, revision, content_json, content_hash in db.execute(
        "SELECT form_uuid, revision, content_json, content_hash FROM signed_snapshots"
    ).fetchall():
        if hash_text(content_json) != content_hash:
            problems.append(
                f"Rekaman tanda tangan formulir {form_uuid[:8]} revisi {revision} rusak (kode verifikasi tidak cocok)."
            )
    db.close()
    return problems


def _bypass(db, *statements, params=()):
    """A tool that drops the app's triggers and writes anyway."""
    for name in (
        "proposals_signed_content_locked",
        "partners_signed_no_update",
        "signed_snapshots_no_update",
        "forms_signed_content_locked",
    ):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in statements:
        db.execute(statement, params)
    db.conn.commit()


TAMPERING = {
    "nothing": (),
    "a problem text": ("UPDATE proposals SET problem = problem || '.' WHERE seq = 2",),
    "a partner's name": (
        "UPDATE partners SET name = 'Mitra lain' WHERE name = 'Mitra kedua' AND seq = 2 "
        "AND rowid = (SELECT min(rowid) FROM partners WHERE name = 'Mitra kedua')",
    ),
    "the form's hash": (
        "UPDATE forms SET content_hash = 'ab' || substr(content_hash, 3) WHERE agency_code = 'DISDIK'",
    ),
    "a snapshot's text": ("UPDATE signed_snapshots SET content_json = replace(content_json, 'Kutipan', 'Kutipan!')",),
    "a snapshot rewritten with whitespace and its hash recomputed in the database": (
        "UPDATE signed_snapshots SET content_json = replace(content_json, ',\"', ', \"')",
    ),
}


@pytest.mark.parametrize("case", list(TAMPERING))
def test_check_finds_what_recomputing_every_form_finds(db, db_path, awkward, case):
    statements = TAMPERING[case]
    _bypass(db, *statements)
    if case.endswith("in the database"):  # the hash made again (a hash cannot be made in SQL: here)
        for rowid, text in db.execute("SELECT rowid, content_json FROM signed_snapshots").fetchall():
            db.execute("UPDATE signed_snapshots SET content_hash = ? WHERE rowid = ?", [hash_text(text), rowid])
        db.conn.commit()
    expected = reference_problems(db_path)
    report = check_database(db_path)
    assert sorted(report.problems) == sorted(expected), case
    assert report.sound == (
        case in ("nothing", "a snapshot rewritten with whitespace and its hash recomputed in the database")
    )


def test_a_version_2_signature_is_rendered_in_version_2(db):
    """What sign_form writes today (canonical version 2: the version key, lists by seq and uuid)."""
    from ksd_desktop.services.signoff import sign_form
    from tests.conftest import TODAY
    from tests.services.test_signoff import head_of

    form = make_form(
        proposals=[
            make_proposal(2),
            make_proposal(1, partners=[make_partner(seq=1), make_partner(seq=2, name="Mitra dua")]),
        ]
    )
    FormRepository(db).save(form)
    sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    [signed] = list(signed_forms(db))
    assert signed.version == 2 and b'"canonical_version":2' in signed.rendered
    assert signed.rendered == signed.snapshot and check_database_sound(db)


def check_database_sound(db) -> bool:
    path = db.execute("PRAGMA database_list").fetchone()[2]
    return check_database(path).sound

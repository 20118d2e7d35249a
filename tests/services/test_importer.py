"""Import: preview statuses, the merge rules, PDFs, atomicity per file, and every bad file refused."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from ksd_desktop.domain.canonical import CANONICAL_VERSION, content_hash
from ksd_desktop.services.exchange import incoming as reader
from ksd_desktop.services.exchange.bundle import FORMS_NAME, MANIFEST_NAME, SNAPSHOTS_NAME, export_bundle
from ksd_desktop.services.exchange.importer import ConflictKind, Decision, ImportStatus, apply, preview
from ksd_desktop.services.exchange.keys import own_device_code, own_public_key, sign_manifest
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.signoff import reopen_form, sign_form
from ksd_desktop.storage.bundle_store import ImportWriter
from ksd_desktop.storage.errors import StorageError
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_proposal
from tests.services.test_bundle import add_form, audit_count, import_files, members, state, target  # noqa: F401
from tests.services.test_signoff import head_of


def export(db, path, **scope):
    return export_bundle(db, path, **scope).path


def revise(db, form_uuid, **changes):
    """Reopen a signed form, change its first proposal, and sign revision n+1."""
    reopen_form(db, form_uuid, "Perbaikan usulan")
    repo = FormRepository(db)
    form = repo.get(form_uuid)
    for key, value in changes.items():
        setattr(form.proposals[0], key, value)
    form.proposals.append(make_proposal(len(form.proposals) + 1, object="Usulan tambahan pada revisi"))
    repo.save(form)
    return sign_form(db, form_uuid, head_of(db, form_uuid), today=TODAY)


# -- the merge rules -------------------------------------------------------------------------------
def test_import_twice_changes_nothing(db, target, tmp_path):
    add_form(db, sign=True)
    add_form(db, agency_code="DISDIK")
    bundle = export(db, tmp_path / "a.ksd")
    _, first = import_files(target, bundle)
    assert first.count("added") == 2 and first.backup is not None
    before, audits = state(target), audit_count(target)
    previews, second = import_files(target, bundle)
    assert [f.status for f in previews[0].forms] == [ImportStatus.UNCHANGED] * 2
    assert previews[0].summary() == "2 formulir: 2 tidak berubah"
    assert not second.changed and second.ok and second.backup is None
    assert state(target) == before and audit_count(target) == audits


def test_newer_revision_replaces_older_which_stays_as_snapshot(db, target, tmp_path):
    form = add_form(db, sign=True)
    first = export(db, tmp_path / "rev1.ksd")
    revise(db, form.uuid, problem="Permasalahan yang diperbarui pada revisi kedua formulir.")
    second = export(db, tmp_path / "rev2.ksd")
    import_files(target, first)
    previews, result = import_files(target, second)
    [item] = previews[0].forms
    assert item.status == ImportStatus.NEWER_REVISION and item.local.revision == 1
    assert "tetap tersimpan sebagai rekaman tanda tangan" in item.message
    assert result.count("replaced") == 1
    local = FormRepository(target).get(form.uuid)
    assert (local.status, local.revision, len(local.proposals)) == ("signed", 2, 3)
    assert state(target) == state(db)
    assert [s["revision"] for s in FormRepository(target).snapshots(form.uuid)] == [1, 2]
    # the old file again: nothing to do
    previews, result = import_files(target, first)
    assert previews[0].forms[0].status == ImportStatus.OLDER_OR_SAME and not result.changed


def test_signed_version_replaces_the_draft_of_the_same_revision(db, target, tmp_path):
    form = add_form(db)
    import_files(target, export(db, tmp_path / "draf.ksd"))
    sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    previews, _ = import_files(target, export(db, tmp_path / "sah.ksd"))
    assert previews[0].forms[0].status == ImportStatus.NEWER_REVISION
    assert previews[0].forms[0].message == "Versi yang ditandatangani menggantikan draf."
    assert FormRepository(target).get(form.uuid).status == "signed" and state(target) == state(db)
    # and the draft arriving late changes nothing
    previews, _ = import_files(target, tmp_path / "draf.ksd")
    assert previews[0].forms[0].status == ImportStatus.OLDER_OR_SAME


def test_draft_never_overwrites_a_signed_form(db, target, tmp_path):
    form = add_form(db, sign=True)
    import_files(target, export(db, tmp_path / "sah.ksd"))
    reopen_form(db, form.uuid, "Masih diperbaiki")
    before = state(target)
    previews, result = import_files(target, export(db, tmp_path / "draf.ksd"))
    [item] = previews[0].forms
    assert item.status == ImportStatus.DRAFT_OVER_SIGNED_REFUSED
    assert "draf revisi 2 tidak menimpanya" in item.message
    assert result.files[0].forms[0].action == "refused" and not result.changed and result.ok
    assert state(target) == before


def test_conflict_same_revision_different_content(db, target, tmp_path):
    form = add_form(db)
    import_files(target, export(db, tmp_path / "awal.ksd"))
    theirs = FormRepository(db).get(form.uuid)
    theirs.proposals[0].object = "Objek menurut perangkat daerah"
    FormRepository(db).save(theirs)
    mine = FormRepository(target).get(form.uuid)
    mine.pic_name = "Nama menurut sekretariat"
    FormRepository(target).save(mine)
    bundle = export(db, tmp_path / "ubah.ksd")
    previews = preview(target, [bundle])
    [item] = previews[0].conflicts
    assert item.conflict_kind == ConflictKind.CONTENT
    assert item.choices == (Decision.KEEP_LOCAL, Decision.TAKE_INCOMING)
    assert item.local.pic_name == "Nama menurut sekretariat" and item.incoming.pic_name == "Siti Rahmah"
    diffs = {(d.where, d.key): (d.local, d.incoming) for d in item.differences()}
    assert diffs == {
        ("Formulir", "pic_name"): ("Nama menurut sekretariat", "Siti Rahmah"),
        ("Usulan 1", "object"): ("Pendayagunaan dokter spesialis", "Objek menurut perangkat daerah"),
    }
    # default: kept, reported as unresolved, nothing written
    before, audits = state(target), audit_count(target)
    result = apply(target, previews)
    [outcome] = result.files[0].forms
    assert outcome.action == "kept_local" and outcome.unresolved and not result.ok
    assert state(target) == before and audit_count(target) == audits
    # an explicit keep_local resolves it; take_incoming replaces the local draft
    assert apply(target, preview(target, [bundle]), {form.uuid: "keep_local"}).ok
    result = apply(target, preview(target, [bundle]), {form.uuid: Decision.TAKE_INCOMING})
    assert result.ok and result.count("replaced") == 1
    assert state(target) == state(db)


def test_conflict_says_whether_the_local_draft_was_edited_here(db, target, tmp_path):
    form = add_form(db)
    import_files(target, export(db, tmp_path / "awal.ksd"))
    FormRepository(target).set_review(form.proposals[0].uuid, "sesuai", None, None)  # assessing is no edit
    theirs = FormRepository(db).get(form.uuid)
    theirs.pic_name = "Petugas Baru"
    FormRepository(db).save(theirs)
    [item] = preview(target, [export(db, tmp_path / "ubah.ksd")])[0].conflicts
    assert item.local_edited_here is False and "belum pernah diubah di perangkat ini" in item.message
    mine = FormRepository(target).get(form.uuid)
    mine.pic_phone = "0811 000 111"
    FormRepository(target).save(mine)
    [item] = preview(target, [tmp_path / "ubah.ksd"])[0].conflicts
    assert item.local_edited_here is True


def test_conflict_between_two_signed_versions_cannot_take_incoming(db, target, tmp_path):
    form = add_form(db)
    import_files(target, export(db, tmp_path / "draf.ksd"))
    mine = FormRepository(target).get(form.uuid)
    mine.pic_name = "Diubah lalu ditandatangani di sini"
    FormRepository(target).save(mine)
    sign_form(target, form.uuid, head_of(target, form.uuid), today=TODAY)
    sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    before = state(target)
    previews = preview(target, [export(db, tmp_path / "sah.ksd")])
    [item] = previews[0].conflicts
    assert item.choices == (Decision.KEEP_LOCAL,)
    result = apply(target, previews, {form.uuid: Decision.TAKE_INCOMING})
    [outcome] = result.files[0].forms
    assert outcome.unresolved and "tidak dapat diambil" in outcome.message
    assert state(target) == before


def test_another_form_for_the_same_agency_and_year(db, target, tmp_path):
    incoming = add_form(db)
    local = add_form(target, pic_name="Petugas Lain")
    bundle = export(db, tmp_path / "a.ksd")
    previews = preview(target, [bundle])
    [item] = previews[0].conflicts
    assert item.conflict_kind == ConflictKind.AGENCY_YEAR and item.local.uuid == local.uuid
    assert Decision.TAKE_INCOMING in item.choices
    assert apply(target, previews).unresolved  # never a crash on UNIQUE(agency_code, year)
    result = apply(target, preview(target, [bundle]), {incoming.uuid: Decision.TAKE_INCOMING})
    assert result.ok and FormRepository(target).get(local.uuid) is None
    assert FormRepository(target).find("DINKES", 2024).uuid == incoming.uuid
    # a signed local form can be neither replaced nor deleted
    other = add_form(db, agency_code="DISDIK")
    add_form(target, agency_code="DISDIK", sign=True)
    previews = preview(target, [export(db, tmp_path / "b.ksd", agency_code="DISDIK")])
    [item] = previews[0].conflicts
    assert item.choices == (Decision.KEEP_LOCAL,) and "sudah pernah ditandatangani" in item.message
    assert apply(target, previews, {other.uuid: "take_incoming"}).unresolved


def test_review_fields_are_never_overwritten_by_a_resend(db, target, tmp_path):
    form = add_form(db, sign=True)
    import_files(target, export(db, tmp_path / "rev1.ksd"))
    first, second = FormRepository(target).get(form.uuid).proposals
    FormRepository(target).set_review(first.uuid, "tidak_sesuai", "pengadaan_barang_jasa", "Cukup pengadaan.")
    FormRepository(target).set_review(second.uuid, "sesuai", None, None)
    FormRepository(db).set_review(first.uuid, "sesuai", None, "Penilaian di laptop perangkat daerah")
    revise(db, form.uuid, benefits="Manfaat yang diperbarui pada revisi kedua.")
    _, result = import_files(target, export(db, tmp_path / "rev2.ksd"))
    assert result.count("replaced") == 1
    local = FormRepository(target).get(form.uuid)
    reviews = [(p.review_status, p.review_route, p.review_note) for p in local.proposals]
    assert reviews == [
        ("tidak_sesuai", "pengadaan_barang_jasa", "Cukup pengadaan."),
        ("sesuai", None, None),
        ("belum_dinilai", None, None),
    ]
    assert local.revision == 2 and content_hash(local, CANONICAL_VERSION) == local.content_hash


def test_same_form_twice_in_one_batch_is_applied_in_order(db, target, tmp_path):
    form = add_form(db)
    draft = export(db, tmp_path / "1-draf.ksd")
    sign_form(db, form.uuid, head_of(db, form.uuid), today=TODAY)
    signed = export(db, tmp_path / "2-sah.ksd")
    previews, result = import_files(target, draft, signed)
    assert [p.forms[0].status for p in previews] == [ImportStatus.NEW, ImportStatus.NEW]
    assert [f.forms[0].action for f in result.files] == ["added", "replaced"] and result.ok
    assert state(target) == state(db)


# -- PDFs ------------------------------------------------------------------------------------------
def test_pdf_import_signed_then_draft(db, target, tmp_path):
    form = add_form(db, sign=True)
    pdf = export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes.pdf")
    add_form(db, agency_code="DISDIK")
    draft_pdf = export_form_pdf(db, "DISDIK", 2024, tmp_path / "disdik.pdf")
    previews = preview(target, [pdf, draft_pdf])
    assert [p.kind for p in previews] == ["pdf", "pdf"]
    # a PDF proves no sender: its signed form is added only on the user's decision, its draft as it is
    [signed_pdf], [draft] = previews[0].forms, previews[1].forms
    assert signed_pdf.status == ImportStatus.CONFLICT and signed_pdf.conflict_kind == ConflictKind.UNAUTHENTICATED
    assert draft.status == ImportStatus.NEW
    assert apply(target, previews).count("added") == 1 and FormRepository(target).get(form.uuid) is None
    previews, result = import_files(target, pdf, decisions={form.uuid: Decision.TAKE_INCOMING})
    assert result.count("added") == 1 and result.ok
    local = FormRepository(target).get(form.uuid)
    assert local.status == "signed" and local.content_hash == form.content_hash == content_hash(
        local, CANONICAL_VERSION
    )
    assert [s["content_hash"] for s in FormRepository(target).snapshots(form.uuid)] == [form.content_hash]
    assert FormRepository(target).find("DISDIK", 2024).status == "draft"
    assert not import_files(target, pdf)[1].changed
    # the bundle of the same signed form adds nothing either
    previews, result = import_files(target, export(db, tmp_path / "dinkes.ksd", agency_code="DINKES"))
    assert previews[0].forms[0].status == ImportStatus.UNCHANGED
    assert not any(f.changed for f in result.files[0].forms) and result.files[0].keys_recorded == ["DINKES"]


def test_tampered_or_foreign_pdf_is_refused(db, target, tmp_path):
    from pypdf import PdfWriter

    from tests.services.test_verify import rewrite

    add_form(db, sign=True)
    pdf = export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes.pdf")

    def change(document):
        document["content"]["pic_name"] = "Orang Lain"

    tampered = rewrite(pdf, tmp_path, content=change)
    foreign = tmp_path / "surat.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(foreign, "wb") as handle:
        writer.write(handle)
    previews = preview(target, [tampered, foreign])
    assert "«diubah.pdf» ditolak" in previews[0].error and "tidak cocok dengan kode verifikasinya" in previews[0].error
    assert "«surat.pdf» ditolak: bukan PDF ekspor KSD Desktop" in previews[1].error
    assert not apply(target, previews).changed and audit_count(target) == 0


# -- atomic per file -------------------------------------------------------------------------------
def test_a_file_that_fails_to_write_writes_nothing(db, target, tmp_path, monkeypatch):
    add_form(db, agency_code="DINKES", sign=True)
    add_form(db, agency_code="DISDIK", sign=True)
    bad = export(db, tmp_path / "dua.ksd")
    add_form(db, agency_code="DPMD")
    good = export(db, tmp_path / "dpmd.ksd", agency_code="DPMD")
    calls = []
    original = ImportWriter.lock_signed

    def fail_on_second(self, form, digest, *, reason):
        calls.append(form.uuid)
        if len(calls) == 2:
            raise StorageError("Penyimpanan penuh")
        return original(self, form, digest, reason=reason)

    monkeypatch.setattr(ImportWriter, "lock_signed", fail_on_second)
    _, result = import_files(target, bad, good)
    assert "«dua.ksd» tidak diimpor (tidak ada yang ditulis): Penyimpanan penuh" in result.files[0].error
    assert result.files[1].ok and result.count("added") == 1
    assert [r[0] for r in target.execute("SELECT agency_code FROM forms")] == ["DPMD"]
    assert target.execute("SELECT count(*) FROM signed_snapshots").fetchone()[0] == 0


def test_proposal_uuid_owned_by_another_form_refuses_the_file(db, target, tmp_path):
    form = add_form(db)
    clash = add_form(target, agency_code="DISDIK")
    data = members(export(db, tmp_path / "a.ksd"))
    forms = json.loads(data[FORMS_NAME])
    forms[0]["proposals"][0]["uuid"] = clash.proposals[0].uuid
    for partner in forms[0]["proposals"][0]["partners"]:
        partner["proposal_uuid"] = clash.proposals[0].uuid
    path = rebuild(tmp_path / "a.ksd", tmp_path / "bentrok.ksd", forms=forms, signer=db)
    [fp] = preview(target, [path])
    assert "sudah tercatat pada formulir lain" in fp.error and form.uuid not in {
        r[0] for r in target.execute("SELECT uuid FROM forms")
    }


# -- bad files -------------------------------------------------------------------------------------
def rebuild(
    source, out, *, manifest=None, forms=None, snapshots=None, raw=None, extra=(), fix_hashes=True, drop=(), signer=None
):
    """Copy a bundle with some members changed; member hashes are recomputed unless asked not to, and the
    manifest signed again with the key of the database ``signer`` (as whoever holds that key could)."""
    data = members(source)
    if forms is not None:
        data[FORMS_NAME] = json.dumps(forms, ensure_ascii=False).encode()
    if snapshots is not None:
        data[SNAPSHOTS_NAME] = json.dumps(snapshots).encode()
    data.update(raw or {})
    meta = json.loads(data[MANIFEST_NAME])
    if fix_hashes:
        meta["members"] = {n: hashlib.sha256(data[n]).hexdigest() for n in data if n != MANIFEST_NAME and n not in drop}
    if manifest:
        manifest(meta)
    if signer is not None:
        meta = sign_manifest(
            signer,
            {
                **meta,
                "sender": {
                    **meta["sender"],
                    "public_key": own_public_key(signer).hex(),
                    "device_code": own_device_code(signer),
                },
            },
        )
    data[MANIFEST_NAME] = json.dumps(meta).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in [*data.items(), *extra]:
            if name not in drop:
                archive.writestr(name, content)
    return out


def _form_edit(edit):
    def forms(source_forms):
        edit(source_forms)
        return source_forms

    return forms


BAD = {
    "newer_version": (
        dict(manifest=lambda m: m.update(format_version=3)),
        (
            "dibuat oleh versi aplikasi yang lebih baru (format versi 3; aplikasi ini mengenal sampai "
            "versi 2); perbarui aplikasi KSD Desktop"
        ),
    ),
    "unknown_version": (
        dict(manifest=lambda m: m.update(format_version="satu")),
        "versi format berkas ('satu') tidak dikenal",
    ),
    "foreign_format": (dict(manifest=lambda m: m.update(format="lain/bundle")), "bukan berkas data KSD Desktop"),
    "hash_mismatch": (
        dict(raw={FORMS_NAME: b"[]"}, fix_hashes=False),
        "isi «forms.json» tidak cocok dengan sidik SHA-256 di manifest",
    ),
    "climbing_path": (dict(extra=[("../../evil.json", b"{}")]), "jalur berbahaya «../../evil.json»"),
    "absolute_path": (dict(extra=[("/etc/passwd", b"x")]), "jalur berbahaya «/etc/passwd»"),
    "unexpected_member": (dict(extra=[("catatan.txt", b"halo")]), "anggota yang tidak dikenal «catatan.txt»"),
    "missing_member": (dict(drop=[SNAPSHOTS_NAME]), "«signed_snapshots.json» tidak ada"),
    "zip_bomb": (dict(raw={FORMS_NAME: b"[" + b" " * 3_000_000 + b"]"}), "kemungkinan bom zip"),
    "invalid_json": (dict(raw={FORMS_NAME: b'[{"uuid": '}), "«forms.json» bukan JSON yang sah (baris 1, kolom 11"),
    "wrong_counts": (dict(manifest=lambda m: m["counts"].update(proposals=99)), "jumlah proposals di manifest (99)"),
    "wrong_type": ("year", "2024", "forms.json, formulir ke-1, «year»: harus berupa bilangan bulat, bukan teks"),
    "unknown_enum": ("kind", "KSDXX", 'forms.json, formulir ke-1, usulan ke-1, «kind»: nilai "KSDXX" tidak dikenal'),
    "rule_violation": (
        "problem",
        "Terlalu pendek",
        "melanggar aturan pengisian: Usulan 1: Uraian permasalahan terlalu singkat",
    ),
    "unknown_agency": ("agency_code", "DINASX", "Perangkat daerah «DINASX» tidak ada dalam daftar"),
    "unknown_urusan": ("urusan_code", "9.99", "Kode urusan «9.99» tidak ada dalam daftar urusan"),
    "unknown_region": ("region_code", "99.99", "Kode wilayah «99.99» tidak ada dalam daftar wilayah"),
    "signed_content_changed": ("pic_name", "Orang Lain", "tidak cocok dengan kode verifikasi yang ditandatangani"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_bundle_is_refused_naming_file_and_problem(db, target, tmp_path, case):
    add_form(db, sign=case in ("signed_content_changed", "hash_mismatch"))
    source = export(db, tmp_path / "asli.ksd")
    spec, expected = BAD[case][:-1], BAD[case][-1]
    if isinstance(spec[0], dict):
        kwargs = spec[0]
    else:
        key, value = spec
        forms = json.loads(members(source)[FORMS_NAME])
        holder = {
            "year": forms[0],
            "agency_code": forms[0],
            "pic_name": forms[0],
            "region_code": forms[0]["proposals"][0]["partners"][0],
        }.get(key, forms[0]["proposals"][0])
        holder[key] = value
        if key == "region_code":  # a pemda partner of a KSDD, so that the region is checked
            forms[0]["proposals"][0].update(kind="KSDD", ksdd_category="sukarela", ksdpk_form=None)
            holder["category"] = "pemda"
        kwargs = dict(forms=forms)
    # signed again by the sender's own key: every check behind the signature still holds
    path = rebuild(source, tmp_path / f"{case}.ksd", signer=db, **kwargs)
    before = state(target)
    [fp] = preview(target, [path])
    assert not fp.ok and fp.error.startswith(f"Berkas «{case}.ksd» ditolak: ")
    assert expected in fp.error
    result = apply(target, [fp])
    assert result.refused and result.backup is None and state(target) == before and audit_count(target) == 0


def test_not_a_zip_and_truncated_and_oversized(db, target, tmp_path, monkeypatch):
    add_form(db)
    source = export(db, tmp_path / "asli.ksd")
    text = tmp_path / "catatan.ksd"
    text.write_text("ini bukan arsip")
    truncated = tmp_path / "terpotong.ksd"
    truncated.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    empty = tmp_path / "kosong.ksd"
    empty.write_bytes(b"")
    previews = preview(target, [text, truncated, empty, tmp_path / "hilang.ksd", tmp_path])
    errors = [fp.error for fp in previews]
    assert "«catatan.ksd» ditolak: bukan berkas data KSD Desktop (.ksd) maupun PDF formulir" in errors[0]
    assert "«terpotong.ksd» ditolak: arsip ZIP rusak atau terpotong" in errors[1]
    assert "«kosong.ksd» ditolak: berkas kosong" in errors[2]
    assert "berkas tidak ditemukan" in errors[3] and "ini folder" in errors[4]
    monkeypatch.setattr(reader, "MAX_MEMBER_BYTES", 1500)
    [fp] = preview(target, [source])
    assert "«forms.json» terlalu besar" in fp.error


def test_member_whose_header_lies_about_its_size_is_refused(db, target, tmp_path):
    add_form(db)
    source = export(db, tmp_path / "asli.ksd")
    data = bytearray(source.read_bytes())
    # the central directory entry of forms.json claims 10 bytes: zipfile reads no more, and the CRC fails
    start = data.index(b"PK\x01\x02")
    while data[start + 46 : start + 46 + len(FORMS_NAME)] != FORMS_NAME.encode():
        start = data.index(b"PK\x01\x02", start + 4)
    data[start + 24 : start + 28] = (10).to_bytes(4, "little")
    lying = tmp_path / "bohong.ksd"
    lying.write_bytes(bytes(data))
    [fp] = preview(target, [lying])
    assert not fp.ok and "«bohong.ksd» ditolak: arsip ZIP rusak atau terpotong" in fp.error


def test_stopping_between_files_keeps_what_was_applied(db, target, tmp_path):
    add_form(db, agency_code="DINKES")
    add_form(db, agency_code="DISDIK")
    first = export(db, tmp_path / "dinkes.ksd", agency_code="DINKES")
    second = export(db, tmp_path / "disdik.ksd", agency_code="DISDIK")
    done = []
    result = apply(
        target,
        preview(target, [first, second]),
        progress=lambda n, total: done.append((n, total)),
        cancelled=lambda: len(done) >= 1,
    )
    assert done == [(1, 2)] and result.count("added") == 1
    assert "«disdik.ksd» tidak diimpor: impor dihentikan pengguna" in result.files[1].error and not result.ok
    assert [r[0] for r in target.execute("SELECT agency_code FROM forms")] == ["DINKES"]


def test_missing_history_is_added_to_an_unchanged_form(db, target, tmp_path):
    form = add_form(db, sign=True)
    revise(db, form.uuid)
    import_files(
        target,
        export_form_pdf(db, "DINKES", 2024, tmp_path / "rev2.pdf"),
        decisions={form.uuid: Decision.TAKE_INCOMING},
    )
    assert [s["revision"] for s in FormRepository(target).snapshots(form.uuid)] == [2]
    previews, result = import_files(target, export(db, tmp_path / "semua.ksd"))
    [item] = previews[0].forms
    assert item.status == ImportStatus.UNCHANGED and item.snapshots_to_add == 1 and item.writes
    assert result.files[0].forms[0].snapshots_added == 1 and result.changed and result.backup is not None
    assert [s["revision"] for s in FormRepository(target).snapshots(form.uuid)] == [1, 2]
    assert target.execute("SELECT count(*) FROM audit_log WHERE field = 'signed_snapshot'").fetchone()[0] == 2
    assert not import_files(target, tmp_path / "semua.ksd")[1].changed


def test_preview_can_be_stopped(db, target, tmp_path):
    from ksd_desktop.services.exchange.importer import ImportCancelled

    add_form(db)
    bundle = export(db, tmp_path / "a.ksd")
    with pytest.raises(ImportCancelled, match="dihentikan"):
        preview(target, [bundle, bundle], cancelled=lambda: True)


@pytest.mark.parametrize(
    "raw, refused",
    [
        ('{"a": ["x", {"b": "\\ud800"}]}', "surrogate"),  # a lone surrogate deep inside
        ('{"\\uDC00": 1}', "surrogate"),  # in a key, upper case
        ('{"a": "\\ud83d\\ude00 \\u00e9"}', None),  # a valid pair and an accent
        ('{"a": "C:\\\\ud800 \\\\u00e9"}', None),  # a backslash followed by "ud800": plain text
        ("[" * 40 + "]" * 40, "terlalu dalam"),  # nesting, no text at all
        ('{"a": ' + "[" * 33 + '"\\ud800"' + "]" * 33 + "}", "terlalu dalam"),
    ],
)
def test_json_values_are_checked_for_nesting_and_lone_surrogates(raw, refused):
    """The walk skips the texts of a file without a surrogate escape: the same verdicts."""
    if refused is None:
        assert reader._loads("x.json", raw.encode()) == json.loads(raw)
    else:
        with pytest.raises(reader._Refuse, match=refused):
            reader._loads("x.json", raw.encode())

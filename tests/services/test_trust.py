"""Imports that cannot be forged: the data file's key, trust on first use, roles, and no self-approval.

Each attack of issue 10 is built the way someone who read the code would build it (hashes,
snapshots and counts recomputed; signed again with a key of their own, or turned into an
unsigned version-1 bundle) and must be refused or wait for an explicit decision.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import uuid as _uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ksd_desktop.domain.canonical import canonical_json, content_hash
from ksd_desktop.domain.device import device_code, normalise_code
from ksd_desktop.domain.serialize import form_from_dict
from ksd_desktop.services.assessment import assess
from ksd_desktop.services.exchange.bundle import FOLLOWUP_NAME, FORMS_NAME, MANIFEST_NAME, SNAPSHOTS_NAME
from ksd_desktop.services.exchange.devices import (
    forget_sender,
    key_from_file,
    own_device,
    recorded_senders,
    replace_sender,
    set_role,
)
from ksd_desktop.services.exchange.importer import (
    ConflictKind,
    Decision,
    ImportStatus,
    KeyDecision,
    KeyPolicy,
    KeyState,
    apply,
    preview,
)
from ksd_desktop.services.exchange.keys import manifest_message, own_device_code, own_public_key
from ksd_desktop.services.exchange.trust import pdf_signed_by_trusted_anchor
from ksd_desktop.services.pdf.export import export_form_pdf
from ksd_desktop.services.signoff import reopen_form, sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.keys import own_private_key
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY
from tests.services.test_bundle import add_form, audit_count, import_files, members, state, target  # noqa: F401
from tests.services.test_importer import export, rebuild, revise
from tests.services.test_signoff import SIGNER

REVIEW = ("sesuai", None, "Disetujui sendiri")


@pytest.fixture
def other(tmp_path):
    """Another laptop: an attacker's, or the agency's new one."""
    database = open_database(tmp_path / "lain" / "ksd.sqlite3", create_folder=True)
    yield database
    database.close()


def reviews(db, form_uuid) -> list[tuple]:
    return [(p.review_status, p.review_route, p.review_note) for p in FormRepository(db).get(form_uuid).proposals]


def forge(source, out, edit, *, signer=None, version=2):
    """Edit the first form and recompute what a reader of the code can: its content hash and snapshot (if
    signed), the member hashes and counts; sign with ``signer``'s key, keep the old signature, or (version 1)
    drop the signature altogether."""
    data = members(source)
    forms, snapshots = json.loads(data[FORMS_NAME]), json.loads(data[SNAPSHOTS_NAME])
    edit(forms[0])
    if forms[0]["status"] == "signed":
        form = form_from_dict(forms[0])
        forms[0]["content_hash"] = content_hash(form)
        snapshots = [s for s in snapshots if (s["form_uuid"], s["revision"]) != (form.uuid, form.revision)]
        snapshots.append(
            {
                "uuid": str(_uuid.uuid4()),
                "form_uuid": form.uuid,
                "revision": form.revision,
                "content_json": canonical_json(form),
                "content_hash": forms[0]["content_hash"],
                "signed_at": "2024-08-09T01:00:00Z",
            }
        )

    def manifest(meta):
        meta["counts"]["signed_snapshots"] = len(snapshots)
        if version == 1:
            unsigned(meta)

    return rebuild(
        source,
        out,
        forms=forms,
        snapshots=snapshots,
        manifest=manifest,
        signer=signer,
        drop=(FOLLOWUP_NAME,) if version == 1 else (),
    )


def unsigned(meta: dict) -> None:
    """A manifest turned into format version 1: no sender, no signature, no follow-up (rebuild with
    ``drop=(FOLLOWUP_NAME,)``)."""
    meta.pop("sender"), meta.pop("signature")
    meta["format_version"] = 1
    meta["counts"].pop("followup_steps", None), meta["counts"].pop("agreements", None)
    meta["members"].pop(FOLLOWUP_NAME, None)


def approve_and_raise(form: dict) -> None:
    """The forger's edit: another head of agency, the revision raised, every proposal approved."""
    form["signer_name"] = "Drs. Nama Karangan"
    form["revision"] += 1
    for proposal in form["proposals"]:
        proposal["review_status"] = "sesuai"


# -- the key -----------------------------------------------------------------------------------------------
def test_kode_perangkat_is_short_unambiguous_and_stable(db, target, tmp_path):
    code = own_device_code(db)
    assert normalise_code(code) == code and len(code) == 9 and code[4] == "-"
    assert not set(code) & set("ILOU")
    assert own_device_code(db) == code != own_device_code(target)
    assert device_code(bytes(32)) == device_code(bytes(32)) != device_code(b"\x01" + bytes(31))
    assert normalise_code(" k7q4 9xma ") == "K7Q4-9XMA" and normalise_code("K7Q4-9XMO") == "K7Q4-9XM0"
    assert normalise_code("K7Q4-9XMU") is None and normalise_code("K7Q4") is None
    assert own_device(db).describe() == f"Kode perangkat berkas data ini: {code} (Perangkat Daerah)."


def test_private_key_stays_in_the_database(db, tmp_path):
    add_form(db, sign=True)
    private = bytes(db.execute("SELECT private_key FROM device_key").fetchone()[0])
    bundle = export(db, tmp_path / "a.ksd")
    raw = bundle.read_bytes() + b"".join(members(bundle).values())
    assert private not in raw and private.hex().encode() not in raw
    assert own_public_key(db).hex().encode() in members(bundle)[MANIFEST_NAME]
    with pytest.raises(sqlite3.IntegrityError, match="hanya boleh ditambah"):
        db.execute("UPDATE device_key SET private_key = ?", [bytes(32)])


# -- the four cases of the issue ---------------------------------------------------------------------------
def test_edited_bundle_with_recomputed_hashes_is_refused(db, target, tmp_path):
    """Case 1: data edited, member hashes recomputed: the signature no longer fits the manifest."""
    add_form(db, sign=True)
    forged = forge(
        export(db, tmp_path / "asli.ksd"), tmp_path / "palsu.ksd", lambda f: f.update(signer_name="Drs. Nama Karangan")
    )
    [fp] = preview(target, [forged])
    assert "«palsu.ksd» ditolak: tanda tangan perangkat pada berkas tidak sah" in fp.error
    assert not apply(target, [fp]).changed and audit_count(target) == 0


def test_edited_bundle_turned_into_version_1_is_not_taken_as_signed(db, target, tmp_path):
    """Case 1 again, the signature simply dropped: an unsigned bundle adds no signed form on its own."""
    form = add_form(db, sign=True)
    forged = forge(
        export(db, tmp_path / "asli.ksd"),
        tmp_path / "lama.ksd",
        lambda f: f.update(signer_name="Drs. Nama Karangan"),
        version=1,
    )
    previews = preview(target, [forged])
    assert previews[0].sender.state == KeyState.UNSIGNED and "Tidak terautentikasi" in previews[0].sender.describe()
    [item] = previews[0].forms
    assert item.status == ImportStatus.CONFLICT and item.conflict_kind == ConflictKind.UNAUTHENTICATED
    assert not item.authenticated and "tidak terautentikasi untuk DINKES" in item.message
    result = apply(target, previews)
    assert not result.ok and result.unresolved and FormRepository(target).get(form.uuid) is None


def test_forged_newer_revision_never_replaces_the_signed_form(db, target, other, tmp_path):
    """Case 2: the same edit with the revision raised to 2, against the Dinkes form signed here."""
    form = add_form(db, sign=True)
    genuine = export(db, tmp_path / "asli.ksd")
    import_files(target, genuine)
    before, audits = state(target), audit_count(target)
    rehashed = forge(genuine, tmp_path / "hash.ksd", approve_and_raise)
    own_key = forge(genuine, tmp_path / "kunci-lain.ksd", approve_and_raise, signer=other)
    unsigned = forge(genuine, tmp_path / "v1.ksd", approve_and_raise, version=1)
    previews = preview(target, [rehashed, own_key, unsigned])
    assert "tanda tangan perangkat pada berkas tidak sah" in previews[0].error
    changed = previews[1].sender
    assert changed.state == KeyState.CHANGED and changed.decision is None
    assert "KODE PERANGKAT BERBEDA DARI YANG TERCATAT" in changed.describe()
    assert f"DINKES: {own_device_code(db)}" in changed.describe() and own_device_code(other) in changed.describe()
    [v1] = previews[2].forms
    assert v1.conflict_kind == ConflictKind.UNAUTHENTICATED and v1.local.is_signed
    assert ("Formulir", "signer_name") in {(d.where, d.key) for d in v1.differences()}
    result = apply(target, previews)
    assert not result.ok and result.undecided and result.unresolved
    assert state(target) == before and audit_count(target) == audits
    assert FormRepository(target).get(form.uuid).revision == 1


def test_agency_cannot_approve_its_own_proposals(db, target, tmp_path):
    """Case 3: review fields from an agency's bundle are never taken on the secretariat's file."""
    set_role(target, "sekretariat_tkksd")
    form = add_form(db, sign=True)
    for proposal in form.proposals:
        FormRepository(db).set_review(proposal.uuid, *REVIEW)
    previews, result = import_files(target, export(db, tmp_path / "dinkes.ksd"))
    [item] = previews[0].forms
    assert item.reviews_ignored == 2 and item.reviews_taken == 0
    assert "tidak pernah diambil dari berkas lain" in item.review_message()
    assert reviews(target, form.uuid) == [("belum_dinilai", None, None)] * 2
    # the secretariat assesses; a later revision from the agency, approving itself again, changes nothing of it
    assess(target, [form.proposals[0].uuid], "tidak_sesuai", "swakelola", "Cukup swakelola.")
    revise(db, form.uuid, review_status="sesuai")
    import_files(target, export(db, tmp_path / "dinkes-2.ksd"))
    assert reviews(target, form.uuid)[:2] == [
        ("tidak_sesuai", "swakelola", "Cukup swakelola."),
        ("belum_dinilai", None, None),
    ]
    # the same bundle claiming to come from the secretariat does not help: on this file, never
    claimed = rebuild(
        tmp_path / "dinkes-2.ksd",
        tmp_path / "ngaku.ksd",
        signer=db,
        manifest=lambda m: m["sender"].update(role="sekretariat_tkksd"),
    )
    [fp] = preview(target, [claimed])
    assert fp.sender.holders == ("TKKSD",) and not fp.sender.takes_reviews


def test_pdf_for_an_invented_head_is_not_imported_as_signed(db, target, other, tmp_path):
    """Case 4: a PDF made with the app for an invented signer is a conflict, never a silent import."""
    form = add_form(db, sign=True)
    import_files(target, export(db, tmp_path / "asli.ksd"))
    import_files(other, export(db, tmp_path / "asli.ksd"))
    reopen_form(other, form.uuid, "Dipalsukan")
    sign_form(other, form.uuid, dataclasses.replace(SIGNER, name="Drs. Nama Karangan"), today=TODAY)
    pdf = export_form_pdf(other, "DINKES", 2024, tmp_path / "karangan.pdf")
    assert not pdf_signed_by_trusted_anchor(pdf, ())
    before = state(target)
    previews = preview(target, [pdf])
    assert previews[0].sender.state == KeyState.PDF
    [item] = previews[0].forms
    assert (
        item.conflict_kind == ConflictKind.UNAUTHENTICATED
        and "menggantikan formulir yang sudah ditandatangani" in item.message
    )
    assert not apply(target, previews).ok and state(target) == before


# -- the legitimate loop -------------------------------------------------------------------------------------
def test_round_trip_agency_secretariat_agency_with_assessments(db, target, tmp_path):
    """DINKES sends its signed form, the secretariat assesses it and sends it back; DINKES sees the assessment."""
    set_role(target, "sekretariat_tkksd")
    form = add_form(db, sign=True)
    previews, result = import_files(target, export(db, tmp_path / "dinkes.ksd"))
    assert previews[0].sender.state == KeyState.NEW and previews[0].sender.decision == KeyDecision.RECORD
    assert result.ok and result.files[0].keys_recorded == ["DINKES"]
    first, second = form.proposals
    assess(target, [first.uuid], "sesuai", None, "Lanjutkan ke KSB.")
    assess(target, [second.uuid], "tidak_sesuai", "pengadaan_barang_jasa", "Cukup pengadaan.")
    back = export(target, tmp_path / "penilaian.ksd", agency_code="DINKES")
    previews, result = import_files(db, back)
    sender = previews[0].sender
    assert sender.role == "sekretariat_tkksd" and sender.holders == ("TKKSD",) and sender.takes_reviews
    [item] = previews[0].forms
    assert item.status == ImportStatus.UNCHANGED and item.reviews_taken == 2 and item.writes
    assert result.ok and result.files[0].forms[0].reviews_taken == 2
    expected = [("sesuai", None, "Lanjutkan ke KSB."), ("tidak_sesuai", "pengadaan_barang_jasa", "Cukup pengadaan.")]
    assert reviews(db, form.uuid) == expected
    # the secretariat changes its mind; the newer file is taken, a replay of the older one is not
    assess(target, [second.uuid], "sesuai", None, None)
    import_files(db, export(target, tmp_path / "penilaian-2.ksd", agency_code="DINKES"))
    assert reviews(db, form.uuid)[1] == ("sesuai", None, None)
    db.execute("UPDATE trusted_keys SET last_bundle_at = '2999-01-01T00:00:00Z' WHERE holder = 'TKKSD'")
    previews, result = import_files(db, back)
    assert (
        previews[0].forms[0].reviews_ignored == 1
        and "lebih lama daripada berkas" in previews[0].forms[0].review_message()
    )
    assert reviews(db, form.uuid)[1] == ("sesuai", None, None)
    # and a revision sent again reaches the secretariat, its assessments kept
    revise(db, form.uuid, benefits="Manfaat yang diperbarui pada revisi kedua.")
    previews, result = import_files(target, export(db, tmp_path / "dinkes-2.ksd"))
    assert previews[0].sender.state == KeyState.KNOWN and result.count("replaced") == 1
    assert reviews(target, form.uuid)[:2] == [("sesuai", None, "Lanjutkan ke KSB."), ("sesuai", None, None)]


def test_key_change_needs_a_decision_and_replacement_records_the_new_key(db, target, other, tmp_path):
    form = add_form(db, sign=True)
    first = export(db, tmp_path / "lama.ksd")
    import_files(target, first)
    import_files(other, first)  # the agency's new laptop, given the old data
    revise(other, form.uuid, benefits="Manfaat yang diperbarui di laptop baru.")
    second = export(other, tmp_path / "baru.ksd")
    previews = preview(target, [second])
    assert previews[0].sender.state == KeyState.CHANGED and not previews[0].imports
    assert "kode perangkat belum diputuskan" in previews[0].summary()
    result = apply(target, previews)
    assert result.undecided and "berbeda dari yang tercatat untuk DINKES" in result.files[0].skipped
    assert FormRepository(target).get(form.uuid).revision == 1
    # the user chooses not to: reported, not an error
    previews[0].sender.decision = KeyDecision.SKIP
    result = apply(target, previews)
    assert result.ok and not result.changed and "Anda memilih tidak mencatat" in result.files[0].skipped
    # the sender confirms the new laptop's kode perangkat: replaced, and the revision applies
    previews = preview(target, [second], keys=KeyPolicy(replace_codes=frozenset({own_device_code(other)})))
    assert previews[0].sender.decision == KeyDecision.RECORD
    result = apply(target, previews)
    assert result.ok and result.count("replaced") == 1 and result.files[0].keys_recorded == ["DINKES"]
    assert FormRepository(target).get(form.uuid).revision == 2
    [sender] = recorded_senders(target)
    assert sender.device_code == own_device_code(other) and sender.recorded_from == "baru.ksd"
    [(old, new, why)] = target.execute(
        "SELECT old, new, reason FROM audit_log WHERE entity = 'trusted_key' AND old IS NOT NULL"
    ).fetchall()
    assert json.loads(old) == own_public_key(db).hex() and json.loads(new) == own_public_key(other).hex()
    assert why == f"impor dari baru.ksd: kode perangkat diganti dengan {own_device_code(other)} (keputusan pengguna)"
    # the old laptop is now the stranger
    assert preview(target, [first])[0].sender.state == KeyState.CHANGED


def test_tampered_signature_another_key_and_a_wrong_code_are_refused(db, target, other, tmp_path):
    add_form(db, sign=True)
    genuine = export(db, tmp_path / "asli.ksd")

    def flip(meta):
        value = meta["signature"]["value"]
        meta["signature"]["value"] = ("0" if value[0] != "0" else "1") + value[1:]

    tampered = rebuild(genuine, tmp_path / "sidik.ksd", manifest=flip)
    # the genuine manifest, sender and all, signed with another laptop's private key
    meta = json.loads(members(genuine)[MANIFEST_NAME])
    foreign = Ed25519PrivateKey.from_private_bytes(own_private_key(other)).sign(manifest_message(meta)).hex()
    named = rebuild(genuine, tmp_path / "nama.ksd", manifest=lambda m: m["signature"].update(value=foreign))
    wrong_code = rebuild(genuine, tmp_path / "kode.ksd", manifest=lambda m: m["sender"].update(device_code="K7Q4-9XMA"))
    previews = preview(target, [tampered, named, wrong_code])
    for fp in previews[:2]:
        assert "tanda tangan perangkat pada berkas tidak sah" in fp.error, fp.error
    assert "kode perangkat di manifest.json (K7Q4-9XMA) tidak sesuai dengan kunci publiknya" in previews[2].error
    assert not apply(target, previews).changed and audit_count(target) == 0


def test_valid_signature_with_edited_members_is_refused(db, target, tmp_path):
    add_form(db, sign=True)
    genuine = export(db, tmp_path / "asli.ksd")
    forms = json.loads(members(genuine)[FORMS_NAME])
    forms[0]["proposals"][0]["review_status"] = "sesuai"
    edited = rebuild(
        genuine,
        tmp_path / "ubah.ksd",
        fix_hashes=False,
        raw={FORMS_NAME: json.dumps(forms, ensure_ascii=False, separators=(",", ":")).encode()},
    )
    [fp] = preview(target, [edited])
    assert "isi «forms.json» tidak cocok dengan sidik SHA-256 di manifest" in fp.error


def test_replayed_older_bundle_changes_nothing(db, target, tmp_path):
    form = add_form(db, sign=True)
    older = export(db, tmp_path / "rev1.ksd")
    revise(db, form.uuid, benefits="Manfaat yang diperbarui pada revisi kedua.")
    import_files(target, export(db, tmp_path / "rev2.ksd"))
    before, audits = state(target), audit_count(target)
    previews, result = import_files(target, older)
    assert previews[0].sender.state == KeyState.KNOWN
    assert previews[0].forms[0].status == ImportStatus.OLDER_OR_SAME and not result.changed
    assert state(target) == before and audit_count(target) == audits


def test_unsigned_version_1_never_over_signed_data_and_adds_no_history(db, target, tmp_path):
    form = add_form(db, sign=True)
    import_files(target, export(db, tmp_path / "rev1.ksd"))
    revise(db, form.uuid, benefits="Manfaat yang diperbarui pada revisi kedua.")
    add_form(db, agency_code="DISDIK")
    old_style = rebuild(
        export(db, tmp_path / "semua.ksd"), tmp_path / "v1.ksd", manifest=unsigned, drop=(FOLLOWUP_NAME,)
    )
    previews = preview(target, [old_style])
    dinkes, disdik = sorted(previews[0].forms, key=lambda f: f.agency_code)
    assert dinkes.conflict_kind == ConflictKind.UNAUTHENTICATED and disdik.status == ImportStatus.NEW
    assert "Draf dari berkas yang tidak terautentikasi" in disdik.message
    result = apply(target, previews)
    assert result.count("added") == 1 and FormRepository(target).get(form.uuid).revision == 1
    # taken on an explicit decision
    previews = preview(target, [old_style])
    assert apply(target, previews, {form.uuid: Decision.TAKE_INCOMING}).ok
    assert FormRepository(target).get(form.uuid).revision == 2


def test_two_new_keys_for_one_agency_in_one_batch(db, target, other, tmp_path):
    add_form(db)
    add_form(other, agency_code="DINKES", year=2023)
    first, second = export(db, tmp_path / "a.ksd"), export(other, tmp_path / "b.ksd")
    previews = preview(target, [first, second])
    assert [p.sender.state for p in previews] == [KeyState.NEW, KeyState.NEW]
    result = apply(target, previews)
    assert result.files[0].keys_recorded == ["DINKES"] and result.files[1].undecided
    assert "berubah sejak pratinjau" in result.files[1].skipped


def test_recorded_keys_can_be_removed_and_replaced_from_a_file(db, target, other, tmp_path):
    add_form(db)
    import_files(target, export(db, tmp_path / "a.ksd"))
    [sender] = recorded_senders(target)
    assert (sender.holder, sender.label, sender.device_code) == (
        "DINKES",
        "Dinas Kesehatan (DINKES)",
        own_device_code(db),
    )
    assert sender.first_seen and sender.last_used and sender.recorded_from == "a.ksd"
    add_form(other, agency_code="DINKES", year=2023)
    key = key_from_file(export(other, tmp_path / "b.ksd"))
    replace_sender(target, "DINKES", key)
    assert recorded_senders(target)[0].device_code == own_device_code(other)
    assert forget_sender(target, "DINKES") and recorded_senders(target) == [] and not forget_sender(target, "DINKES")
    assert preview(target, [tmp_path / "a.ksd"])[0].sender.state == KeyState.NEW
    assert target.execute("SELECT count(*) FROM audit_log WHERE entity = 'trusted_key'").fetchone()[0] == 3


def test_own_bundle_is_trusted_without_asking(db, tmp_path):
    form = add_form(db, sign=True)
    bundle = export(db, tmp_path / "sendiri.ksd")
    reopen_form(db, form.uuid, "Sedang direvisi")
    previews = preview(db, [bundle])
    assert previews[0].sender.state == KeyState.OWN and previews[0].imports
    assert previews[0].forms[0].status == ImportStatus.OLDER_OR_SAME


def test_another_laptop_posing_as_the_secretariat_is_a_changed_key(db, target, other, tmp_path):
    """On an agency's file, assessments come only from the secretariat key it recorded."""
    set_role(target, "sekretariat_tkksd")
    form = add_form(db, sign=True)
    import_files(target, export(db, tmp_path / "dinkes.ksd"))
    assess(target, [form.proposals[0].uuid], "tidak_sesuai", "swakelola", None)
    import_files(db, export(target, tmp_path / "penilaian.ksd", agency_code="DINKES"))
    # someone else's laptop, set to "Sekretariat TKKSD", sends DINKES an approval
    set_role(other, "sekretariat_tkksd")
    import_files(other, tmp_path / "dinkes.ksd")
    assess(other, [form.proposals[0].uuid], "sesuai", None, "Disetujui")
    [fp] = preview(db, [export(other, tmp_path / "palsu.ksd", agency_code="DINKES")])
    assert fp.sender.state == KeyState.CHANGED and "Sekretariat TKKSD: " in fp.sender.describe()
    assert not apply(db, [fp]).ok
    assert reviews(db, form.uuid)[0] == ("tidak_sesuai", "swakelola", None)


def test_signed_form_taken_from_an_unauthenticated_file_brings_no_history(db, target, tmp_path):
    form = add_form(db, sign=True)
    revise(db, form.uuid, benefits="Manfaat yang diperbarui pada revisi kedua.")
    old_style = rebuild(
        export(db, tmp_path / "semua.ksd"), tmp_path / "v1.ksd", manifest=unsigned, drop=(FOLLOWUP_NAME,)
    )
    previews = preview(target, [old_style])
    result = apply(target, previews, {form.uuid: Decision.TAKE_INCOMING})
    assert result.ok and result.files[0].forms[0].snapshots_added == 1
    assert [s["revision"] for s in FormRepository(target).snapshots(form.uuid)] == [2]
    # the agency's own signed bundle later brings the history
    import_files(target, export(db, tmp_path / "sah.ksd"))
    assert [s["revision"] for s in FormRepository(target).snapshots(form.uuid)] == [1, 2]


def test_pdf_signed_with_a_certificate_chaining_to_an_installed_anchor_is_authenticated(db, target, other, tmp_path):
    """The other side of case 4: a PDF signature (e.g. BSrE) that chains to a CA installed in Settings."""
    from ksd_desktop.services.pdf.trust import SETTING, anchors_to_setting, load_certificate_file
    from ksd_desktop.storage.repositories import SettingsRepository
    from tests.services import pdf_corpus

    certs = pdf_corpus.make_certificates(tmp_path)
    form = add_form(db, sign=True)
    pdf = export_form_pdf(db, "DINKES", 2024, tmp_path / "dinkes.pdf")
    signed = tmp_path / "dinkes-tte.pdf"
    signed.write_bytes(pdf_corpus.sign_with_pyhanko(pdf.read_bytes(), certs))
    SettingsRepository(target).set(SETTING, anchors_to_setting(load_certificate_file(certs.ca_pem)))
    SettingsRepository(other).set(SETTING, anchors_to_setting(load_certificate_file(certs.other_ca_pem)))
    [trusted] = preview(target, [signed])
    assert trusted.sender.state == KeyState.PDF_TRUSTED and trusted.forms[0].status == ImportStatus.NEW
    assert apply(target, [trusted]).ok and FormRepository(target).get(form.uuid).is_signed
    [untrusted] = preview(other, [signed])  # another CA installed: no chain
    assert untrusted.sender.state == KeyState.PDF
    assert untrusted.forms[0].conflict_kind == ConflictKind.UNAUTHENTICATED

"""The proposals table's SQL: filters, sorting, FTS5 search kept in sync by triggers, details."""

from __future__ import annotations

import pytest

from ksd_desktop.services.demo import fill_demo
from ksd_desktop.services.signoff import sign_form
from ksd_desktop.storage.database import open_database
from ksd_desktop.storage.errors import FormLockedError
from ksd_desktop.storage.queries import (
    ProposalFilter,
    ProposalQueries,
    SearchIndex,
    Sort,
    fts_query,
    search_terms,
    trigram_query,
)
from ksd_desktop.storage.repositories import FormRepository
from tests.conftest import TODAY, make_form, make_partner, make_proposal
from tests.services.test_signoff import head_of


def known_forms():
    """Three agencies in 2024 and one in 2023, each proposal telling its own story."""
    dinkes = make_form(
        proposals=[
            make_proposal(
                1,
                problem="Kekurangan dokter spesialis anak di RSUD Ratu Zalecha Martapura.",
                object="Pendayagunaan dokter spesialis",
                priority="tinggi",
                partners=[make_partner(name="Universitas Lambung Mangkurat")],
            ),
            make_proposal(
                2,
                kind="SINERGI",
                ksdpk_form=None,
                priority="rendah",
                urusan_code="1.02",
                problem="Cakupan imunisasi dasar lengkap baru mencapai 78 persen di daerah terpencil.",
                object="Percepatan imunisasi",
                notes="Didukung data Riskesdas terbaru.",
                partners=[
                    make_partner(name="Kementerian Kesehatan Republik Indonesia", category="kementerian_lembaga")
                ],
            ),
        ]
    )
    dishub = make_form(
        agency_code="DISHUB",
        proposals=[
            make_proposal(
                1,
                kind="KSDD",
                ksdpk_form=None,
                ksdd_category="wajib",
                urusan_code="2.15",
                priority="sedang",
                externality="Arus kendaraan lintas batas setiap hari kerja.",
                problem="Kemacetan pada jam sibuk di simpang empat perbatasan dengan kota tetangga.",
                object="Manajemen rekayasa lalu lintas bersama",
                partners=[make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72")],
            ),
        ],
    )
    dlh = make_form(
        agency_code="DPRKPLH",
        proposals=[
            make_proposal(
                1,
                kind="KSDD",
                ksdpk_form=None,
                ksdd_category="sukarela",
                urusan_code="2.11",
                priority="tinggi",
                problem="Timbulan sampah melebihi kapasitas TPA Cahaya Kencana.",
                object="Pengelolaan sampah regional Banjarbakula",
                partners=[
                    make_partner(name="Pemerintah Kota Banjarbaru", category="pemda", region_code="63.72"),
                    make_partner(seq=2, name="Pemerintah Kota Banjarmasin", category="pemda", region_code="63.71"),
                ],
            ),
        ],
    )
    older = make_form(
        year=2023,
        proposals=[
            make_proposal(
                1,
                problem="Kekurangan dokter gigi di puskesmas kecamatan sejak tahun 2022.",
                object="Penempatan dokter gigi",
            )
        ],
    )
    return dinkes, dishub, dlh, older


@pytest.fixture
def data(db):
    forms = known_forms()
    repo = FormRepository(db)
    for form in forms:
        repo.save(form)
    sign_form(db, forms[1].uuid, head_of(db, forms[1].uuid), today=TODAY)
    db.execute("UPDATE proposals SET review_status = 'sesuai' WHERE uuid = ?", [forms[2].proposals[0].uuid])
    db.conn.commit()
    return forms


def objects(db, flt: ProposalFilter, sort: Sort | None = None) -> list[str]:
    queries = ProposalQueries(db)
    return [row.problem.split()[0] + "/" + row.agency_code for row in queries.rows(queries.ids(flt, sort or Sort()))]


def uuids(db, flt: ProposalFilter, sort: Sort | None = None) -> set[str]:
    queries = ProposalQueries(db)
    return {row.uuid for row in queries.rows(queries.ids(flt, sort or Sort()))}


def test_filters_return_the_right_rows(db, data):
    dinkes, dishub, dlh, older = data
    y = 2024
    assert len(uuids(db, ProposalFilter(year=y))) == 4
    assert len(uuids(db, ProposalFilter())) == 5
    assert uuids(db, ProposalFilter(year=y, agency_code="DINKES")) == {p.uuid for p in dinkes.proposals}
    assert uuids(db, ProposalFilter(year=y, kind="KSDD")) == {dishub.proposals[0].uuid, dlh.proposals[0].uuid}
    assert uuids(db, ProposalFilter(year=y, urusan_code="2.11")) == {dlh.proposals[0].uuid}
    assert uuids(db, ProposalFilter(year=y, priority="tinggi")) == {dinkes.proposals[0].uuid, dlh.proposals[0].uuid}
    assert uuids(db, ProposalFilter(year=y, review_status="sesuai")) == {dlh.proposals[0].uuid}
    assert uuids(db, ProposalFilter(year=y, form_status="signed")) == {dishub.proposals[0].uuid}
    assert uuids(db, ProposalFilter(year=y, kind="KSDD", priority="tinggi")) == {dlh.proposals[0].uuid}
    assert uuids(db, ProposalFilter(year=2023)) == {older.proposals[0].uuid}
    assert ProposalQueries(db).count(ProposalFilter(year=y, kind="KSDD")) == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("dokter", {"dinkes-1"}),  # problem and object
        ("DOKTER spesialis", {"dinkes-1"}),  # case-insensitive, every word must occur
        ("dok", {"dinkes-1"}),  # a word's beginning is enough
        ("anak RS", {"dinkes-1"}),  # two letters are a word's beginning too
        ("ter sp", {"dinkes-1"}),  # three letters are found inside words ("dokter")
        ("nisas", {"dinkes-2"}),  # inside "imunisasi", in that order
        ("a dokter", {"dinkes-1"}),  # a single letter is ignored
        ("riskesdas", {"dinkes-2"}),  # notes
        ("imunisasi", {"dinkes-2"}),  # object and problem
        ("banjarbaru", {"dishub-1", "dlh-1"}),  # partner names
        ("banjarmasin", {"dlh-1"}),  # the second partner
        ("sampah banjarmasin", {"dlh-1"}),  # words from problem and partner together
        ("lambung dokter", {"dinkes-1"}),
        ("sampah dokter", set()),
        ("irigasi", set()),
        ('"dokter" OR -sampah* NEAR(', set()),  # FTS syntax is taken as plain words
    ],
)
def test_search_finds_problem_object_notes_and_partners(db, data, text, expected):
    dinkes, dishub, dlh, _older = data
    names = {
        dinkes.proposals[0].uuid: "dinkes-1",
        dinkes.proposals[1].uuid: "dinkes-2",
        dishub.proposals[0].uuid: "dishub-1",
        dlh.proposals[0].uuid: "dlh-1",
    }
    found = {names[u] for u in uuids(db, ProposalFilter(year=2024, search=text))}
    assert found == expected
    like = ProposalQueries(db)
    like._fts = False  # the LIKE fallback (an SQLite without FTS5) agrees
    assert {names[r.uuid] for r in like.rows(like.ids(ProposalFilter(year=2024, search=text)))} == expected
    words = ProposalQueries(db)
    words._trigram = False  # an SQLite with FTS5 but without trigrams (older than 3.34) agrees too
    assert {names[r.uuid] for r in words.rows(words.ids(ProposalFilter(year=2024, search=text)))} == expected


#: Indonesian words take prefixes and suffixes: the root typed must find the affixed word.
AFFIXED = {
    "sampah": "Pengelolaan persampahan terpadu belum menjangkau kecamatan di hulu.",
    "didik": "Rasio tenaga pendidikan dan peserta didik di sekolah terpencil timpang.",
    "ikan": "Produksi perikanan budidaya turun karena benih mahal.",
    "sehat": "Pelayanan kesehatan ibu dan anak di puskesmas perlu diperkuat.",
    "air": "Cakupan perairan dan pengairan sawah tadah hujan rendah.",
}


@pytest.fixture
def affixed(db):
    form = make_form(
        proposals=[
            make_proposal(i, problem=text, object="Kerja sama daerah", partners=[make_partner(name=f"Mitra {i}")])
            for i, text in enumerate(AFFIXED.values(), start=1)
        ]
    )
    form.proposals.append(
        make_proposal(
            len(AFFIXED) + 1,
            problem="Kemacetan lalu lintas di simpang empat.",
            object="Rekayasa lalu lintas",
            partners=[make_partner(name="Dinas Perikanan dan Kelautan Provinsi")],
        )
    )
    FormRepository(db).save(form)
    return form


@pytest.mark.parametrize("root", list(AFFIXED))
def test_search_finds_a_root_inside_affixed_words(db, affixed, root):
    """ "sampah" → "persampahan", "didik" → "pendidikan" (and "didik"), "ikan" → "perikanan"."""
    queries = ProposalQueries(db)
    rows = queries.rows(queries.ids(ProposalFilter(search=root)))
    assert AFFIXED[root] in {row.problem for row in rows}
    assert all(root in f"{row.problem} {row.partners}".casefold() for row in rows)


def test_a_root_inside_a_partner_name_and_case_is_ignored(db, affixed):
    queries = ProposalQueries(db)
    found = queries.rows(queries.ids(ProposalFilter(search="IKAN")))
    # "perikanan", the partner "Dinas Perikanan", and "pendidikan" (pendid-ikan): inside any word
    assert {r.problem for r in found} == {AFFIXED["ikan"], AFFIXED["didik"], "Kemacetan lalu lintas di simpang empat."}
    # two letters stay a word's beginning: "an" is not looked for inside "perikanan"
    assert queries.count(ProposalFilter(search="an")) == 1  # "anak"
    assert queries.count(ProposalFilter(search="sampah didik")) == 0  # every word must occur


def test_search_terms_are_quoted_words():
    assert search_terms('  Dokter, "spesialis"* anak-anak ') == ["dokter", "spesialis", "anak", "anak"]
    assert search_terms("a b dokter") == ["dokter"]
    assert fts_query("dokter") == '"dokter"*'
    assert trigram_query("dokter") == '"dokter"'


def test_sorting_in_sqlite(db, data):
    y = ProposalFilter(year=2024)  # the agencies' official order, then the form's numbering
    assert objects(db, y) == ["Kekurangan/DINKES", "Cakupan/DINKES", "Timbulan/DPRKPLH", "Kemacetan/DISHUB"]
    assert objects(db, y, Sort("default", descending=True))[0] == "Kemacetan/DISHUB"
    by_priority = objects(db, y, Sort("priority"))
    assert by_priority[:2] == ["Kekurangan/DINKES", "Timbulan/DPRKPLH"] and by_priority[-1] == "Cakupan/DINKES"
    assert objects(db, y, Sort("problem")) == [
        "Cakupan/DINKES",
        "Kekurangan/DINKES",
        "Kemacetan/DISHUB",
        "Timbulan/DPRKPLH",
    ]
    assert objects(db, y, Sort("partners"))[0] == "Cakupan/DINKES"  # Kementerian … before Pemerintah …
    assert objects(db, y, Sort("review"))[-1] == "Timbulan/DPRKPLH"  # belum dinilai first, sesuai after
    assert objects(db, y, Sort("kind"))[0] == "Cakupan/DINKES"  # SINERGI is the first kind
    for key in ("agency", "urusan", "stage", "no-such-key"):
        assert len(objects(db, y, Sort(key))) == 4


def test_rows_come_in_the_order_of_ids_and_carry_display_fields(db, data):
    queries = ProposalQueries(db)
    ids = queries.ids(ProposalFilter(year=2024))
    rows = queries.rows(list(reversed(ids)))
    assert [r.id for r in rows] == list(reversed(ids))
    last = rows[1]
    assert (last.agency_code, last.agency_short, last.urusan_name, last.kind, last.form_status) == (
        "DPRKPLH",
        "DPRKPLH",
        "Lingkungan Hidup",
        "KSDD",
        "draft",
    )
    assert last.partners == "Pemerintah Kota Banjarbaru; Pemerintah Kota Banjarmasin"
    assert queries.rows([]) == [] and queries.rows([10**9]) == []
    assert not db.conn.in_transaction  # reading leaves no transaction open


def test_detail_and_year_summary(db, data):
    _dinkes, dishub, dlh, _older = data
    queries = ProposalQueries(db)
    detail = queries.detail(dlh.proposals[0].uuid)
    assert detail.agency_name.startswith("Dinas Perumahan") and detail.year == 2024
    assert [p.name for p in detail.proposal.partners] == ["Pemerintah Kota Banjarbaru", "Pemerintah Kota Banjarmasin"]
    assert detail.region_names == {"63.71": "Kota Banjarmasin", "63.72": "Kota Banjarbaru"}
    assert detail.proposal.compliance_confirmed is True and detail.urusan_name == "Lingkungan Hidup"
    signed = queries.detail(dishub.proposals[0].uuid)
    assert (signed.form_status, signed.revision, signed.signed_date) == ("signed", 1, "2024-08-08")
    assert queries.detail("no-such-uuid") is None
    summary = queries.year_summary(2024)
    assert (summary.agencies, summary.agencies_with_form, summary.forms_signed, summary.forms_draft) == (27, 3, 1, 2)
    assert (summary.proposals, summary.sesuai, summary.tidak_sesuai) == (4, 1, 0)
    assert queries.has_forms()


def test_triggers_keep_the_index_in_step_with_every_change(db, data):
    dinkes, dishub, dlh, _older = data
    repo = FormRepository(db)
    index = SearchIndex(db)

    def found(text):
        return uuids(db, ProposalFilter(search=text))

    form = repo.get(dlh.uuid)
    form.proposals[0].partners.reverse()  # a new order of partners
    for seq, partner in enumerate(form.proposals[0].partners, start=1):
        partner.seq = seq
    repo.save(form)
    form.proposals[0].partners[0].name = "Pemerintah Kabupaten Tapin"  # a renamed partner
    form.proposals[0].problem = "Timbulan limbah domestik melebihi kapasitas tempat pemrosesan akhir."
    repo.save(form)
    assert found("tapin limbah") == {dlh.proposals[0].uuid}
    assert found("banjarmasin") == set() and found("cahaya kencana") == set()
    form.proposals[0].partners.pop()  # a removed partner
    repo.save(form)
    assert found("banjarbaru") == {dishub.proposals[0].uuid}
    repo.delete(dlh.uuid)  # a deleted form with everything in it
    assert found("tapin") == set()
    form = repo.get(dinkes.uuid)
    form.proposals.pop()  # a proposal removed (its partners go by cascade)
    repo.save(form)
    assert found("kementerian") == set()
    assert index.check()


def test_a_refused_change_to_a_signed_form_leaves_the_index_intact(db, data):
    _dinkes, dishub, _dlh, _older = data
    repo = FormRepository(db)
    form = repo.get(dishub.uuid)
    form.proposals[0].partners[0].name = "Pemerintah Kabupaten Tanah Laut"
    form.proposals[0].partners.append(make_partner(seq=2, name="Politeknik Negeri Banjarmasin"))
    with pytest.raises(FormLockedError):
        repo.save(form)
    assert uuids(db, ProposalFilter(search="tanah laut")) == set()
    assert uuids(db, ProposalFilter(search="politeknik")) == set()
    assert uuids(db, ProposalFilter(search="banjarbaru kemacetan")) == {dishub.proposals[0].uuid}
    repo.set_review(dishub.proposals[0].uuid, "tidak_sesuai", "swakelola", "Cukup swakelola.")
    assert SearchIndex(db).check()


def test_migration_indexes_existing_data_and_rebuild_repairs_drift(db_path):
    db = open_database(db_path)
    forms = known_forms()
    for form in forms:
        FormRepository(db).save(form)
    # Back to a database from before m003: no index, no triggers, no record of the migration.
    with db.atomic():
        for name, kind in db.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('trigger', 'view') "
            "AND (name LIKE '%fts%' OR name LIKE '%trigram%' "
            "OR name = 'proposal_partner_names')"
        ).fetchall():
            db.execute(f"DROP {kind.upper()} {name}")
        for table in ("proposals_fts", "partners_fts", "proposals_trigram", "partners_trigram"):
            db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m003_search_index', 'm010_search_inside_words')")
    db.close()
    db = open_database(db_path)
    try:
        assert uuids(db, ProposalFilter(search="banjarmasin")) == {forms[2].proposals[0].uuid}
        assert uuids(db, ProposalFilter(search="jarmas")) == {forms[2].proposals[0].uuid}  # the trigram index too
        index = SearchIndex(db)
        assert index.available() and index.check()
        with db.atomic():  # a tool that bypasses the triggers
            db.execute("DROP TRIGGER partners_fts_after_update")
            db.execute("UPDATE partners SET name = 'Pemerintah Kabupaten Balangan' WHERE name LIKE '%Banjarmasin'")
        assert not index.check()
        index.rebuild()
        assert index.check() and uuids(db, ProposalFilter(search="balangan")) == {forms[2].proposals[0].uuid}
    finally:
        db.close()


def test_fts_and_like_agree_on_the_demo_data(db):
    fill_demo(db, proposals=156, seed=2024, today=TODAY)
    fts = ProposalQueries(db)
    like = ProposalQueries(db)
    like._fts = False
    for text in (
        "dokter",
        "sampah",
        "Banjarbaru",
        "universitas lambung",
        "air minum",
        "irigasi",
        "didik",
        "ikan",
        "di rs",
        "pendidikan di",
    ):
        flt = ProposalFilter(year=2024, search=text)
        found, contained = set(fts.ids(flt)), set(like.ids(flt))
        assert found <= contained, text  # LIKE also finds two letters inside words
        if all(len(word) >= 3 for word in text.split()):
            assert found == contained, text  # three letters or more: both find substrings
    words = db.execute("SELECT count(*) FROM proposals_fts WHERE proposals_fts MATCH ?", [fts_query("didik")])
    assert fts.count(ProposalFilter(search="didik")) > words.fetchone()[0]  # "pendidikan" is found too
    assert fts.count(ProposalFilter(year=2024)) == 156
    assert fts.count(ProposalFilter(year=2024, search="banjarbaru")) > 0


def test_another_tools_insert_or_replace_never_breaks_a_later_save(db, data):
    """sqlite-utils ``insert --replace`` (INSERT OR REPLACE) skips delete triggers: search may
    drift, saving must not fail, and ``rebuild()`` puts the index right."""
    dinkes = data[0]
    row = db["proposals"].get(dinkes.proposals[1].uuid)
    db["proposals"].insert({**row, "problem": "Cakupan vaksinasi campak rendah di daerah terpencil."}, replace=True)
    db.conn.commit()
    repo = FormRepository(db)
    form = repo.get(dinkes.uuid)
    form.proposals[1].object = "Percepatan vaksinasi campak"
    form.proposals[0].partners[0].name = "Politeknik Kesehatan Banjarmasin"
    repo.save(form)
    assert uuids(db, ProposalFilter(search="campak")) == {dinkes.proposals[1].uuid}
    index = SearchIndex(db)
    index.rebuild()
    assert index.check()
    assert uuids(db, ProposalFilter(search="politeknik")) == {dinkes.proposals[0].uuid}


@pytest.mark.parametrize(
    "text", ["", "dokter", "dok", "an", "sampah banjarmasin", "ter sp", "banjar", "irigasi", "kemacetan banjarbaru"]
)
def test_two_step_search_gives_the_one_query_result(db, data, text):
    """ids() (ordered ids of the filter, then each word's index look-up) equals where()'s single query."""
    queries = ProposalQueries(db)
    for flt in (
        ProposalFilter(year=2024, search=text),
        ProposalFilter(search=text),
        ProposalFilter(year=2024, agency_code="DINKES", search=text),
    ):
        for sort in (Sort(), Sort("priority", descending=True)):
            assert list(queries.ids(flt, sort)) == list(queries._select_ids(flt, sort)), (flt, sort)
            assert queries.count(flt) == len(queries.ids(flt, sort))


def test_search_follows_changes_made_here_and_by_another_program(db, data, db_path):
    _dinkes, _dishub, dlh, _older = data
    queries = ProposalQueries(db)
    assert list(queries.ids(ProposalFilter(year=2024, search="tapin"))) == []
    assert len(queries.ids(ProposalFilter(year=2024))) == 4
    repo = FormRepository(db)
    form = repo.get(dlh.uuid)
    form.proposals[0].partners[0].name = "Pemerintah Kabupaten Tapin"
    repo.save(form)  # this connection
    assert len(queries.ids(ProposalFilter(year=2024, search="tapin"))) == 1
    other = open_database(db_path)  # another program, committing
    try:
        form.proposals[0].partners[0].name = "Pemerintah Kabupaten Balangan"
        FormRepository(other).save(form)
        FormRepository(other).delete(data[0].uuid)
    finally:
        other.close()
    assert list(queries.ids(ProposalFilter(year=2024, search="tapin"))) == []
    assert len(queries.ids(ProposalFilter(year=2024, search="balangan"))) == 1
    assert len(queries.ids(ProposalFilter(year=2024))) == 2

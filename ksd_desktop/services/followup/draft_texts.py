"""What the drafts say: the proposal's facts turned into the sentences of a KAK, a studi kelayakan
outline and a surat penawaran. No python-docx here (drafts.py lays the text out), so the wording
is tested without writing a file.

Every part the official must still decide is a *placeholder*: a short instruction in square
brackets (``[isi: …]``) that the DOCX highlights, so nothing invented passes for a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain import law
from ...domain.models import label

#: Regulations every draft names, in full as in their own titles (domain/law.py REGULATIONS).
UU_PEMDA = law.full_name("UU23_2014")
PP_KSD = law.full_name("PP28_2018")
PERMENDAGRI_22 = law.full_name("PERMENDAGRI22_2020")
PERMENDAGRI_25 = law.full_name("PERMENDAGRI25_2020")
PERMENDAGRI_19_2016 = law.full_name("PERMENDAGRI19_2016")
PERPRES_38_2015 = law.full_name("PERPRES38_2015")
PERDA_BANJAR = law.full_name("PERDA_BANJAR2_2016")
MAX_LEGAL_LINES = 12


def placeholder(text: str) -> str:
    return f"[isi: {text}]"


def inline(text: str) -> str:
    """A phrase typed as a sentence, set inside another sentence: ``Waktu tunggu …`` → ``waktu tunggu …``
    (an acronym such as ``RSUD`` keeps its capitals); the final full stop is dropped."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


@dataclass(frozen=True)
class PartnerFact:
    name: str
    category: str  # key (data dictionary)
    region_name: str = ""

    @property
    def category_label(self) -> str:
        return label(self.category)


@dataclass(frozen=True)
class DraftFacts:
    """The proposal and its surroundings, as the drafts need them."""

    proposal_uuid: str
    year: int
    seq: int
    agency_name: str
    region_title: str  # "PEMERINTAH KABUPATEN BANJAR"
    region_name: str  # "Kabupaten Banjar"
    place: str  # "Martapura"
    letterhead_lines: tuple[str, ...]
    logo_path: str | None
    urusan: str  # "1.02 Kesehatan"
    program: str
    problem: str
    potential: str
    object: str
    kind: str
    ksdd_category: str
    externality: str
    ksdpk_form: str
    benefits: str
    rpjmd_alignment: str
    legal_basis: str
    financing: str
    partners: tuple[PartnerFact, ...] = ()
    signer_name: str = ""
    signer_rank: str = ""
    signer_nip: str = ""
    signer_position: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    @property
    def head_title(self) -> str:
        """``BUPATI BANJAR`` from ``PEMERINTAH KABUPATEN BANJAR`` (the kop of a letter the head signs)."""
        title = self.region_title.upper().replace("PEMERINTAH ", "", 1).strip()
        for level, head in (("KABUPATEN ", "BUPATI "), ("KOTA ", "WALI KOTA "), ("PROVINSI ", "GUBERNUR ")):
            if title.startswith(level):
                return head + title[len(level) :]
        return f"KEPALA DAERAH {title}".strip()

    @property
    def government(self) -> str:
        """``Pemerintah Kabupaten Banjar``."""
        return f"Pemerintah {self.region_name}" if self.region_name else self.region_title.title()

    def partner_names(self) -> str:
        names = [p.name for p in self.partners if p.name.strip()]
        if not names:
            return placeholder("nama calon mitra")
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def legal_basis(f: DraftFacts) -> list[str]:
    """The Dasar Hukum list: the regulations of the kind, then what the agency wrote (one per line)."""
    items = [UU_PEMDA, PP_KSD]
    if f.kind in ("KSDPL", "KSDLL"):
        items.append(PERMENDAGRI_25)
    elif f.kind != "SINERGI":
        items.append(PERMENDAGRI_22)
    if f.ksdpk_form == "pemanfaatan_bmd":
        items.append(PERMENDAGRI_19_2016)
    if f.ksdpk_form == "kpbu":
        items.append(PERPRES_38_2015)
    items.append(PERDA_BANJAR)
    known = {i.casefold() for i in items}
    for line in (f.legal_basis or "").replace(";", "\n").splitlines():
        line = line.strip(" -•\t")
        if line and line.casefold() not in known and len(items) < MAX_LEGAL_LINES + 4:
            items.append(line)
            known.add(line.casefold())
    return items


def background(f: DraftFacts) -> list[str]:
    """Latar belakang: the problem the agency mapped, what it already has, and why cooperate."""
    paragraphs = [f.problem.strip() or placeholder("permasalahan yang dihadapi")]
    if f.potential.strip():
        paragraphs.append(f"Potensi yang dimiliki: {f.potential.strip()}")
    reason = (
        f"Permasalahan tersebut tercatat dalam hasil pemetaan urusan pemerintahan yang akan dikerjasamakan "
        f"{f.region_name} tahun {f.year} oleh {f.agency_name}, dan dipandang lebih efektif dan efisien bila "
        f"ditangani melalui {f.kind_label.lower() if f.kind_label else 'kerja sama daerah'}."
    )
    paragraphs.append(reason)
    if f.kind == "KSDD" and f.ksdd_category == "wajib" and f.externality.strip():
        paragraphs.append(f"Eksternalitas lintas daerah: {f.externality.strip()}")
    return paragraphs


def purpose(f: DraftFacts) -> tuple[str, str]:
    """(maksud, tujuan)."""
    maksud = (
        f"Maksud kerja sama ini adalah menjalin kerja sama antara {f.government} dan {f.partner_names()} "
        f"dalam {inline(f.object) or placeholder('objek kerja sama')}."
    )
    tujuan = (
        f"Tujuannya adalah mengatasi permasalahan sebagaimana diuraikan pada latar belakang sehingga "
        f"{inline(f.benefits) or placeholder('sasaran yang hendak dicapai')}."
    )
    return maksud, tujuan


def scope(f: DraftFacts) -> list[str]:
    items = [
        f"Objek kerja sama: {f.object.strip() or placeholder('objek')}",
        f"Urusan pemerintahan: {f.urusan or placeholder('urusan')}",
    ]
    if f.program.strip():
        items.append(f"Program/sub-urusan: {f.program.strip()}")
    items.append(
        f"Jenis kerja sama: {f.kind_label}" + (f" ({label(f.ksdd_category).lower()})" if f.ksdd_category else "")
    )
    if f.ksdpk_form:
        items.append(f"Bentuk kerja sama: {label(f.ksdpk_form)}")
    items.append(placeholder("rincian kegiatan yang dikerjasamakan, lokasi dan sasaran"))
    return items


FINANCING_TEXT = {
    "apbd": "Pembiayaan bersumber dari Anggaran Pendapatan dan Belanja Daerah {region}.",
    "mitra": "Pembiayaan bersumber dari mitra kerja sama, tanpa membebani Anggaran Pendapatan dan Belanja Daerah "
    "{region}.",
    "bersama": "Pembiayaan ditanggung bersama oleh Anggaran Pendapatan dan Belanja Daerah {region} dan mitra kerja "
    "sama sesuai pembagian yang disepakati.",
    "lainnya": "Pembiayaan bersumber dari sumber lain yang sah dan tidak mengikat.",
}


def financing(f: DraftFacts) -> list[str]:
    text = FINANCING_TEXT.get(f.financing, "").format(region=f.region_name)
    lines = [text] if text else [placeholder("sumber pembiayaan")]
    lines.append(placeholder("perkiraan biaya dan pembagiannya"))
    if f.financing in ("apbd", "bersama"):
        lines.append(
            "Bila kerja sama membebani masyarakat dan daerah dan/atau pembiayaannya belum teranggarkan dalam "
            "APBD tahun anggaran berjalan, diperlukan persetujuan DPRD."
        )
    return lines


def roles(f: DraftFacts) -> list[tuple[str, str]]:
    """Peran para pihak: (party, role); the agency's side first."""
    own = f"{f.government}, melalui {f.agency_name}"
    own_role = (
        "menyediakan data dan informasi objek kerja sama, menyiapkan dukungan kebijakan dan perizinan yang "
        "menjadi kewenangan daerah, "
        + ("menganggarkan pembiayaan bagiannya, " if f.financing in ("apbd", "bersama") else "")
        + "serta melakukan monitoring dan evaluasi pelaksanaan"
    )
    out = [(own, own_role)]
    partner_role = {
        "pemda": "melaksanakan bagian kegiatan di wilayahnya dan menyediakan dukungan sumber daya sesuai kesepakatan",
        "kementerian_lembaga": "memberikan dukungan program, pendanaan dan/atau pendampingan teknis sesuai kewenangan",
        "perguruan_tinggi": "menyediakan tenaga ahli, kajian dan pendampingan sesuai bidang keilmuannya",
    }
    for partner in f.partners:
        role = partner_role.get(partner.category, placeholder("peran mitra: sumber daya, kegiatan dan kewajibannya"))
        if f.financing in ("mitra", "bersama") and partner.category != "kementerian_lembaga":
            role += ", serta menanggung pembiayaan bagiannya"
        out.append((partner.name or placeholder("nama mitra"), role))
    if not f.partners:
        out.append((placeholder("nama calon mitra"), placeholder("peran mitra")))
    return out


def letter_subject(f: DraftFacts) -> str:
    return f"Penawaran Kerja Sama {f.object.strip() or placeholder('objek kerja sama')}"


def letter_body(f: DraftFacts) -> list[str]:
    """The three parts of a surat dinas: pembuka, isi, penutup."""
    pembuka = (
        f"Dalam rangka meningkatkan kesejahteraan masyarakat dan mempercepat pemenuhan pelayanan publik, "
        f"serta berdasarkan hasil identifikasi dan pemetaan urusan pemerintahan yang akan dikerjasamakan "
        f"{f.region_name} tahun {f.year}, dengan ini kami menawarkan kerja sama kepada Saudara di bidang "
        f"{(f.urusan.split(' ', 1)[-1] if f.urusan else placeholder('urusan')).lower()}."
    )
    isi = (
        f"Objek kerja sama yang kami tawarkan adalah {inline(f.object) or placeholder('objek')}, dengan "
        f"manfaat yang diharapkan, yaitu {inline(f.benefits) or placeholder('manfaat')}. Rencana kerja sama "
        f"yang memuat latar belakang, maksud dan tujuan, ruang lingkup, pembiayaan serta peran para pihak kami "
        f"sampaikan sebagaimana terlampir."
    )
    tindak = (
        f"Apabila Saudara berkenan, kami mengharapkan jawaban tertulis paling lambat "
        f"{placeholder('tanggal')} untuk selanjutnya dibahas bersama dalam penyusunan Kesepakatan Bersama."
        if f.kind != "SINERGI"
        else f"Apabila Bapak/Ibu berkenan, kami mengharapkan jawaban tertulis paling lambat {placeholder('tanggal')} "
        "untuk selanjutnya dibahas bersama dalam penyusunan Nota Kesepakatan beserta rencana aksinya."
    )
    penutup = "Demikian penawaran ini kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih."
    return [pembuka, isi, tindak, penutup]


def copies(f: DraftFacts) -> list[str]:
    """Tembusan of the surat penawaran."""
    province = "Gubernur " + (f.extra.get("province_name", "").removeprefix("Provinsi ") or placeholder("provinsi"))
    return [
        province,
        "Menteri Dalam Negeri c.q. Direktur Jenderal Bina Administrasi Kewilayahan",
        f"Ketua DPRD {f.region_name}",
        f"Kepala {f.agency_name}",
    ]

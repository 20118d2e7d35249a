"""Sign-off wording (Permendagri 1/2023 practice): jabatan, prefixes and the signature block.

Plain functions of strings, so the sign-off page previews exactly what the PDF prints.
See docs/domain.md, "Sign-off and the signature block":

    Martapura, 8 Agustus 2024
    KEPALA DINAS KESEHATAN
    KABUPATEN BANJAR,
    [wet signature or TTE stamp]
    dr. NAMA LENGKAP, M.Kes.
    Pembina Utama Muda (IV/c)
    NIP. 19700101 199503 1 001
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .canonical import short_hash
from .law import cite

#: Agencies whose head is not called "Kepala <agency name>".
SPECIAL_POSITIONS = {
    "SETDA": "Sekretaris Daerah",
    "SETWAN": "Sekretaris DPRD",
    "INSPEKTORAT": "Inspektur Daerah",
    "SATPOLPP": "Kepala Satuan Polisi Pamong Praja",
}

PREFIX_LABELS = {
    "": "Tanpa awalan (pejabat definitif menandatangani sendiri)",
    "a.n.": "a.n. — atas nama pejabat yang berwenang",
    "Plt.": "Plt. — Pelaksana Tugas",
    "Plh.": "Plh. — Pelaksana Harian",
    "Pj.": "Pj. — Penjabat (hanya Sekretaris Daerah atau kepala daerah)",
}


def default_signer_position(agency_code: str, agency_name: str) -> str:
    """The head's jabatan, e.g. ``Kepala Dinas Kesehatan`` (``Sekretaris Daerah`` for SETDA)."""
    return SPECIAL_POSITIONS.get(agency_code, f"Kepala {agency_name}")


_SPECIAL_HEADS = {
    "SEKRETARIAT DAERAH": "SEKRETARIS DAERAH",
    "SEKRETARIAT DPRD": "SEKRETARIS DPRD",
    "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH": "SEKRETARIS DPRD",
    "INSPEKTORAT": "INSPEKTUR",
    "INSPEKTORAT DAERAH": "INSPEKTUR DAERAH",
}
_HEAD_BY_PREFIX = (
    ("SEKRETARIAT ", "SEKRETARIS "),
    ("INSPEKTORAT ", "INSPEKTUR "),
    ("KECAMATAN ", "CAMAT "),
    ("KELURAHAN ", "LURAH "),
    ("RUMAH SAKIT ", "DIREKTUR RUMAH SAKIT "),
)


def norm_caps(text: str | None) -> str:
    """Capitals with single spaces: the way jabatan are written in a signature block."""
    return " ".join((text or "").split()).upper()


def principal_title(agency_name: str | None) -> str:
    """The head of an agency, in capitals: Dinas Kesehatan → KEPALA DINAS KESEHATAN.

    Sekretariat Daerah → SEKRETARIS DAERAH, Sekretariat DPRD → SEKRETARIS DPRD,
    Inspektorat Daerah → INSPEKTUR DAERAH, Kecamatan X → CAMAT X; anything else KEPALA <NAME>.
    """
    name = norm_caps(agency_name)
    if not name:
        return "KEPALA PERANGKAT DAERAH"
    if name in _SPECIAL_HEADS:
        return _SPECIAL_HEADS[name]
    for prefix, head in _HEAD_BY_PREFIX:
        if name.startswith(prefix):
            return head + name[len(prefix) :]
    return f"KEPALA {name}"


def jabatan_lines(
    agency_name: str | None, region_name: str | None, position: str | None, prefix: str | None
) -> list[str]:
    """The jabatan lines of the signature block; the last one ends with a comma.

    - no prefix: the signer's jabatan (default: the agency head's), the region below it:
      ``KEPALA DINAS KESEHATAN`` / ``KABUPATEN BANJAR,``;
    - ``a.n.``: ``a.n. KEPALA DINAS KESEHATAN`` / ``KABUPATEN BANJAR`` / the acting official's
      own jabatan (``SEKRETARIS,``);
    - ``Plt.`` / ``Plh.``: ``Plt. KEPALA DINAS KESEHATAN`` / ``KABUPATEN BANJAR,`` when the
      entered jabatan is the one acted for (same kind as the agency head's: KEPALA DINAS …);
      an entered jabatan of another kind (KEPALA BIDANG …) is the official's own and goes
      below, as with a.n.
    A jabatan typed with the region's name at its end is not given the region twice.
    """
    region = norm_caps(region_name)

    def without_region(title: str) -> str:
        if region and title.endswith(" " + region):
            return title[: -len(region) - 1].strip()
        return title

    principal = without_region(principal_title(agency_name))
    own = without_region(norm_caps(position))
    prefix = (prefix or "").strip()
    if prefix == "a.n.":
        lines = [f"a.n. {principal}", region]
        if own and own != principal:
            lines.append(own)
    elif prefix in ("Plt.", "Plh.", "Pj."):
        if not own or own.split()[:2] == principal.split()[:2]:
            lines = [f"{prefix} {own or principal}", region]
        else:
            lines = [f"{prefix} {principal}", region, own]
    else:
        lines = [own or principal, region]
    lines = [line for line in lines if line]
    lines[-1] += ","
    return lines


def position_problem(position: str | None, prefix: str | None, agency_code: str, agency_name: str | None) -> str | None:
    """Why a signer's jabatan cannot stand on the form, or None.

    The form is signed off by the head of *its* agency: without a prefix (and with Plt./Plh.
    standing for the head) the jabatan must name the agency (``Kepala Dinas Kesehatan``,
    ``Sekretaris Daerah``); a bare ``Kepala`` never does. With a.n. (or Plt./Plh. of another
    post) the official's own jabatan goes below the head's and need not repeat the agency.
    """
    own = norm_caps(position)
    if not own:
        return None  # the "required" rule speaks for an empty jabatan
    name = norm_caps(agency_name)
    expected = default_signer_position(agency_code, agency_name or "") if name else "Kepala <perangkat daerah>"
    if own in ("KEPALA", "KEPALA PERANGKAT DAERAH", "KEPALA OPD"):
        return (
            f"Jabatan «{' '.join((position or '').split())}» tidak menyebut perangkat daerahnya. Tulis jabatan "
            f"lengkap, misalnya «{expected}»."
        )
    if not name:
        return None
    principal = principal_title(agency_name)
    prefix = (prefix or "").strip()
    stands_for_head = not prefix or (prefix in ("Plt.", "Plh.", "Pj.") and own.split()[:2] == principal.split()[:2])
    if not stands_for_head or name in own or own.startswith(principal) or own.startswith(norm_caps(expected)):
        return None
    written = " ".join((position or "").split())
    if prefix:
        return (
            f"Jabatan «{written}» bukan jabatan kepala {agency_name}. Dengan awalan {prefix}, tulis jabatan yang "
            f"dilaksanakan («{expected}») atau jabatan pejabat itu sendiri (misalnya «Sekretaris»)."
        )
    return (
        f"Jabatan «{written}» bukan jabatan kepala {agency_name}. Formulir ini disahkan oleh «{expected}»; "
        "bila ditandatangani pejabat lain, pilih awalan a.n., Plt. atau Plh."
    )


# --------------------------------------------------------------------------- Permendagri 1/2023 Pasal 44

#: Whose name is written how. Roles: the signer's *own* office as the block names it.
ROLE_KEPALA_DAERAH, ROLE_WAKIL, ROLE_SEKDA, ROLE_OTHER = "kepala_daerah", "wakil", "sekda", "lainnya"


@dataclass(frozen=True)
class SignatureRule:
    """How the name of a signer is written (Permendagri 1/2023 Pasal 44)."""

    gelar: bool  # the name with its academic titles
    nip: bool
    rank: bool  # pangkat/golongan
    citation: str  # law.CITATIONS key of the ayat that decides


#: (prefix, role) -> rule; "*" matches any prefix. The ayat (pasal.id text of Pasal 44):
#: (3) officials other than the Kepala Daerah, Wakil Kepala Daerah and Sekretaris Daerah: gelar, NIP, pangkat;
#: (4) Pj., Pjs., Plt., Plh. Kepala Daerah: no gelar, NIP or pangkat;
#: (5) Pj. and Plh. Sekretaris Daerah: no gelar, NIP or pangkat.
#: The Sekda, Kepala Daerah and Wakil signing in person fall outside ayat (3): no NIP or pangkat, the
#: gelar by ayat (2) (naskah dinas korespondensi/khusus use gelar). A Plt. Sekda is not named in ayat (5)
#: and so writes gelar, NIP and pangkat like any other official (ayat (3)). With a.n. the signer is
#: another official acting on behalf: the rule of *that* official's own office applies.
SIGNATURE_RULES: dict[tuple[str, str], SignatureRule] = {
    ("", ROLE_OTHER): SignatureRule(True, True, True, "signature_others"),
    ("a.n.", ROLE_OTHER): SignatureRule(True, True, True, "signature_others"),
    ("Plt.", ROLE_OTHER): SignatureRule(True, True, True, "signature_others"),
    ("Plh.", ROLE_OTHER): SignatureRule(True, True, True, "signature_others"),
    ("Pj.", ROLE_OTHER): SignatureRule(True, True, True, "signature_others"),
    ("", ROLE_SEKDA): SignatureRule(True, False, False, "signature_others"),
    ("a.n.", ROLE_SEKDA): SignatureRule(True, False, False, "signature_others"),
    ("Plt.", ROLE_SEKDA): SignatureRule(True, True, True, "signature_others"),
    ("Plh.", ROLE_SEKDA): SignatureRule(False, False, False, "signature_acting_sekda"),
    ("Pj.", ROLE_SEKDA): SignatureRule(False, False, False, "signature_acting_sekda"),
    ("", ROLE_KEPALA_DAERAH): SignatureRule(True, False, False, "signature_others"),
    ("Plt.", ROLE_KEPALA_DAERAH): SignatureRule(False, False, False, "signature_acting_head"),
    ("Plh.", ROLE_KEPALA_DAERAH): SignatureRule(False, False, False, "signature_acting_head"),
    ("Pj.", ROLE_KEPALA_DAERAH): SignatureRule(False, False, False, "signature_acting_head"),
    ("", ROLE_WAKIL): SignatureRule(True, False, False, "signature_others"),
    ("a.n.", ROLE_WAKIL): SignatureRule(True, False, False, "signature_others"),
}

_HEADS = ("BUPATI", "WALI KOTA", "WALIKOTA", "GUBERNUR")


def signer_role(position: str | None, region_name: str | None = None) -> str:
    """The role of a jabatan as written: ``Sekretaris Daerah`` → sekda, ``Bupati Banjar`` → kepala_daerah."""
    caps = norm_caps(position)
    region = norm_caps(region_name)
    if region and caps.endswith(" " + region):
        caps = caps[: -len(region) - 1].strip()
    for word in ("KABUPATEN", "KOTA", "PROVINSI"):
        if caps.endswith(" " + word):
            caps = caps[: -len(word) - 1].strip()
    if caps == "SEKRETARIS DAERAH":
        return ROLE_SEKDA
    if caps.startswith("WAKIL ") and caps[6:].split(" ")[0] in ("BUPATI", "WALI", "WALIKOTA", "GUBERNUR"):
        return ROLE_WAKIL
    if any(caps == head or caps.startswith(head + " ") for head in _HEADS):
        return ROLE_KEPALA_DAERAH
    return ROLE_OTHER


def signature_rule(
    prefix: str | None, position: str | None, region_name: str | None = None, agency_name: str | None = None
) -> SignatureRule:
    """The Pasal 44 rule for a signer: ``prefix`` and the signer's jabatan as entered.

    With a.n. the entered jabatan is the official's own (``Sekretaris``); with Plt./Plh./Pj. it is
    the office acted for (``Sekretaris Daerah``) or, when of another kind, the official's own.
    An empty jabatan means the agency head's.
    """
    prefix = (prefix or "").strip()
    role = signer_role(position or (_title_case(principal_title(agency_name)) if agency_name else ""), region_name)
    rule = SIGNATURE_RULES.get((prefix, role))
    if rule is None:  # e.g. a.n. Bupati signed by the Bupati himself: treat as the role signing in person
        rule = SIGNATURE_RULES.get(("", role), SIGNATURE_RULES[("", ROLE_OTHER)])
    return rule


def _title_case(text: str) -> str:
    return text.title()


_GELAR_BEFORE = re.compile(r"^(?:(?:Prof|Dr|dr|drg|Drs|Dra|Ir|Apt|apt|Ns|Hj?)\.\s*)+", re.UNICODE)
_KEEP_BEFORE = ("H.", "Hj.")  # haji/hajah: not an academic gelar, kept


def strip_gelar(name: str | None) -> str:
    """The name without academic titles, for ayat (4) and (5): ``dr. H. Ahmad, M.Kes.`` → ``H. Ahmad``.

    Front titles that end with a dot (dr., Dr., Drs., Ir., Prof.) go, H./Hj. stay; everything after
    the first comma (the back titles ``S.T., M.Si.``) goes.
    """
    text = " ".join((name or "").split())
    head = text.split(",", 1)[0].strip()
    words = head.split(" ")
    kept: list[str] = []
    for i, word in enumerate(words):
        if word in _KEEP_BEFORE:
            kept.append(word)
            continue
        if word.endswith(".") and _GELAR_BEFORE.match(word) and i < len(words) - 1:
            continue
        kept.extend(words[i:])
        break
    return " ".join(kept)


@dataclass(frozen=True)
class SignatureBlock:
    """What the signature block prints, line by line (the PDF, the wizard preview and the Laporan)."""

    place_date: str
    jabatan: tuple[str, ...]  # the last line ends with a comma
    name: str  # as printed (gelar removed where Pasal 44 says so)
    rank: str | None  # None: not printed
    nip: str | None  # "NIP. 19700101 199503 1 001"; None: not printed
    rule: SignatureRule
    tte: bool = False  # TTE BSrE mode: the space is reserved for the e-signature visual

    @property
    def note(self) -> str:
        """The citation of the ayat applied, for help texts."""
        return cite(self.rule.citation)


def signature_block(
    *,
    agency_name: str | None,
    region_name: str | None,
    position: str | None,
    prefix: str | None,
    name: str | None,
    rank: str | None,
    nip_text: str | None,
    place_date: str,
    tte: bool = False,
) -> SignatureBlock:
    """The signature block of a form or report, as Permendagri 1/2023 Pasal 44 has it written.

    ``nip_text`` is the NIP already formatted (``19700101 199503 1 001``) or empty.
    """
    rule = signature_rule(prefix, position, region_name, agency_name)
    shown = " ".join((name or "").split())
    if not rule.gelar:
        shown = strip_gelar(shown)
    return SignatureBlock(
        place_date=place_date,
        jabatan=tuple(jabatan_lines(agency_name, region_name, position, prefix)),
        name=shown,
        rank=(rank or "").strip() if rule.rank else None,
        nip=f"NIP. {nip_text or ''}".rstrip() if rule.nip else None,
        rule=rule,
        tte=tte,
    )


def shows_rank_and_nip(
    agency_name: str | None, region_name: str | None, position: str | None, prefix: str | None
) -> bool:
    """Whether pangkat and NIP are written (Permendagri 1/2023 Pasal 44; see SIGNATURE_RULES)."""
    rule = signature_rule(prefix, position, region_name, agency_name)
    return rule.nip and rule.rank


def prefix_warning(prefix: str | None, position: str | None, region_name: str | None = None) -> str | None:
    """A Pj. is appointed only for a kepala daerah or a sekretaris daerah; elsewhere say so."""
    if (prefix or "").strip() == "Pj." and signer_role(position, region_name) == ROLE_OTHER:
        return (
            "Awalan Pj. (Penjabat) hanya dipakai untuk Sekretaris Daerah atau kepala daerah; untuk kepala "
            "perangkat daerah yang berhalangan gunakan Plt. atau Plh."
        )
    return None


#: What the form calls its content hash from now on (issue 14 point 10): "Kode verifikasi", not "Sidik isi".
VERIFICATION_LABEL = "Kode verifikasi"
#: Before the kode perangkat in the form's footer: the laptop (data file key) that exported it (issue 10).
DEVICE_LABEL = "Kode perangkat"
#: Where the verification lives in the application (tests/gui check that the menu really says so).
VERIFY_MENU = "Data › Periksa Keaslian PDF"


def verification_text(form_uuid: str, revision: int, content_hash: str | None) -> str:
    """The caption beside the QR code of a signed form. It says the code is no electronic
    signature: officials read a QR code near a signature as a BSrE TTE."""
    return (
        f"Kode QR verifikasi (bukan tanda tangan elektronik): formulir {form_uuid[:8]}, revisi {revision}, "
        f"{VERIFICATION_LABEL.lower()} {short_hash(content_hash)}. Periksa keaslian PDF ini dengan aplikasi "
        f"KSD Desktop, menu {VERIFY_MENU}."
    )


def verification_footer(form_uuid: str, revision: int, content_hash: str | None) -> str:
    """The footer part ``Formulir ab12cd34 · Revisi 1 · Kode verifikasi: 0ad62a4a2ab8``."""
    return f"Formulir {form_uuid[:8]} · Revisi {revision} · {VERIFICATION_LABEL}: {short_hash(content_hash)}"

"""An agency's own letterhead (kop): address, telephone, e-mail, website and an optional logo.

The kop of a form is its agency's: PEMERINTAH KABUPATEN BANJAR / DINAS KESEHATAN / the
address / "Telepon …, Laman …, Pos-el …" (the order of Permendagri 1/2023's naskah dinas
kop: alamat, telepon, laman, pos-el). Plain functions of strings: no storage, no PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

#: The fields an agency's kop is made of (the keys in reference data, columns in storage).
LETTERHEAD_FIELDS = ("address", "phone", "email", "website", "logo_path")
LETTERHEAD_LABELS = {
    "address": "Alamat",
    "phone": "Telepon",
    "email": "Pos-el (surel)",
    "website": "Laman",
    "logo_path": "Logo perangkat daerah",
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9()+\-\s.,/]+$")
_WEBSITE = re.compile(r"^(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyLetterhead:
    """What an agency's kop prints under its name; empty strings print nothing."""

    agency_code: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_path: str | None = None

    def contact_line(self) -> str:
        """``Telepon (0511) 4721234, Laman dinkes.banjarkab.go.id, Pos-el dinkes@banjarkab.go.id``."""
        parts = [
            f"{word} {value}"
            for word, value in (("Telepon", self.phone), ("Laman", self.website), ("Pos-el", self.email))
            if value.strip()
        ]
        return ", ".join(" ".join(p.split()) for p in parts)

    def lines(self) -> tuple[str, ...]:
        """The kop's lines under the agency's name: the address, then the contact line."""
        return tuple(line for line in (" ".join(self.address.split()), self.contact_line()) if line)

    def is_empty(self) -> bool:
        return not self.lines()

    def cleaned(self) -> AgencyLetterhead:
        """Spaces tidied, a website without its ``http(s)://``."""
        website = re.sub(r"^https?://", "", " ".join(self.website.split()), flags=re.IGNORECASE).rstrip("/")
        values = {
            f.name: " ".join(str(getattr(self, f.name) or "").split())
            for f in fields(self)
            if f.name not in ("agency_code", "logo_path")
        }
        return replace(self, **{**values, "website": website}, logo_path=self.logo_path or None)


def letterhead_problems(letterhead: AgencyLetterhead) -> dict[str, str]:
    """Field → what is wrong with it (an empty field is allowed: it is left out of the kop)."""
    head = letterhead.cleaned()
    problems: dict[str, str] = {}
    if head.phone and (not _PHONE.match(head.phone) or sum(ch.isdigit() for ch in head.phone) < 6):
        problems["phone"] = "Nomor telepon hanya berisi angka, spasi, tanda kurung, + dan - (contoh: (0511) 4721234)."
    if head.email and not _EMAIL.match(head.email):
        problems["email"] = "Alamat pos-el tidak valid (contoh: dinkes@banjarkab.go.id)."
    if head.website and not _WEBSITE.match(head.website):
        problems["website"] = "Alamat laman tidak valid (contoh: dinkes.banjarkab.go.id)."
    if len(head.address) > 160:
        problems["address"] = "Alamat terlalu panjang untuk satu baris kop (paling banyak 160 karakter)."
    return problems

"""Sign-off: check every rule, compute the content hash, write the snapshot, lock the form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.canonical import CANONICAL_VERSION, canonical_json, hash_text, normalize_form
from ..domain.models import Form
from ..domain.nip import format_nip, normalize_nip
from ..domain.validation import Problem, errors_only, validate_signing
from ..storage.errors import StorageError
from ..storage.repositories import FormRepository, ReferenceRepository
from .errors import ServiceError

if TYPE_CHECKING:
    from sqlite_utils import Database

SIGNER_FIELDS = (
    "signer_name",
    "signer_nip",
    "signer_rank",
    "signer_position",
    "signer_prefix",
    "signed_place",
    "signed_date",
)


class SigningRefused(ServiceError):
    """The form cannot be signed yet; ``problems`` says why, each with its field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"- {p.location}: {p.message}" for p in problems]
        super().__init__("Formulir belum dapat ditandatangani:\n" + "\n".join(lines))


@dataclass(frozen=True)
class Signer:
    name: str
    nip: str
    rank: str
    position: str
    place: str
    date: str
    prefix: str = ""


def apply_signer(form: Form, signer: Signer) -> None:
    form.signer_name, form.signer_nip = signer.name.strip(), normalize_nip(signer.nip)
    form.signer_rank, form.signer_position = signer.rank.strip(), signer.position.strip()
    form.signer_prefix, form.signed_place, form.signed_date = signer.prefix, signer.place.strip(), signer.date


def sign_form(db: Database, form_uuid: str, signer: Signer, *, today: dt.date | None = None) -> Form:
    """Sign the form's current revision; raises SigningRefused listing every error."""
    repo = FormRepository(db)
    form = repo.get(form_uuid)
    if form is None:
        raise StorageError("Formulir tidak ditemukan.")
    if form.is_signed:
        raise StorageError(f"Formulir ini sudah ditandatangani (revisi {form.revision}).")
    apply_signer(form, signer)
    normalize_form(form)  # what is stored is what is hashed (canonical version 2)
    errors = errors_only(validate_signing(form, ReferenceRepository(db).rule_context(today)))
    if errors:
        raise SigningRefused(errors)
    text = canonical_json(form, CANONICAL_VERSION)
    repo.mark_signed(form, text, hash_text(text))
    return form


def reopen_form(db: Database, form_uuid: str, reason: str) -> Form:
    """ "Buka untuk revisi": keep the signed snapshot and start revision n+1."""
    if not reason or not reason.strip():
        raise StorageError("Tuliskan alasan revisi sebelum membuka formulir yang sudah ditandatangani.")
    repo = FormRepository(db)
    form = repo.get(form_uuid)
    if form is None or not form.is_signed:
        raise StorageError("Hanya formulir yang sudah ditandatangani yang dapat dibuka untuk revisi.")
    repo.reopen(form, reason.strip())
    return form


def signer_nip_display(form: Form) -> str:
    return format_nip(form.signer_nip)

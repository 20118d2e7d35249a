"""Canonical content of a form and its SHA-256 (data dictionary, "Canonical content and its hash").

The canonical JSON is the form's stored columns with its proposals (key ``proposals``) and
each proposal's partners (key ``partners``), leaving out ``status``, ``content_hash``, the
timestamps, ``origin_device`` and the coordinator's ``review_*`` fields. It is serialised
with sorted keys, UTF-8 (no ASCII escapes) and no insignificant whitespace;
``compliance_confirmed`` is a JSON boolean. Anyone with the form's data can recompute the
hash, so a PDF or a bundle can be checked on any laptop without a network.

Versions (a signature is always verified with the version it was made with):

- **1** (until 0.1): the values as stored; lists in ``seq`` order, equal ``seq`` in list
  order. Every signature made before version 2 is a version-1 hash and stays verifiable.
- **2** (:data:`CANONICAL_VERSION`, every new signature): each text in its normal form
  (domain/text.py: Unicode NFC, ``\\n`` line breaks, trimmed; an empty optional text is
  ``null``), lists ordered by ``(seq, uuid)`` so equal ``seq`` values cannot change the
  hash, and the key ``"canonical_version": 2`` in the form's object, so the content says
  how it was made and a version-2 hash can never equal a version-1 hash of other content.

API (the existing calls keep their meaning: the version defaults to 1)::

    canonical_content(form, version=1) -> dict     canonical_json(form, version=1) -> str
    content_hash(form, version=1) -> str           dumps_canonical(content) / hash_text(text)
    content_version(content) -> int                # the version a content dict was made with
    version_of_hash(form, hash) -> int | None       # which known version reproduces the hash
    signed_version(form) -> int                     # a signed form's version; CANONICAL_VERSION otherwise

To sign: ``text = canonical_json(form, CANONICAL_VERSION)``; to verify content travelling
with its hash (a PDF attachment, a snapshot): ``hash_text(dumps_canonical(content))``,
which holds for every version; to verify a form object against a stored hash:
``version_of_hash(form, stored) is not None``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from .models import (
    FORM_CONTENT_COLUMNS,
    PARTNER_CONTENT_COLUMNS,
    PROPOSAL_CONTENT_COLUMNS,
    Form,
    Partner,
    Proposal,
)
from .text import normalize_optional, normalize_text

CANONICAL_VERSION = 2
KNOWN_VERSIONS = (2, 1)  # newest first
VERSION_KEY = "canonical_version"


def _nullable(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if f.default is None)


_NULLABLE = {Form: _nullable(Form), Proposal: _nullable(Proposal), Partner: _nullable(Partner)}
#: Each entity's field names (dataclasses.fields() per object is a third of normalising a form).
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in (Form, Proposal, Partner)}


def _v1(obj: Any, columns: list[str]) -> dict[str, Any]:
    return {c: getattr(obj, c) for c in columns}


def _v2(obj: Any, columns: list[str]) -> dict[str, Any]:
    nullable = _NULLABLE[type(obj)]
    values: dict[str, Any] = {}
    for c in columns:
        value = getattr(obj, c)
        if isinstance(value, str):
            value = normalize_optional(value) if c in nullable else normalize_text(value)
        values[c] = value
    return values


def canonical_content(form: Form, version: int = 1) -> dict[str, Any]:
    """The signed content of a form as a plain dict (what the hash covers), in ``version``."""
    if version not in KNOWN_VERSIONS:
        raise ValueError(f"Versi isi kanonis {version!r} tidak dikenal.")
    if version == 1:
        pick, order = _v1, (lambda item: item.seq)
    else:
        pick, order = _v2, (lambda item: (item.seq, item.uuid))
    content: dict[str, Any] = pick(form, FORM_CONTENT_COLUMNS)
    content["proposals"] = []
    for proposal in sorted(form.proposals, key=order):
        item: dict[str, Any] = pick(proposal, PROPOSAL_CONTENT_COLUMNS)
        item["compliance_confirmed"] = bool(proposal.compliance_confirmed)
        item["partners"] = [pick(partner, PARTNER_CONTENT_COLUMNS) for partner in sorted(proposal.partners, key=order)]
        content["proposals"].append(item)
    if version >= 2:
        content[VERSION_KEY] = version
    return content


def dumps_canonical(content: dict[str, Any]) -> str:
    """Serialise already-built content the canonical way."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_json(form: Form, version: int = 1) -> str:
    return dumps_canonical(canonical_content(form, version))


def hash_text(text: str) -> str:
    """SHA-256 (hex) of a text's UTF-8 bytes; ValueError for a text UTF-8 cannot hold (lone surrogates)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("Teks berisi karakter yang tidak sah (surrogate tunggal).") from exc
    return hashlib.sha256(data).hexdigest()


def content_hash(form: Form, version: int = 1) -> str:
    """SHA-256 (hex) of the form's canonical JSON in ``version``."""
    return hash_text(canonical_json(form, version))


def content_version(content: dict[str, Any]) -> int:
    """The version a canonical content dict was made with (no key: 1); ValueError when unknown."""
    version = content.get(VERSION_KEY, 1)
    if isinstance(version, bool) or version not in KNOWN_VERSIONS:
        raise ValueError(f"Versi isi kanonis {version!r} tidak dikenal.")
    return int(version)


def version_of_hash(form: Form, expected: str | None) -> int | None:
    """The known version whose hash of ``form`` is ``expected`` (None: no version reproduces it)."""
    if not expected:
        return None
    for version in KNOWN_VERSIONS:
        try:
            if content_hash(form, version) == expected:
                return version
        except ValueError:
            return None
    return None


def signed_version(form: Form) -> int:
    """The version a signed form's hash was made with; :data:`CANONICAL_VERSION` for a draft
    (or for a signed form whose stored hash no version reproduces: ``check`` reports it)."""
    if form.is_signed:
        return version_of_hash(form, form.content_hash) or CANONICAL_VERSION
    return CANONICAL_VERSION


def normalize_form(form: Form) -> Form:
    """Put every text of the form, its proposals and partners in its normal form, in place
    (what version 2 hashes; an empty optional text becomes None). Returns ``form``."""
    entities: tuple[Form | Proposal | Partner, ...] = (
        form,
        *form.proposals,
        *(pa for p in form.proposals for pa in p.partners),
    )
    for obj in entities:
        nullable = _NULLABLE[type(obj)]
        for name in _FIELDS[type(obj)]:
            value = getattr(obj, name)
            if isinstance(value, str):
                setattr(obj, name, normalize_optional(value) if name in nullable else normalize_text(value))
    return form


def short_hash(value: str | None) -> str:
    """The first 12 hex digits, for page footers and lists."""
    return (value or "")[:12]

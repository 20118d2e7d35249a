"""The signed forms for ``check``, one at a time, with their content rendered by SQLite.

``check`` must show that every signed form still has the content its hash was made of
(domain/canonical.py). Building each form as objects and serialising it in Python cost
most of ``check`` at 100,000 proposals (benchmarks/bench_check.py); here SQLite writes each
proposal's canonical JSON object itself (``json_object`` with the keys in sorted order, no
whitespace, UTF-8 as it is: the same bytes as ``dumps_canonical``), and only the form's own
fields are serialised in Python, in the canonical version the form was signed with (its
snapshot says which: the key ``canonical_version`` and the lists' order differ). Texts come as UTF-8 bytes (``CAST … AS BLOB``): they are
compared and hashed as such, never decoded. The caller compares the text with the snapshot signed for
that revision; where they differ, it decides with the domain's own canonical JSON, so this
rendering can make ``check`` fast but never makes it report a problem on its own.

Nothing is held but one form and its snapshot (the data file may hold hundreds of MB).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.canonical import VERSION_KEY, dumps_canonical
from ..domain.models import FORM_CONTENT_COLUMNS, PARTNER_CONTENT_COLUMNS, PROPOSAL_CONTENT_COLUMNS

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class SignedForm:
    uuid: str
    agency_code: str
    year: int
    revision: int
    content_hash: str | None
    #: The canonical version the snapshot records (1 before versions existed; None without a snapshot).
    version: int | None
    #: The stored content as canonical JSON, UTF-8 (SQLite's rendering, see the module docstring).
    rendered: bytes
    #: The snapshot signed for this revision, UTF-8 as stored (None when it is missing), and its stored hash.
    snapshot: bytes | None
    snapshot_hash: str | None


def _json_object(alias: str, columns: list[str], extra: dict[str, str] | None = None) -> str:
    """``json_object`` of ``alias``'s ``columns`` (and ``extra`` name → SQL), keys in sorted order."""
    pairs = {c: f"{alias}.{c}" for c in columns} | (extra or {})
    return "json_object(" + ", ".join(f"'{key}', {pairs[key]}" for key in sorted(pairs)) + ")"


def _proposals_sql(order: str) -> str:
    """Each proposal's object with ``"partners":[]``, and its uuid (the partners are put in after)."""
    columns = [c for c in PROPOSAL_CONTENT_COLUMNS if c != "compliance_confirmed"]
    proposal = _json_object(
        "p",
        columns,
        {
            "compliance_confirmed": "json(CASE WHEN p.compliance_confirmed THEN 'true' ELSE 'false' END)",
            "partners": "json('[]')",
        },
    )
    return f"SELECT p.uuid, CAST({proposal} AS BLOB) FROM proposals p WHERE p.form_uuid = ? ORDER BY {order}"


def _partners_sql(order: str) -> str:
    """The partners' objects of a form's proposals, each proposal's in its list order. (A correlated
    subquery per proposal took twice as long: benchmarks/bench_table.py.)"""
    return (
        f"SELECT pa.proposal_uuid, CAST({_json_object('pa', PARTNER_CONTENT_COLUMNS)} AS BLOB) FROM partners pa "
        f"WHERE pa.proposal_uuid IN (SELECT uuid FROM proposals WHERE form_uuid = ?) ORDER BY pa.proposal_uuid, "
        f"{order}"
    )


#: Canonical version → (proposals, partners) in its list order: version 1 by seq (ties as stored),
#: version 2 by (seq, uuid) (domain/canonical.py).
_LISTS = {
    1: (_proposals_sql("p.seq"), _partners_sql("pa.seq")),
    2: (_proposals_sql("p.seq, p.uuid"), _partners_sql("pa.seq, pa.uuid")),
}
_FORMS = (
    f"SELECT f.content_hash, {', '.join('f.' + c for c in FORM_CONTENT_COLUMNS)} FROM forms f "
    "WHERE f.status = 'signed' ORDER BY f.rowid"
)
_SNAPSHOT = (
    "SELECT CAST(content_json AS BLOB), content_hash, {version} FROM signed_snapshots "
    "WHERE form_uuid = ? AND revision = ?"
)
#: Every snapshot but the one of a signed form's current revision (signed_forms() yields those).
OTHER_SNAPSHOTS = (
    "SELECT s.form_uuid, s.revision, CAST(s.content_json AS BLOB), s.content_hash FROM signed_snapshots s "
    "WHERE NOT EXISTS (SELECT 1 FROM forms f WHERE f.uuid = s.form_uuid AND f.status = 'signed' "
    "AND f.revision = s.revision) ORDER BY s.rowid"
)


def signed_forms(db: Database) -> Iterator[SignedForm]:
    """Each signed form (in the order they were made) with its rendering and its snapshot."""
    versioned = any(r[1] == "canonical_version" for r in db.execute("PRAGMA table_info(signed_snapshots)"))
    snapshot_sql = _SNAPSHOT.format(version="canonical_version" if versioned else "1")
    for row in db.execute(_FORMS).fetchall():  # one short row per form
        content = dict(zip(FORM_CONTENT_COLUMNS, row[1:], strict=True))
        snapshot = db.execute(snapshot_sql, [content["uuid"], content["revision"]]).fetchone()
        text, snapshot_hash, version = snapshot or (None, None, None)
        yield SignedForm(
            content["uuid"],
            content["agency_code"],
            content["year"],
            content["revision"],
            row[0],
            version,
            _render(db, content, version if version in _LISTS else 1),
            text,
            snapshot_hash,
        )


def _render(db: Database, content: dict[str, Any], version: int) -> bytes:
    """The form's canonical JSON (UTF-8) in ``version``, from its stored rows (see the module docstring)."""
    proposals_sql, partners_sql = _LISTS[version]
    head_content = {**content, "proposals": []}
    if version >= 2:
        head_content[VERSION_KEY] = version
    head = dumps_canonical(head_content).encode("utf-8")
    partners: dict[str, list[bytes]] = {}
    for proposal_uuid, partner in db.execute(partners_sql, [content["uuid"]]):
        partners.setdefault(proposal_uuid, []).append(partner)
    # a key's quotes are never inside a value (JSON escapes them there): the first match is the key
    items = b",".join(
        text.replace(b'"partners":[]', b'"partners":[' + b",".join(partners[uuid]) + b"]", 1)
        if uuid in partners
        else text
        for uuid, text in db.execute(proposals_sql, [content["uuid"]])
    )
    return head.replace(b'"proposals":[]', b'"proposals":[' + items + b"]", 1)


def other_snapshots(db: Database) -> Iterator[tuple[str, int, bytes, str]]:
    """(form uuid, revision, content JSON as UTF-8, stored hash) of every other snapshot, streamed."""
    cursor: sqlite3.Cursor = db.execute(OTHER_SNAPSHOTS)
    yield from cursor

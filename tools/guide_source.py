"""Read the user guide's source (docs/panduan/NN-*.md) into blocks the PDF builder lays out.

The source is a small, strict subset of Markdown (docs/panduan/README.md describes it):

    # Bab {#id}                 chapter: new page, numbered 1, 2, …, in the table of contents
    ## Bagian {#id}             section: numbered 1.1, 1.2, …, in the table of contents
    ### Judul kecil             unnumbered heading
    paragraph lines             joined into one paragraph; a blank line ends it
    - butir / 1. butir          lists (a line indented by two spaces continues the item)
    > Catatan: teks             a note box (the word before the colon is its label)
    ![Keterangan.](gambar:NAMA) a figure: the screenshot ``NN-NAMA.png`` of tools/screenshots.py
    | a | b |                   a table (the first row is its head; a |---| line is skipped)
    <!-- komentar -->           ignored

Inline: ``**tebal**``, ``*miring*`` (menu paths, e.g. *Berkas › Cadangkan*), ```kode```,
``[[id]]`` (a link to a numbered heading, printed as its number and title). Placeholders
take the app's own texts, so the guide cites exactly what the app cites:
``{{cite:KEY}}`` (ksd_desktop.domain.law.cite), ``{{jenis:KSDPK}}`` (kind_citation),
``{{versi}}`` (ksd_desktop.__version__).

No reportlab here: the tests read the source (and its digest) without building the PDF.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "docs" / "panduan"
#: Raised when the builder changes what the same source produces (part of the digest).
FORMAT_VERSION = 1

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class SourceError(ValueError):
    """A line of the guide's source that the builder cannot read (file and line in the message)."""


@dataclass
class Heading:
    level: int  # 1 chapter, 2 section, 3 unnumbered
    title: str
    anchor: str | None
    number: str = ""  # "3", "3.2"; "" for level 3


@dataclass
class Paragraph:
    text: str


@dataclass
class ListBlock:
    ordered: bool
    items: list[str]


@dataclass
class Note:
    label: str
    text: str


@dataclass
class Figure:
    shot: str
    caption: str
    number: str = ""  # "3.2"
    width: float | None = None  # fraction of the text width, when given ({lebar=60%})


@dataclass
class TableBlock:
    rows: list[list[str]]


Block = Heading | Paragraph | ListBlock | Note | Figure | TableBlock


@dataclass
class Guide:
    blocks: list[Block] = field(default_factory=list)
    digest: str = ""

    def headings(self) -> dict[str, Heading]:
        """Numbered and anchored headings by anchor."""
        return {b.anchor: b for b in self.blocks if isinstance(b, Heading) and b.anchor}

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]


_HEADING = re.compile(r"^(#{1,3})\s+(.+?)(?:\s+\{#([a-z0-9-]+)\})?\s*$")
_FIGURE = re.compile(r"^!\[(.+)\]\(gambar:([a-z0-9-]+)\)(?:\{lebar=(\d+)%\})?\s*$")
_BULLET = re.compile(r"^- (.*)$")
_NUMBERED = re.compile(r"^\d+\. (.*)$")
_NOTE = re.compile(r"^> ?(.*)$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)(?::([A-Za-z0-9_]+))?\}\}")


def expand(text: str, where: str) -> str:
    """Replace ``{{cite:KEY}}``, ``{{jenis:KIND}}`` and ``{{versi}}`` with the app's own texts."""
    import ksd_desktop
    from ksd_desktop.domain import law

    def one(match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2)
        try:
            if name == "cite" and arg:
                return law.cite(arg)
            if name == "jenis" and arg:
                return law.kind_citation(arg)
            if name == "versi":
                return ksd_desktop.__version__
        except KeyError:
            pass
        raise SourceError(f"{where}: penanda {match.group(0)} tidak dikenal")

    return _PLACEHOLDER.sub(one, text)


def source_files(folder: Path = SOURCE_DIR) -> list[Path]:
    """The chapters' files, in the order of their numbers (NN-name.md)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.md"))


def read_guide(folder: Path = SOURCE_DIR) -> Guide:
    """Every chapter file of ``folder``, parsed, expanded and numbered; ``digest`` names the result."""
    guide = Guide()
    digest = hashlib.sha256(f"ksd-panduan/{FORMAT_VERSION}\n".encode())
    files = source_files(folder)
    if not files:
        raise SourceError(f"tidak ada berkas NN-*.md di {folder}")
    for path in files:
        text = expand(path.read_text(encoding="utf-8"), path.name)
        digest.update(path.name.encode() + b"\n" + text.encode("utf-8") + b"\n")
        guide.blocks += parse(text, path.name)
    number(guide)
    guide.digest = digest.hexdigest()
    return guide


def parse(text: str, name: str = "<teks>") -> list[Block]:
    """The blocks of one source text (already expanded)."""
    blocks: list[Block] = []
    lines = re.sub(r"<!--.*?-->", "", text, flags=re.S).splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        where = f"{name}:{i + 1}"
        if not line.strip():
            i += 1
            continue
        if m := _HEADING.match(line):
            blocks.append(Heading(len(m.group(1)), m.group(2).strip(), m.group(3)))
            i += 1
        elif m := _FIGURE.match(line):
            width = int(m.group(3)) / 100 if m.group(3) else None
            blocks.append(Figure(m.group(2), m.group(1).strip(), width=width))
            i += 1
        elif line.startswith("!["):
            raise SourceError(f"{where}: gambar ditulis ![Keterangan.](gambar:nama) pada satu baris")
        elif line.startswith("|"):
            rows, i = _table(lines, i)
            blocks.append(TableBlock(rows))
        elif _NOTE.match(line):
            body = []
            while i < len(lines) and (m := _NOTE.match(lines[i].rstrip())):
                body.append(m.group(1))
                i += 1
            label, sep, rest = " ".join(body).partition(":")
            if not sep or " " in label.strip() or not label.strip():
                raise SourceError(
                    f"{where}: kotak catatan dimulai dengan satu kata dan titik dua, misalnya «> Catatan: …»"
                )
            blocks.append(Note(label.strip(), rest.strip()))
        elif _BULLET.match(line) or _NUMBERED.match(line):
            ordered = bool(_NUMBERED.match(line))
            items, i = _list(lines, i, ordered)
            blocks.append(ListBlock(ordered, items))
        elif line.startswith((" ", "\t")):
            raise SourceError(f"{where}: baris menjorok di luar daftar")
        else:
            body = []
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                body.append(lines[i].strip())
                i += 1
            blocks.append(Paragraph(" ".join(body)))
    return blocks


def _starts_block(line: str) -> bool:
    return bool(
        _HEADING.match(line) or line.startswith(("![", "|", ">")) or _BULLET.match(line) or _NUMBERED.match(line)
    )


def _list(lines: list[str], i: int, ordered: bool) -> tuple[list[str], int]:
    pattern = _NUMBERED if ordered else _BULLET
    items: list[str] = []
    while i < len(lines):
        line = lines[i].rstrip()
        if m := pattern.match(line):
            items.append(m.group(1).strip())
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
        else:
            break
        i += 1
    return items, i


def _table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].startswith("|"):
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
            rows.append(cells)
        i += 1
    width = len(rows[0])
    for n, row in enumerate(rows):
        if len(row) != width:
            raise SourceError(f"baris tabel ke-{n + 1} berisi {len(row)} kolom, bukan {width}: {' | '.join(row)}")
    return rows, i


def number(guide: Guide) -> None:
    """Number chapters, sections and figures (figures per chapter: Gambar 3.1, 3.2, …)."""
    chapter = section = figure = 0
    seen: set[str] = set()
    for block in guide.blocks:
        if isinstance(block, Heading):
            if block.anchor:
                if block.anchor in seen:
                    raise SourceError(f"penanda #{block.anchor} dipakai dua kali")
                seen.add(block.anchor)
            if block.level == 1:
                chapter, section, figure = chapter + 1, 0, 0
                block.number = str(chapter)
            elif block.level == 2:
                section += 1
                block.number = f"{chapter}.{section}"
            if block.level <= 2 and not block.anchor:
                raise SourceError(f"judul «{block.title}» perlu penanda {{#id}} (F1 dan daftar isi memakainya)")
        elif isinstance(block, Figure):
            figure += 1
            block.number = f"{chapter}.{figure}"
    for block in guide.blocks:
        text = (
            block.text
            if isinstance(block, (Paragraph, Note))
            else " ".join(block.items)
            if isinstance(block, ListBlock)
            else ""
        )
        for ref in re.findall(r"\[\[([a-z0-9-]+)\]\]", text):
            if ref not in seen:
                raise SourceError(f"rujukan [[{ref}]] tidak menunjuk judul mana pun")

"""The user guide: its builder (tools/build_guide.py) on a small source, and the shipped PDF.

The shipped guide (resources/guide/panduan-pengguna.pdf) is committed, not rebuilt here: these
tests check that it was built from the current source (the digest in its keywords), that it
has every section F1 opens, and that the app's reader finds them. Rebuild it with
``.venv/bin/python tools/build_guide.py`` (docs/panduan/README.md).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import guide_source  # noqa: E402
from guide_source import SourceError, parse, read_guide  # noqa: E402

from ksd_desktop.services.guide import GuideDocument, guide_path  # noqa: E402

SHIPPED = ROOT / "resources" / "guide" / "panduan-pengguna.pdf"
REBUILD = "bangun ulang panduan: .venv/bin/python tools/build_guide.py (docs/panduan/README.md)"

SMALL = """# Mulai {#mulai}

Paragraf dengan **tebal**, *Berkas › Pengaturan*, `ksd-desktop verify`, bintang \\* biasa, dan rujukan [[dua]].
Dasar: {{cite:KSDD}}; {{jenis:KSDPK}}; versi {{versi}}.

## Bagian dua {#dua}

- butir satu
  lanjutan butir satu
- butir dua

1. langkah pertama
2. langkah kedua

> Penting: jangan ubah PDF.

![Jendela contoh.](gambar:contoh)

| Hasil | Arti |
|---|---|
| UTUH | Halaman sama persis |

### Judul kecil

Teks penutup.
"""


def small_guide(tmp_path: Path) -> tuple[Path, Path]:
    source, shots = tmp_path / "sumber", tmp_path / "gambar"
    source.mkdir()
    shots.mkdir()
    (source / "01-mulai.md").write_text(SMALL, encoding="utf-8")
    (source / "README.md").write_text("# bukan bagian panduan {#bukan}\n", encoding="utf-8")
    Image.new("RGB", (400, 240), "#dbe8f5").save(shots / "07-contoh.png")
    return source, shots


def test_builder_makes_a_numbered_guide_with_named_sections_and_figures(tmp_path):
    import guide_pdf

    source, shots = small_guide(tmp_path)
    guide = read_guide(source)
    result = guide_pdf.build_pdf(guide, shots, tmp_path / "panduan.pdf", version="9.9.9", edition="Desember 2026")
    reader = PdfReader(str(result.path))
    assert result.pages == len(reader.pages) == 3  # cover, contents, the chapter
    assert result.figures == 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "KSD Desktop" in text and "versi 9.9.9" in text and "Daftar Isi" in text
    assert "1 Mulai" in text and "1.1 Bagian dua" in text and "Gambar 1.1 Jendela contoh." in text
    assert "PP 28/2018 Pasal 1 angka 2" in text and "Permendagri 22/2020" in text
    assert "rujukan 1.1 Bagian dua" in text and "bintang * biasa" in text
    assert "Halaman 3 dari 3" in text
    assert "bukan bagian panduan" not in text
    assert {name.lstrip("/") for name in reader.named_destinations} == {"mulai", "dua"}
    assert reader.get_destination_page_number(reader.named_destinations["/dua"]) == 2
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["1 Mulai"]
    assert reader.metadata["/Keywords"] == f"ksd-panduan-sumber={guide.digest}"
    document = GuideDocument(result.path)
    try:
        assert document.destination("dua").page == 2
        assert [h.title for h in document.outline()] == ["1 Mulai", "1.1 Bagian dua"]
    finally:
        document.close()


def test_builder_names_missing_screenshots_and_glyphs_the_font_lacks(tmp_path):
    import guide_pdf

    source, shots = small_guide(tmp_path)
    (shots / "07-contoh.png").unlink()
    with pytest.raises(SourceError, match="contoh"):
        guide_pdf.build_pdf(read_guide(source), shots, tmp_path / "x.pdf", version="1", edition="-")
    (source / "01-mulai.md").write_text("# A {#a}\n\nTanda ✔ berarti lengkap.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="U\\+2714"):
        guide_pdf.build_pdf(read_guide(source), shots, tmp_path / "x.pdf", version="1", edition="-")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Tanpa penanda\n", "penanda"),
        ("# A {#a}\n\nLihat [[tidak-ada]].\n", "tidak-ada"),
        ("# A {#a}\n\n{{cite:TIDAK_ADA}}\n", "TIDAK_ADA"),
        ("# A {#a}\n\n> catatan tanpa label\n", "titik dua"),
        ("# A {#a}\n\n| a | b |\n| c |\n", "kolom"),
        ("# A {#a}\n# B {#a}\n", "dua kali"),
    ],
)
def test_source_mistakes_are_named(tmp_path, text, message):
    (tmp_path / "01-a.md").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        read_guide(tmp_path)


def test_parse_joins_paragraph_lines_and_list_continuations():
    blocks = parse("Satu\ndua.\n\n- a\n  b\n- c\n")
    assert blocks[0] == guide_source.Paragraph("Satu dua.")
    assert blocks[1] == guide_source.ListBlock(False, ["a b", "c"])


# -- the shipped guide -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    assert SHIPPED.is_file(), f"resources/guide/panduan-pengguna.pdf tidak ada: {REBUILD}"
    return PdfReader(str(SHIPPED))


def test_shipped_guide_is_built_from_the_current_source(shipped):
    keywords = str(shipped.metadata.get("/Keywords", ""))
    assert keywords == f"ksd-panduan-sumber={read_guide().digest}", f"sumber panduan berubah: {REBUILD}"


def test_shipped_guide_has_every_section_f1_opens(shipped):
    from ksd_desktop.gui.help_topics import all_topics

    names = {name.lstrip("/") for name in shipped.named_destinations}
    assert all_topics() <= names, f"bagian yang dibuka F1 tidak ada di panduan: {sorted(all_topics() - names)}"
    assert all_topics() <= set(read_guide().headings())  # and the source still has them


def test_every_figure_of_the_guide_is_rendered_by_a_screenshot_scene():
    scenes = "".join(
        (ROOT / "tools" / name).read_text(encoding="utf-8")
        for name in ("screenshot_scenes.py", "screenshot_guide_scenes.py")
    )
    taken = set(re.findall(r'"([a-z0-9-]+)"', scenes))  # shot names are plain strings there
    taken |= {f"pengaturan-{n}" for n in range(2, 6)}  # the settings dialog's tabs: f"pengaturan-{index + 1}"
    wanted = {figure.shot for figure in read_guide().figures()}
    assert wanted <= taken, f"gambar tanpa adegan di tools/screenshot_*scenes.py: {sorted(wanted - taken)}"


def test_the_app_finds_the_guide_and_reads_its_pages():
    document = GuideDocument(guide_path())
    try:
        assert document.page_count >= 30
        target = document.destination("periksa-arti")
        assert target is not None and 0 < target.page < document.page_count and 0 <= target.top < 1
        assert document.destination("tidak-ada") is None
        assert any(h.title.endswith("Memeriksa Keaslian PDF") for h in document.outline())
        pixels = document.render(0, 0.25)
        assert (pixels.width, pixels.height) == (149, 211) and len(pixels.data) >= pixels.stride * pixels.height
        assert "telah diubah" in document.page_text(target.page)
        assert document.find("Batalkan Impor Terakhir") is not None
    finally:
        document.close()


def test_the_guide_ships_in_the_wheel_and_the_frozen_app():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "**/*.pdf" in config["tool"]["setuptools"]["package-data"]["ksd_desktop.resources"]
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder, the guide with it

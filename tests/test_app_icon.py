"""The app icon: the committed .ico/.png files are renders of their SVG sources, at every size
Windows asks for (tools/make_app_icons.py writes them)."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(ROOT / "tools"))


def ico_directory(path: Path) -> list[tuple[int, bool]]:
    """(size, is_png) of each image in an .ico file."""
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    entries = []
    for n in range(count):
        width, _height, _colours, _r, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * n)
        assert bits == 32 and offset + length <= len(data)
        entries.append((width or 256, data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"))
    return entries


@pytest.mark.parametrize("name", ["app.ico", "ksd-file.ico"])
def test_ico_has_every_size_bitmaps_below_256(name):
    import make_app_icons

    entries = ico_directory(ICONS / name)
    assert [size for size, _ in entries] == list(make_app_icons.ICO_SIZES)
    assert [png for _, png in entries] == [size >= 256 for size, _ in entries]


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean difference per channel (0–255) of two pictures of the same size."""
    a_bytes, b_bytes = a.convert("RGBA").tobytes(), b.convert("RGBA").tobytes()
    return sum(abs(x - y) for x, y in zip(a_bytes, b_bytes, strict=True)) / len(a_bytes)


@pytest.mark.parametrize(("size", "source"), [(16, "app-16.svg"), (32, "app.svg"), (48, "app.svg")])
def test_committed_icons_are_renders_of_the_svg(qapp, size, source):
    import make_app_icons

    rendered = make_app_icons.render(ICONS / source, size)
    as_pil = Image.frombytes(
        "RGBA", (size, size), bytes(rendered.convertToFormat(rendered.Format.Format_RGBA8888).constBits())
    )
    ico = Image.open(ICONS / "app.ico")
    ico.size = (size, size)
    assert _difference(as_pil, ico) < 4  # the same picture (renderer versions may differ by a shade)
    png = ICONS / f"app-{size}.png"
    if png.exists():
        assert _difference(as_pil, Image.open(png)) < 4


def test_sixteen_pixel_icon_is_drawn_for_the_pixel_grid(qapp):
    """Most of the 16 px icon's pixels are solid colours, not blur: it stays clear in the taskbar."""
    ico = Image.open(ICONS / "app.ico")
    ico.size = (16, 16)
    data = ico.convert("RGBA").tobytes()
    pixels = [tuple(data[i : i + 4]) for i in range(0, len(data), 4)]
    palette = [(0x1F, 0x5F, 0x99), (0xFF, 0xFF, 0xFF), (0xDB, 0xE8, 0xF5), (0xE8, 0xA3, 0x17), (0x1E, 0x8E, 0x3E)]
    solid = sum(
        1
        for *rgb, alpha in pixels
        if alpha == 255 and any(max(abs(c - p) for c, p in zip(rgb, colour, strict=True)) <= 2 for colour in palette)
    )
    assert solid / len(pixels) > 0.65  # the rest: the rounded corners and the one diagonal line

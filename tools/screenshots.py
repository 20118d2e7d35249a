"""Render every screen and dialog of KSD Desktop, offscreen, into PNG files to look at.

    python3 tools/screenshots.py [--out build/screenshots] [--size laptop --size fhd125 ...]

Sizes (the usable area, taskbar excluded, as the app sees it):

    laptop   1366×768 laptop with the Windows taskbar: 1366×728, 100 %
    fhd125   1920×1080 at 125 %: 1536×816 logical pixels (images 1920×1020)
    fhd150   1920×1080 at 150 %: 1280×672 logical pixels (images 1920×1008)

Each size runs in its own process (Qt's screen is fixed when it starts) on a demo data file
in a temporary folder; nothing of the user's is read or written. The images are named
``NN-screen.png`` in one folder per size; look at all of them after a change to the GUI.
Run it with the project's environment (``.venv/bin/python tools/screenshots.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: name -> (physical width, physical height of the usable area, scale factor)
SIZES = {
    "laptop": (1366, 728, 1.0),
    "fhd125": (1920, 1020, 1.25),
    "fhd150": (1920, 1008, 1.5),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "screenshots"))
    parser.add_argument("--size", action="append", choices=sorted(SIZES), help="default: every size")
    parser.add_argument("--render", help=argparse.SUPPRESS)  # the child process: one size
    args = parser.parse_args(argv)
    if args.render:
        from screenshot_scenes import render_all

        return render_all(Path(args.out))
    failed = 0
    for name in args.size or list(SIZES):
        failed |= run_size(name, Path(args.out) / name)
    return failed


def run_size(name: str, out: Path) -> int:
    width, height, scale = SIZES[name]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="ksd-screens-") as tmp:
        config = Path(tmp) / "screen.json"
        config.write_text(
            json.dumps(
                {"screens": [{"name": name, "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}]}
            )
        )
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            QT_SCALE_FACTOR=str(scale),
            KSD_DESKTOP_DATA_DIR=str(Path(tmp) / "data"),
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
            HOME=str(Path(tmp) / "home"),
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tools")]),
        )
        env.pop("QT_SCREEN_SCALE_FACTORS", None)
        # Qt splits the platform option at colons: the config file is given relative to the folder.
        env["QT_QPA_PLATFORM"] = "offscreen:configfile=screen.json"
        code = subprocess.call(
            [sys.executable, str(Path(__file__).resolve()), "--render", name, "--out", str(out)], cwd=tmp, env=env
        )
    shots = sorted(out.glob("*.png"))
    print(f"{name}: {len(shots)} gambar di {out}" + ("" if code == 0 else f" (gagal, kode {code})"))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

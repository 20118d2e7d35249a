"""The repository documents itself and never points outside itself."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

from ksd_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
DOCS = [
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    "docs/architecture.md",
    "docs/domain.md",
    "docs/database.md",
    "docs/bundle-format.md",
]


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [
        ROOT / n
        for n in names.split()
        if n.endswith((".py", ".md", ".json", ".toml", ".spec", ".txt", ".yaml")) and (ROOT / n).is_file()
    ]


def test_nothing_points_outside_the_repository():
    outside = re.compile(r"(\.\./)+shared/|shared/(domain|design)/")
    offenders = [
        str(p.relative_to(ROOT))
        for p in _tracked_text_files()
        if p.name != "test_docs.py" and outside.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_relative_links_in_the_docs_resolve():
    broken = []
    for name in DOCS:
        page = ROOT / name
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{name} → {target}")
    assert broken == []


def test_one_version_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "ksd_desktop.__version__"}
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in changelog and f"## {__version__} " in changelog

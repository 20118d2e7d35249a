"""The wheel must carry every package and the resources (pyproject lists them explicitly)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ksd_desktop").rglob("__init__.py")}
    assert found <= listed
    assert config["tool"]["setuptools"]["package-dir"]["ksd_desktop.resources"] == "resources"


def test_readme_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands == ["python3 tasks.py start", "python3 tasks.py test"]
    assert "python3 tasks.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_is_documented_in_readme():
    from ksd_desktop.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in subparsers.choices:
        assert f"ksd-desktop {name}" in readme

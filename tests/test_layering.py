"""The layers point one way: gui → services → storage → domain (architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ksd_desktop"
FORBIDDEN = {
    "domain": ("PySide6", "sqlite_utils", "sqlite3", "reportlab", "ksd_desktop.storage", "ksd_desktop.services",
               "ksd_desktop.gui"),
    "storage": ("PySide6", "reportlab", "ksd_desktop.services", "ksd_desktop.gui"),
    "services": ("PySide6", "ksd_desktop.gui"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join(base + ([node.module] if node.module else [])))
            else:
                names.add(node.module or "")
    return names


def test_layers_import_only_downwards():
    offences = []
    for layer, forbidden in FORBIDDEN.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imported_modules(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    offences.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offences == []


def test_gui_widgets_run_no_sql():
    offences = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "gui").rglob("*.py")
                if any(word in p.read_text(encoding="utf-8") for word in ("execute(", "SELECT ", "INSERT ", "UPDATE "))]
    assert offences == []


def test_domain_import_loads_no_heavy_library():
    code = ("import sys, ksd_desktop.domain.validation, ksd_desktop.domain.canonical; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6','sqlite3','sqlite_utils','reportlab')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_commands_do_not_load_qt_or_reportlab():
    code = ("import sys; from ksd_desktop.cli import build_parser; build_parser(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

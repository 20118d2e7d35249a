"""The layers point one way: gui → services → storage → domain (architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ksd_desktop"
FORBIDDEN = {
    "domain": (
        "PySide6",
        "sqlite_utils",
        "sqlite3",
        "reportlab",
        "ksd_desktop.storage",
        "ksd_desktop.services",
        "ksd_desktop.gui",
    ),
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
    offences = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "gui").rglob("*.py")
        if any(word in p.read_text(encoding="utf-8") for word in ("execute(", "SELECT ", "INSERT ", "UPDATE "))
    ]
    assert offences == []


def test_domain_import_loads_no_heavy_library():
    code = (
        "import sys, ksd_desktop.domain.validation, ksd_desktop.domain.canonical; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6','sqlite3','sqlite_utils','reportlab')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_commands_do_not_load_qt_or_reportlab():
    code = (
        "import sys; from ksd_desktop.cli import build_parser; build_parser(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports (at any depth: lazy imports count too)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_modules(path):
            # "from .pkg import module" names a module too; "from .module import name" the module
            candidates = [imported] + [imported.rsplit(".", 1)[0]] if "." in imported else [imported]
            for candidate in candidates:
                if candidate in modules and candidate != name:
                    targets.add(candidate)
                    break
        graph[name] = targets
    # "from . import x" / "from .pkg import x" where x is a submodule
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    if f"{prefix}.{alias.name}" in modules:
                        graph[name].add(f"{prefix}.{alias.name}")
    # a package's __init__ is imported by its submodules implicitly: ignore those edges
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    return graph


def test_no_import_cycles_between_modules():
    """No module imports another that imports it back, directly or through others, lazily or not."""
    graph = _import_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []

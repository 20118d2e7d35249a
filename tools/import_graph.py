"""Draw the package's import graph with graphviz: modules grouped by folder, coloured by layer.

    .venv/bin/python tools/import_graph.py [PACKAGE_DIR] -o graph.svg   # needs graphviz's ``dot``
    .venv/bin/python tools/import_graph.py --dot > graph.dot             # the graph only
    .venv/bin/python tools/import_graph.py --folders -o folders.svg       # one node per folder

Every import counts, lazy ones inside functions too (the same reading as
tests/test_layering.py). Edges that close a cycle are drawn red; an edge pointing up the
layers (e.g. storage → services) is drawn thick.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

LAYERS = {"domain": 0, "storage": 1, "services": 2, "gui": 3}
COLOURS = {"domain": "#d9ead3", "storage": "#cfe2f3", "services": "#fff2cc", "gui": "#f4cccc", "": "#eeeeee"}


def module_name(package: Path, path: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph_of(package: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (at any depth)."""
    modules = {module_name(package, p): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        base_parts = name.split(".") if is_package else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    prefix = ".".join(
                        base_parts[: len(base_parts) - node.level + 1] + ([node.module] if node.module else [])
                    )
                else:
                    prefix = node.module or ""
                targets = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def cycle_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Edges inside a strongly connected component (Tarjan): each belongs to some cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component[member] = index[node]
                if member == node:
                    break

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return {(a, b) for a in graph for b in graph[a] if component[a] == component[b]}


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else ""


def to_dot(graph: dict[str, set[str]], title: str, *, mark_cycles: bool = True) -> str:
    cycles = cycle_edges(graph) if mark_cycles else set()
    packages = {n for n in graph if any(m.startswith(n + ".") for m in graph)}

    def place(name: str) -> tuple[str, str]:
        """(top folder, sub-folder or "") of a module: ksd_desktop.services.pdf.form → services, services.pdf."""
        parts = name.split(".")
        top = (
            ".".join(parts[:2])
            if len(parts) >= 2 and (parts[1] in LAYERS or ".".join(parts[:2]) in packages)
            else parts[0]
        )
        sub = ".".join(parts[:3]) if len(parts) >= 3 and ".".join(parts[:3]) in packages else ""
        return top, sub

    folders: dict[str, dict[str, list[str]]] = {}
    for name in graph:
        top, sub = place(name)
        folders.setdefault(top, {}).setdefault(sub, []).append(name)
    lines = [
        "digraph imports {",
        f'  label="{title}"; labelloc=t; fontsize=22; fontname="Helvetica";',
        "  rankdir=LR; newrank=true; nodesep=0.12; ranksep=1.1;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, height=0.25];',
        '  edge [color="#00000040", arrowsize=0.5];',
    ]
    for number, (folder, subfolders) in enumerate(sorted(folders.items())):
        lines.append(f'  subgraph cluster_{number} {{ label="{folder}"; style="rounded"; color="#999999";')
        for sub_number, (sub, members) in enumerate(sorted(subfolders.items())):
            if sub:
                lines.append(f'    subgraph cluster_{number}_{sub_number} {{ label="{sub}"; style="dashed";')
            for member in sorted(members):
                short = member.removeprefix("ksd_desktop.") or member
                lines.append(f'      "{member}" [label="{short}", fillcolor="{COLOURS[layer(member)]}"];')
            if sub:
                lines.append("    }")
        lines.append("  }")
    for source in sorted(graph):
        for target in sorted(graph[source]):
            attributes = []
            if (source, target) in cycles:
                attributes += ['color="#cc0000"', "penwidth=2", "constraint=false"]
            if layer(source) in LAYERS and layer(target) in LAYERS and LAYERS[layer(target)] > LAYERS[layer(source)]:
                attributes += ["penwidth=3"]
            lines.append(f'  "{source}" -> "{target}"' + (f" [{', '.join(attributes)}]" if attributes else "") + ";")
    lines.append("}")
    return "\n".join(lines)


def folder_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph with one node per folder (sub-packages apart; top-level modules stay)."""
    packages = {n for n in graph if any(m.startswith(n + ".") for m in graph)}

    def folder(name: str) -> str:
        parts = name.split(".")
        for depth in (3, 2):
            if len(parts) >= depth and ".".join(parts[:depth]) in packages and ".".join(parts[:depth]) != parts[0]:
                return ".".join(parts[:depth])
        return name

    folded: dict[str, set[str]] = {}
    for source, targets in graph.items():
        folded.setdefault(folder(source), set())
        for target in targets:
            if folder(target) != folder(source):
                folded[folder(source)].add(folder(target))
    return folded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", type=Path, default=Path(__file__).resolve().parents[1] / "ksd_desktop")
    parser.add_argument("-o", "--output", type=Path, help="picture to write (.svg or .png)")
    parser.add_argument("--title", default="")
    parser.add_argument("--dot", action="store_true", help="print the graph in dot language")
    parser.add_argument("--folders", action="store_true", help="one node per folder")
    args = parser.parse_args()
    graph = graph_of(args.package.resolve())
    if args.folders:
        graph = folder_graph(graph)
    edges = sum(len(t) for t in graph.values())
    cycles = cycle_edges(graph)
    title = args.title or f"{args.package} — {len(graph)} modules, {edges} imports, {len(cycles)} in cycles"
    text = to_dot(graph, title, mark_cycles=not args.folders)  # a folder of modules is no cycle
    if args.dot or not args.output:
        print(text)
    else:
        subprocess.run(
            ["dot", f"-T{args.output.suffix[1:]}", "-o", str(args.output)], input=text, text=True, check=True
        )
    print(
        f"{len(graph)} modules, {edges} imports, {len(cycles)} imports in cycles: "
        + ", ".join(sorted(f"{a.removeprefix('ksd_desktop.')}→{b.removeprefix('ksd_desktop.')}" for a, b in cycles)),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

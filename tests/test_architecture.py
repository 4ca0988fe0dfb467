"""The import graph, read from the source (every import, function-level ones too).

* No cycle between feature packages: a feature is ``<layer>/<feature>/`` (domain, storage,
  handlers); everything else (``domain/ports.py``, ``bot/app.py`` …) is a node of its own. An
  import of ``a.b.c`` runs ``a/b/__init__.py`` too, so it counts as an import of the package.
  Imports under ``if TYPE_CHECKING:`` never run: they count between two features (a type
  borrowed from another feature is a dependency on it) but not through a shared module such
  as ``domain/ports.py``, which names every feature's types for the unit of work.
* The domain is free of frameworks and of the outer layers.

``python -m tests.test_architecture`` prints the figures (modules, cycles, what is in them).
"""

from __future__ import annotations

import ast
import itertools
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("domain", "storage", "handlers", "bot")
#: a feature is a package in a layer (``domain/events/``, ``handlers/broadcasts/`` …): found on
#: disk, so a new feature is checked from its first commit
FEATURES = frozenset(
    path.parent.name
    for layer in ("domain", "storage", "handlers")
    for path in (ROOT / layer).glob("*/__init__.py")
    if path.parent.name != "migrations"
)
DOMAIN_MUST_NOT_IMPORT = ("storage", "handlers", "bot", "aiogram", "sqlalchemy", "alembic")


@dataclass(frozen=True, slots=True)
class Import:
    source: str  # the importing module
    target: str  # a module of ours, or a top-level name of anything else
    type_only: bool  # under ``if TYPE_CHECKING:``
    line: int
    implicit: bool = False  # a package whose ``__init__`` the import runs on the way


def modules(root: Path = ROOT) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                lines.update(range(sub.lineno, (sub.end_lineno or sub.lineno) + 1))
    return lines


def imports(mods: dict[str, Path]) -> list[Import]:
    def ours(name: str) -> Iterable[str]:
        """The modules of ours that importing ``name`` runs: it and its packages (a layer's
        own ``__init__`` only when named: it is that layer's composition, e.g.
        ``handlers.setup_routers``, and imports its features inside a function)."""
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if prefix in mods and (i > 1 or prefix == name):
                yield prefix

    out: list[Import] = []
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_only = _type_checking_lines(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base
                           for a in node.names]
            for target in targets:
                found = list(ours(target)) or [target.split(".")[0]]
                for t in found:
                    if t != name:
                        out.append(Import(name, t, node.lineno in type_only, node.lineno,
                                          implicit=t != found[-1]))
    return out


def unit(module: str) -> str:
    """A feature package (``domain.events``) or the module itself."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] in LAYERS and parts[1] in FEATURES:
        return ".".join(parts[:2])
    return module


def is_feature(u: str) -> bool:
    parts = u.split(".")
    return len(parts) == 2 and parts[0] in LAYERS and parts[1] in FEATURES


def unit_graph(found: list[Import], mods: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {unit(m): set() for m in mods}
    for imp in found:
        if imp.target not in mods:
            continue
        a, b = unit(imp.source), unit(imp.target)
        if a == b:
            continue
        if imp.type_only and not (is_feature(a) and is_feature(b)):
            continue
        graph[a].add(b)
    return graph


def module_graph(found: list[Import], mods: dict[str, Path]) -> dict[str, set[str]]:
    """Every import between two of our modules, as written (for the figures)."""
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for imp in found:
        if imp.target in mods and imp.target != imp.source and not imp.implicit:
            graph[imp.source].add(imp.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = itertools.count()

    def visit(node: str) -> None:
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return out


def _edges_within(part: list[str], graph: dict[str, set[str]]) -> list[str]:
    members = set(part)
    return [f"{a} → {b}" for a in part for b in sorted(graph[a]) if b in members]


def test_no_cycle_between_feature_packages() -> None:
    mods = modules()
    graph = unit_graph(imports(mods), mods)
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(
        "  " + "; ".join(_edges_within(part, graph)) for part in found)


def test_the_domain_imports_no_framework_and_no_outer_layer() -> None:
    mods = modules()
    bad = [f"{i.source}:{i.line} imports {i.target}" for i in imports(mods)
           if i.source.split(".")[0] == "domain"
           and i.target.split(".")[0] in DOMAIN_MUST_NOT_IMPORT]
    assert not bad, "\n".join(bad)


def test_the_check_sees_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    """The check itself: a lazy import inside a function closing a loop is found."""
    (tmp_path / "domain" / "events").mkdir(parents=True)
    (tmp_path / "domain" / "route").mkdir()
    for layer in LAYERS[1:]:
        (tmp_path / layer).mkdir()
    (tmp_path / "domain" / "__init__.py").write_text("")
    (tmp_path / "domain" / "events" / "__init__.py").write_text("from domain.events.a import f\n")
    (tmp_path / "domain" / "events" / "a.py").write_text(
        "def f():\n    from domain import route\n    return route\n")
    (tmp_path / "domain" / "route" / "__init__.py").write_text("from domain.events import f\n")
    (tmp_path / "domain" / "ports.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from domain.events import f\n")
    mods = modules(tmp_path)
    found = imports(mods)
    assert cycles(unit_graph(found, mods)) == [["domain.events", "domain.route"]]
    # a type-only import through a shared module is no cycle of features
    assert "domain.events" not in unit_graph(found, mods)["domain.ports"]


def main() -> None:
    mods = modules()
    found = imports(mods)
    graph = module_graph(found, mods)
    by_module = cycles(graph)
    runtime = module_graph([i for i in found if not i.type_only], mods)
    print(f"modules: {len(mods)}")
    print(f"module cycles (every import): {len(by_module)}, "
          f"modules in them: {sum(map(len, by_module))}")
    for part in by_module:
        print("   ", ", ".join(part))
    print(f"module cycles (imports that run): {len(cycles(runtime))}")
    features = cycles(unit_graph(found, mods))
    print(f"feature-package cycles: {len(features)}")
    for part in features:
        print("   ", "; ".join(_edges_within(part, unit_graph(found, mods))))


if __name__ == "__main__":
    main()

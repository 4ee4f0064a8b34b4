#!/usr/bin/env python3
"""The package's modules in one list: lines, the first line of each docstring, the longest function,
and the imports between modules, with any cycle among them.

    python scripts/module_map.py [--root src/listcheck]

tests/test_architecture.py holds the package to what this prints: no import cycle, no module over
450 lines, no function over 80.
"""

from __future__ import annotations

import argparse
import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "listcheck"
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. listcheck.checks.bulk
    path: Path
    lines: int
    summary: str
    longest_function: tuple[str, int]  # name, lines
    imports: frozenset[str]  # listcheck modules it imports, at any level (in functions too)


def modules(root: Path) -> list[Module]:
    """Every module under ``root`` (the package folder), in path order."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        name = ".".join(parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        summary = (ast.get_docstring(tree) or "").split("\n")[0]
        functions = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno]
        longest = max(functions, key=lambda item: item[1], default=("", 0))
        found.append(Module(name, path, len(path.read_text(encoding="utf-8").splitlines()), summary, longest,
                            frozenset(_imports(tree, name, path.name == "__init__.py"))))
    return found


def _imports(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or node.level):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..checks import y
                anchor = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(filter(None, [*anchor, node.module]))
            if base == PACKAGE or base.startswith(PACKAGE + "."):
                imported.add(base)
                imported |= {f"{base}.{alias.name}" for alias in node.names}  # a module imported by name
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names if alias.name.startswith(PACKAGE + ".")}
    return imported


def import_cycles(found: list[Module]) -> list[list[str]]:
    """The cycles among modules' imports. The package's ``__init__`` counts too: it imports the API,
    so a module that imports from the bare package closes a cycle."""
    names = {module.name for module in found}
    graph = {module.name: sorted(module.imports & names - {module.name}) for module in found if module.name in names}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in graph.get(node, []):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[1] / "src" / PACKAGE))
    found = modules(Path(parser.parse_args().root))
    for module in found:
        function, length = module.longest_function
        print(f"{module.lines:4} {module.name:34} {module.summary[:90]}")
        if length > MAX_FUNCTION_LINES:
            print(f"     longest function {function}: {length} lines")
    print(f"{len(found)} modules, {sum(module.lines for module in found)} lines; "
          f"largest {max(module.lines for module in found)} lines; longest function "
          f"{max(module.longest_function[1] for module in found)} lines")
    cycles = import_cycles(found)
    print("import cycles: " + ("; ".join(" -> ".join(cycle) for cycle in cycles) if cycles else "none"))


if __name__ == "__main__":
    main()

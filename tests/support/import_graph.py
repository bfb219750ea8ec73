"""The import graph of the project's packages, read from the source (nothing is imported).

    graph = ImportGraph.of(root, ("loaders", "dashboard"))
    graph.imports["dashboard.pages.growth"]    every module it names in an import statement,
                                               at the top or inside a function
    graph.reachable("loaders.bulletin.parse")  every module it imports, directly or through
                                               the project's own modules

Module names are dotted (``loaders.bulletin.parse``); ``from a.b import c`` counts as
importing ``a.b`` and, when ``a.b.c`` is a module of the project, ``a.b.c`` too. Third-party
imports are kept as they are named (``pandas``, ``sqlalchemy.engine``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def module_name(root: Path, path: Path) -> str:
    """``root/loaders/bulletin/parse.py`` -> ``loaders.bulletin.parse`` (a package's
    ``__init__.py`` is the package itself)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _named(node: ast.AST, current: str, is_package: bool) -> Iterable[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = current.split(".")
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            prefix = ".".join([*base, node.module] if node.module else base)
        else:
            prefix = node.module or ""
        yield prefix
        for alias in node.names:
            yield f"{prefix}.{alias.name}"


@dataclass(frozen=True)
class ImportGraph:
    """Module -> the modules it imports (see the module doc)."""

    imports: dict[str, frozenset[str]]

    @classmethod
    def of(cls, root: Path, packages: Iterable[str]) -> ImportGraph:
        sources = {
            module_name(root, path): path
            for package in packages
            for path in sorted((root / package).rglob("*.py"))
        }
        imports: dict[str, frozenset[str]] = {}
        for name, path in sources.items():
            tree = ast.parse(path.read_text("utf-8"), filename=str(path))
            is_package = path.name == "__init__.py"
            found: set[str] = set()
            for node in ast.walk(tree):
                for named in _named(node, name, is_package):
                    # ``from a.b import c``: ``a.b.c`` only when it is a module of ours
                    if named in sources or not _is_member(named, sources):
                        found.add(named)
            imports[name] = frozenset(found)
        return cls(imports)

    def reachable(self, start: str) -> set[str]:
        """Every module ``start`` imports, directly or through the project's modules."""
        seen: set[str] = set()
        todo = [start]
        while todo:
            for named in self.imports.get(todo.pop(), ()):
                if named not in seen:
                    seen.add(named)
                    if named in self.imports:
                        todo.append(named)
        return seen


def _is_member(named: str, sources: dict[str, Path]) -> bool:
    """True when ``named`` is ``module.attribute`` of one of our modules (not a module)."""
    owner = named.rpartition(".")[0]
    return owner in sources


def violations(
    graph: ImportGraph, modules: Iterable[str], forbidden: Iterable[str], *, transitive: bool
) -> list[str]:
    """``module -> imported`` for every module of ``modules`` that imports (directly, or also
    through our modules when ``transitive``) something under a ``forbidden`` prefix."""
    prefixes = tuple(forbidden)
    found: list[str] = []
    for module in sorted(modules):
        named = graph.reachable(module) if transitive else graph.imports[module]
        found += [
            f"{module} -> {target}"
            for target in sorted(named)
            if any(target == p or target.startswith(p + ".") for p in prefixes)
        ]
    return found

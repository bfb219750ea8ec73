"""The layering, held by the import graph (read from the source; see ``import_graph``).

- The bulletin parser (``loaders.bulletin``) imports, even through other modules, no store, no
  tables, no pandas, no database driver and nothing of the dashboard: it is text in, records
  out, and ``eim parse`` starts light.
- ``loaders`` never imports ``dashboard``.
- Pages read data only through ``dashboard.data``: no page imports the store, the API, the
  table builders or a database library.
- Figures are pure: ``dashboard.figures`` imports, even through other modules, neither Dash,
  Flask, the store, the API nor the dashboard's data or pages.
- Only ``dashboard.data`` reads the store (``dashboard.adding``, the write path, uses its
  result types).
Each rule is shown to fail on a copy of the tree that breaks it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from import_graph import ImportGraph, violations

from loaders.settings import PROJECT_ROOT

PACKAGES = ("loaders", "dashboard")
DATABASE = ("sqlalchemy", "psycopg", "sqlite3")
READERS = ("loaders.store", "loaders.api", "loaders.tables.importer", "loaders.tables.datasets")
WEB = ("dash", "flask", "werkzeug", "plotly", "gunicorn")


def graph_of(root: Path) -> ImportGraph:
    return ImportGraph.of(root, PACKAGES)


def under(graph: ImportGraph, package: str) -> list[str]:
    return [m for m in graph.imports if m == package or m.startswith(package + ".")]


def parser_violations(graph: ImportGraph) -> list[str]:
    forbidden = (
        "loaders.store",
        "loaders.tables",
        "loaders.api",
        "loaders.cli",
        "dashboard",
        "pandas",
        "pyarrow",
        *DATABASE,
        *WEB,
    )
    return violations(graph, under(graph, "loaders.bulletin"), forbidden, transitive=True)


def loaders_violations(graph: ImportGraph) -> list[str]:
    return violations(graph, under(graph, "loaders"), ("dashboard",), transitive=False)


def page_violations(graph: ImportGraph) -> list[str]:
    return violations(
        graph, under(graph, "dashboard.pages"), (*READERS, *DATABASE), transitive=False
    )


def figure_violations(graph: ImportGraph) -> list[str]:
    forbidden = (
        *WEB,
        *READERS,
        *DATABASE,
        "dashboard.data",
        "dashboard.pages",
        "dashboard.server",
    )
    return violations(graph, under(graph, "dashboard.figures"), forbidden, transitive=True)


def reader_violations(graph: ImportGraph) -> list[str]:
    allowed = {"dashboard.data": READERS, "dashboard.adding": ("loaders.store",)}
    found = []
    for line in violations(graph, under(graph, "dashboard"), READERS, transitive=False):
        module, _, target = line.partition(" -> ")
        if not any(target.startswith(p) for p in allowed.get(module, ())):
            found.append(line)
    return found


RULES = {
    "parser": parser_violations,
    "loaders": loaders_violations,
    "pages": page_violations,
    "figures": figure_violations,
    "readers": reader_violations,
}


@pytest.fixture(scope="module")
def project() -> ImportGraph:
    return graph_of(PROJECT_ROOT)


@pytest.mark.parametrize("rule", RULES)
def test_the_project_keeps_the_rule(project: ImportGraph, rule: str) -> None:
    assert RULES[rule](project) == []


def test_the_graph_sees_what_modules_import(project: ImportGraph) -> None:
    """The reading itself: a known import, a lazy one inside a function, and a chain."""
    assert "dashboard.data" in project.imports["dashboard.pages.growth"]
    assert "loaders.tables.derive" in project.imports["loaders.writer.facts"]  # in a function
    assert "pandas" in project.reachable("loaders.api")
    assert "loaders.bulletin.text" in project.reachable("loaders.bulletin.parse")


#: (rule, module to change, the line that breaks the rule)
BREAKS = [
    ("pages", "dashboard/pages/growth.py", "from loaders.store import Store"),
    ("pages", "dashboard/pages/regions.py", "def _read():\n    from loaders import api"),
    ("parser", "loaders/bulletin/numbers.py", "import pandas"),
    ("parser", "loaders/bulletin/text.py", "from loaders.writer import facts"),  # via derive
    ("loaders", "loaders/api.py", "from dashboard import data"),
    ("figures", "dashboard/figures/base.py", "import dash"),
    ("figures", "dashboard/figures/memo.py", "from dashboard import shell"),  # via dash
    ("readers", "dashboard/summary.py", "from loaders.store import Store"),
]


@pytest.fixture(scope="module")
def copy_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for package in PACKAGES:
        shutil.copytree(
            PROJECT_ROOT / package,
            root / package,
            ignore=shutil.ignore_patterns("*.pyc", "node_modules", "assets"),
        )
    return root


@pytest.mark.parametrize(("rule", "module", "line"), BREAKS)
def test_a_tree_that_breaks_the_rule_fails_it(
    copy_root: Path, rule: str, module: str, line: str
) -> None:
    path = copy_root / module
    original = path.read_text("utf-8")
    path.write_text(original + "\n\n" + line + "\n", "utf-8")
    try:
        found = RULES[rule](graph_of(copy_root))
    finally:
        path.write_text(original, "utf-8")
    assert found, f"{module} + {line!r} should break the {rule} rule"

"""The packaging: what ``pip install eim-monitor`` pulls, what its extras add, the lock file,
the wheel's data files, and the message when an optional part is missing.

- The base dependencies (``[project] dependencies``) are what ``loaders`` imports; the heavy
  parts (dash, gunicorn, psycopg, pyarrow …) are extras, named in ``loaders.extras``.
- ``requirements/dev.lock`` pins every package ``pyproject.toml`` names, inside its bounds,
  with hashes, and the venv the tests run in holds exactly those versions.
- ``eim parse`` works where no extra is installed (a meta-path blocker on ``PYTHONPATH``
  makes their modules unimportable in a subprocess), and the commands that need one say
  which to install instead of a traceback.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from own_bulletin import FIXTURE
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from loaders import extras
from loaders.errors import EimError

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PROJECT = PYPROJECT["project"]
LOCK = ROOT / "requirements" / "dev.lock"
BOOTSTRAP = ROOT / "requirements" / "bootstrap.lock"
#: What the base must never pull (issue #12).
HEAVY = ("dash", "gunicorn", "psycopg", "pyarrow")
#: The modules made unimportable in the subprocesses below: every extra's, and psycopg's C part.
BLOCKED = sorted({m for modules in extras.MODULES.values() for m in modules} | {"psycopg_binary"})
#: Python's own modules, not distributions.
STDLIB = sys.stdlib_module_names


def requirements(group: str | None = None) -> list[Requirement]:
    """The base requirements (``group`` None) or those of one extra, without self-references
    (``eim-monitor[...]``)."""
    listed = PROJECT["dependencies"] if group is None else PROJECT["optional-dependencies"][group]
    found = [Requirement(text) for text in listed]
    return [r for r in found if canonicalize_name(r.name) != "eim-monitor"]


def base_names() -> set[str]:
    return {canonicalize_name(r.name) for r in requirements()}


def locked(path: Path = LOCK) -> dict[str, str]:
    """name -> version of every ``name==version`` line of a lock file."""
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", path.read_text("utf-8"), re.M)
    return {canonicalize_name(name): version for name, version in pins}


def distributions_of(module: str) -> set[str]:
    """The installed distributions that provide the top-level ``module``."""
    return {canonicalize_name(d) for d in importlib.metadata.packages_distributions()[module]}


def imports(path: Path) -> list[tuple[str, bool]]:
    """(top-level module, imported at module level) for each absolute import of ``path``;
    imports under ``if TYPE_CHECKING:`` are left out (they never run)."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, module_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.extend((a.name.split(".")[0], module_level) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module.split(".")[0], module_level))
            inner = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, module_level and not inner)

    visit(ast.parse(path.read_text("utf-8")), True)
    return found


def third_party_imports() -> dict[str, list[tuple[str, bool]]]:
    """module -> [(file, at module level)] for every import of ``loaders/`` that is neither
    the standard library nor ``loaders``."""
    found: dict[str, list[tuple[str, bool]]] = {}
    for path in sorted((ROOT / "loaders").rglob("*.py")):
        for module, module_level in imports(path):
            if module not in STDLIB and module != "loaders" and module != "__future__":
                found.setdefault(module, []).append((str(path.relative_to(ROOT)), module_level))
    return found


# -- pyproject.toml ---------------------------------------------------------------------------


def test_the_base_dependencies_leave_out_the_server_the_databases_and_the_dashboard() -> None:
    assert not base_names() & {canonicalize_name(n) for n in HEAVY}, PROJECT["dependencies"]


def test_loaders_imports_only_base_dependencies_and_guarded_extras() -> None:
    optional = {m for modules in extras.MODULES.values() for m in modules}
    unlisted, eager = [], []
    for module, places in third_party_imports().items():
        if module in optional:  # only inside a function, after loaders.extras.require
            eager += [(module, file) for file, module_level in places if module_level]
        elif not distributions_of(module) & base_names():
            unlisted.append((module, places[0][0]))
    assert not unlisted, f"imported by loaders/ but not a base dependency: {unlisted}"
    assert not eager, f"an extra's module imported at module level: {eager}"


def test_each_extra_provides_the_modules_loaders_extras_names() -> None:
    for extra, modules in extras.MODULES.items():
        named = {canonicalize_name(r.name) for r in requirements(extra)}
        provided = set().union(*(distributions_of(m) for m in modules))
        assert provided == named, (extra, modules, sorted(named))


def test_all_is_every_extra_and_dev_has_all() -> None:
    optional = PROJECT["optional-dependencies"]
    parts = sorted(set(optional) - {"all", "dev"})
    assert parts == sorted(extras.MODULES)
    assert optional["all"] == [f"eim-monitor[{','.join(['postgres', 'parquet', 'web'])}]"]
    assert "eim-monitor[all]" in optional["dev"]


def test_every_requirement_has_a_lower_and_an_upper_bound() -> None:
    groups: list[str | None] = [None, *PROJECT["optional-dependencies"]]
    for group in groups:
        for requirement in requirements(group):
            operators = {spec.operator for spec in requirement.specifier}
            assert ">=" in operators and "<" in operators, (group, str(requirement))


# -- the lock ---------------------------------------------------------------------------------


def test_the_lock_pins_every_package_pyproject_names_inside_its_bounds() -> None:
    pins = locked()
    groups: list[str | None] = [None, *PROJECT["optional-dependencies"]]
    for group in groups:
        for requirement in requirements(group):
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement} ({group or 'base'}) is not in {LOCK.name}"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"{LOCK.name} pins {name}=={pins[name]}, outside {requirement}"
            )
            for extra in requirement.extras:  # psycopg[binary] -> psycopg-binary
                assert canonicalize_name(f"{name}-{extra}") in pins, str(requirement)


def test_every_pin_of_the_locks_has_hashes() -> None:
    for lock in (LOCK, BOOTSTRAP):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text("utf-8").split("\n", 3)[-1])
        pinned = [b for b in blocks if re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*==", b)]
        assert pinned and all("--hash=sha256:" in b for b in pinned), lock.name
    assert set(locked(BOOTSTRAP)) == {"uv"}


def test_the_venv_holds_the_locked_versions() -> None:
    wrong = {}
    for name, version in locked().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "missing"
        if canonicalize_name(installed) != canonicalize_name(version):
            wrong[name] = f"{installed}, locked {version}"
    assert not wrong, f"the venv differs from {LOCK.name} (run scripts/test.sh): {wrong}"


# -- the wheel --------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_wheel_carries_the_catalogue_and_the_assets(tmp_path: Path) -> None:
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "node_modules", "*.pyc")
    for folder in ("loaders", "dashboard"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*build, "-w", str(tmp_path / "out"), str(source)], check=True, timeout=300)
    (wheel,) = (tmp_path / "out").glob("eim_monitor-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = [f"dashboard/assets/{p.name}" for p in (ROOT / "dashboard" / "assets").iterdir()]
    wanted = {"dashboard/i18n/catalogue.toml", "loaders/extras.py", *assets}
    assert wanted <= names, sorted(wanted - names)


# -- without the extras -----------------------------------------------------------------------

SITECUSTOMIZE = '''
"""Make the extras' modules unimportable, as if they were not installed."""
import sys

BLOCKED = frozenset({blocked!r})


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked)", name=name)
        return None


sys.meta_path.insert(0, Blocker())
'''


@pytest.fixture
def without_extras(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder; subprocesses of ``bare`` there cannot import any extra's module."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(SITECUSTOMIZE.format(blocked=BLOCKED), "utf-8")
    monkeypatch.setenv("PYTHONPATH", str(blocker))
    monkeypatch.setenv("EIM_DATABASE_PATH", str(tmp_path / "eim.sqlite"))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    return tmp_path


def bare(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` from the repository root, in the environment of ``without_extras``."""
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def eim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return bare("-m", "loaders.cli", *args)


def test_the_blocker_hides_every_extra(without_extras: Path) -> None:
    probe = "import importlib, sys\nfor m in sys.argv[1:]:\n" + (
        "    try:\n        importlib.import_module(m)\n        print(m)\n"
        "    except ImportError:\n        pass\n"
    )
    proc = bare("-c", probe, *BLOCKED, "opencc", "sqlalchemy")
    assert proc.stdout.split() == ["opencc", "sqlalchemy"], proc.stderr
    assert {"dash", "flask", "gunicorn", "plotly", "psycopg", "pyarrow"} <= set(BLOCKED)


def test_parse_works_without_any_extra(without_extras: Path) -> None:
    proc = eim("parse", FIXTURE, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    results: list[dict[str, Any]] = json.loads(proc.stdout)
    assert results and results[0]["observations"], proc.stdout[:300]


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (("export", "--format", "parquet", "--out", "{tmp}/out"), "parquet"),
        (("serve", "--port", "1"), "web"),
        (("password-hash",), "web"),
        (("list",), "postgres"),
    ],
    ids=["parquet-export", "serve", "password-hash", "postgres-store"],
)
def test_a_command_without_its_extra_names_the_extra(
    without_extras: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], extra: str
) -> None:
    if extra == "postgres":  # refused before any connection: no server needed
        monkeypatch.setenv("EIM_DATABASE_URL", "postgresql://eim@127.0.0.1:9/eim")
    proc = eim(*(a.format(tmp=without_extras) for a in args))
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert f"pip install 'eim-monitor[{extra}]'" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not (without_extras / "out").exists()  # nothing written before the refusal


def test_require_raises_an_eim_error_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    extras.require("parquet", "Parquet export")  # installed here: nothing happens
    monkeypatch.setitem(extras.MODULES, "parquet", ("no_such_module_of_eim",))
    with pytest.raises(extras.MissingExtra) as raised:
        extras.require("parquet", "Parquet export")
    assert isinstance(raised.value, EimError) and isinstance(raised.value, ImportError)
    assert str(raised.value) == (
        "Parquet export needs no_such_module_of_eim, which is not installed: "
        "pip install 'eim-monitor[parquet]'"
    )

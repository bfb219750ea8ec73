"""Project-level checks: the README documents the CLI, CI runs the one test command, the parse
command stays light, and the parse benchmark runs.

These run the CLI and the benchmark in subprocesses with the interpreter running pytest (the
project's venv), so they test the installed ``eim`` as a user gets it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from corpus_paths import CORPUS, require

from loaders.settings import PROJECT_ROOT

ROOT = PROJECT_ROOT
README = ROOT / "README.md"
HEAVY_MODULES = ("dash", "plotly", "pandas")


def run(command: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``command`` from the repository root, capturing its output as UTF-8 text."""
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def subcommand_names(help_text: str) -> list[str]:
    """The sub-command names listed by ``eim --help``.

    argparse lists them as ``{parse,serve,...}``; a click/typer help has a ``Commands:``
    section with one indented name per line instead.
    """
    choices = re.search(r"\{([\w-]+(?:,[\w-]+)*)\}", help_text)
    if choices:
        return choices.group(1).split(",")
    section = re.search(r"^Commands:\s*\n((?:[ \t]+\S.*\n?)+)", help_text, re.MULTILINE)
    if section:
        return [line.split()[0] for line in section.group(1).splitlines() if line.strip()]
    return []


def test_every_subcommand_is_documented_in_readme() -> None:
    """Each ``eim`` sub-command appears in README.md as ``eim <name>``."""
    proc = run([sys.executable, "-m", "loaders.cli", "--help"])
    assert proc.returncode == 0, f"eim --help failed:\n{proc.stderr}"
    names = subcommand_names(proc.stdout)
    assert names, f"found no sub-commands in eim --help:\n{proc.stdout}"
    readme = README.read_text(encoding="utf-8")
    missing = [name for name in names if not re.search(rf"\beim {re.escape(name)}\b", readme)]
    assert not missing, f"sub-commands not documented in README.md as 'eim <name>': {missing}"


def test_ci_runs_the_one_test_command() -> None:
    """``.ci/run`` execs scripts/test.sh, and the README tells people to run it."""
    ci = ROOT / ".ci" / "run"
    assert re.search(r"^exec bash scripts/test\.sh\s*$", ci.read_text(), re.MULTILINE), (
        ".ci/run must `exec bash scripts/test.sh`"
    )
    for script in (ci, ROOT / "scripts" / "test.sh"):
        assert os.access(script, os.X_OK), f"{script.relative_to(ROOT)} is not executable"
    assert "scripts/test.sh" in README.read_text(encoding="utf-8"), "README must name it"


def test_parse_command_does_not_import_dashboard_stack() -> None:
    """Importing the CLI loads none of dash, plotly, pandas (they cost seconds)."""
    check = (
        "import sys, loaders.cli\n"
        f"heavy = [name for name in {HEAVY_MODULES!r} if name in sys.modules]\n"
        "assert not heavy, f'loaders.cli imports {heavy}'\n"
    )
    proc = run([sys.executable, "-c", check])
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
@pytest.mark.corpus
def test_parse_benchmark_runs_quick() -> None:
    """``benchmarks/bench_parse.py --quick`` runs and prints its two result lines."""
    require(CORPUS / "bulletins")
    proc = run([sys.executable, str(ROOT / "benchmarks" / "bench_parse.py"), "--quick"], 600)
    assert proc.returncode == 0, f"benchmark failed:\n{proc.stdout}\n{proc.stderr}"
    lines = proc.stdout.splitlines()
    for prefix in ("parse_ms_median=", "eim_parse_wall_s="):
        values = [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]
        assert values, f"no line starting with {prefix!r} in:\n{proc.stdout}"
        assert re.fullmatch(r"\d+\.\d{3}", values[0]), f"{prefix}{values[0]} is not X.XXX"

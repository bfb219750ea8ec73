"""A clone without ``../shared`` (issue 16): every test that reads the corpus, the contract or
the scorer skips with a reason saying what ``../shared`` is and which path is missing, and
none fails.

The corpus tests (those marked ``corpus``) run in a pytest of their own with
``EIM_SHARED_DIR`` naming a folder that does not exist, the way a clone without the sibling
folder runs them; tests of the same files that do not need the corpus may pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow  # a pytest in another process

#: Every file holding a test that reads ``../shared``.
CORPUS_TESTS = (
    "tests/bulletin/test_corpus.py",
    "tests/tables/test_datasets.py",
    "tests/tables/test_roundtrip.py",
    "tests/writer/test_writer.py",
    "tests/writer/test_writer_roundtrip.py",
    "tests/test_project.py",
    "tests/benchmarks/test_bench_dashboard.py",
)


def test_the_files_listed_are_all_that_read_shared() -> None:
    readers = {
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "tests").rglob("test_*.py")
        if path.name != Path(__file__).name
        if re.search(
            r"\bCORPUS\b|\bCONTRACT\b|\bSCORER\b|corpus_folder|corpus_files|/ \"shared\"",
            path.read_text("utf-8"),
        )
    }
    assert readers <= set(CORPUS_TESTS), readers - set(CORPUS_TESTS)


def test_without_shared_the_corpus_tests_skip_saying_what_it_is(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "shared"
    env = {**os.environ, "EIM_SHARED_DIR": str(missing)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "0",
            "-m",
            "corpus",
            "-rs",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            *CORPUS_TESTS,
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-4000:]
    assert "StatisticsError" not in report and " failed" not in report, report[-4000:]
    skips = [line for line in report.splitlines() if line.startswith("SKIPPED")]
    assert len(skips) >= 6, report[-4000:]
    for line in skips:
        assert f"../shared not found: {missing}" in line, line
        assert "the data contract and the corpus of real MIIT bulletins" in line, line
        assert "EIM_SHARED_DIR" in line, line

"""The dashboard benchmark (``benchmarks/bench_dashboard.py``) runs once in quick mode, so it
keeps working: it measures the real app against the floor app and prints every figure and
the two lines other tools read. Its figures are not judged here (a benchmark, not a test)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_paths import CORPUS, require

from loaders.settings import PROJECT_ROOT

ROOT = PROJECT_ROOT
RATIOS = re.compile(
    r"^ratios: callback_p50=(\S+) callback_p99=(\S+) repeat_p50=(\S+) throughput=(\S+) "
    r"page_bytes=(\S+) first_chart=(\S+) first_chart_slow=(\S+) rss=(\S+) scale=(\S+)$"
)
PARSE = re.compile(r"^parse_ms_median=(\d+\.\d+)$")

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.corpus]


def test_the_benchmark_runs_in_quick_mode(tmp_path: Path) -> None:
    require(CORPUS / "bulletins")  # it also times the parser on the corpus
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_dashboard.py"),
            "--quick",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    ratios = RATIOS.match(lines[-2])
    assert ratios, lines[-2:]
    assert all(float(value) > 0 for value in ratios.groups())
    assert PARSE.match(lines[-1]), lines[-1]
    results = json.loads(out.read_text())
    assert set(results["callbacks"]) == {"growth", "products", "regions"}
    for figures in results["callbacks"].values():
        assert figures["floor_p50"] > 0 and figures["p50"] > 0 and figures["repeat_p50"] > 0
    assert set(results["page_load"]) == {"floor", "floor_slow", "real", "real_slow"}
    assert all(load["foreign"] == [] for load in results["page_load"].values())
    assert results["ratios"]["page_bytes"] == pytest.approx(
        results["page_load"]["real"]["transferred"] / results["page_load"]["floor"]["transferred"]
    )

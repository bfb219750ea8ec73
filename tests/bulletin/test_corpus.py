"""The loader against the real web copies in ``../shared/corpus``: the scorer's recall and
precision, the ``eim parse`` JSON contract on every copy, possible values on damaged copies,
and the same facts whichever way a bulletin is handed over.

The corpus is read in place (see ``corpus_paths``); without it these tests skip, naming it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shlex
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from corpus_paths import CONTRACT, CORPUS, ROOT, SCORER, corpus_files, require

from loaders import BulletinError, parse_bulletin
from loaders.cli import main
from loaders.schema import fact_key

pytestmark = [pytest.mark.corpus, pytest.mark.slow]  # runs eim parse over the corpus

#: The contract's columns of one observation row (``../shared/contract/README.md``).
CONTRACT_COLUMNS = (
    "period",
    "basis",
    "indicator",
    "region",
    "segment",
    "measure",
    "value",
    "unit",
    "ref_period",
    "derived",
)
BASES = {"ytd", "month"}
REGIONS = {"national", "east", "central", "west", "northeast", "jing_jin_ji", "yangtze_delta"}
SEGMENTS = {
    "all",
    "communication_equipment",
    "computers",
    "electronic_components",
    "electronic_devices",
}
MEASURES = {
    "level",
    "yoy_pct",
    "change_pp",
    "gap_industry_pp",
    "gap_high_tech_pp",
    "gap_manufacturing_pp",
    "share_pct",
}
PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
LOST_DASH_COPY = "2022-08__4.txt"

ALL_FILES = corpus_files("robustness", "bulletins")
ROBUSTNESS_FILES = corpus_files("robustness")


@cache
def parsed(path: Path) -> tuple[int, dict[str, Any], str]:
    """(exit status, the one JSON object, stderr) of ``eim parse PATH --format json``, run in
    this process (``loaders.cli.main``: the command's own code, without starting an
    interpreter per copy; ``tests/cli`` runs it as a process).

    Fails the calling test when stdout is not a JSON array of exactly one object.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        status = main(["parse", str(path), "--format", "json"])
    try:
        out = json.loads(stdout.getvalue())
    except json.JSONDecodeError as error:
        pytest.fail(f"{path.name}: stdout is not JSON ({error}):\n{stdout.getvalue()[:500]}")
    assert isinstance(out, list) and len(out) == 1, f"{path.name}: not an array of one: {out!r}"
    assert isinstance(out[0], dict), f"{path.name}: the array holds {out[0]!r}, not an object"
    return status, out[0], stderr.getvalue()


@cache
def level_units() -> dict[str, str]:
    """indicator code -> its level unit, from the contract's ``indicators.csv``."""
    require(CONTRACT / "indicators.csv")
    with (CONTRACT / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["level_unit"] for row in csv.DictReader(handle)}


def observations(path: Path) -> list[dict[str, Any]]:
    """The observation rows ``eim parse`` prints for one file (none for a refused file)."""
    _, result, _ = parsed(path)
    rows = result.get("observations", [])
    assert isinstance(rows, list), f"{path.name}: observations is {rows!r}"
    return rows


def test_scorer_meets_recall_and_precision() -> None:
    """``score_corpus.py`` over the keyed copies: recall >= 0.995, precision >= 0.999, no
    wrong value and no wrong period (issue #14), status 0."""
    require(CORPUS / "bulletins", CORPUS / "expected", SCORER)
    command = f"{shlex.quote(sys.executable)} -m loaders.cli parse"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--cmd",
            command,
            "--min-recall",
            "0.995",
            "--min-precision",
            "0.999",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    summary = lines[-1] if lines else "(no summary line)"
    assert proc.returncode == 0, (
        f"scorer exited {proc.returncode}: {summary}\n"
        f"--- scorer output ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )
    assert summary.startswith("files="), f"unexpected summary line: {summary}\n{proc.stdout}"
    assert " wrong=0 " in f"{summary} " and "period_errors=0" in summary, proc.stdout


@pytest.mark.parametrize("path", ALL_FILES)
def test_parse_prints_one_result_and_never_a_traceback(path: Path) -> None:
    """``eim parse FILE --format json``: status 0 or 1, one object with facts or an error."""
    status, result, stderr = parsed(path)
    assert "Traceback" not in stderr, f"{path.name} crashed the loader:\n{stderr}"
    assert status in (0, 1), f"{path.name}: exit status {status}\n{stderr}"
    if "error" in result:
        error = result["error"]
        assert isinstance(error, str) and len(error.split()) >= 3, (
            f"{path.name}: the error is not a sentence a person can act on: {error!r}"
        )
        assert status == 1, f"{path.name}: an error object with exit status {status}"
    else:
        missing = {"period", "observations", "issues"} - set(result)
        assert not missing, f"{path.name}: the result lacks {sorted(missing)}: {list(result)}"
        assert PERIOD.fullmatch(result["period"]), f"{path.name}: period {result['period']!r}"
        assert isinstance(result["issues"], list), f"{path.name}: issues {result['issues']!r}"
        assert status == 0, f"{path.name}: parsed, yet exit status {status}"


@pytest.mark.parametrize("path", ALL_FILES)
def test_observation_rows_follow_the_contract(path: Path) -> None:
    """Every row has the contract's columns, known codes, and the unit its measure implies."""
    units = level_units()
    problems: list[str] = []
    for row in observations(path):
        missing = [column for column in CONTRACT_COLUMNS if column not in row]
        if missing:
            problems.append(f"missing {missing}: {row}")
            continue
        problems.extend(f"{message}: {row}" for message in _row_problems(row, units))
    assert not problems, f"{path.name}: {len(problems)} bad rows:\n" + "\n".join(problems[:20])


def _row_problems(row: dict[str, Any], units: dict[str, str]) -> list[str]:
    """What is wrong with one row against the contract (nothing: an empty list)."""
    problems = []
    if not (isinstance(row["period"], str) and PERIOD.fullmatch(row["period"])):
        problems.append("period is not YYYY-MM")
    if row["basis"] not in BASES:
        problems.append("unknown basis")
    if row["indicator"] not in units:
        problems.append("indicator not in indicators.csv")
    if row["region"] not in REGIONS:
        problems.append("unknown region")
    if row["segment"] not in SEGMENTS:
        problems.append("unknown segment")
    if row["measure"] not in MEASURES:
        problems.append("unknown measure")
    value = row["value"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append("value is not a finite number")
    if not isinstance(row["derived"], bool):
        problems.append("derived is not a boolean")
    ref = row["ref_period"]
    if row["measure"] == "change_pp":
        if not (isinstance(ref, str) and PERIOD.fullmatch(ref)):
            problems.append("change_pp without a YYYY-MM ref_period")
    elif ref not in ("", None):
        problems.append("ref_period set on a measure other than change_pp")
    expected_unit = _unit(row["indicator"], row["measure"], units)
    if expected_unit is not None and row["unit"] != expected_unit:
        problems.append(f"unit {row['unit']!r}, expected {expected_unit!r}")
    return problems


def _unit(indicator: str, measure: str, units: dict[str, str]) -> str | None:
    """The unit the contract gives a value (None when the codes are unknown)."""
    if measure in ("yoy_pct", "share_pct"):
        return "%"
    if measure.endswith("_pp"):
        return "pp"
    if measure == "level":
        return units.get(indicator)
    return None


@cache
def keyed_values() -> dict[tuple[str, ...], float]:
    """Every keyed fact of the clean copies, by key (the contract's key, period first)."""
    found: dict[tuple[str, ...], float] = {}
    for path in sorted((CORPUS / "expected").glob("*.json")):
        answer = json.loads(path.read_text(encoding="utf-8"))
        for fact in answer["facts"]:
            key = (
                fact.get("period") or answer["period"],
                fact["indicator"],
                fact.get("region", "national"),
                fact.get("segment", "all"),
                fact["basis"],
                fact["measure"],
                fact.get("ref_period", ""),
            )
            found[key] = float(fact["value"])
    return found


@pytest.mark.parametrize("path", ROBUSTNESS_FILES)
def test_damaged_copies_give_no_number_a_clean_copy_contradicts(path: Path) -> None:
    """Issue #14: a damaged copy may miss figures, but none it gives differs from the keyed
    clean copy of the same fact (lost decimal points, spun words, dropped signs)."""
    require(CORPUS / "expected")
    keyed = keyed_values()
    wrong = []
    for row in observations(path):
        key = fact_key(row)
        if key in keyed and abs(keyed[key] - row["value"]) > 1e-6 * max(1, abs(keyed[key])):
            wrong.append(f"{key}: {row['value']} where the clean copy has {keyed[key]}")
    assert not wrong, f"{path.name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", ROBUSTNESS_FILES)
def test_damaged_copies_give_no_impossible_rates(path: Path) -> None:
    """On damaged copies no growth is below -100% and no share outside 0..100%."""
    impossible = [
        row
        for row in observations(path)
        if (row["measure"] == "yoy_pct" and row["value"] < -100)
        or (row["measure"] == "share_pct" and not 0 <= row["value"] <= 100)
    ]
    assert not impossible, f"{path.name}: impossible values:\n" + "\n".join(map(str, impossible))


def test_lost_dash_is_not_read_as_month_18() -> None:
    """``2022-08__4``: ``18月`` (dash lost) is refused, or read as 1-8 and never as month 18."""
    path = CORPUS / "robustness" / LOST_DASH_COPY
    require(path)
    status, result, stderr = parsed(path)
    assert status in (0, 1), stderr
    if "error" in result:
        return
    assert result["period"] == "2022-08", f"period {result['period']!r}, expected 2022-08"
    months = {
        row[column][5:]
        for row in result["observations"]
        for column in ("period", "ref_period")
        if row[column]
    }
    assert months <= {f"{m:02d}" for m in range(1, 13)}, f"months read: {sorted(months)}"


@pytest.mark.parametrize("path", ALL_FILES)
def test_no_fact_is_read_from_a_number_split_by_a_full_stop(path: Path) -> None:
    """No fact comes from ``9。3`` (a decimal point turned into ``。``) nor from half of it."""
    try:
        bulletin = parse_bulletin(path)
    except BulletinError:
        return
    glued: list[str] = []
    for observation in bulletin.observations:
        if "。" in observation.printed:
            glued.append(f"printed {observation.printed!r} in {observation.text!r}")
            continue
        number = re.match(r"\d+(?:\.\d+)?", observation.printed)
        if number is None:
            continue
        figure = re.escape(number.group())
        half = rf"\d。{figure}(?![\d.])|(?<![\d.]){figure}。\d"
        if path.name == LOST_DASH_COPY and re.search(half, observation.text):
            glued.append(
                f"{number.group()} read from half of a 。-split number: {observation.text}"
            )
    assert not glued, f"{path.name}:\n" + "\n".join(glued)


@pytest.mark.parametrize("path", ALL_FILES)
def test_path_bytes_and_text_give_the_same_facts(path: Path) -> None:
    """A copy parsed from its path, its bytes and its text gives identical facts and sha256.

    The file name is one of the places a period can come from, so the bytes and the text are
    given the same ``name`` as the path: only the way the content arrives differs.
    """
    name = str(path)
    sources: dict[str, str | bytes | Path] = {
        "path": path,
        "bytes": path.read_bytes(),
        "text": path.read_text(encoding="utf-8"),
    }
    outcomes: dict[str, Any] = {}
    for kind, source in sources.items():
        try:
            bulletin = parse_bulletin(source, name=name)
        except BulletinError as error:
            outcomes[kind] = ("error", str(error))
            continue
        outcomes[kind] = (
            bulletin.period,
            bulletin.sha256,
            [o.model_dump() for o in bulletin.observations],
        )
    assert outcomes["bytes"] == outcomes["path"], f"{path.name}: bytes differ from the path"
    assert outcomes["text"] == outcomes["path"], f"{path.name}: text differs from the path"

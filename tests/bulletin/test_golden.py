"""Golden files: whole invented bulletins, one per layout and kind of damage, parsed end to end.

Each ``tests/bulletin/golden/<case>.txt`` or ``.html`` has beside it ``<case>.expected.json``:
``{"period", "observations": [rows sorted by key], "issues": [{"severity", "message"}]}``.
``pytest --update-golden`` rewrites the expected files from the loader's output; every
rewritten file must then be read and its numbers checked against the text by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from loaders import Bulletin, parse_bulletin
from loaders.schema import KEY_COLUMNS

GOLDEN = Path(__file__).parent / "golden"
ROW_COLUMNS = (
    "period",
    "basis",
    "indicator",
    "region",
    "segment",
    "measure",
    "value",
    "unit",
    "ref_period",
)
CASES = sorted(path for path in GOLDEN.iterdir() if path.suffix in (".txt", ".html"))


def expected_path(case: Path) -> Path:
    return case.with_name(f"{case.stem}.expected.json")


def as_golden(bulletin: Bulletin) -> dict[str, Any]:
    """The parse result in the golden files' shape."""
    observations = sorted(bulletin.observations, key=lambda o: o.key())
    return {
        "period": bulletin.period,
        "observations": [
            {column: getattr(o, column) for column in ROW_COLUMNS} for o in observations
        ],
        "issues": [{"severity": i.severity, "message": i.message} for i in bulletin.issues],
    }


def dumped(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_golden_folder_is_complete(update_golden: bool) -> None:
    """Every case has its expected file and every expected file its case."""
    if update_golden:
        pytest.skip("the expected files are being rewritten")
    assert len(CASES) >= 6
    expected = {path.name for path in GOLDEN.glob("*.expected.json")}
    assert expected == {expected_path(case).name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden(case: Path, update_golden: bool) -> None:
    actual = as_golden(parse_bulletin(case))
    target = expected_path(case)
    if update_golden:
        target.write_text(dumped(actual), encoding="utf-8")
        return
    expected = json.loads(target.read_text(encoding="utf-8"))
    key = [*KEY_COLUMNS]
    assert [tuple(row[c] for c in key) for row in expected["observations"]] == sorted(
        tuple(row[c] for c in key) for row in expected["observations"]
    ), f"{target.name}: observations are not sorted by key"
    assert actual["period"] == expected["period"]
    assert actual["observations"] == expected["observations"]
    assert actual["issues"] == expected["issues"]

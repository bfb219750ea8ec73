"""``eim write PERIOD --lang zh|en``: a stored period as a bulletin, on a fresh store filled
from the shipped datasets (as on a fresh clone), with its exit statuses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders import parse_bulletin
from loaders.api import SHIPPED_DATASETS
from loaders.cli import main
from loaders.schema import KEY_COLUMNS


@pytest.fixture(autouse=True)
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIM_DATABASE_PATH", str(tmp_path / "eim.sqlite"))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_write_2023_11_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "write", "2023-11", "--lang", "zh")
    assert (status, err) == (0, "")
    assert out.startswith("2023年1—11月份电子信息制造业运行情况\n")
    for phrase in (
        "一、生产情况",
        "1—11月份，规模以上电子信息制造业增加值同比增长2.6%，增速较1—10月份提高0.9个百分点",
        "实现营业收入13.5万亿元，同比下降1.8%，降幅较1—10月份收窄1.1个百分点",
        "东部地区实现营业收入91874亿元",
        "【推算】",
    ):
        assert phrase in out
    bulletin = parse_bulletin(out)
    assert bulletin.period == "2023-11"
    assert {o.key(): o.value for o in bulletin.observations} == shipped_printed("2023-11")


def shipped_printed(period: str) -> dict[tuple[str, ...], float]:
    """The printed facts of ``period`` in the shipped ``datasets/observations.csv``."""
    with (SHIPPED_DATASETS / "observations.csv").open(encoding="utf-8-sig", newline="") as file:
        return {
            tuple(row[column] for column in KEY_COLUMNS): float(row["value"])
            for row in csv.DictReader(file)
            if row["period"] == period and row["derived"] == "false"
        }


def test_write_2023_11_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "write", "2023-11", "--lang", "en")
    assert status == 0
    assert out.startswith("Electronic information manufacturing in January–November 2023\n")
    assert (
        "operating revenue of electronic information manufacturers above designated size "
        "was 13.5 trillion yuan, down 1.8% year on year" in out
    )
    assert "Computed figures" in out


def test_printed_only_leaves_the_computed_figures_out(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "write", "2023-12", "--printed-only")
    assert status == 0
    assert "推算" not in out and "2023年全年电子信息制造业运行情况" in out


def test_a_period_without_facts_and_a_malformed_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "write", "2031-01")
    assert (status, out) == (1, "") and "no bulletin figures are stored for 2031-01" in err
    status, out, err = run(capsys, "write", "2023-13", "--lang", "en")
    assert (status, out) == (2, "") and "YYYY-MM" in err

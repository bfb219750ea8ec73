"""Earlier periods recovered from later bulletins' changes (``loaders.tables.recover``), on
bulletins written here in the bulletins' style (years after the corpus, so nothing real)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from store_data import parsed

from loaders.tables.derive import derived_rows
from loaders.tables.recover import decimals, recovered

#: 1—5月 2031: value added 9.6 %, 0.4 points above 1—4月 and 2.6 points below a year
#: earlier; the single month 0.3 points above April; the margin 0.12 points above 1—4月.
MAY_2031 = """2031年1—5月份电子信息制造业运行情况

一、生产稳中有升

1—5月份，规模以上电子信息制造业增加值同比增长9.6%，增速较1—4月份提高0.4个百分点，比上年同期回落2.6个百分点。5月份，规模以上电子信息制造业增加值同比增长10.1%，增速较4月份提高0.3个百分点。

二、效益改善

1—5月份，规模以上电子信息制造业实现营业收入6.1万亿元，同比增长8.2%；营业收入利润率为4.35%，较1—4月份提高0.12个百分点。
"""

#: 1—4月 2031, printing what May's changes give: 9.2 % (ytd), 9.8 % (April), margin 4.23 %.
APRIL_2031_AGREES = """2031年1—4月份电子信息制造业运行情况

1—4月份，规模以上电子信息制造业增加值同比增长9.2%。4月份，规模以上电子信息制造业增加值同比增长9.8%。
"""

#: 1—4月 2031 as a copy with another figure: 9.5 %, not the 9.2 % May's change gives.
APRIL_2031_DIFFERS = APRIL_2031_AGREES.replace("增长9.2%", "增长9.5%")

#: 1—6月 2031: 9.9 %, 0.3 points above 1—5月's 9.6 %.
JUNE_2031 = """2031年1—6月份电子信息制造业运行情况

1—6月份，规模以上电子信息制造业增加值同比增长9.9%，增速较1—5月份提高0.3个百分点。
"""


def rows(*texts: str) -> list[dict[str, Any]]:
    """The printed facts of the bulletins, as store rows (bulletin = its sha256)."""
    found: dict[tuple[str, ...], dict[str, Any]] = {}
    for number, text in enumerate(texts, start=1):
        bulletin = parsed(text, name=f"b{number}.txt")
        for observation in bulletin.observations:
            found[observation.key()] = {
                **observation.row(),
                "printed": observation.printed,
                "bulletin": bulletin.sha256,
                "bulletin_id": number,
            }
    return list(found.values())


def find(found: list[dict[str, Any]], period: str, basis: str, indicator: str = "value_added"):
    measure = "level" if indicator == "profit_margin" else "yoy_pct"
    return [
        row
        for row in found
        if (row["period"], row["basis"], row["indicator"], row["measure"])
        == (period, basis, indicator, measure)
    ]


def test_a_change_gives_the_previous_period_the_year_before_and_the_previous_month() -> None:
    facts = rows(MAY_2031)
    recovery = recovered(facts)

    [ytd_april] = find(recovery.rows, "2031-04", "ytd")
    [year_before] = find(recovery.rows, "2030-05", "ytd")
    [april] = find(recovery.rows, "2031-04", "month")
    [margin] = find(recovery.rows, "2031-04", "ytd", "profit_margin")

    assert (ytd_april["value"], year_before["value"], april["value"]) == (9.2, 12.2, 9.8)
    assert margin["value"] == 4.23
    assert margin["unit"] == "%" and ytd_april["unit"] == "%"
    assert all(row["derived"] is True and row["printed"] == "" for row in recovery.rows)
    may = next(f["bulletin"] for f in facts)
    assert ytd_april["bulletin"] == may
    assert "2031-05" in ytd_april["text"] and may[:12] in ytd_april["text"]
    assert "9.6%" in ytd_april["text"] and "+0.4" in ytd_april["text"]
    assert recovery.disagreements == {}


def test_the_value_keeps_the_printed_precision_without_float_noise() -> None:
    # 10.1 - 0.3 in binary floating point is 9.799999999999999
    [april] = find(recovered(rows(MAY_2031)).rows, "2031-04", "month")
    assert repr(april["value"]) == "9.8"
    assert decimals({"printed": "4.35%", "value": 4.35}) == 2
    assert decimals({"printed": "", "value": 9.0}) == 1
    assert decimals({"printed": "4个百分点", "value": 4.0}) == 0


def test_a_printed_figure_of_the_same_key_wins() -> None:
    facts = rows(APRIL_2031_DIFFERS, MAY_2031)
    assert find(recovered(facts).rows, "2031-04", "ytd") == []
    derived = derived_rows(facts)
    assert find(derived, "2031-04", "ytd") == []
    [printed] = find(facts, "2031-04", "ytd")
    assert printed["value"] == 9.5


def test_two_bulletins_that_give_the_same_figure_make_one_row_naming_both() -> None:
    june_again = JUNE_2031.replace(
        "提高0.3个百分点。", "提高0.3个百分点，较1—4月份提高0.7个百分点。"
    )
    recovery = recovered(rows(MAY_2031, june_again))
    [ytd_april] = find(recovery.rows, "2031-04", "ytd")
    assert ytd_april["value"] == 9.2
    assert "2031-05" in ytd_april["text"] and "2031-06" in ytd_april["text"]
    # June's change on 1—5月 refers to a printed figure: nothing recovered for it
    assert find(recovery.rows, "2031-05", "ytd") == []


def test_two_bulletins_that_give_different_figures_give_none_and_say_so() -> None:
    june_other = JUNE_2031.replace(
        "提高0.3个百分点。", "提高0.3个百分点，较1—4月份提高0.5个百分点。"
    )
    recovery = recovered(rows(MAY_2031, june_other))
    assert find(recovery.rows, "2031-04", "ytd") == []
    key = ("2031-04", "value_added", "national", "all", "ytd", "yoy_pct", "")
    assert sorted(value for value, _ in recovery.disagreements[key]) == [9.2, 9.4]


@pytest.mark.parametrize("text", [APRIL_2031_AGREES, APRIL_2031_DIFFERS])
def test_a_change_needs_its_current_figure(text: str) -> None:
    # April alone prints no change: nothing to recover
    assert recovered(rows(text)).rows == []


@pytest.mark.parametrize(
    ("april", "status", "agreeing", "warned"),
    [(APRIL_2031_AGREES, 0, 2, False), (APRIL_2031_DIFFERS, 1, 1, True)],
    ids=["printed twin agrees", "printed twin differs"],
)
def test_eim_check_counts_agreements_and_names_both_bulletins_of_a_difference(
    april: str,
    status: int,
    agreeing: int,
    warned: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from loaders.cli import main

    monkeypatch.setenv("EIM_DATABASE_URL", f"sqlite:///{tmp_path / 'eim.sqlite'}")
    monkeypatch.setenv("EIM_SHIPPED_DATA", "false")
    shas = []
    for name, text in (("april.txt", april), ("may.txt", MAY_2031)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["add", str(tmp_path / name)]) == 0
        shas.append(parsed(text).sha256)
    capsys.readouterr()

    assert main(["check"]) == status
    out = capsys.readouterr().out.splitlines()

    assert out[1].startswith(f"{agreeing} printed changes agree with both printed figures")
    warnings = [line for line in out if line.startswith("warning:")]
    if not warned:
        assert warnings == []
        return
    [warning] = warnings
    assert warning.startswith("warning: 2031-05 value_added (national, ytd)")
    assert "9.6 (2031-05" in warning and "9.5 (2031-04" in warning
    assert shas[0][:12] in warning and shas[1][:12] in warning


def test_eim_coverage_and_check_name_a_figure_the_changes_give_differently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from loaders.cli import main

    monkeypatch.setenv("EIM_DATABASE_URL", f"sqlite:///{tmp_path / 'eim.sqlite'}")
    monkeypatch.setenv("EIM_SHIPPED_DATA", "false")
    june_other = JUNE_2031.replace(
        "提高0.3个百分点。", "提高0.3个百分点，较1—4月份提高0.5个百分点。"
    )
    for name, text in (("may.txt", MAY_2031), ("june.txt", june_other)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert main(["add", str(tmp_path / name)]) == 0
    capsys.readouterr()

    assert main(["coverage", "--series", "value_added.national.all.ytd.yoy_pct"]) == 0
    out = capsys.readouterr().out
    # 2031-04: May's change gives 9.2, June's 9.4; neither is derived, the month is a
    # conflict (2030-05, a year before May, is derived from May's other change)
    counts = out.splitlines()[1].split()[1:8]
    assert counts == ["2030-05", "2031-06", "13", "2", "1", "1", "9"]
    assert "2031      ·  ·  ×  ●  ●" in out

    assert main(["check"]) == 1
    [warning] = [line for line in capsys.readouterr().out.splitlines() if "none is derived" in line]
    assert "2031-04 value_added national all ytd yoy_pct" in warning
    assert "9.2 from bulletin" in warning and "9.4 from bulletin" in warning

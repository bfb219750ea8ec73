"""A series as a curve (``dashboard.figures.curves``): which months are joined, what a gap
draws and says, and the dated axis."""

from __future__ import annotations

import pytest

from dashboard.figures.curves import (
    Point,
    curve_traces,
    date_axis,
    gap_text,
    missing_months,
    next_month,
)


def points(*rows: tuple[str, float, bool]) -> dict[str, Point]:
    return {p: Point(v, f"{v}%", "ab" * 8, d) for p, v, d in rows}


@pytest.mark.parametrize(
    ("period", "per_year", "expected"),
    [
        ("2024-03", False, "2024-04"),
        ("2024-12", False, "2025-02"),  # January has no bulletin: December joins February
        ("2024-12", True, ""),  # a year-to-date level restarts: never joined
        ("2024-11", True, "2024-12"),
    ],
)
def test_next_month(period: str, per_year: bool, expected: str) -> None:
    assert next_month(period, per_year) == expected


def test_missing_months_leave_out_january() -> None:
    assert missing_months("2024-11", "2025-03") == ["2024-12", "2025-02"]
    assert missing_months("2024-03", "2024-04") == []


def test_gap_texts_in_both_languages() -> None:
    assert gap_text(["2024-04"], "zh") == "2024-04 无数据"
    assert gap_text(["2024-04", "2024-05", "2024-06"], "en") == (
        "No figure from 2024-04 to 2024-06 (3 months)"
    )


def test_a_gap_is_dotted_between_its_neighbours_and_its_hover_sits_on_that_line() -> None:
    traces = curve_traces(
        points(("2024-02", 10.0, False), ("2024-06", 14.0, True)),
        "增加值",
        "#c0392b",
        "zh",
        template="%{customdata[0]}",
    )
    curve, gap, hover = traces
    assert curve["x"] == ["2024-02", None, "2024-06"]
    assert curve["marker"]["symbol"] == ["circle", "circle", "circle-open"]
    assert gap["y"] == [10.0, 14.0, None] and gap["line"]["width"] < curve["line"]["width"]
    # three months missing: the hover point is the middle one, on the dotted line
    assert hover["x"] == ["2024-04"] and hover["y"] == [12.0]
    assert hover["customdata"] == [["2024-03 至 2024-05 无数据（3个月）", "", "2024-04"]]
    assert hover["marker"]["opacity"] == 0  # a place to hover, not a figure


def test_consecutive_months_make_one_trace_and_no_months_none() -> None:
    (curve,) = curve_traces(
        points(("2024-11", 1.0, False), ("2024-12", 2.0, False), ("2025-02", 3.0, False)),
        "x",
        "#000",
        "en",
        template="",
    )
    assert curve["x"] == ["2024-11", "2024-12", "2025-02"]
    assert curve_traces({}, "x", "#000", "en", template="") == []


def test_the_axis_leaves_the_tick_spacing_to_the_width_and_labels_by_it() -> None:
    months = [f"{year}-{month:02d}" for year in (2022, 2023, 2024) for month in range(1, 13)]
    axis = date_axis(months)
    assert axis["type"] == "date"
    # no fixed spacing: plotly puts fewer ticks on a phone, so their labels never run together
    assert "dtick" not in axis and "nticks" not in axis and "dtick" not in axis["minor"]
    assert axis["tick0"] == "2000-01-01"  # ticks on Januaries (and quarters)
    formats = {tuple(stop["dtickrange"]): stop["value"] for stop in axis["tickformatstops"]}
    assert formats == {(None, "M11"): "%Y-%m", ("M12", None): "%Y"}
    assert axis["range"] == ["2021-12-16", "2024-12-15"]
    assert date_axis(months[:6])["range"] == ["2021-12-16", "2022-06-15"]
    assert "range" not in date_axis([])

"""Several series in one chart (``dashboard.figures.compare``), the points a chart's download
reads from it (``dashboard.figures.rows``) and a chart's range from the query
(``dashboard.views.view_range``), on series written here."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures.base import Line
from dashboard.figures.compare import compare_figure
from dashboard.figures.rows import chart_rows, in_range, is_data_trace
from dashboard.views.view_range import bounds_of, with_bounds


def series(rows: list[tuple[str, float, bool]], unit: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": [p for p, _, _ in rows],
            "value": [v for _, v, _ in rows],
            "unit": [unit] * len(rows),
            "derived": [d for _, _, d in rows],
            "bulletin": ["ab" * 32] * len(rows),
            "text": [""] * len(rows),
        }
    )


PHONES = series([("2024-02", 18000.0, False), ("2024-03", 27000.0, False)], "万台")
CHIPS = series([("2024-02", 6000000.0, False), ("2024-03", 9000000.0, True)], "万块")
SHARE = series([("2024-02", 61.5, False), ("2024-05", 62.0, False)], "%")


def test_two_units_get_two_axes_and_a_third_is_named_not_drawn() -> None:
    lines = [
        Line("phones", PHONES, "万台", "#000"),
        Line("chips", CHIPS, "万块", "#111"),
        Line("share", SHARE, "%", "#222"),
    ]
    figure = compare_figure(lines, "three", "en")
    on_axes = {t["name"]: t.get("yaxis", "y") for t in figure["data"] if is_data_trace(t)}
    assert on_axes == {"phones": "y", "chips": "y2"}
    layout = figure["layout"]
    assert layout["yaxis2"]["overlaying"] == "y" and layout["yaxis2"]["side"] == "right"
    assert layout["yaxis"]["title"]["text"] == "million units"
    assert layout["yaxis2"]["title"]["text"] == "billion chips"
    (note,) = layout["annotations"]
    assert "share" in note["text"] and "not drawn" in note["text"]
    # the points keep their stored values: the download gives them in the stored unit
    rows = chart_rows(figure)
    assert {(r.series, r.period, r.value, r.unit) for r in rows} == {
        ("phones", "2024-02", 18000.0, "万台"),
        ("phones", "2024-03", 27000.0, "万台"),
        ("chips", "2024-02", 6000000.0, "万块"),
        ("chips", "2024-03", 9000000.0, "万块"),
    }
    assert {r.derived for r in rows if r.series == "chips"} == {False, True}


def test_one_unit_one_axis_and_a_gap_is_no_row() -> None:
    figure = compare_figure([Line("share", SHARE, "%", "#000")], "one", "zh")
    assert "yaxis2" not in figure["layout"] or not figure["layout"]["yaxis2"].get("overlaying")
    rows = chart_rows(figure)
    assert [(r.period, r.value) for r in rows] == [("2024-02", 61.5), ("2024-05", 62.0)]
    assert all(r.bulletin == "ab" * 8 for r in rows)  # the key, never the whole hash


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2022-01", "2023-06", ("2022-01-01", "2023-06-01")),
        ("2022-01-15", "2023-06-30", ("2022-01-15", "2023-06-30")),
        ("2023-06", "2022-01", None),
        ("2022-13", "2023-01", None),
        ("2022-01", "", None),
        (None, "2023-01", None),
        (["2022-01"], "2023-01", None),
        ("<script>", "2023-01", None),
    ],
)
def test_bounds_of_a_query(start: object, end: object, expected: object) -> None:
    assert bounds_of(start, end) == expected


def test_with_bounds_copies_and_rows_follow_the_range() -> None:
    figure = compare_figure([Line("share", SHARE, "%", "#000")], "one", "zh")
    before = dict(figure["layout"]["xaxis"])
    zoomed = with_bounds(figure, ("2024-03-01", "2024-12-31"))
    assert figure["layout"]["xaxis"] == before, "the shared figure was changed"
    assert zoomed["layout"]["xaxis"]["range"] == ["2024-03-01", "2024-12-31"]
    assert [r.period for r in chart_rows(zoomed)] == ["2024-05"]
    assert in_range("2024-03", ["2024-03-01", "2024-03-31"])
    assert not in_range("2024-04", ["2024-03-01", "2024-03-31 12:00"])

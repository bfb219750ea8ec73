"""The coverage heat map (``dashboard.views.coverage`` and ``dashboard.figures.coverage``):
one square per series and month, coloured by state, each known figure linking to its
bulletin."""

from __future__ import annotations

import pandas as pd

from dashboard.clicks import source_location
from dashboard.figures.coverage import coverage_figure
from dashboard.views.coverage import cells, months_between

SHA = "cd" * 32
VA = ("value_added", "ytd", "yoy_pct", "national")
EDV = ("export_delivery_value", "ytd", "yoy_pct", "national")


def frame(*rows: tuple[str, float, bool]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"period": p, "value": v, "unit": "%", "derived": d, "bulletin": SHA, "text": ""}
            for p, v, d in rows
        ]
    )


def test_months_between_leave_out_january() -> None:
    assert months_between("2024-11", "2025-03") == ["2024-11", "2024-12", "2025-02", "2025-03"]


def test_cells_give_every_series_every_month_of_the_span_with_its_state() -> None:
    found = cells(
        {
            VA: frame(("2024-11", 2.6, False), ("2024-11", 2.61, True), ("2025-02", 1.0, True)),
            EDV: frame(("2025-03", 3.0, False)),
        },
        conflicts={(EDV, "2024-12")},
    )
    states = {(c.series[0], c.period): c.state for c in found}
    assert states == {
        ("value_added", "2024-11"): "printed",  # a printed figure over a derived one
        ("value_added", "2024-12"): "missing",
        ("value_added", "2025-02"): "derived",
        ("value_added", "2025-03"): "missing",
        ("export_delivery_value", "2024-11"): "missing",
        ("export_delivery_value", "2024-12"): "conflict",
        ("export_delivery_value", "2025-02"): "missing",
        ("export_delivery_value", "2025-03"): "printed",
    }
    assert next(c for c in found if c.period == "2024-11").value == 2.6
    assert cells({}) == []


def test_the_heat_map_has_a_trace_per_state_and_known_squares_link_to_their_bulletin() -> None:
    found = cells(
        {VA: frame(("2024-11", 2.6, False), ("2025-02", 1.0, True))}, conflicts={(VA, "2024-12")}
    )
    figure = coverage_figure(found, {VA: "增加值 · 累计 · 同比"}, "zh")
    by_name = {trace["name"]: trace for trace in figure["data"]}
    assert list(by_name) == ["公报所列", "推算值", "来源不一致"]
    printed = by_name["公报所列"]
    assert printed["x"] == ["2024-11"] and printed["y"] == ["增加值 · 累计 · 同比"]
    hover, key, period, value = printed["customdata"][0]
    assert (
        "2.6%" in hover and "公布值" in hover and (key, period, value) == (SHA[:16], "2024-11", 2.6)
    )
    assert by_name["推算值"]["marker"]["symbol"] == "square-open"
    # a click on a square opens the sentence of that figure in its bulletin
    square = {
        "customdata": printed["customdata"][0],
        "x": "2024-11-01",
        "y": "增加值 · 累计 · 同比",
    }
    assert source_location({"points": [square]}, "zh") == (
        "/bulletins",
        f"?bulletin={SHA[:16]}&period=2024-11&value=2.6&lang=zh",
    )
    # a square without a figure names no bulletin: clicking it goes nowhere
    conflict = by_name["来源不一致"]["customdata"][0]
    assert source_location({"points": [{"customdata": conflict}]}, "zh") is None
    assert figure["layout"]["xaxis"]["type"] == "date"
    assert figure["layout"]["yaxis"]["categoryarray"] == ["增加值 · 累计 · 同比"]

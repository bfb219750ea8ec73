"""``loaders.tables.coverage``: the months a series has a figure for, on rows written here."""

from __future__ import annotations

import pytest

from loaders.tables.coverage import coverage, parse_series_key


def row(period: str, *, derived: bool = False, indicator: str = "value_added") -> dict[str, object]:
    return {
        "indicator": indicator,
        "region": "national",
        "segment": "all",
        "basis": "ytd",
        "measure": "yoy_pct",
        "period": period,
        "derived": derived,
    }


def test_months_between_the_first_and_last_figure_are_printed_derived_or_missing() -> None:
    [series] = coverage(
        [row("2023-11"), row("2024-03", derived=True), row("2024-02"), row("2023-12")]
    )
    assert series.key == "value_added.national.all.ytd.yoy_pct"
    # January 2024 has no bulletin: it is neither covered nor missing
    assert series.states == (
        ("2023-11", "printed"),
        ("2023-12", "printed"),
        ("2024-02", "printed"),
        ("2024-03", "derived"),
    )
    assert (series.months, series.covered, series.share) == (4, 4, 1.0)


def test_a_printed_figure_wins_over_a_derived_one_and_gaps_are_missing() -> None:
    [series] = coverage([row("2024-02", derived=True), row("2024-02"), row("2024-06")])
    assert dict(series.states) == {
        "2024-02": "printed",
        "2024-03": "missing",
        "2024-04": "missing",
        "2024-05": "missing",
        "2024-06": "printed",
    }
    assert (series.count("printed"), series.count("missing"), series.share) == (2, 3, 0.4)


def test_since_counts_the_months_before_the_first_figure_as_missing() -> None:
    [series] = coverage([row("2024-03"), row("2024-04")])
    earlier = series.since("2023-11")
    assert [month for month, _ in earlier.states] == [
        "2023-11",
        "2023-12",
        "2024-02",
        "2024-03",
        "2024-04",
    ]
    assert (earlier.covered, earlier.months) == (2, 5)


def test_series_are_apart_and_sorted_by_key() -> None:
    found = coverage([row("2024-02", indicator="revenue"), row("2024-02")])
    assert [series.key.split(".")[0] for series in found] == ["revenue", "value_added"]


@pytest.mark.parametrize("text", ["value_added", "a.b.c.d", "a.b..d.e", "a.b.c.d.e.f"])
def test_a_key_without_five_codes_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a series key"):
        parse_series_key(text)

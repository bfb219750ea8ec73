"""The regions page's choice of period (``dashboard.views.regions``): the one asked for when
it has regional figures, else the latest in which all four regions are printed."""

from __future__ import annotations

import pandas as pd

from dashboard.views.regions import chosen_period, complete_periods


def rows(period: str, regions: tuple[str, ...], derived: bool = False) -> list[dict[str, object]]:
    return [{"period": period, "region": region, "derived": derived} for region in regions]


FOUR = ("east", "central", "west", "northeast")


def test_a_period_is_complete_when_all_four_regions_are_printed() -> None:
    frame = pd.DataFrame(
        rows("2024-08", FOUR)
        + rows("2024-11", ("east", "jing_jin_ji"))
        + rows("2025-02", FOUR[:3])
        + rows("2025-02", ("northeast",), derived=True)
        + rows("2025-05", ("east",))
    )
    assert complete_periods(frame) == ["2024-08"]


def test_the_period_asked_for_else_the_latest_complete_else_the_latest() -> None:
    periods = ["2024-08", "2024-11", "2025-05"]
    assert chosen_period("2024-11", periods, ["2024-08"]) == "2024-11"
    assert chosen_period("1999-01", periods, ["2024-08"]) == "2024-08"
    assert chosen_period(None, periods, []) == "2025-05"
    assert chosen_period(["2024-11"], [], []) == ""

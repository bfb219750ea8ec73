"""The Growth page's query (``dashboard.views.query``, ``dashboard.views.growth``): values
outside the choices fall back to the default; the overlay's years are read, checked against
the years with figures, and default to the latest three."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures.growth import INDICATORS
from dashboard.views.growth import parse_years, years_of
from dashboard.views.query import BASES, choice


def test_choices_fall_back_to_the_default() -> None:
    assert choice("revenue", INDICATORS, "value_added") == "revenue"
    assert choice("bogus", INDICATORS, "value_added") == "value_added"
    assert choice(["revenue"], INDICATORS, "value_added") == "value_added"
    assert choice(None, BASES, "ytd") == "ytd"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021,2023", [2021, 2023]),
        ("2023, 2021,2023", [2021, 2023]),
        (["2021", "2022"], [2021, 2022]),  # a repeated key
        ("2021,1999,abc", [2021]),  # unknown years dropped
        ("abc", [2022, 2023, 2024]),  # nothing usable: the latest three
        ("", [2022, 2023, 2024]),
        (None, [2022, 2023, 2024]),
        ("99999,-2021,20 21", [2022, 2023, 2024]),
    ],
)
def test_years_are_parsed_and_validated(value: object, expected: list[int]) -> None:
    assert parse_years(value, [2020, 2021, 2022, 2023, 2024]) == expected


def test_years_of_a_series_ignore_malformed_periods() -> None:
    frame = pd.DataFrame({"period": ["2021-03", "2023-11", "2023-12", "bad", "2020"]})
    assert years_of(frame) == [2021, 2023]
    assert parse_years("2023", []) == []

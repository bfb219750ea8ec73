"""How precise each figure is: the decimals a row of the observations is known to.

Shape: the tidy observations (columns period, indicator, region, segment, basis, measure,
unit, derived, printed; ``dashboard.data.observations``) in; one ``int | None`` per row
out, in the row's own unit (``dashboard.i18n.numbers.printed_decimals``: negative for a
level printed in a larger unit, ``13.5万亿元`` -> -3 in 亿元).

- A printed row: the decimals it was printed with (None when its printed form has no digits,
  ``持平``).
- A single month's level (basis ``month``, derived as 1—M minus 1—(M−1)): the coarser of
  the two printed cumulative figures it is the difference of.
- Any other derived row (a comparison industry's rate, a regional share computed from the
  levels, a figure recovered from a printed change): the decimals most printed figures of
  the same indicator and measure have (the shares: one, as the bulletins print them), else
  those most printed figures of its unit have.

Computed once per data version (``dashboard.data`` keeps the result with its series).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any

import pandas as pd

from dashboard.i18n.numbers import printed_decimals
from loaders.bulletin.periods import Month

_KEY = ("period", "indicator", "region", "segment", "basis", "measure")


def _most_common(found: dict[Hashable, Counter[int]], key: Hashable) -> int | None:
    counts = found.get(key)
    return counts.most_common(1)[0][0] if counts else None


def _previous(period: str) -> str:
    return str(Month.parse(period).shifted(-1))


def row_decimals(frame: pd.DataFrame) -> list[int | None]:
    """The decimals of every row of ``frame`` (see the module docstring), in row order."""
    rows: list[dict[Any, Any]] = frame.to_dict("records")
    own = [
        None if row.get("derived") else printed_decimals(row.get("printed"), str(row["unit"]))
        for row in rows
    ]
    printed: dict[tuple[Any, ...], int] = {}
    by_measure: dict[Hashable, Counter[int]] = {}
    by_unit: dict[Hashable, Counter[int]] = {}
    for row, decimals in zip(rows, own, strict=True):
        if decimals is None:
            continue
        printed[tuple(row[c] for c in _KEY)] = decimals
        by_measure.setdefault((row["indicator"], row["measure"]), Counter())[decimals] += 1
        by_unit.setdefault(row["unit"], Counter())[decimals] += 1
    return [
        decimals if not row.get("derived") else _derived(row, printed, by_measure, by_unit)
        for row, decimals in zip(rows, own, strict=True)
    ]


def _derived(
    row: dict[Any, Any],
    printed: dict[tuple[Any, ...], int],
    by_measure: dict[Hashable, Counter[int]],
    by_unit: dict[Hashable, Counter[int]],
) -> int | None:
    if row["measure"] == "level" and row["basis"] == "month":
        period = str(row["period"])
        inputs = _known(
            printed.get((p, row["indicator"], row["region"], row["segment"], "ytd", "level"))
            for p in (period, _previous(period))
        )
        if inputs:
            return min(inputs)
    found = _most_common(by_measure, (row["indicator"], row["measure"]))
    return found if found is not None else _most_common(by_unit, row["unit"])


def _known(values: Iterable[int | None]) -> list[int]:
    return [value for value in values if value is not None]

"""What synthetic values are scaled on and printed like, read from the shipped printed rows.

In: the shipped printed observation rows (text, as ``templates.printed_rows`` gives them) and
the chosen templates. Out: ``Shipped``: the mean of every rate and gap series, the mean
national level per month (in the contract's units: 亿元, 万台 …), the ratios of following
levels to their parents' (``FOLLOWS``), the profit margin (%), the regions' revenue shares (%),
and the ``Format`` each series is printed in (unit suffix, decimals, factor to the contract's
unit).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from statistics import fmean

from benchmarks.synthetic.periods import Series
from benchmarks.synthetic.templates import Row, Template
from loaders.bulletin.numbers import LEVEL_UNITS
from loaders.bulletin.periods import Month
from loaders.catalog import INDICATORS, PCT, unit_of

#: Levels that follow another indicator's: child -> parent (ratio from the shipped levels).
FOLLOWS: dict[str, str] = {
    "operating_cost": "revenue",
    "total_profit": "revenue",
    "output_smartphones": "output_mobile_phones",
}
CLUSTERS = ("jing_jin_ji", "yangtze_delta")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(.*)")


@dataclass(frozen=True)
class Format:
    """How a series is printed: unit after the number, decimals, factor to the contract's
    unit (``万亿元`` -> 10000 亿元); ``scaled`` for levels (more decimals when small)."""

    suffix: str
    decimals: int
    factor: Decimal = Decimal(1)
    scaled: bool = False


def default_format(indicator: str, measure: str) -> Format:
    unit = unit_of(indicator, measure)
    if unit in LEVEL_UNITS:
        return Format(unit, 0, LEVEL_UNITS[unit][0], scaled=True)
    return Format("%" if unit == PCT else "个百分点", 1)


def format_of(row: Row) -> Format:
    """The format of a shipped row's ``printed`` figure (the default when it has none)."""
    fallback = default_format(row["indicator"], row["measure"])
    match = _FIGURE.fullmatch(row["printed"])
    if match is None:
        return fallback
    number, suffix = match.groups()
    decimals = len(number.split(".", 1)[1]) if "." in number else 0
    if fallback.scaled:
        if suffix not in LEVEL_UNITS:
            return fallback
        return Format(suffix, decimals, LEVEL_UNITS[suffix][0], scaled=True)
    return Format(suffix or fallback.suffix, decimals)


def series_of(row: Mapping[str, str]) -> Series:
    """(indicator, region, segment, basis, measure) of a row."""
    return (row["indicator"], row["region"], row["segment"], row["basis"], row["measure"])


def _mean(values: list[float], what: str) -> float:
    if not values:
        raise ValueError(f"the shipped datasets hold no {what} to scale synthetic values on")
    return fmean(values)


@dataclass(frozen=True)
class Shipped:
    """What the synthetic values are scaled on, from the shipped printed rows."""

    #: Mean of every rate and gap series.
    centres: dict[Series, float]
    #: Mean level per month of each national level series (cumulative level / months).
    monthly: dict[str, float]
    #: Mean ratio of a following indicator's level to its parent's (FOLLOWS).
    ratios: dict[str, float]
    #: Mean share of national revenue of each region (the four and the clusters), %.
    shares: dict[str, float]
    #: Month -> series -> format, from that month's template; then from any template.
    formats: dict[int, dict[Series, Format]]
    any_format: dict[Series, Format]

    @classmethod
    def of(cls, observations: list[Row], templates: dict[int, Template]) -> Shipped:
        centres: dict[Series, list[float]] = defaultdict(list)
        monthly: dict[str, list[float]] = defaultdict(list)
        levels: dict[tuple[str, str, str], float] = {}
        shares: dict[str, list[float]] = defaultdict(list)
        for row in observations:
            value = float(row["value"])
            if row["measure"] == "share_pct" and row["indicator"] == "revenue":
                shares[row["region"]].append(value)
            elif row["measure"] != "level":
                centres[series_of(row)].append(value)
            elif row["segment"] == "all" and row["basis"] == "ytd":
                levels[(row["period"], row["indicator"], row["region"])] = value
                if row["region"] == "national" and INDICATORS[row["indicator"]].per_month:
                    monthly[row["indicator"]].append(value / Month.parse(row["period"]).month)
        for (period, indicator, region), value in levels.items():  # shares not printed
            national = levels.get((period, "revenue", "national"))
            if indicator == "revenue" and region != "national" and national and not shares[region]:
                shares[region].append(100 * value / national)
        ratios = {
            child: _mean(
                [
                    value / levels[(period, parent, "national")]
                    for (period, indicator, region), value in levels.items()
                    if indicator == child
                    and region == "national"
                    and levels.get((period, parent, "national"))
                ],
                f"{child} level beside a {parent} level",
            )
            for child, parent in FOLLOWS.items()
        }
        ratios["profit_margin"] = _mean(
            [
                float(row["value"])
                for row in observations
                if row["indicator"] == "profit_margin" and row["measure"] == "level"
            ],
            "profit margin",
        )
        formats: dict[int, dict[Series, Format]] = {}
        any_format: dict[Series, Format] = {}
        for month in sorted(templates):
            formats[month] = {}
            for row in templates[month].rows:
                series = series_of(row)
                formats[month].setdefault(series, format_of(row))
                any_format.setdefault(series, formats[month][series])
        return cls(
            centres={series: fmean(values) for series, values in centres.items()},
            monthly={indicator: fmean(values) for indicator, values in monthly.items()},
            ratios=ratios,
            shares={region: fmean(values) for region, values in shares.items() if values},
            formats=formats,
            any_format=any_format,
        )

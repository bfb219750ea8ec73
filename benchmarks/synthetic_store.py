"""A synthetic store of many years of bulletins, for the performance benchmark (issue #6).

NOT REAL DATA. Every number here is made up by a seeded pseudo-random generator; the store is
built on demand by the benchmark (``benchmarks/bench_dashboard.py``) and is never shipped,
exported to ``datasets/`` or served as MIIT's figures. Each bulletin's title starts with
``[synthetic]`` and its stored text says so.

What it makes: a new SQLite store (``loaders.store.Store``) holding one bulletin per reporting
period of ``last_year - years + 1 .. last_year``, with January and February merged as MIIT
does (a 1—2月 bulletin with period YYYY-02 and no YYYY-01 bulletin): 11 bulletins a year,
330 for 30 years. Each is stored in a transaction of its own, with ``source="synthetic"``,
``added_by="benchmark"`` and ``added_at`` the 1st of the next month: by default with the
function ``Store.add`` writes its rows with (``insert_bulletin``, as ``loaders.tables.importer``
also does), then the store's checks run once over the result; with ``through_add`` by
``Store.add`` itself, which gives the same store but reads every stored fact on each call (30
years: about 40 s instead of 2 s, see ``store_bulletin``).

Size (seed 0, 30 years): ``shape="month"`` 13,200 printed observations (13,021 facts, 16,321
rows of ``loaders.api.observations`` with the derived ones); ``shape="richest"`` 19,800 printed
(26,250 rows).

Shape: a synthetic bulletin prints the same keys (indicator, region, segment, basis, measure,
unit, ref_period pattern) as its template, the printed (``derived = false``) rows of a real
shipped bulletin (``datasets/``): with ``shape="month"`` the richest shipped bulletin of the same
month (most printed rows; for a month no shipped bulletin has, the richest overall), with
``shape="richest"`` the richest shipped bulletin for every month. Periods move with the
bulletin: a row of the template's own period names the synthetic period, a row or
``ref_period`` k bulletins earlier (a change on the previous cumulative period, on the same
period a year before: 11 bulletins back) names the synthetic period k bulletins earlier.

Values, in the contract's units (levels in 亿元, 万台, 万块, 万个; rates and shares in %;
changes and gaps in pp), each a pure function of its key and the seed, printed with the
template's unit and precision (``13.5万亿元``; a level keeps at least 3 significant digits) and
``value`` = printed × unit factor, as the loader stores it:

- levels: monthly amounts = the shipped mean level per month × a yearly growth factor (the
  shipped mean national growth rate, clipped to -2..10 %/yr, ± 3 points a year) × a seasonal
  factor (0.85 in January .. 1.15 in December) × ± 4 % noise; cumulative levels are their sums
  from January (so they grow through the year), single-month levels the month's amount.
  Operating cost and smartphones follow revenue and mobile phones by their shipped ratios
  (± 2 %), total profit follows revenue by the shipped mean margin (± 1 point a year,
  ± 0.5 a month); the four regions' revenue splits the national revenue exactly (weights from the
  shipped shares ± 3 %), the two clusters take their shipped shares ± 3 %.
- growth rates of a series with levels: computed from the synthetic levels a year apart;
  of any other series: the shipped mean of that series ± 3 points a year ± 1 point;
- gaps: the shipped mean of that series ± 1 point; regional shares: 100 × region / national
  (the four sum to 100 ± 0.2); the profit margin: 100 × printed profit / printed revenue;
- changes: the printed rate (the margin, for the profit margin) minus that of ``ref_period``.

Each draw is ``random.Random(f"{seed}|what it is for").uniform(…)``, so a value does not
depend on the order values are made in. The store's arithmetic checks (``loaders.bulletin.checks``)
hold, and a key printed by two bulletins has the same value in both (no revisions).

    python benchmarks/synthetic_store.py OUT.sqlite [--years N] [--seed N]
        [--last-year YYYY] [--shape month|richest] [--through-add]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from statistics import fmean
from typing import Literal, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/synthetic_store.py
    sys.path.insert(0, str(ROOT))

from loaders import api  # noqa: E402
from loaders.bulletin.checks import store_report  # noqa: E402
from loaders.bulletin.models import Bulletin, Observation  # noqa: E402
from loaders.bulletin.numbers import LEVEL_UNITS  # noqa: E402
from loaders.bulletin.periods import Month  # noqa: E402
from loaders.catalog import FOUR_REGIONS, INDICATORS, PCT, unit_of  # noqa: E402
from loaders.schema import BULLETINS, OBSERVATIONS  # noqa: E402
from loaders.store import Store  # noqa: E402
from loaders.store.store import (  # noqa: E402
    PUBLISHER,
    insert_bulletin,
    parser_version,
    utc_naive,
)
from loaders.tables.importer import read_table  # noqa: E402

SHIPPED = ROOT / "datasets"
Shape = Literal["month", "richest"]
Row = dict[str, str]
#: (indicator, region, segment, basis, measure): a series, whatever its period.
Series = tuple[str, str, str, str, str]

#: MIIT publishes no January bulletin: the first of a year covers 1—2月.
FIRST_MONTH = 2
BULLETINS_PER_YEAR = 13 - FIRST_MONTH
SOURCE = "synthetic"
ADDED_BY = "benchmark"
TITLE_MARK = "[synthetic]"

#: The yearly growth of a level series: the shipped mean rate, clipped to this range (%/yr)
#: so that 30 years of it stay plausible, then ± YEAR_SHIFT points a year.
GROWTH_RANGE = (-2.0, 10.0)
YEAR_SHIFT = 3.0
#: Noise of a rate without levels (points), of a gap (points).
RATE_NOISE = 1.0
GAP_NOISE = 1.0
#: Relative noise of a monthly amount, of a regional weight, of a ratio to the parent.
AMOUNT_NOISE = 0.04
WEIGHT_NOISE = 0.03
RATIO_NOISE = 0.02
#: Levels that follow another indicator's: child -> parent (ratio from the shipped levels).
FOLLOWS: dict[str, str] = {
    "operating_cost": "revenue",
    "total_profit": "revenue",
    "output_smartphones": "output_mobile_phones",
}
CLUSTERS = ("jing_jin_ji", "yangtze_delta")
#: A level printed with fewer significant digits than this gets more decimals.
MIN_DIGITS = 3
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(.*)")


class Key(NamedTuple):
    """A fact's identity, in ``loaders.schema.KEY_COLUMNS`` order."""

    period: str
    indicator: str
    region: str
    segment: str
    basis: str
    measure: str
    ref_period: str

    @property
    def series(self) -> Series:
        return (self.indicator, self.region, self.segment, self.basis, self.measure)

    @property
    def month(self) -> Month:
        return Month.parse(self.period)


# -- periods ------------------------------------------------------------------------------


def bulletin_index(month: Month) -> int:
    """The place of a bulletin period in the sequence 2023-02, 2023-03 … 2023-12, 2024-02 …"""
    if month.month < FIRST_MONTH:
        raise ValueError(f"{month} is a January: no bulletin covers it alone (1—2月 is YYYY-02)")
    return month.year * BULLETINS_PER_YEAR + month.month - FIRST_MONTH


def bulletin_period(index: int) -> Month:
    """The bulletin period at ``index`` of that sequence (inverse of ``bulletin_index``)."""
    return Month(index // BULLETINS_PER_YEAR, index % BULLETINS_PER_YEAR + FIRST_MONTH)


def bulletin_periods(first_year: int, last_year: int) -> list[Month]:
    """Every bulletin period of the years, in order: 11 a year."""
    return [
        Month(year, month)
        for year in range(first_year, last_year + 1)
        for month in range(FIRST_MONTH, 13)
    ]


def title_of(period: Month) -> str:
    """``[synthetic] 2023年1—11月份电子信息制造业运行情况`` (the year alone for December)."""
    span = "" if period.month == 12 else f"1—{period.month}月份"
    return f"{TITLE_MARK} {period.year}年{span}电子信息制造业运行情况"


def published(period: Month) -> datetime:
    """When a synthetic bulletin is added: the 1st of the month after its period (UTC)."""
    after = period.shifted(1)
    return datetime(after.year, after.month, 1, tzinfo=UTC)


def text_of(period: Month, seed: int) -> str:
    """The stored text of a synthetic bulletin: one line saying what it is."""
    return (
        f"Synthetic bulletin for {period} made by benchmarks/synthetic_store.py with seed "
        f"{seed}: not real data, never shipped.\n"
    )


# -- templates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A shipped bulletin whose printed rows give a synthetic bulletin its keys."""

    period: Month
    sha256: str
    rows: tuple[Row, ...]

    def keys_for(self, period: Month) -> list[Key]:
        """The template's keys moved to the bulletin of ``period`` (see the module docstring)."""
        shift = bulletin_index(period) - bulletin_index(self.period)

        def moved(text: str) -> str:
            return str(bulletin_period(bulletin_index(Month.parse(text)) + shift)) if text else ""

        return [
            Key(
                moved(row["period"]),
                row["indicator"],
                row["region"],
                row["segment"],
                row["basis"],
                row["measure"],
                moved(row["ref_period"]),
            )
            for row in self.rows
        ]

    def pattern(self) -> set[tuple[str, ...]]:
        """The template's keys and units with periods as offsets (in bulletins) from its own
        period: what every synthetic bulletin made from it must print."""
        return key_pattern(self.period, self.rows)


def key_pattern(period: Month, rows: Iterable[Mapping[str, str]]) -> set[tuple[str, ...]]:
    """(period offset, indicator, region, segment, basis, measure, unit, ref_period offset)
    of each row, the offsets counted in bulletins from ``period`` ('' for no ref_period)."""
    base = bulletin_index(period)

    def offset(text: str) -> str:
        return str(bulletin_index(Month.parse(text)) - base) if text else ""

    return {
        (
            offset(row["period"]),
            *(row[c] for c in ("indicator", "region", "segment", "basis", "measure", "unit")),
            offset(row["ref_period"] or ""),
        )
        for row in rows
    }


def printed_rows(datasets: Path = SHIPPED) -> tuple[list[Row], list[Row]]:
    """The shipped bulletins and their printed (not derived) observation rows."""
    observations = [row for row in read_table(datasets, OBSERVATIONS) if row["derived"] == "false"]
    return read_table(datasets, BULLETINS), observations


def select_templates(
    bulletins: list[Row], observations: list[Row], shape: Shape = "month"
) -> dict[int, Template]:
    """Month (2..12) -> the template of its bulletins: the shipped bulletin with the most
    printed rows among those of that month (``shape="month"``; the richest overall when the
    month has none) or among all (``shape="richest"``); ties go to the later period."""
    rows: dict[str, list[Row]] = defaultdict(list)
    for row in observations:
        rows[row["bulletin"]].append(row)
    templates = [
        Template(Month.parse(b["period"]), b["sha256"], tuple(rows[b["sha256"]]))
        for b in bulletins
        if rows[b["sha256"]]
    ]
    if not templates:
        raise ValueError("the shipped datasets hold no printed observations to copy shapes from")

    def richest(candidates: list[Template]) -> Template:
        return max(candidates, key=lambda t: (len(t.rows), t.period))

    overall = richest(templates)
    chosen: dict[int, Template] = {}
    for month in range(FIRST_MONTH, 13):
        same = [t for t in templates if t.period.month == month]
        chosen[month] = richest(same) if same and shape == "month" else overall
    return chosen


# -- values -------------------------------------------------------------------------------


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


class Model:
    """The synthetic values: ``figure(key)`` -> (value, printed), a pure function of the key
    and the seed (cached). See the module docstring for the rules."""

    def __init__(self, shipped: Shipped, seed: int, last_year: int) -> None:
        self.shipped = shipped
        self.seed = seed
        self.last_year = last_year
        self._figures: dict[Key, tuple[float, str]] = {}
        self._amounts: dict[tuple[str, str, int, int], float] = {}
        self._growth: dict[tuple[str, int], float] = {}
        missing = set(FOUR_REGIONS) - set(shipped.shares)
        if missing:
            raise ValueError(f"the shipped datasets give no revenue share for {sorted(missing)}")
        total = sum(shipped.shares[r] for r in FOUR_REGIONS)
        if abs(total - 100) > 5:
            raise ValueError(f"the four regions' shipped shares sum to {total:.1f}, expected ≈100")

    # random draws: one generator per (seed, what), so a value does not depend on build order
    def uniform(self, low: float, high: float, *what: object) -> float:
        return random.Random("|".join(map(str, (self.seed, *what)))).uniform(low, high)

    def format(self, key: Key) -> Format:
        formats = self.shipped.formats.get(key.month.month, {})
        found = formats.get(key.series) or self.shipped.any_format.get(key.series)
        return found or default_format(key.indicator, key.measure)

    # -- levels
    def growth(self, indicator: str, year: int) -> float:
        """The level of ``indicator`` in ``year`` relative to ``last_year`` (1 there)."""
        if year == self.last_year:
            return 1.0
        cached = self._growth.get((indicator, year))
        if cached is not None:
            return cached
        centre = self.shipped.centres.get((indicator, "national", "all", "ytd", "yoy_pct"), 5.0)
        low, high = GROWTH_RANGE

        def rate(y: int) -> float:
            return 1 + (min(max(centre, low), high) + self.uniform(-3, 3, "g", indicator, y)) / 100

        factor = 1.0
        if year < self.last_year:
            for y in range(self.last_year, year, -1):
                factor /= rate(y)
        else:
            for y in range(self.last_year + 1, year + 1):
                factor *= rate(y)
        self._growth[(indicator, year)] = factor
        return factor

    def amount(self, indicator: str, region: str, year: int, month: int) -> float:
        """The single-month level of ``indicator`` in ``region``, unrounded, in its unit."""
        cache = (indicator, region, year, month)
        cached = self._amounts.get(cache)
        if cached is not None:
            return cached
        if region != "national":
            if indicator != "revenue" or region not in self.shipped.shares:
                raise ValueError(f"no level model for {indicator} in {region}")
            value = self.amount("revenue", "national", year, month) * self.weight(
                region, year, month
            )
        elif indicator == "total_profit":
            margin = self.shipped.ratios["profit_margin"] + self.uniform(-1, 1, "m", year)
            margin += self.uniform(-0.5, 0.5, "m", year, month)
            value = self.amount("revenue", region, year, month) * max(margin, 0.5) / 100
        elif indicator in FOLLOWS:
            ratio = self.shipped.ratios[indicator]
            ratio *= 1 + self.uniform(-RATIO_NOISE, RATIO_NOISE, "r", indicator, year, month)
            value = self.amount(FOLLOWS[indicator], region, year, month) * min(ratio, 1.0)
        elif indicator in self.shipped.monthly:
            season = 0.85 + 0.3 * (month - 1) / 11
            noise = 1 + self.uniform(-AMOUNT_NOISE, AMOUNT_NOISE, "a", indicator, year, month)
            value = self.shipped.monthly[indicator] * self.growth(indicator, year) * season * noise
        else:
            raise ValueError(f"the shipped datasets hold no national level of {indicator}")
        self._amounts[cache] = value
        return value

    def weight(self, region: str, year: int, month: int) -> float:
        """A region's part of national revenue in one month: the four sum to 1 exactly."""

        def raw(r: str) -> float:
            noise = self.uniform(-WEIGHT_NOISE, WEIGHT_NOISE, "w", r, year, month)
            return self.shipped.shares[r] * (1 + noise)

        if region in FOUR_REGIONS:
            return raw(region) / sum(raw(r) for r in FOUR_REGIONS)
        return raw(region) / 100

    def level(self, key: Key) -> float:
        """Unrounded level: the month's amount, or the sum from January (cumulative)."""
        month = key.month
        if key.basis == "month":
            return self.amount(key.indicator, key.region, month.year, month.month)
        return sum(
            self.amount(key.indicator, key.region, month.year, m) for m in range(1, month.month + 1)
        )

    def has_levels(self, key: Key) -> bool:
        spec = INDICATORS[key.indicator]
        if key.segment != "all" or not spec.per_month or not spec.level_unit:
            return False
        if key.region != "national":
            return key.indicator == "revenue" and key.region in self.shipped.shares
        return key.indicator in self.shipped.monthly or key.indicator in FOLLOWS

    # -- every measure
    def true_value(self, key: Key) -> float:
        """The unrounded value of a key."""
        same = key._replace(measure="level", ref_period="")
        if key.measure == "level":
            if key.indicator == "profit_margin":
                profit = self.figure(same._replace(indicator="total_profit"))[0]
                revenue = self.figure(same._replace(indicator="revenue"))[0]
                return 100 * profit / revenue
            if not self.has_levels(key):
                raise ValueError(f"no level model for {key}")
            return self.level(key)
        if key.measure == "yoy_pct":
            if self.has_levels(key):
                year_ago = same._replace(period=str(key.month.shifted(-12)))
                return 100 * (self.level(same) / self.level(year_ago) - 1)
            centre = self.shipped.centres.get(key.series)
            if centre is None:
                centre = self.shipped.centres.get(
                    (key.indicator, "national", "all", "ytd", "yoy_pct"), 5.0
                )
            shift = self.uniform(-YEAR_SHIFT, YEAR_SHIFT, "y", key.indicator, key.month.year)
            return centre + shift + self.uniform(-RATE_NOISE, RATE_NOISE, "k", *key)
        if key.measure == "change_pp":
            base = "level" if key.indicator == "profit_margin" else "yoy_pct"
            now = key._replace(measure=base, ref_period="")
            then = now._replace(period=key.ref_period)
            return round(self.figure(now)[0] - self.figure(then)[0], 6)
        if key.measure == "share_pct":
            if key.indicator != "revenue" or key.region == "national":
                raise ValueError(f"no share model for {key}")
            return 100 * self.level(same) / self.level(same._replace(region="national"))
        if key.measure.startswith("gap_"):
            centre = self.shipped.centres.get(key.series, 0.0)
            return centre + self.uniform(-GAP_NOISE, GAP_NOISE, "k", *key)
        raise ValueError(f"no model for the measure of {key}")

    def figure(self, key: Key) -> tuple[float, str]:
        """(value in the contract's unit, the figure as printed) of a key."""
        cached = self._figures.get(key)
        if cached is None:
            cached = printed(self.true_value(key), self.format(key))
            self._figures[key] = cached
        return cached

    def observation(self, key: Key) -> Observation:
        """The validated ``Observation`` of a key."""
        value, figure = self.figure(key)
        return Observation.model_validate(
            {
                **key._asdict(),
                "value": value,
                "unit": unit_of(key.indicator, key.measure),
                "printed": figure,
            }
        )


def printed(value: float, fmt: Format) -> tuple[float, str]:
    """``value`` rounded as ``fmt`` prints it: (printed number × factor, signed; the figure
    unsigned with its unit, as the bulletins print it: ``下降1.8%`` -> ``1.8%``)."""
    number = abs(value) / float(fmt.factor)
    decimals = fmt.decimals
    while fmt.scaled and number * 10**decimals < 10 ** (MIN_DIGITS - 1) and decimals < 6:
        decimals += 1
    text = f"{number:.{decimals}f}"
    exact = Decimal(text) * fmt.factor
    return (-float(exact) if value < 0 and exact else float(exact)), text + fmt.suffix


# -- the store ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SyntheticSummary:
    """What ``build`` made and how long it took (seconds)."""

    path: Path
    seed: int
    shape: Shape
    through_add: bool
    first_period: str
    last_period: str
    bulletins: int
    #: Observations printed by the bulletins (a key printed by two bulletins counts twice).
    printed: int
    #: Printed facts in the store (``Store.facts``: the latest of each key).
    facts: int
    #: Rows of ``loaders.api.observations(store=...)``, and how many of them are derived.
    rows: int
    derived: int
    version: int
    #: Month -> the shipped bulletin period whose keys its bulletins print.
    templates: dict[int, str]
    #: Failed checks: ``loaders.bulletin.checks.store_report`` over the built store, and the
    #: warnings of ``Store.add`` when it was used. None expected.
    warnings: tuple[str, ...]
    seconds_total: float
    seconds_values: float
    seconds_store: float
    seconds_observations: float
    seconds_checks: float

    def __str__(self) -> str:
        writer = "Store.add" if self.through_add else "insert_bulletin"
        return (
            f"{self.path}: {self.bulletins} bulletins {self.first_period}..{self.last_period} "
            f"(seed {self.seed}, shape {self.shape}), {self.printed} printed observations, "
            f"{self.facts} facts, {self.rows} rows of api.observations ({self.derived} derived), "
            f"version {self.version}, {len(self.warnings)} warnings; built in "
            f"{self.seconds_total:.1f} s (values {self.seconds_values:.1f} s, {writer} "
            f"{self.seconds_store:.1f} s, api.observations {self.seconds_observations:.1f} s, "
            f"checks {self.seconds_checks:.1f} s)"
        )


def synthetic_bulletin(period: Month, template: Template, model: Model) -> tuple[Bulletin, str]:
    """The synthetic bulletin of ``period`` and its text."""
    text = text_of(period, model.seed)
    bulletin = Bulletin(
        source=SOURCE,
        period=str(period),
        title=title_of(period),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        observations=[model.observation(key) for key in template.keys_for(period)],
        issues=[],
    )
    return bulletin, text


def store_bulletin(store: Store, bulletin: Bulletin, text: str, through_add: bool) -> list[str]:
    """Store one bulletin in one transaction; the warnings ``Store.add`` gave (if used).

    ``Store.add`` reads every stored fact on each call (to report changed values and run the
    cross-bulletin checks): building 30 years through it is quadratic, about 40 s. The fast
    path writes the same rows with the same function (``insert_bulletin``, as ``Store.add``
    and ``loaders.tables.importer`` do) in the same kind of transaction, without that read;
    ``build`` runs the checks once over the finished store instead."""
    period = Month.parse(bulletin.period)
    if through_add:
        result = store.add(
            bulletin, text, source=SOURCE, added_by=ADDED_BY, added_at=published(period)
        )
        if result.status != "added":
            raise RuntimeError(f"{period}: Store.add says {result.status}, expected added")
        return [f"{period}: {issue.message}" for issue in result.warnings]
    with store.write() as connection:
        insert_bulletin(
            connection,
            bulletin,
            text=text,
            source=SOURCE,
            parser_version=parser_version(),
            added_at=utc_naive(published(period)),
            added_by=ADDED_BY,
            publisher=PUBLISHER,
        )
    return []


def build(
    path: Path,
    years: int = 30,
    last_year: int = 2025,
    seed: int = 0,
    *,
    shape: Shape = "month",
    through_add: bool = False,
    datasets: Path = SHIPPED,
) -> SyntheticSummary:
    """Write a new SQLite store at ``path`` of ``years`` years of synthetic bulletins ending
    with ``last_year``; see the module docstring. Refuses an existing file. ``through_add``:
    store each bulletin with ``Store.add`` (slow, see ``store_bulletin``)."""
    start = time.perf_counter()
    if years < 1:
        raise ValueError(f"years is {years}, expected at least 1")
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists: the synthetic store is written to a new file")
    bulletin_rows, observation_rows = printed_rows(datasets)
    templates = select_templates(bulletin_rows, observation_rows, shape)
    model = Model(Shipped.of(observation_rows, templates), seed, last_year)
    periods = bulletin_periods(last_year - years + 1, last_year)
    seconds_values = seconds_store = 0.0
    printed_count = 0
    warnings: list[str] = []
    store = Store(f"sqlite:///{path}")
    try:
        for period in periods:
            began = time.perf_counter()
            bulletin, text = synthetic_bulletin(period, templates[period.month], model)
            made = time.perf_counter()
            warnings.extend(store_bulletin(store, bulletin, text, through_add))
            seconds_values += made - began
            seconds_store += time.perf_counter() - made
            printed_count += len(bulletin.observations)
        began = time.perf_counter()
        frame = api.observations(store=store)
        queried = time.perf_counter()
        report = store_report(store.facts())
        warnings.extend(line.removeprefix("warning: ") for line in report[1:])
        checked = time.perf_counter()
        summary = SyntheticSummary(
            path=path,
            seed=seed,
            shape=shape,
            through_add=through_add,
            first_period=str(periods[0]),
            last_period=str(periods[-1]),
            bulletins=len(store.bulletins()),
            printed=printed_count,
            facts=int((~frame["derived"]).sum()),
            rows=len(frame),
            derived=int(frame["derived"].sum()),
            version=store.version(),
            templates={month: str(t.period) for month, t in templates.items()},
            warnings=tuple(warnings),
            seconds_total=time.perf_counter() - start,
            seconds_values=seconds_values,
            seconds_store=seconds_store,
            seconds_observations=queried - began,
            seconds_checks=checked - queried,
        )
    finally:
        store.close()
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic store (NOT real data) for the performance benchmark.",
    )
    parser.add_argument("out", type=Path, help="the new SQLite file to write (must not exist)")
    parser.add_argument("--years", type=int, default=30, help="years of bulletins (30)")
    parser.add_argument("--last-year", type=int, default=2025, help="the last year (2025)")
    parser.add_argument("--seed", type=int, default=0, help="pseudo-random seed (0)")
    parser.add_argument(
        "--shape",
        choices=("month", "richest"),
        default="month",
        help="template of each bulletin: the richest shipped bulletin of its month (month) "
        "or the richest shipped bulletin for all months (richest)",
    )
    parser.add_argument(
        "--through-add",
        action="store_true",
        help="store each bulletin with Store.add (slow: it reads every stored fact each time)",
    )
    args = parser.parse_args(argv)
    try:
        summary = build(
            args.out,
            args.years,
            args.last_year,
            args.seed,
            shape=args.shape,
            through_add=args.through_add,
        )
    except (FileExistsError, ValueError) as error:
        print(f"synthetic_store: {error}", file=sys.stderr)
        return 2
    print(summary)
    print("templates: " + ", ".join(f"{m:02d} <- {p}" for m, p in summary.templates.items()))
    for warning in summary.warnings:
        print(f"warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

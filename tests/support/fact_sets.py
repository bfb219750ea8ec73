"""Hypothesis strategies: sets of facts a bulletin could print, for the writer's tests.

``bulletins()`` draws (period, facts): a reporting period (1—2 to 1—12 of 2019—2025) and
any subset of what the bulletins print: value added, products, prices, exports and customs,
revenue, cost, profit, margin, receivables, investment, the regions and clusters, the
sub-industries, changes against every earlier period a bulletin names, gaps to the
comparison industries, zeros (持平), growth printed as a multiple (倍), figures of other
periods (a year earlier, the previous cumulative period), and derived figures. Values are
decimals as a bulletin prints them, in the contract's units, and plausible (inside the
catalog's ranges) and consistent with each other (``consistent``), so the loader has no
reason to refuse one. ``styles()`` draws the
phrasings the loader must read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from loaders.bulletin.checks import failures
from loaders.bulletin.periods import Month
from loaders.catalog import (
    CLUSTERS,
    FOUR_REGIONS,
    INDICATORS,
    PRODUCTS,
    REGIONAL_MONTHLY_RANGE,
    unit_of,
)
from loaders.tables.derive import RATE_FROM_GAP
from loaders.writer import Fact, Style
from loaders.writer.plan import SEGMENTS_IN_ORDER
from loaders.writer.style import DASHES

Draw = Any

NATIONAL_LEVELS = {*PRODUCTS, "revenue", "operating_cost", "total_profit"}
#: Indicators with growth rates only (no published level).
RATES_ONLY = ("value_added", "export_delivery_value", "fixed_asset_investment", "producer_prices")
#: The gaps each indicator is printed with: those ``loaders.tables.derive`` recovers rates from.
GAPS: dict[str, tuple[str, ...]] = {}
for indicator, gap in RATE_FROM_GAP:
    GAPS[indicator] = (*GAPS.get(indicator, ()), gap)
SEGMENTS = SEGMENTS_IN_ORDER
REGIONS = (*FOUR_REGIONS, *CLUSTERS)


def _tenths(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals with one or two decimals between low/10 and high/10."""
    return st.one_of(
        st.integers(low, high).map(lambda n: Decimal(n) / 10),
        st.integers(low * 10, high * 10).map(lambda n: Decimal(n) / 100),
    )


def _text(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class Builder:
    """Collects the drawn facts of one document, one per key."""

    def __init__(self, period: Month) -> None:
        self.period = period
        self.facts: dict[tuple[str, ...], Fact] = {}

    def add(
        self,
        indicator: str,
        measure: str,
        value: Decimal,
        printed: str,
        *,
        basis: str = "ytd",
        region: str = "national",
        segment: str = "all",
        ref: Month | None = None,
        period: Month | None = None,
        derived: bool = False,
    ) -> None:
        fact = Fact.model_validate(
            {
                "period": str(period or self.period),
                "basis": basis,
                "indicator": indicator,
                "region": region,
                "segment": segment,
                "measure": measure,
                "value": float(value),
                "unit": unit_of(indicator, measure),
                "ref_period": str(ref) if ref else "",
                "derived": derived,
                "printed": printed,
            }
        )
        self.facts.setdefault(fact.key(), fact)


def rate(draw: Draw, multiple_allowed: bool = False) -> tuple[Decimal, str]:
    """(value in %, printed): a growth rate, 持平, or a multiple (``2.1倍`` = 210 %)."""
    kind = draw(st.sampled_from(("rate", "rate", "rate", "zero", "multiple")))
    if kind == "zero":
        return Decimal(0), "持平"
    if kind == "multiple" and multiple_allowed:
        times = Decimal(draw(st.integers(11, 59))) / 10
        return times * 100, f"{_text(times)}倍"
    value = draw(_tenths(-600, 900).filter(lambda v: v != 0))
    return value, draw(st.sampled_from((f"{_text(abs(value))}%", "")))


def points(draw: Draw, allow_zero: bool = True) -> tuple[Decimal, str]:
    """(value in pp, printed): a change or a gap, or 持平."""
    if allow_zero and draw(st.integers(0, 9)) == 0:
        return Decimal(0), "持平"
    value = draw(_tenths(-300, 300).filter(lambda v: v != 0))
    return value, draw(st.sampled_from((f"{_text(abs(value))}个百分点", "")))


def level(draw: Draw, indicator: str, months: int, regional: bool) -> tuple[Decimal, str]:
    """(value in the level unit, printed) inside the catalog's plausible range."""
    spec = INDICATORS[indicator]
    low, high = REGIONAL_MONTHLY_RANGE if regional else (spec.monthly_range or (1, 2))
    span = months if spec.per_month else 1
    value = Decimal(draw(st.integers(int(low * 1.2) + 1, int(high * 0.8)))) * span
    unit = spec.level_unit
    form = draw(st.sampled_from(("plain", "small", "big")))
    if form == "big" and value >= 10000:
        value = (value / 100).to_integral_value() * 100
        big = {"亿元": "万亿元"}.get(unit, "亿" + unit[1:])
        return value, f"{_text(value / 10000)}{big}"
    if form == "small":
        return value, f"{_text(value)}{unit}"
    return value, ""


def _changes(draw: Draw, builder: Builder, indicator: str, basis: str, **where: Any) -> None:
    period = where.get("period") or builder.period
    refs = [period.shifted(-12)]
    if basis == "month":
        refs.append(period.shifted(-1))
    else:
        if period.month >= 3:
            refs.append(period.shifted(-1))
        refs.append(Month(period.year - 1, 12))
    for ref in draw(st.lists(st.sampled_from(refs), max_size=2, unique=True)):
        value, printed = points(draw)
        builder.add(indicator, "change_pp", value, printed, basis=basis, ref=ref, **where)


def _growth(draw: Draw, builder: Builder, indicator: str, basis: str, **where: Any) -> None:
    """A growth rate with, maybe, its changes and gaps."""
    if draw(st.booleans()):
        value, printed = rate(draw)
        builder.add(indicator, "yoy_pct", value, printed, basis=basis, **where)
    if draw(st.booleans()):
        _changes(draw, builder, indicator, basis, **where)
    for gap in GAPS.get(indicator, ()):
        if draw(st.booleans()):
            value, printed = points(draw)
            builder.add(indicator, gap, value, printed, basis=basis, **where)


def _leveled(draw: Draw, builder: Builder, indicator: str, basis: str, **where: Any) -> None:
    """A level and its growth rate (each maybe)."""
    months = builder.period.month if basis == "ytd" else 1
    if draw(st.booleans()):
        regional = where.get("region", "national") != "national"
        value, printed = level(draw, indicator, months, regional)
        builder.add(indicator, "level", value, printed, basis=basis, **where)
    if draw(st.booleans()):
        value, printed = rate(draw, multiple_allowed=indicator.startswith("output_"))
        builder.add(indicator, "yoy_pct", value, printed, basis=basis, **where)


@st.composite
def bulletins(draw: Draw) -> tuple[Month, list[Fact]]:
    """(period, facts) of a drawn bulletin; see the module docstring."""
    period = Month(draw(st.integers(2019, 2025)), draw(st.integers(2, 12)))
    builder = Builder(period)
    bases = ("ytd", "month")
    for indicator in RATES_ONLY:
        for basis in bases:
            if draw(st.booleans()):
                _growth(draw, builder, indicator, basis)
    for indicator in sorted(NATIONAL_LEVELS):
        for basis in bases:
            if draw(st.integers(0, 3)) == 0 if basis == "month" else draw(st.booleans()):
                _leveled(draw, builder, indicator, basis)
                if (
                    basis == "ytd"
                    and indicator in ("revenue", "total_profit")
                    and draw(st.booleans())
                ):
                    _changes(draw, builder, indicator, basis)
    if draw(st.booleans()):
        value = draw(st.integers(100, 1200).map(lambda n: Decimal(n) / 100))
        builder.add("profit_margin", "level", value, draw(st.sampled_from((f"{value}%", ""))))
        if draw(st.booleans()):
            _changes(draw, builder, "profit_margin", "ytd")
    if draw(st.booleans()):
        value, printed = rate(draw)
        builder.add("receivables", "yoy_pct", value, printed)
    for region in REGIONS:
        if draw(st.booleans()):
            _leveled(draw, builder, "revenue", "ytd", region=region)
            if draw(st.booleans()):
                _changes(draw, builder, "revenue", "ytd", region=region)
            if draw(st.booleans()):
                share = draw(st.integers(1, 999).map(lambda n: Decimal(n) / 10))
                builder.add("revenue", "share_pct", share, f"{share}%", region=region)
    for segment in draw(st.lists(st.sampled_from(SEGMENTS), max_size=2, unique=True)):
        for indicator in ("value_added", "export_delivery_value", "revenue", "total_profit"):
            if draw(st.booleans()):
                value, printed = rate(draw)
                builder.add(indicator, "yoy_pct", value, printed, segment=segment)
    if draw(st.booleans()):  # 利润总额…(去年同期为下降13%): a rate of a year earlier
        value, printed = rate(draw)
        builder.add("total_profit", "yoy_pct", value, printed, period=period.shifted(-12))
    if period.month >= 3 and draw(st.booleans()):  # the previous cumulative period's figures
        earlier = period.shifted(-1)
        _growth(draw, builder, "value_added", "ytd", period=earlier)
    if draw(st.booleans()):  # a computed single month: written apart, never read back
        value, printed = level(draw, "revenue", 1, False)
        builder.add("revenue", "level", value, "", basis="month", derived=True)
    facts = list(builder.facts.values())
    if not any(not fact.derived for fact in facts):  # a bulletin prints something
        value, printed = rate(draw)
        builder.add("value_added", "yoy_pct", value, printed)
    return period, consistent(list(builder.facts.values()))


def consistent(facts: list[Fact]) -> list[Fact]:
    """The facts without those the loader's arithmetic checks would doubt: drawn one by one,
    shares, regional levels, margins and phones rarely agree, and a copy printing figures
    that contradict each other is garbled (the loader refuses them). The check is run
    without the printed figures' rounding, stricter than the loader's."""
    printed = [fact for fact in facts if not fact.derived]
    doubted = {o.key() for failure in failures(printed) for o in failure.doubted}
    return [fact for fact in facts if fact.derived or fact.key() not in doubted]


def styles() -> st.SearchStrategy[Style]:
    """Every phrasing of ``Style`` the loader reads."""
    return st.builds(
        Style,
        dash=st.sampled_from(DASHES),
        fen=st.booleans(),
        named=st.booleans(),
        compare=st.sampled_from(("较", "比")),
        year_ago=st.sampled_from(("上年同期", "去年同期")),
        gap_pair=st.booleans(),
        traditional=st.booleans(),
        spaced=st.booleans(),
        split_decimal=st.booleans(),
    )

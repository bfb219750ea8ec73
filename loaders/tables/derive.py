"""Derived series: numbers computed from printed ones, always flagged ``derived``.

Shape: the store's facts (latest vintage of each, printed figures only: dicts with
the tidy columns, ``bulletin`` and ``printed``) in; new rows of the same shape with
``derived = True`` out, never replacing a printed figure of the same key. Each row's
``text`` says how it was computed and ``bulletin`` names the latest bulletin used.

1. Single-month levels from consecutive cumulative levels (revenue, cost, profit,
   product output, customs exports …): month M = (1—M) − (1—(M−1)), same year, both
   printed. January and February are never split: the 1—2月 bulletin has no 1月
   figure to subtract.
2. The comparison industries' growth rates from the printed gaps: all industry's
   rate = ours − ``gap_industry_pp``; high-tech manufacturing's = ours −
   ``gap_high_tech_pp``; manufacturing's = ours − ``gap_manufacturing_pp``.
3. Regional shares of national revenue from the levels, where no share is printed:
   100 × region / national, same period and basis.
4. Earlier periods from printed changes (``loaders.tables.recover``): the figure at a
   change's ``ref_period`` is the printed figure minus the change.

Values are rounded to 6 decimals to drop float noise, not to the printed precision:
a difference of two rounded levels is only as precise as the coarser of the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from loaders.bulletin.periods import Month
from loaders.catalog import CLUSTERS, FOUR_REGIONS, INDICATORS, unit_of
from loaders.schema import KEY_COLUMNS, fact_key
from loaders.tables.recover import recovered

Row = dict[str, Any]

#: (our indicator, gap measure) -> the indicator whose rate the gap recovers.
RATE_FROM_GAP: dict[tuple[str, str], str] = {
    ("value_added", "gap_industry_pp"): "industry_value_added",
    ("value_added", "gap_high_tech_pp"): "high_tech_value_added",
    ("export_delivery_value", "gap_industry_pp"): "industry_export_delivery_value",
    ("fixed_asset_investment", "gap_industry_pp"): "industry_fixed_asset_investment",
    ("fixed_asset_investment", "gap_high_tech_pp"): "high_tech_fixed_asset_investment",
    ("fixed_asset_investment", "gap_manufacturing_pp"): "manufacturing_fixed_asset_investment",
}
_FOUR_AND_CLUSTERS = (*FOUR_REGIONS, *CLUSTERS)


def plain_figure(value: float) -> str:
    """A figure as written, without an exponent: 18630000.0 -> ``18630000``."""
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _latest_bulletin(*facts: Mapping[str, Any]) -> str:
    """The sha256 of the most recently added bulletin among the facts' sources."""
    return str(max(facts, key=lambda f: int(f.get("bulletin_id") or 0))["bulletin"])


def _row(template: Mapping[str, Any], text: str, bulletin: str, **changes: Any) -> Row:
    row: Row = {c: template[c] for c in KEY_COLUMNS}
    row.update(changes)
    row["value"] = round(float(row["value"]), 6)
    row["unit"] = unit_of(row["indicator"], row["measure"])
    row.update(derived=True, bulletin=bulletin, printed="", text=text)
    return row


def single_months(facts: Iterable[Mapping[str, Any]]) -> list[Row]:
    """Month M's level = cumulative (1—M) − cumulative (1—(M−1)), both printed."""
    levels = {
        fact_key(f): f
        for f in facts
        if f["measure"] == "level"
        and f["basis"] == "ytd"
        and INDICATORS[f["indicator"]].per_month
        and INDICATORS[f["indicator"]].level_unit
    }
    rows: list[Row] = []
    for fact in levels.values():
        month = Month.parse(fact["period"])
        if month.month < 2:
            continue
        earlier = str(month.shifted(-1))
        previous = levels.get(
            (earlier, fact["indicator"], fact["region"], fact["segment"], "ytd", "level", "")
        )
        if previous is None:
            continue
        value = float(fact["value"]) - float(previous["value"])
        rows.append(
            _row(
                fact,
                f"1—{month.month}月 {plain_figure(fact['value'])} − 1—{month.month - 1}月 "
                f"{plain_figure(previous['value'])} {fact['unit']}",
                fact["bulletin"],
                basis="month",
                value=value,
            )
        )
    return rows


def comparison_rates(facts: Iterable[Mapping[str, Any]]) -> list[Row]:
    """The rate of the industry a gap compares with: ours − gap."""
    by_key = {fact_key(f): f for f in facts}
    rows: list[Row] = []
    for fact in by_key.values():
        target = RATE_FROM_GAP.get((fact["indicator"], fact["measure"]))
        if target is None or fact["region"] != "national" or fact["segment"] != "all":
            continue
        ours = by_key.get(
            (fact["period"], fact["indicator"], "national", "all", fact["basis"], "yoy_pct", "")
        )
        if ours is None:
            continue
        value = float(ours["value"]) - float(fact["value"])
        rows.append(
            _row(
                fact,
                f"{INDICATORS[fact['indicator']].name_zh}增速 {plain_figure(ours['value'])}% − "
                f"差距 {fact['value']:+g} 个百分点",
                fact["bulletin"],
                indicator=target,
                measure="yoy_pct",
                value=value,
            )
        )
    return rows


def regional_shares(facts: Iterable[Mapping[str, Any]]) -> list[Row]:
    """A region's share of national revenue, 100 × region / national, where not printed."""
    by_key = {fact_key(f): f for f in facts}
    rows: list[Row] = []
    for fact in by_key.values():
        if (
            fact["indicator"] != "revenue"
            or fact["measure"] != "level"
            or fact["region"] not in _FOUR_AND_CLUSTERS
            or fact["segment"] != "all"
        ):
            continue
        printed = (fact["period"], "revenue", fact["region"], "all", fact["basis"], "share_pct", "")
        national = by_key.get(
            (fact["period"], "revenue", "national", "all", fact["basis"], "level", "")
        )
        if printed in by_key or national is None or float(national["value"]) <= 0:
            continue
        value = 100 * float(fact["value"]) / float(national["value"])
        rows.append(
            _row(
                fact,
                f"100 × {plain_figure(fact['value'])} / "
                f"{plain_figure(national['value'])} 亿元 (全国)",
                _latest_bulletin(fact, national),
                measure="share_pct",
                value=value,
            )
        )
    return rows


def derived_rows(facts: Iterable[Mapping[str, Any]]) -> list[Row]:
    """Every derived series of the facts, none with the key of a printed figure."""
    facts = list(facts)
    printed = {fact_key(f) for f in facts}
    rows = [
        *single_months(facts),
        *comparison_rates(facts),
        *regional_shares(facts),
        *recovered(facts).rows,
    ]
    return [row for row in rows if fact_key(row) not in printed]

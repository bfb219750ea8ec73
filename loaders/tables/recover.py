"""Earlier periods recovered from later bulletins: the figure a printed change refers to.

Shape: the store's facts (latest vintage of each printed figure: dicts with the tidy
columns, ``bulletin`` and ``printed``) in; ``Recovery`` out: new rows of the same shape with
``derived = True``, and the keys whose recovered values disagree with each other.

A bulletin of 2023-11 that prints value added growth of 2.6 % (1—11月) and a rise of 0.9
percentage points on 1—10月份 fixes the 1—10月 rate: 2.6 − 0.9 = 1.7 %. The same holds for
every ``change_pp`` with a ``ref_period``: the previous cumulative period, the same period a
year earlier, the previous month (single-month rates), the previous full year (``较2024年``).
For the profit margin the change is of its level (%), for everything else of its growth
rate (``yoy_pct``), as the contract says.

- The value keeps the printed precision: value − change, rounded to the more decimals of
  the two printed figures (2.6 − 0.9 has one), which drops float noise and invents no digit.
- Its ``text`` says how it was computed and from which bulletin (period and the first 12
  characters of its sha256); ``bulletin`` is that bulletin's sha256.
- Several bulletins may recover the same figure (1—10月 from 1—11月's change and from the
  next year's ``比上年同期``): equal values make one row naming each; different values make
  none, and the key is listed in ``Recovery.disagreements`` (``eim check`` reports them).
- A printed figure of the same key always wins: the recovered value is not emitted, and
  ``loaders.bulletin.checks.change_consistency`` compares the two (a warning beyond rounding).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from loaders.catalog import changed_measure, unit_of
from loaders.schema import KEY_COLUMNS, FactKey, fact_key

Row = dict[str, Any]


@dataclass(frozen=True)
class Recovery:
    """The recovered rows (``derived`` True) and the keys several bulletins recover
    differently, each with its candidate values and the bulletins (sha256) behind them."""

    rows: list[Row]
    disagreements: dict[FactKey, list[tuple[float, str]]] = field(default_factory=dict)


def decimals(fact: Mapping[str, Any]) -> int:
    """Decimal places of a fact as printed (``9.0%`` -> 1, ``4个百分点`` -> 0); from its
    value when the printed form is not kept (imported tables)."""
    printed = str(fact.get("printed") or "")
    digits = "".join(ch for ch in printed if ch.isdigit() or ch == ".")
    if not digits or not digits[0].isdigit():
        digits = format(Decimal(repr(float(fact["value"]))), "f")
    return len(digits.split(".", 1)[1].rstrip()) if "." in digits else 0


def _base_key(change: Mapping[str, Any], period: str) -> FactKey:
    """The key of the figure a change compares, at ``period``."""
    return (
        period,
        change["indicator"],
        change["region"],
        change["segment"],
        change["basis"],
        changed_measure(str(change["indicator"])),
        "",
    )


def _text(change: Mapping[str, Any], now: Mapping[str, Any], value: float) -> str:
    return (
        f"{change['period']} 的 {now.get('printed') or now['value']} − 较 {change['ref_period']} "
        f"变化 {float(change['value']):+g} 个百分点 = {value:g}%"
        f"（据 {change['period']} 公报 {str(change['bulletin'])[:12]}）"
    )


def recovered(facts: Iterable[Mapping[str, Any]]) -> Recovery:
    """The figures the printed changes refer to, where no figure of that key is printed."""
    by_key = {fact_key(f): f for f in facts}
    candidates: dict[FactKey, list[tuple[float, Mapping[str, Any], Mapping[str, Any]]]] = {}
    for change in by_key.values():
        if change["measure"] != "change_pp" or not change["ref_period"]:
            continue
        now = by_key.get(_base_key(change, str(change["period"])))
        if now is None:
            continue
        target = _base_key(change, str(change["ref_period"]))
        if target in by_key:
            continue
        places = max(decimals(now), decimals(change))
        value = round(float(now["value"]) - float(change["value"]), places) + 0.0
        candidates.setdefault(target, []).append((value, change, now))
    rows: list[Row] = []
    disagreements: dict[FactKey, list[tuple[float, str]]] = {}
    for target in sorted(candidates):
        found = sorted(candidates[target], key=lambda c: str(c[1]["period"]))
        if len({value for value, _, _ in found}) > 1:
            disagreements[target] = [(value, str(c["bulletin"])) for value, c, _ in found]
            continue
        value, change, now = found[-1]
        row: Row = dict(zip(KEY_COLUMNS, target, strict=True))
        row.update(
            value=value,
            unit=unit_of(str(row["indicator"]), str(row["measure"])),
            derived=True,
            bulletin=change["bulletin"],
            printed="",
            text="；".join(_text(c, n, v) for v, c, n in found),
        )
        rows.append(row)
    return Recovery(rows, disagreements)

"""Derived series: single months from cumulative levels, comparison rates from gaps,
regional shares from levels — each flagged derived and never over a printed figure."""

from __future__ import annotations

from typing import Any

import pytest

from loaders.tables.derive import comparison_rates, derived_rows, regional_shares, single_months


def fact(
    period: str,
    indicator: str,
    measure: str,
    value: float,
    *,
    basis: str = "ytd",
    region: str = "national",
    unit: str = "亿元",
    bulletin: str = "b1",
    bulletin_id: int = 1,
) -> dict[str, Any]:
    return {
        "period": period,
        "basis": basis,
        "indicator": indicator,
        "region": region,
        "segment": "all",
        "measure": measure,
        "value": value,
        "unit": unit,
        "ref_period": "",
        "derived": False,
        "bulletin": bulletin,
        "bulletin_id": bulletin_id,
        "printed": "",
        "text": "",
    }


def test_single_month_is_the_difference_of_consecutive_cumulative_levels() -> None:
    facts = [
        fact("2024-04", "revenue", "level", 43210, bulletin="april", bulletin_id=1),
        fact("2024-05", "revenue", "level", 54321, bulletin="may", bulletin_id=2),
    ]
    (row,) = single_months(facts)
    assert (row["period"], row["basis"], row["measure"], row["derived"]) == (
        "2024-05",
        "month",
        "level",
        True,
    )
    assert row["value"] == pytest.approx(11111)
    assert row["bulletin"] == "may"
    assert "54321" in row["text"] and "43210" in row["text"]


def test_january_february_is_not_split_and_gaps_in_months_give_nothing() -> None:
    facts = [
        fact("2024-02", "revenue", "level", 21000),
        fact("2024-03", "revenue", "level", 33000),
        fact("2024-05", "revenue", "level", 55000),
    ]
    assert [r["period"] for r in single_months(facts)] == ["2024-03"]


def test_a_year_boundary_is_never_crossed() -> None:
    facts = [
        fact("2023-12", "revenue", "level", 151000),
        fact("2024-02", "revenue", "level", 21000),
    ]
    assert single_months(facts) == []


def test_comparison_rate_is_ours_minus_the_gap() -> None:
    facts = [
        fact("2024-05", "value_added", "yoy_pct", 12.8, unit="%"),
        fact("2024-05", "value_added", "gap_industry_pp", 6.6, unit="pp"),
        fact("2024-05", "value_added", "gap_high_tech_pp", -0.4, unit="pp"),
    ]
    rates = {r["indicator"]: r["value"] for r in comparison_rates(facts)}
    assert rates == {
        "industry_value_added": pytest.approx(6.2),
        "high_tech_value_added": pytest.approx(13.2),
    }


def test_regional_share_is_derived_only_where_not_printed() -> None:
    facts = [
        fact("2024-05", "revenue", "level", 50000),
        fact("2024-05", "revenue", "level", 35000, region="east"),
        fact("2024-05", "revenue", "level", 500, region="northeast"),
        fact("2024-05", "revenue", "share_pct", 70.0, region="east", unit="%"),
    ]
    shares = {r["region"]: r["value"] for r in regional_shares(facts)}
    assert shares == {"northeast": pytest.approx(1.0)}


def test_no_derived_row_takes_the_key_of_a_printed_one() -> None:
    facts = [
        fact("2024-04", "revenue", "level", 43210),
        fact("2024-05", "revenue", "level", 54321),
        fact("2024-05", "revenue", "level", 11000, basis="month"),
    ]
    assert derived_rows(facts) == []

"""The Python API: DataFrames of the store, filtered; an empty store filled from datasets/."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from loaders import api, parse_bulletin
from loaders.settings import Settings
from loaders.store import Store

APRIL = """2024年1—4月份电子信息制造业运行情况
1—4月份，规模以上电子信息制造业增加值同比增长13.6%，增速比同期工业高7.3个百分点。
1—4月份，规模以上电子信息制造业实现营业收入4.61万亿元，同比增长8.1%。
1—4月份，东部地区实现营业收入32100亿元，同比增长9.2%。
"""
MAY = """2024年1—5月份电子信息制造业运行情况
1—5月份，规模以上电子信息制造业增加值同比增长13.8%，增速比同期工业高7.6个百分点。
1—5月份，规模以上电子信息制造业实现营业收入5.86万亿元，同比增长8.4%。
"""
MAY_REVISED = MAY.replace("13.8%", "13.9%")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'eim.sqlite'}")
    store.add(parse_bulletin(APRIL), APRIL, added_at=datetime(2024, 5, 20))
    store.add(parse_bulletin(MAY), MAY, added_at=datetime(2024, 6, 20))
    return store


def test_observations_filters_by_code_period_and_kind(store: Store) -> None:
    frame = api.observations(indicator="revenue", region="national", measure="level", store=store)
    assert sorted(zip(frame["period"], frame["basis"], frame["derived"], strict=True)) == [
        ("2024-04", "ytd", False),
        ("2024-05", "month", True),
        ("2024-05", "ytd", False),
    ]
    printed = api.observations(
        indicator="revenue", measure="level", derived=False, start="2024-05", store=store
    )
    assert printed[["period", "value"]].values.tolist() == [["2024-05", 58600.0]]
    month = api.observations(indicator="revenue", basis="month", store=store)
    assert month["value"].tolist() == [pytest.approx(12500.0)]


def test_several_codes_and_comparison_rates(store: Store) -> None:
    frame = api.observations(
        indicator=["value_added", "industry_value_added"],
        measure="yoy_pct",
        end="2024-04",
        store=store,
    )
    assert sorted(zip(frame["indicator"], frame["value"], frame["derived"], strict=True)) == [
        ("industry_value_added", pytest.approx(6.3), True),
        ("value_added", 13.6, False),
    ]


def test_as_of_shows_an_earlier_vintage(store: Store) -> None:
    store.add(parse_bulletin(MAY_REVISED), MAY_REVISED, added_at=datetime(2024, 7, 1))
    latest = api.observations(
        indicator="value_added", measure="yoy_pct", start="2024-05", store=store
    )
    before = api.observations(
        indicator="value_added",
        measure="yoy_pct",
        start="2024-05",
        as_of="2024-06-30T00:00:00",
        store=store,
    )
    assert latest["value"].tolist() == [13.9]
    assert before["value"].tolist() == [13.8]
    assert len(api.bulletins(store=store)) == 3
    assert api.bulletins(store=store)["vintage"].tolist() == [1, 1, 2]


def test_wide_has_one_row_per_period(store: Store) -> None:
    frame = api.wide(
        indicator="value_added", measure="yoy_pct", basis="ytd", derived=False, store=store
    )
    assert frame["period"].tolist() == ["2024-04", "2024-05"]
    assert frame.filter(like="value_added.national.all.ytd.yoy_pct").iloc[:, 0].tolist() == [
        13.6,
        13.8,
    ]


def test_an_empty_default_store_is_filled_from_the_shipped_datasets(tmp_path: Path) -> None:
    shipped = api.SHIPPED_DATASETS
    if not (shipped / "observations.csv").is_file():
        pytest.fail(f"{shipped} holds no observations.csv: run `eim datasets`")
    settings = Settings(database_path=tmp_path / "fresh.sqlite")
    store = api.default_store(settings)
    assert store.version() > 0
    frame = api.observations(store=store, derived=False)
    with (shipped / "observations.csv").open(encoding="utf-8-sig") as handle:
        shipped_printed = sum(1 for line in handle if ",false," in line)
    assert len(frame) == shipped_printed
    again = api.default_store(settings)
    assert again.version() == store.version()

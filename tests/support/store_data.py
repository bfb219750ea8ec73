"""The store tests' bulletins (made up, in the bulletins' style) and helpers to read a store.

Imported by the store tests and by the store fixtures of ``tests/conftest.py``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from loaders import parse_bulletin
from loaders.bulletin.models import Bulletin
from loaders.store import Store
from loaders.store.tables import bulletins, observations, schema_migrations

# -- the bulletins (made up for the tests; the figures are consistent with each other) ------

#: 1—4月: value added 10.0% (ytd), 13.1% (April alone).
B2024_04 = """2024年1—4月份电子信息制造业运行情况

1—4月份，我国电子信息制造业生产较快增长。

一、生产较快增长

1—4月份，规模以上电子信息制造业增加值同比增长10.0%。4月份，规模以上电子信息制造业增加值同比增长13.1%。

1—4月份，主要产品中，手机产量4.72亿台，同比增长9.0%；集成电路产量1350亿块，同比增长28.2%。
"""

#: 1—5月: value added 10.5%, 0.5 points above 1—4月's 10.0% (consistent).
B2024_05 = """2024年1—5月份电子信息制造业运行情况

1—5月份，我国电子信息制造业生产平稳增长，效益稳步改善。

一、生产平稳增长

1—5月份，规模以上电子信息制造业增加值同比增长10.5%，增速较1—4月份提高0.5个百分点。5月份，规模以上电子信息制造业增加值同比增长12.2%。

1—5月份，主要产品中，手机产量5.91亿台，同比增长8.1%；集成电路产量1700亿块，同比增长30.1%。

二、效益稳步改善

1—5月份，规模以上电子信息制造业实现营业收入5.90万亿元，同比增长7.3%；实现利润总额2100亿元，同比增长20.4%；营业收入利润率为3.6%。
"""

#: A second text for 1—5月 (a revision): phone output 5.91 -> 5.93亿台; it no longer prints
#: the profit paragraph. Every other figure is the same.
B2024_05_REVISED = """2024年1—5月份电子信息制造业运行情况

1—5月份，我国电子信息制造业生产平稳增长。

一、生产平稳增长

1—5月份，规模以上电子信息制造业增加值同比增长10.5%，增速较1—4月份提高0.5个百分点。5月份，规模以上电子信息制造业增加值同比增长12.2%。

1—5月份，主要产品中，手机产量5.93亿台，同比增长8.1%；集成电路产量1700亿块，同比增长30.1%。
"""

#: 1—5月 that contradicts 1—4月: 11.0% is 1.0 point above 10.0%, yet it says 0.5.
B2024_05_INCONSISTENT = """2024年1—5月份电子信息制造业运行情况

1—5月份，我国电子信息制造业生产平稳增长。

1—5月份，规模以上电子信息制造业增加值同比增长11.0%，增速较1—4月份提高0.5个百分点。5月份，规模以上电子信息制造业增加值同比增长12.2%。
"""

#: 1—6月, for a third period.
B2024_06 = """2024年1—6月份电子信息制造业运行情况

1—6月份，我国电子信息制造业生产保持增长。

1—6月份，规模以上电子信息制造业增加值同比增长10.8%，增速较1—5月份提高0.3个百分点。6月份，规模以上电子信息制造业增加值同比增长12.0%。

1—6月份，主要产品中，手机产量7.10亿台，同比增长7.6%；集成电路产量2050亿块，同比增长29.0%。
"""

TEXTS = {
    "2024-04.txt": B2024_04,
    "2024-05.txt": B2024_05,
    "2024-05-revised.txt": B2024_05_REVISED,
    "2024-05-inconsistent.txt": B2024_05_INCONSISTENT,
    "2024-06.txt": B2024_06,
}


def write_bulletins(folder: Path) -> dict[str, Path]:
    """Write ``TEXTS`` into ``folder`` (UTF-8, exactly as above); name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in TEXTS.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths[name] = path
    return paths


def parsed(text: str, name: str = "test.txt") -> Bulletin:
    """``text`` parsed as a bulletin named ``name``."""
    return parse_bulletin(text, name=name)


# -- reading the database directly ------------------------------------------------------------


def row_counts(store: Store) -> dict[str, int]:
    """Rows in each table of ``store``."""
    with store.engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in (bulletins, observations, schema_migrations)
        }


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a reader sees: bulletins, facts, version and row counts."""
    return {
        "bulletins": store.bulletins(),
        "facts": store.facts(),
        "version": store.version(),
        "rows": row_counts(store),
    }


def fact(facts: list[dict[str, Any]], **key: str) -> dict[str, Any]:
    """The one fact whose columns match ``key`` (basis ytd, region national, segment all,
    measure level and no ref_period unless given)."""
    wanted = {
        "basis": "ytd",
        "region": "national",
        "segment": "all",
        "measure": "level",
        "ref_period": "",
        **key,
    }
    found = [f for f in facts if all(f[c] == v for c, v in wanted.items())]
    assert len(found) == 1, f"{len(found)} facts match {wanted}"
    return found[0]


def utc(text: str) -> datetime:
    """A naive UTC time, as the store keeps them."""
    return datetime.fromisoformat(text)

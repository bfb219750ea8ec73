"""A fact's printed form is the figure as the text prints it, with the unit the text gives it:
``1.2个百分点``, never a code the loader uses (``1.2pp``); ``持平`` as it is, never ``持平%``.
Two gaps that share one unit (``高5个和3.1个百分点``) both carry it. One invented sentence per
row (``tests/support/rule_cases.py``'s titles)."""

from __future__ import annotations

import pytest
from rule_cases import TITLE

from loaders import parse_bulletin

ROWS = [
    pytest.param(
        "1—5月份，规模以上电子信息制造业增加值同比增长13.4%，增速分别比同期工业、"
        "高技术制造业高5个和3.1个百分点。",
        {"gap_industry_pp": "5个百分点", "gap_high_tech_pp": "3.1个百分点", "yoy_pct": "13.4%"},
        id="gap-pair-with-ge",
    ),
    pytest.param(
        "1—5月份，规模以上电子信息制造业增加值同比增长9.6%，增速分别超出工业、高技术制造业"
        "6.1和2.0个百分点。",
        {"gap_industry_pp": "6.1个百分点", "gap_high_tech_pp": "2.0个百分点", "yoy_pct": "9.6%"},
        id="gap-pair-verb-first",
    ),
    pytest.param(
        "1—5月份，规模以上电子信息制造业增加值同比增长8.1%，增速较1—4月份提高1.2个百分点。",
        {"yoy_pct": "8.1%", "change_pp": "1.2个百分点"},
        id="change",
    ),
    pytest.param(
        "1—5月份，规模以上电子信息制造业增加值同比增长8.1%，增速与1—4月份持平。",
        {"yoy_pct": "8.1%", "change_pp": "持平"},
        id="change-flat",
    ),
    pytest.param(
        "1—5月份，规模以上电子信息制造业出口交货值与去年同期持平。",
        {"yoy_pct": "持平"},
        id="rate-flat",
    ),
    pytest.param(
        "1—5月份，电子信息制造业固定资产投资同比增长6.2%，与同期工业投资增速基本持平。",
        {"yoy_pct": "6.2%", "gap_industry_pp": "基本持平"},
        id="gap-flat",
    ),
]


@pytest.mark.parametrize(("sentence", "printed"), ROWS)
def test_a_fact_is_printed_as_the_text_prints_it(sentence: str, printed: dict[str, str]) -> None:
    bulletin = parse_bulletin(f"{TITLE}\n{sentence}")
    found = {o.measure: o.printed for o in bulletin.observations}
    assert found == printed
    for form in found.values():
        assert not form.endswith(("pp", "持平%")), form

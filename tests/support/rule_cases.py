"""The rows of the rule tables (``tests/bulletin/test_rules_*.py``): one short invented
bulletin per row, a title line plus one sentence in the bulletins' style, with every fact the
contract's codes can express in it.

``case(sentence, *facts, id=…)`` is a row whose sentence must give exactly those facts and no
issue; ``negative(sentence, issue, *facts, id=…)`` a row whose figure must not become a fact but
be reported as an issue (``issue`` is in its message), the other facts intact. A ``Fact`` is
(indicator, region, segment, basis, measure, ref_period, value) and its period when it is not
the bulletin's own (``fact`` fills in the contract's defaults: national, whole industry,
cumulative). A row marked ``xfail`` is a correct expectation the loader does not meet yet.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from loaders import Bulletin, parse_bulletin

TITLE = "2024年1—5月份电子信息制造业运行情况"
TITLE_2020 = "2020年1—5月份电子信息制造业运行情况"
TITLE_2025 = "2025年1—2月份电子信息制造业运行情况"
TITLE_NOVEMBER = "2024年1—11月份电子信息制造业运行情况"


class Fact(NamedTuple):
    """A fact's key and value; ``period`` empty means the bulletin's own period."""

    indicator: str
    region: str
    segment: str
    basis: str
    measure: str
    ref_period: str
    value: float
    period: str = ""


def fact(
    indicator: str,
    measure: str,
    value: float,
    *,
    basis: str = "ytd",
    region: str = "national",
    segment: str = "all",
    ref: str = "",
    period: str = "",
) -> Fact:
    """A ``Fact`` with the contract's defaults (national, whole industry, cumulative)."""
    return Fact(indicator, region, segment, basis, measure, ref, value, period)


def facts_of(bulletin: Bulletin) -> set[Fact]:
    """The bulletin's observations as ``Fact``s, each with its own period spelled out."""
    return {
        Fact(o.indicator, o.region, o.segment, o.basis, o.measure, o.ref_period, o.value, o.period)
        for o in bulletin.observations
    }


def resolved(expected: set[Fact], period: str) -> set[Fact]:
    """``expected`` with the bulletin's period filled in where a fact names none."""
    return {e._replace(period=e.period or period) for e in expected}


def case(
    sentence: str,
    *expected: Fact,
    id: str,
    title: str = TITLE,
    xfail: str = "",
) -> object:
    """One row: the sentence under ``title``, the facts it must give, an optional xfail."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(f"{title}\n{sentence}", set(expected), id=id, marks=marks)


def negative(
    sentence: str,
    issue: str,
    *expected: Fact,
    id: str,
    title: str = TITLE,
    xfail: str = "",
) -> object:
    """A row whose figure must not be a fact: ``issue`` is in the message that reports it;
    ``expected`` are the sentence's other, intact facts."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(f"{title}\n{sentence}", issue, set(expected), id=id, marks=marks)


def assert_sentence_gives(text: str, expected: set[Fact]) -> None:
    """The bulletin ``text`` gives exactly the ``expected`` facts and no issue."""
    bulletin = parse_bulletin(text)
    assert facts_of(bulletin) == resolved(expected, bulletin.period)
    assert [issue.message for issue in bulletin.issues] == []


VA = "value_added"
EDV = "export_delivery_value"
FAI = "fixed_asset_investment"
PPI = "producer_prices"
YOY = "yoy_pct"
CHG = "change_pp"
GAP_IND = "gap_industry_pp"
GAP_HT = "gap_high_tech_pp"
GAP_MFG = "gap_manufacturing_pp"

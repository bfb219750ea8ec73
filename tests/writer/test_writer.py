"""The writer's phrasing: the Chinese reads like the MIIT's bulletin, the English like a
careful translation of it, and both state stored facts only.

- Chinese: the 2023-11 bulletin written from its facts repeats the bulletin's own clauses
  (read from ``../shared/corpus``); the wording rules for signs, units and reference
  periods are checked on own facts.
- English: every figure, read back with the English units (trillion / billion yuan,
  million / billion units, percentage points), is its fact's value, and the words around
  it give its sign; no figure stands outside a ``Figure``, in either language.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from corpus_paths import CORPUS, require
from fact_sets import bulletins
from hypothesis import HealthCheck, given, settings

from loaders import parse_bulletin
from loaders.bulletin.periods import Month
from loaders.bulletin.text import normalize
from loaders.writer import Document, Fact, Figure, Style, write
from loaders.writer.numerals import exact
from loaders.writer.style import HOUSE_STYLE

WRITER_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


def fact(indicator: str, measure: str, value: float, **fields: str) -> Fact:
    """An own fact of 2024-05 (cumulative, national, whole industry unless given)."""
    from loaders.catalog import unit_of

    return Fact.model_validate(
        {
            "period": "2024-05",
            "basis": "ytd",
            "indicator": indicator,
            "measure": measure,
            "value": value,
            "unit": unit_of(indicator, measure),
            **fields,
        }
    )


def zh(*facts: Fact, style: Style = HOUSE_STYLE) -> str:
    return write(list(facts), "2024-05", "zh", style).text()


def en(*facts: Fact) -> str:
    return write(list(facts), "2024-05", "en").text()


# -- Chinese --------------------------------------------------------------------------


@pytest.mark.corpus
def test_written_2023_11_repeats_the_bulletins_own_clauses() -> None:
    require(CORPUS / "bulletins")
    path = CORPUS / "bulletins" / "2023-11__1.txt"
    bulletin = parse_bulletin(path)
    facts = [Fact.from_observation(o, bulletin.sha256) for o in bulletin.observations]
    written = normalize(write(facts, "2023-11", "zh").text())
    original = normalize(path.read_text(encoding="utf-8"))
    for clause in (
        "2023年1-11月份电子信息制造业运行情况",
        "一、生产",
        "1-11月份,规模以上电子信息制造业增加值同比增长2.6%,增速较1-10月份提高0.9个百分点",
        "比高技术制造业高0.3个百分点。11月份,规模以上电子信息制造业增加值同比增长10.6%。",
        "手机产量14.1亿台,同比增长3.6%",
        "集成电路产量3114亿块,同比增长3.7%",
        "出口交货值同比下降6.4%,降幅较1-10月份收窄0.5个百分点,比同期工业降幅深2.3个百分点",
        "据海关统计,1-11月份,",
        "出口笔记本电脑12849万台,同比下降16.9%",
        "实现营业收入13.5万亿元,同比下降1.8%,",
        "营业成本11.8万亿元,同比下降1.5%",
        "实现利润总额5736亿元,同比下降11.2%,",
        "营业收入利润率为4.2%,较1-10月份上升0.2个百分点",
    ):
        assert clause in original, f"not the bulletin's own words: {clause}"
        assert clause in written, f"the writer does not say: {clause}"


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ((fact("value_added", "yoy_pct", 12.6),), "增加值同比增长12.6%"),
        ((fact("value_added", "yoy_pct", -1.8),), "增加值同比下降1.8%"),
        ((fact("value_added", "yoy_pct", 0.0),), "增加值同比持平"),
        (
            (
                fact("export_delivery_value", "yoy_pct", -6.4),
                fact("export_delivery_value", "change_pp", 0.5, ref_period="2024-04"),
            ),
            "同比下降6.4%，降幅较1—4月份收窄0.5个百分点",
        ),
        (
            (
                fact("export_delivery_value", "yoy_pct", -6.4),
                fact("export_delivery_value", "change_pp", -0.8, ref_period="2024-04"),
            ),
            "同比下降6.4%，降幅较1—4月份加深0.8个百分点",
        ),
        (
            (
                fact("value_added", "yoy_pct", 2.0),
                fact("value_added", "change_pp", -0.6, ref_period="2023-05"),
            ),
            "同比增长2%，增速较上年同期回落0.6个百分点",
        ),
        (
            (
                fact("value_added", "yoy_pct", -1.0),
                fact("value_added", "change_pp", -3.0, ref_period="2023-12"),
            ),
            "同比下降1%，增速较2023年回落3个百分点",  # from +2 to -1: no longer a decline's
        ),
        (
            (
                fact("export_delivery_value", "yoy_pct", -6.4),
                fact("export_delivery_value", "gap_industry_pp", -2.3),
            ),
            "比同期工业降幅深2.3个百分点",
        ),
        (
            (
                fact("fixed_asset_investment", "yoy_pct", 9.2),
                fact("fixed_asset_investment", "gap_industry_pp", 0.2),
            ),
            "比同期工业投资增速高0.2个百分点",
        ),
        ((fact("fixed_asset_investment", "gap_high_tech_pp", 0.0),), "与高技术制造业投资增速持平"),
        ((fact("revenue", "level", 135000.0),), "实现营业收入13.5万亿元"),
        ((fact("total_profit", "level", 2217.0),), "实现利润总额2217亿元"),
        ((fact("output_mobile_phones", "level", 141000.0),), "手机产量14.1亿台"),
        (
            (fact("customs_export_integrated_circuits", "level", 24460000.0),),
            "出口集成电路2446亿个",
        ),
        ((fact("output_smartphones", "yoy_pct", 210.0, printed="2.1倍"),), "同比增长2.1倍"),
        (
            (fact("profit_margin", "change_pp", -0.2, ref_period="2024-04"),),
            "较1—4月份下降0.2个百分点",
        ),
        ((fact("receivables", "yoy_pct", 12.3),), "5月末，全行业应收票据及应收账款同比增长12.3%"),
        (
            (fact("revenue", "share_pct", 67.9, region="east"),),
            "东部地区营业收入占全国比重为67.9%",
        ),
        (
            (
                fact("value_added", "yoy_pct", 13.2, basis="month"),
                fact("value_added", "change_pp", 0.4, basis="month", ref_period="2024-04"),
            ),
            "5月份，规模以上电子信息制造业增加值同比增长13.2%，增速较上月提高0.4个百分点",
        ),
        (
            (fact("total_profit", "yoy_pct", -13.0, period="2023-05"),),
            "2023年1—5月份，利润总额同比下降13%",
        ),
    ],
)
def test_chinese_wording_rules(facts: tuple[Fact, ...], expected: str) -> None:
    text = zh(*facts)
    assert expected in text, text
    read = {o.key(): o.value for o in parse_bulletin(text).observations}
    assert read == {f.key(): f.value for f in facts}


def test_the_styles_change_only_the_phrasing() -> None:
    facts = (
        fact("value_added", "gap_industry_pp", 4.7),
        fact("value_added", "gap_high_tech_pp", 1.5),
        fact("value_added", "change_pp", 0.9, period="2024-06", ref_period="2024-05"),
    )
    assert "分别比同期工业、高技术制造业高4.7个和1.5个百分点" in zh(
        *facts, style=Style(gap_pair=True)
    )
    assert "比同期工业高4.7个百分点，比高技术制造业高1.5个百分点" in zh(*facts)
    half_year = write(list(facts), "2024-06", "zh", Style(named=True, compare="比")).text()
    assert "2024年上半年电子信息制造业运行情况" in half_year
    assert "增速比1—5月份提高0.9个百分点" in half_year
    assert "規模以上電子信息製造業" in zh(*facts, style=Style(traditional=True))
    assert "高 4. 7 个百分点" in zh(*facts, style=Style(spaced=True, split_decimal=True))


def test_a_change_no_phrase_names_is_unwritten_not_dropped() -> None:
    """A single month compared with a month two years back: no bulletin phrase says it."""
    odd = fact("value_added", "change_pp", 1.0, basis="month", ref_period="2022-02")
    document = write([fact("value_added", "yoy_pct", 2.0), odd], "2024-05", "zh")
    assert document.unwritten == [odd]
    assert "1个百分点" not in document.text()


# -- both languages: only stored facts -------------------------------------------------

_PERIOD_WORDS = re.compile(
    r"\d{4}年|1[—-]\d{1,2}月份?|\d{1,2}月[份末]?|\d{4}|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)


def text_outside_figures(document: Document) -> str:
    """The document without its figures and period names: no digit may remain."""
    rest = "\n".join(
        "".join(p for p in paragraph.pieces if isinstance(p, str))
        for paragraph in document.paragraphs
    )
    rest = document.title + "\n" + rest
    rest = rest.replace("EIM Monitor", "")
    return re.sub(r"\d+\. ", "", _PERIOD_WORDS.sub("", rest))  # and the "1. " of headings


_EN_SCALE = {
    "trillion yuan": Decimal(10000),
    "billion yuan": Decimal(10),
    "billion units": Decimal(100000),
    "billion chips": Decimal(100000),
    "billion components": Decimal(100000),
    "million units": Decimal(100),
    "million chips": Decimal(100),
    "million components": Decimal(100),
}
_RISING = ("up ", "grew ", "faster", "narrower", "higher", "above")
_FALLING = ("down ", "fell ", "slower", "deeper", "lower", "below")


def english_value(figure: Figure, before: str, after: str) -> Decimal:
    """The value an English reader takes from a figure and the words around it."""
    if figure.text in ("unchanged", "the same rate"):
        return Decimal(0)
    number, _, unit = figure.text.removeprefix("about ").partition(" ")
    magnitude = Decimal(number.rstrip("%").replace(",", ""))
    if figure.fact.measure == "level":
        magnitude *= _EN_SCALE.get(unit, Decimal(1))
        return magnitude
    if figure.fact.measure == "share_pct":
        return magnitude
    if before.endswith(_RISING) or after.lstrip().startswith(_RISING):
        return magnitude
    assert before.endswith(_FALLING) or after.lstrip().startswith(_FALLING), (before, after)
    return -magnitude


def check_english(document: Document) -> None:
    for paragraph in document.paragraphs:
        pieces = paragraph.pieces
        for index, piece in enumerate(pieces):
            if not isinstance(piece, Figure):
                continue
            before = pieces[index - 1] if index and isinstance(pieces[index - 1], str) else ""
            after = pieces[index + 1] if index + 1 < len(pieces) else ""
            after = after if isinstance(after, str) else ""
            value = english_value(piece, str(before), str(after))
            if piece.text.startswith("about "):  # a computed share, rounded to 0.1
                assert piece.fact.derived and abs(value - exact(piece.fact.value)) <= Decimal(
                    "0.05"
                ), piece
                continue
            assert value == exact(piece.fact.value), (piece, before, after)


@WRITER_SETTINGS
@given(drawn=bulletins())
def test_english_figures_are_the_facts_and_no_number_stands_outside_one(
    drawn: tuple[Month, list[Fact]],
) -> None:
    period, facts = drawn
    english = write(facts, str(period), "en")
    check_english(english)
    for document in (english, write(facts, str(period), "zh")):
        rest = text_outside_figures(document)
        assert not re.search(r"\d", rest), rest


def test_english_units_as_an_english_reader_expects() -> None:
    text = en(
        fact("revenue", "level", 135000.0),
        fact("total_profit", "level", 5736.0),
        fact("output_mobile_phones", "level", 141000.0),
        fact("customs_export_laptops", "level", 12849.0),
        fact("output_integrated_circuits", "level", 3114_0000.0),
        fact("value_added", "yoy_pct", 2.6),
        fact("value_added", "change_pp", 1.0, ref_period="2024-04"),
    )
    for phrase in (
        "operating revenue of electronic information manufacturers above designated size "
        "was 13.5 trillion yuan",
        "total profit was 573.6 billion yuan",
        "output of mobile phones was 1.41 billion units",
        "exports of laptop computers were 128.49 million units",
        "output of integrated circuits was 311.4 billion chips",
        "grew 2.6% year on year, growth 1 percentage point faster than in January–April 2024",
    ):
        assert phrase in text, text
    assert not re.search(r"[\u4e00-\u9fff]", text)


@pytest.mark.parametrize("period", ["2019-04", "2021-06", "2023-11", "2023-12", "2025-02"])
def test_shipped_periods_in_english_state_only_their_facts(period: str, tmp_path: Path) -> None:
    from loaders.api import SHIPPED_DATASETS
    from loaders.store import Store
    from loaders.tables.importer import import_tables
    from loaders.writer import period_facts

    store = Store(f"sqlite:///{tmp_path / 'eim.sqlite'}")
    import_tables(store, SHIPPED_DATASETS)
    facts = period_facts(store.facts(), period)
    document = write(facts, period, "en")
    assert not document.unwritten
    check_english(document)
    assert sorted(f.fact.key() for f in document.figures()) == sorted(f.key() for f in facts)
    assert not re.search(r"\d", text_outside_figures(document))


def test_a_long_computed_share_is_rounded_and_said_to_be_approximate() -> None:
    share = fact("revenue", "share_pct", 70.349095, region="east", derived="true")
    printed = fact("revenue", "share_pct", 15.9, region="central")
    assert "东部地区营业收入占全国比重约70.3%" in zh(share)
    assert "中部地区营业收入占全国比重为15.9%" in zh(printed)
    assert "the eastern region's operating revenue was about 70.3% of the national total" in en(
        share
    )
    assert "about 16.0%" in en(fact("revenue", "share_pct", 15.9637, region="west", derived="1"))
    assert "was 15.96% of" in en(fact("revenue", "share_pct", 15.96, region="west", derived="1"))

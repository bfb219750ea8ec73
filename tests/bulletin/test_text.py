"""Normalisation of bulletin text (``loaders.bulletin.text``): what every rule may rely on.

Covers script (traditional -> simplified, pinyin glosses removed), width (NFKC digits and
punctuation), month ranges (``1—11月份`` -> ``1-11月份``), spaces inside numbers and words,
junk lines (``?``, image file names, ``(资料图)``), figure captions, saved HTML pages, and
``decode`` of UTF-8 (with and without BOM) and GB18030 bytes.
"""

from __future__ import annotations

import pytest

from loaders.bulletin.text import decode, normalize


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("電子信息制造業", "电子信息制造业", id="traditional-ye"),
        pytest.param("營業收入同比增長", "营业收入同比增长", id="traditional-revenue"),
        pytest.param("出口交貨值", "出口交货值", id="traditional-export-delivery"),
        pytest.param(
            "较2024年提高3.7个百分点", "较2024年提高3.7个百分点", id="simplified-unchanged"
        ),
    ],
)
def test_traditional_becomes_simplified(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("業(yè)", "业", id="ye"),
        pytest.param("電子信息制造業(yè)", "电子信息制造业", id="in-word"),
        pytest.param("萬(wàn)臺(tái)", "万台", id="two-glosses"),
        pytest.param("手機(jī)產(chǎn)量1.2億(yì)臺(tái)", "手机产量1.2亿台", id="around-figure"),
        pytest.param("我們(men)", "我们", id="neutral-tone-men"),
        pytest.param("綠(lǜ)色", "绿色", id="u-umlaut-tone"),
        pytest.param("個(gè)百分點(diǎn)", "个百分点", id="percentage-points"),
        pytest.param("（yè）業（yè）", "(yè)业", id="full-width-parens-after-cjk-only"),
    ],
)
def test_pinyin_glosses_are_removed(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param("通信世界(CWW)", id="site-acronym"),
        pytest.param("分月增速(%)", id="percent-label"),
        pytest.param("生产者出厂价格(PPI)", id="ppi"),
        pytest.param("出口(USD)", id="currency"),
        pytest.param("A(yè)", id="gloss-after-latin-letter"),
    ],
)
def test_parenthesised_ascii_that_is_no_gloss_is_kept(kept: str) -> None:
    assert normalize(kept) == kept


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("同比增长１２．３％，", "同比增长12.3%,", id="digits-percent-comma"),
        pytest.param("（去年同期为下降１３％）", "(去年同期为下降13%)", id="parens"),
        pytest.param("原文如下：", "原文如下:", id="colon"),
        pytest.param("手机产量；", "手机产量;", id="semicolon"),
        pytest.param("67.9%、16.7%。", "67.9%、16.7%。", id="enumeration-comma-and-full-stop-kept"),
    ],
)
def test_full_width_forms_become_ascii(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("1—11月份", "1-11月份", id="em-dash"),
        pytest.param("1－11月", "1-11月", id="full-width-hyphen"),
        pytest.param("1–8月份", "1-8月份", id="en-dash"),
        pytest.param("1~5月", "1-5月", id="tilde"),
        pytest.param("1月~5月", "1-5月", id="tilde-with-first-month"),
        pytest.param("1月—11月份", "1-11月份", id="dash-with-first-month"),
        pytest.param("1至5月份", "1-5月份", id="zhi"),
        pytest.param("1月至5月份", "1-5月份", id="zhi-with-first-month"),
        pytest.param("1 — 11 月份", "1-11月份", id="spaced"),
        pytest.param("1-11月份", "1-11月份", id="already-clean"),
        pytest.param("较1—10月份提高", "较1-10月份提高", id="in-comparison"),
        pytest.param("12月29日", "12月29日", id="date-untouched"),
        pytest.param("10—11月", "10—11月", id="range-not-from-january-untouched"),
    ],
)
def test_month_ranges_are_written_with_a_hyphen(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("营业收 入", "营业收入", id="inside-word"),
        pytest.param("同比增长 9.3%", "同比增长9.3%", id="before-number"),
        pytest.param("同比增长 9.3 %", "同比增长9.3%", id="before-percent"),
        pytest.param("高 5.7 和 0.9 个百分点", "高5.7和0.9个百分点", id="two-numbers"),
        pytest.param("2022 年 1-8 月份", "2022年1-8月份", id="period"),
        pytest.param("手机产量 9.90 亿台", "手机产量9.90亿台", id="level"),
        pytest.param("增长\u30009.3%", "增长9.3%", id="ideographic-space"),
        pytest.param("增长\u00a09.3%", "增长9.3%", id="no-break-space"),
        pytest.param("增长\t9.3%", "增长9.3%", id="tab"),
        pytest.param("Hello World", "Hello World", id="latin-words-kept"),
        pytest.param(
            "发布时间：2022-09-30 10:00", "发布时间:2022-09-30 10:00", id="date-and-time-kept-apart"
        ),
    ],
)
def test_spaces_inside_numbers_and_words_are_removed(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("甲\n?\n乙", "甲\n乙", id="question-mark"),
        pytest.param("甲\n???\n乙", "甲\n乙", id="question-marks"),
        pytest.param("甲\n 1664495739355099884.png \n乙", "甲\n乙", id="digit-png"),
        pytest.param("甲\n1.jpg\n乙", "甲\n乙", id="jpg"),
        pytest.param("甲\nimage.png\n乙", "甲\n乙", id="named-png"),
        pytest.param("甲\nPHOTO_2.JPEG\n乙", "甲\n乙", id="upper-case-jpeg"),
        pytest.param("甲\n(资料图)\n乙", "甲\n乙", id="ziliaotu-parens"),
        pytest.param("甲\n（资料图）\n乙", "甲\n乙", id="ziliaotu-full-width-parens"),
        pytest.param("甲\n【资料图】\n乙", "甲\n乙", id="ziliaotu-brackets"),
        pytest.param("甲\n(资料图片)\n乙", "甲\n乙", id="ziliaotupian"),
        pytest.param("甲\n\n\n乙", "甲\n乙", id="blank-lines"),
        pytest.param("  甲  \n乙", "甲\n乙", id="indent"),
        pytest.param("甲\r\n乙\r丙", "甲\n乙\n丙", id="line-endings"),
        pytest.param("同比增长9.3%?", "同比增长9.3%?", id="question-mark-in-text-kept"),
    ],
)
def test_junk_lines_are_removed(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param(
            "增加值同比增长8.1%。\n图1 电子信息制造业和工业增加值累计增速\n1-6月份,主要产品中",
            "增加值同比增长8.1%。\n1-6月份,主要产品中",
            id="caption-line",
        ),
        pytest.param(
            "甲\n图 4 电子信息制造业和工业固定资产投资累计增速\n乙",
            "甲\n乙",
            id="caption-line-spaced",
        ),
        pytest.param(
            "甲\n图3电子信息制造业营业收入、利润总额累计增速\n乙", "甲\n乙", id="no-space"
        ),
        pytest.param("甲\n圖2 電子信息製造業出口交貨值累計增速\n乙", "甲\n乙", id="traditional"),
        pytest.param(
            "图2 2021年7月电子信息制造业营业收入、利润增速变动情况(%) 1-7月,电子信息制造业"
            "固定资产投资同比增长21.4%。",
            "1-7月,电子信息制造业固定资产投资同比增长21.4%。",
            id="caption-run-into-paragraph",
        ),
        pytest.param(
            "甲\n图1 2021年7月电子信息制造业增加值分月增速（％） 7月份,增加值同比增长11.6%。",
            "甲\n7月份,增加值同比增长11.6%。",
            id="caption-run-in-full-width",
        ),
    ],
)
def test_figure_captions_are_removed(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


def test_html_page_becomes_paragraph_lines() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>运行情况</title>"
        "<style>p { margin: 1.5em; }</style></head><body>"
        "<script>var views = '1-3月份 增长99.9%';</script>"
        "<div class='nav'>首页&gt;运行监测</div>"
        "<p>2024年1&#8212;3月份电子信息制造业运行情况</p>"
        "<p>1—3月份，规模以上电子信息制造业增加值同比增长&nbsp;13.6%。</p>"
        "<!-- 统计 12.3% -->"
        "<P>营业收入&nbsp;3.68万亿元 &amp; 利润总额<br>同比增长&ldquo;12.1%&rdquo;</P>"
        "</body></html>"
    )
    assert normalize(page) == (
        "首页>运行监测\n"
        "2024年1-3月份电子信息制造业运行情况\n"
        "1-3月份,规模以上电子信息制造业增加值同比增长13.6%。\n"
        "营业收入3.68万亿元 & 利润总额\n"
        "同比增长“12.1%”"
    )


def test_ideographic_full_stop_between_digits_is_kept() -> None:
    """``9。3`` is damage the parser must see and flag, so normalisation leaves it alone."""
    assert normalize("同比增长9。3%") == "同比增长9。3%"


def test_normalize_is_idempotent() -> None:
    raw = "2023年1—11月份電子信息制造業(yè)運(yùn)行情況\n?\n同比增長(zhǎng) 2.6 ％，高 0.3 個(gè)"
    once = normalize(raw)
    assert once == "2023年1-11月份电子信息制造业运行情况\n同比增长2.6%,高0.3个"
    assert normalize(once) == once


TEXT = "2024年1—5月份电子信息制造业运行情况\n营业收入同比增长7.1%。"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-8-sig"), id="utf-8-sig"),
        pytest.param(TEXT.encode("gb18030"), id="gb18030"),
        pytest.param(TEXT.encode("gbk"), id="gbk"),
    ],
)
def test_decode(data: bytes) -> None:
    assert decode(data) == TEXT


def test_decode_drops_only_a_leading_bom() -> None:
    assert decode(b"\xef\xbb\xbf\xef\xbb\xbf") == "\ufeff"


def test_decode_refuses_bytes_that_are_no_text() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode(b"\x81\x30\xff\xfe")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("营业收入12,345亿元", "营业收入12345亿元"),
        ("营业收入12，345亿元", "营业收入12345亿元"),
        ("出口笔记本电脑1,284,900台", "出口笔记本电脑1284900台"),
        ("营业成本1,234.5亿元", "营业成本1234.5亿元"),
        # not separators: a comma after a figure, a short group, a year, a decimal
        ("同比增长6.1%,345家企业", "同比增长6.1%,345家企业"),
        ("3,5月份", "3,5月份"),
        ("2024,123", "2024,123"),
        ("增长1.5,123", "增长1.5,123"),
    ],
)
def test_thousands_separators_are_dropped_from_figures_only(raw: str, expected: str) -> None:
    assert normalize(raw) == expected

"""Reporting periods (``loaders.bulletin.periods``): the bulletin's own period and reference
periods.

``detect`` decides a bulletin's last month from its title or body (``1—11月份``, ``一季度``,
``上半年``, ``前三季度``, a full year) and its year from the text, a comparison with the
previous year, the file name or a publication date; ``--period`` overrides all. The texts are
short invented bulletins, normalised as the parser does before it calls ``detect``.
``reference_month`` turns the period a change is compared with into a month.
"""

from __future__ import annotations

import pytest

from loaders.bulletin.periods import Month, PeriodError, detect, reference_month
from loaders.bulletin.text import normalize

VA = "规模以上电子信息制造业增加值同比增长"


def detected(text: str, source_name: str = "", explicit: str | None = None) -> str:
    """The period ``detect`` finds in ``text`` (normalised first), as ``YYYY-MM``."""
    return str(detect(normalize(text), source_name, explicit).period)


@pytest.mark.parametrize(
    ("text", "source_name", "period"),
    [
        pytest.param(
            f"2023年1—11月份电子信息制造业运行情况\n1—11月份，{VA}2.6%。", "", "2023-11", id="title"
        ),
        pytest.param(
            f"2024年1-2月电子信息制造业运行情况\n1-2月，{VA}14.6%。",
            "",
            "2024-02",
            id="title-no-fen",
        ),
        pytest.param(
            f"2021年1—11月份電子信息制造業(yè)運(yùn)行情況\n1—11月份，{VA}16.1%。",
            "",
            "2021-11",
            id="title-traditional-with-glosses",
        ),
        pytest.param(f"2024年一季度，{VA}13.5%。", "", "2024-03", id="yiji"),
        pytest.param(
            f"2024年一季度电子信息制造业运行情况\n一季度，{VA}13.5%。",
            "",
            "2024-03",
            id="yiji-title",
        ),
        pytest.param(f"2021年上半年，{VA}19.8%。", "", "2021-06", id="shangbannian"),
        pytest.param(f"2022年前三季度，{VA}10.1%。", "", "2022-09", id="qiansanjidu"),
        pytest.param(
            f"2023年，我国电子信息制造业生产恢复向好。2023年，{VA}3.4%。",
            "",
            "2023-12",
            id="full-year-body",
        ),
        pytest.param(
            f"2023年电子信息制造业运行情况\n{VA}3.4%。", "", "2023-12", id="full-year-title"
        ),
        pytest.param(
            f"2023年电子信息制造业运行情况\n全年，{VA}3.4%。",
            "",
            "2023-12",
            id="full-year-title-and-quannian",
        ),
        pytest.param(
            f"1—2月，{VA}9.5%。1—2月，出口交货值同比增长2.1%，较2024年提高3.7个百分点。",
            "",
            "2025-02",
            id="year-from-comparison-with-previous-year",
        ),
        pytest.param(
            f"前三季度，{VA}8.2%，较1—8月份回落0.2个百分点。",
            "2023-09__1.txt",
            "2023-09",
            id="file",
        ),
        pytest.param(
            f"1—9月份，{VA}8.2%。", "/data/bulletins/2023_09.txt", "2023-09", id="file-in-folder"
        ),
        pytest.param(
            f"1—8月份，{VA}18.0%，比2019年同期增长25.1%。",
            "2021-08__1.txt",
            "2021-08",
            id="file-not-a-two-year-comparison",
        ),
        pytest.param(
            f"发布时间：2022-09-30\n1—8月份，{VA}9.3%。", "", "2022-08", id="publication-date"
        ),
        pytest.param(
            f"发布时间：2023-01-05\n1—11月份，{VA}8.3%。",
            "",
            "2022-11",
            id="publication-date-in-january-previous-year",
        ),
        pytest.param(
            f"发布时间：2023年1月5日\n1—11月份，{VA}8.3%。",
            "",
            "2022-11",
            id="publication-date-chinese",
        ),
        pytest.param(
            f"发布时间：2022-09-30 10:00\n1—8月份，{VA}9.3%。",
            "",
            "2022-08",
            id="publication-date-with-time",
        ),
        pytest.param(
            f"发布时间:2024-11-22\n工信部近日公布了2023年1-11月份电子信息制造业运行情况。1-11月份，{VA}2.6%。",
            "",
            "2023-11",
            id="printed-year-beats-repost-date",
        ),
        pytest.param(
            f"1-11月份，{VA}2.6%，较1-10月份提高0.9个百分点；较1-10月份回落。较1—10月份持平。",
            "2023-11.txt",
            "2023-11",
            id="reference-periods-do-not-count",
        ),
        pytest.param(
            f"上半年，{VA}19.8%。1—5月，营业收入同比增长25.8%。",
            "2021-06.txt",
            "2021-06",
            id="tie-goes-to-the-later-month",
        ),
    ],
)
def test_detect(text: str, source_name: str, period: str) -> None:
    assert detected(text, source_name) == period


@pytest.mark.parametrize(
    ("text", "year_from"),
    [
        pytest.param(f"2023年1—11月份电子信息制造业运行情况\n{VA}2.6%。", "text", id="text"),
        pytest.param(
            f"1—2月，{VA}9.5%，较2024年提高3.7个百分点。",
            "a comparison with the previous year",
            id="comparison",
        ),
        pytest.param(
            f"发布时间：2022-09-30\n1—8月份，{VA}9.3%。", "the publication date", id="date"
        ),
    ],
)
def test_detect_says_where_the_year_comes_from(text: str, year_from: str) -> None:
    assert detect(normalize(text)).year_from == year_from


def test_detect_file_name_year() -> None:
    found = detect(normalize(f"1—9月份，{VA}8.2%。"), "2023-09__1.txt")
    assert (str(found.period), found.year_from) == ("2023-09", "the file name")


def test_file_name_of_another_month_is_not_used() -> None:
    with pytest.raises(PeriodError, match="--period"):
        detect(normalize(f"1—9月份，{VA}8.2%。"), "2023-08__1.txt")


def test_explicit_period_wins() -> None:
    text = normalize(f"2023年1—11月份电子信息制造业运行情况\n1—11月份，{VA}2.6%。")
    found = detect(text, "2022-05.txt", explicit="2023-10")
    assert (str(found.period), found.year_from) == ("2023-10", "--period")


def test_explicit_period_for_a_text_without_one() -> None:
    found = detect(normalize(f"{VA}2.6%。"), explicit="2024-07")
    assert str(found.period) == "2024-07"
    assert found.title == "2024年1—7月份电子信息制造业运行情况"


def test_explicit_period_must_be_a_month() -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        detect(normalize(f"1—9月份，{VA}8.2%。"), explicit="2023-13")


def test_detect_keeps_the_title() -> None:
    found = detect(normalize(f"原文如下:\n2024年1—8月份电子信息制造业运行情况\n{VA}12.8%。"))
    assert found.title == "2024年1-8月份电子信息制造业运行情况"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"{VA}2.6%。", id="no-period"),
        pytest.param("工信部发布电子信息制造业运行情况。", id="no-figure"),
        pytest.param(f"11月份，{VA}10.6%。", id="only-a-single-month"),
    ],
)
def test_no_period_asks_for_period_option(text: str) -> None:
    with pytest.raises(PeriodError, match="--period"):
        detect(normalize(text))


def test_no_year_asks_for_period_option_with_the_month() -> None:
    with pytest.raises(PeriodError, match=r"--period YYYY-08"):
        detect(normalize(f"1—8月份，{VA}9.3%。"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param(f"18月份，{VA}9。3", "18月", id="18"),
        pytest.param(f"17月，{VA}9.3%。", "17月", id="17"),
        pytest.param(f"111月份，{VA}8.3%。", "111月", id="111"),
    ],
)
def test_lost_dash_is_no_month(text: str, shown: str) -> None:
    with pytest.raises(PeriodError, match="--period") as error:
        detect(normalize(text))
    assert shown in str(error.value)


@pytest.mark.parametrize(
    ("ref", "period", "month"),
    [
        pytest.param("上年同期", "2023-11", "2022-11", id="shangniantongqi"),
        pytest.param("去年同期", "2020-05", "2019-05", id="qunian-tongqi"),
        pytest.param("上年", "2021-06", "2020-06", id="shangnian"),
        pytest.param("同比", "2020-05", "2019-05", id="tongbi"),
        pytest.param("上月", "2020-05", "2020-04", id="shangyue"),
        pytest.param("上个月", "2020-05", "2020-04", id="shanggeyue"),
        pytest.param("上月", "2024-01", "2023-12", id="shangyue-across-january"),
        pytest.param("1-10月份", "2023-11", "2023-10", id="previous-cumulative"),
        pytest.param("1-7月", "2024-08", "2024-07", id="previous-cumulative-no-fen"),
        pytest.param("1-2月份", "2023-03", "2023-02", id="one-two"),
        pytest.param("一季度", "2024-05", "2024-03", id="yijidu"),
        pytest.param("上半年", "2024-09", "2024-06", id="shangbannian"),
        pytest.param("6月份", "2024-07", "2024-06", id="single-month"),
        pytest.param("7月", "2022-08", "2022-07", id="single-month-no-fen"),
        pytest.param("12月份", "2025-02", "2024-12", id="december-in-next-year"),
        pytest.param("2024年", "2025-02", "2024-12", id="previous-year"),
        pytest.param("2022年", "2023-12", "2022-12", id="previous-year-in-full-year"),
        pytest.param("2024年1-11月", "2025-02", "2024-11", id="explicit-year-and-month"),
        pytest.param(
            "2023年同期",
            "2024-05",
            "2023-05",
            id="year-tongqi",
        ),
    ],
)
def test_reference_month(ref: str, period: str, month: str) -> None:
    assert str(reference_month(ref, Month.parse(period))) == month


@pytest.mark.parametrize("ref", ["同期", "xx", "13月份", ""])
def test_reference_month_unknown(ref: str) -> None:
    assert reference_month(ref, Month(2024, 5)) is None


@pytest.mark.parametrize(
    ("month", "shift", "shifted"),
    [
        (Month(2024, 1), -1, "2023-12"),
        (Month(2024, 12), 1, "2025-01"),
        (Month(2024, 5), -12, "2023-05"),
        (Month(2024, 5), 0, "2024-05"),
    ],
)
def test_month_shifted(month: Month, shift: int, shifted: str) -> None:
    assert str(month.shifted(shift)) == shifted

"""Reporting periods: the months a bulletin and each of its figures refer to.

A bulletin covers January to its last month (``1—11月份`` -> 2023-11, ``一季度`` -> 03,
``上半年`` -> 06, ``前三季度`` -> 09, a full year -> 12). Inside it, a figure is
cumulative (``ytd``) or of a single month (``month``), and a change is measured
against a reference period (``较1—10月份`` -> 2023-10, ``比上年同期`` -> a year
earlier, ``较2024年`` -> 2024-12, ``比上月`` -> the previous month).

This module reads those phrases from normalised text (see ``loaders.bulletin.text``) and
decides the bulletin's own period from its title, body, file name or an explicit
``--period``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final, Literal

from loaders.errors import EimError
from loaders.schema import is_period

Basis = Literal["ytd", "month"]

#: Named cumulative periods -> their last month.
NAMED_PERIODS: Final[dict[str, int]] = {
    "一季度": 3,
    "第一季度": 3,
    "1季度": 3,
    "上半年": 6,
    "前三季度": 9,
    "前3季度": 9,
    "全年": 12,
}
_NAMED = "|".join(sorted(NAMED_PERIODS, key=len, reverse=True))

#: A cumulative period: ``2023年1-11月份``, ``1-8月``, ``一季度``, ``上半年``, ``全年``.
CUMULATIVE: Final = rf"(?:(?P<year>\d{{4}})年)?(?:1-(?P<to>\d{{1,2}})月份?|(?P<named>{_NAMED}))"
#: A single month or a month's end: ``11月份``, ``6月``, ``5月末``; not a date (``12月29日``).
SINGLE: Final = (
    r"(?:(?P<year>\d{4})年)?(?<![\d-])(?P<month>\d{1,3})月(?P<fen>份)?(?P<end>末|底)?(?![\d日号])"
)
#: The bulletin's own month said as 当月 (``当月，规模以上…``), not inside a word (``5月当月``
#: is read by ``SINGLE``; ``当月份额`` is no period).
THIS_MONTH: Final = r"(?<![\u4e00-\u9fff\d])当月(?!份额)"
#: A full year standing alone: ``2023年,``; not ``2023年1-11月`` nor ``2023年上半年``.
FULL_YEAR: Final = rf"(?P<year>\d{{4}})年(?!\d|1-|{_NAMED}|度|\d{{1,2}}月)"
#: A month that lost its 月: ``5份,`` (of ``5月份,``), or a bare ``5,`` (no figure is
#: followed by a comma without its unit), or a sentence opening with a bare number before a
#: word (``5规模以上…``). No period can be trusted after it.
BROKEN_MONTH: Final = (
    r"(?<![\d.-])\d{1,2}份(?!额)|(?<![\d.])\d{1,2}(?=,)"
    r"|(?<![^\n。])\d{1,2}(?=[\u4e00-\u9fff])(?![年月日个亿万台部块只倍季期])"
)
#: A reference period in a comparison: what follows ``较``/``比``/``与``.
REFERENCE: Final = (
    rf"上年同期|去年同期|上年|去年|上个?月|(?:\d{{4}}年)?(?:1-\d{{1,2}}月份?|前\d{{1,2}}个月|{_NAMED})"
    r"|\d{1,2}月份?|\d{4}年同期|\d{4}年"
)

_TITLE = re.compile(
    rf"(?P<year>\d{{4}})年(?:(?:1-(?P<to>\d{{1,2}})月份?|(?P<named>{_NAMED}))\s*)?"
    r"(?:我国|全国)?(?:规模以上)?电子信息制造业运行情况"
)
_CUMULATIVE = re.compile(rf"(?<![较比与由自从同于\d]){CUMULATIVE}(?!以来)")
_FULL_YEAR_AT_START = re.compile(rf"(?m)(?:^|[,。:])(?:此外,)?{FULL_YEAR}(?=[,我全规电])")
_COMPARED_WITH_YEAR = re.compile(
    r"[较比](?P<year>\d{4})年(?:全年)?(?:提高|回落|上升|下降|加快|放缓|增加|减少|高|低)"
)
_PUBLISHED = re.compile(
    r"(?<!\d)(?P<year>20\d{2})(?:[-/.]|年)(?P<month>\d{1,2})(?:[-/.]|月)(?P<day>\d{1,2})(?!\d)"
)
_FILE_PERIOD = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-_]?(?P<month>0[1-9]|1[0-2])(?!\d)")
_LOST_DASH = re.compile(r"(?<!\d)1(?P<to>[2-9]|1[0-2])月份?")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the unit of every period here."""

    year: int
    month: int

    def shifted(self, months: int) -> Month:
        """This month moved by ``months`` (negative: earlier)."""
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Month:
        """``"2023-11"`` -> Month(2023, 11); raises ValueError otherwise."""
        period = text.strip()
        if not is_period(period):
            raise ValueError(f"{text!r} is not a period of the form YYYY-MM (e.g. 2023-11)")
        year, month = period.split("-")
        return cls(int(year), int(month))


class PeriodError(EimError, ValueError):
    """The bulletin's reporting period cannot be decided from the text."""


@dataclass(frozen=True)
class Detected:
    """The bulletin's period, its title, and how the year was found (for the issues)."""

    period: Month
    title: str
    year_from: str


def month_in_year(month: int, year: int, before: Month) -> Month:
    """``month`` of ``year``, or of the year before when that would not precede ``before``."""
    candidate = Month(year, month)
    return candidate if candidate <= before else Month(year - 1, month)


def reference_month(ref: str, period: Month) -> Month | None:
    """The month a comparison refers to, for a figure of ``period``.

    ``上年同期``/``去年同期`` -> a year earlier; ``上月`` -> the month before;
    ``1-10月份`` -> month 10; ``上半年`` -> 06; ``6月份`` -> 06; ``2024年`` -> 2024-12;
    ``2023年同期`` -> the same month of 2023.
    Months later than ``period`` fall in the year before. None when unknown.
    """
    if ref in ("上年同期", "去年同期", "上年", "去年", "同比"):
        return period.shifted(-12)
    if ref in ("上月", "上个月"):
        return period.shifted(-1)
    explicit_year = re.match(r"(\d{4})年", ref)
    rest = ref[explicit_year.end() :] if explicit_year else ref
    if explicit_year and not rest:
        return Month(int(explicit_year[1]), 12)
    if explicit_year and rest == "同期":  # 比2023年同期: the same period of that year
        return Month(int(explicit_year[1]), period.month)
    month = _month_of(rest)
    if month is None:
        return None
    if explicit_year:
        return Month(int(explicit_year[1]), month)
    return month_in_year(month, period.year, period.shifted(-1))


def _month_of(phrase: str) -> int | None:
    """The last month of ``1-10月份``, ``上半年``, ``6月份``, ``前4个月``; None when not a
    month phrase."""
    if phrase in NAMED_PERIODS:
        return NAMED_PERIODS[phrase]
    match = re.fullmatch(r"(?:1-)?(\d{1,2})月份?|前(\d{1,2})个月", phrase)
    if match and match[2]:  # 前4个月: the first four months, 1-4月
        return int(match[2]) if 1 <= int(match[2]) <= 12 else None
    if match and 1 <= int(match[1]) <= 12:
        return int(match[1])
    return None


def _title_month(title: re.Match[str]) -> int | None:
    if title["to"]:
        month = int(title["to"])
        return month if 1 <= month <= 12 else None
    return NAMED_PERIODS[title["named"]] if title["named"] else None


def _bulletin_month(text: str) -> tuple[int | None, int | None, str]:
    """(last month, year printed with it, title) from the title or the body's periods.

    A page may name other bulletins too (a breadcrumb, related links): of several
    titles, the one whose period the body uses most wins.
    """
    months: Counter[int] = Counter()
    years: dict[int, int] = {}
    for match in _CUMULATIVE.finditer(text):
        month = int(match["to"]) if match["to"] else NAMED_PERIODS[match["named"]]
        if 1 <= month <= 12:
            months[month] += 1
            if match["year"]:
                years.setdefault(month, int(match["year"]))
    titles = list(_TITLE.finditer(text))
    dated = [t for t in titles if _title_month(t) is not None]
    if dated:
        best = max(dated, key=lambda t: months[_title_month(t) or 0])
        return _title_month(best), int(best["year"]), best.group(0)
    title = titles[0] if titles else None
    title_line = title.group(0) if title else ""
    if months:
        top = max(months.values())
        month = max(m for m, count in months.items() if count == top)
        title_year = int(title["year"]) if title else None
        return month, years.get(month) or title_year, title_line
    full_year = _FULL_YEAR_AT_START.search(text)
    if full_year:
        return 12, int(full_year["year"]), title_line
    if title:  # "2023年电子信息制造业运行情况": a full-year bulletin
        return 12, int(title["year"]), title_line
    return None, None, title_line


def detect(text: str, source_name: str = "", explicit: str | None = None) -> Detected:
    """Decide the bulletin's period from normalised text.

    The month comes from the title (``2023年1—11月份电子信息制造业运行情况``) or the
    body's most frequent cumulative period; the year from, in order: the period as
    printed (``2023年1-11月``), a comparison with a whole earlier year (``较2024年``
    in a 2025 bulletin), the file name (``2023-11.txt``), a publication date
    (``2022-09-30``). ``explicit`` (``YYYY-MM``) overrides all. Raises
    ``PeriodError`` saying what is missing and how to pass ``--period``.
    """
    month, year, title = _bulletin_month(text)
    if explicit:
        period = Month.parse(explicit)
        return Detected(period, title or _canonical_title(period), "--period")
    if month is None:
        lost_dash = _LOST_DASH.search(text)
        if lost_dash:
            raise PeriodError(
                f"no reporting period found: the text has 「{lost_dash.group(0)}」, which is no "
                f"month (perhaps 1—{lost_dash['to']}月 with its dash lost); if this is a "
                "bulletin, pass --period YYYY-MM"
            )
        raise PeriodError(
            "no reporting period found: the text names no period such as 1—11月份, "
            "一季度, 上半年 or 前三季度; if this is a bulletin, pass --period YYYY-MM"
        )
    year_from = "text"
    if year is None:
        year, year_from = _year_elsewhere(text, month, source_name)
    if year is None:
        raise PeriodError(
            f"the bulletin covers 1—{month}月 but names no year; pass --period YYYY-{month:02d}"
        )
    period = Month(year, month)
    return Detected(period, title or _canonical_title(period), year_from)


def _year_elsewhere(text: str, month: int, source_name: str) -> tuple[int | None, str]:
    compared = _COMPARED_WITH_YEAR.search(text)
    if compared:
        return int(compared["year"]) + 1, "a comparison with the previous year"
    from_file = _FILE_PERIOD.search(source_name.rsplit("/", 1)[-1])
    if from_file and int(from_file["month"]) == month:
        return int(from_file["year"]), "the file name"
    published = _PUBLISHED.search(text)
    if published and 1 <= int(published["month"]) <= 12:
        year = int(published["year"])
        return (year if int(published["month"]) > month else year - 1), "the publication date"
    return None, ""


def _canonical_title(period: Month) -> str:
    if period.month == 12:
        return f"{period.year}年电子信息制造业运行情况"
    return f"{period.year}年1—{period.month}月份电子信息制造业运行情况"


def marker_period(year: str | None, month: int, basis: Basis, bulletin: Month) -> Month:
    """The month a period marker in the body names, for a bulletin of ``bulletin``."""
    if year:
        return Month(int(year), month)
    return month_in_year(month, bulletin.year, bulletin)

"""The Data page's query and table (``dashboard.pages.data_page``): what a URL asks for
(filters, sort, page, language) and the rows it shows, as display text.

Shapes: query values as Dash passes them (a string, or a list for a repeated key), read
leniently into a ``View`` (never raises; anything unreadable is its default; the filters
as ``dashboard.server.download_query.lenient_filters`` reads them). The tidy observations
table the filters select (``period``, ``indicator`` … ``value`` in ``unit``, ``derived``,
``bulletin`` the sha256) in; rows of display text out, one column per ``COLUMNS`` entry
(names in the page's language, each value as ``figure_text`` writes it and as stored,
``plain_number``, the bulletin by its title), sorted by a
column and cut into pages of ``PAGE_SIZE``. The vintages menu's options from the
bulletins table. Pure: no Dash, no data reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Final, cast

import pandas as pd

from dashboard.i18n import (
    basis_name,
    figure_text,
    indicator_name,
    lang_of,
    measure_name,
    region_name,
    segment_name,
    t,
    unit_name,
)
from dashboard.server.download_query import as_of_text, lenient_filters, strings
from loaders.schema import KEY_COLUMNS
from loaders.tables.export import plain_number
from loaders.tables.filters import Filters

PAGE_SIZE: Final = 50
#: The table's columns, in order: a fact's key (its reference period after its value), then
#: where it comes from; each sorts by what it shows (``value`` by number).
COLUMNS: Final[tuple[str, ...]] = (
    *(column for column in KEY_COLUMNS if column != "ref_period"),
    "value",
    "unit",
    "ref_period",
    "derived",
    "bulletin",
)
DEFAULT_SORT: Final = "-period"
#: How many characters of a bulletin's sha256 the table shows.
SHA_PREFIX: Final = 12
#: The largest page number read from the URL (more digits are nonsense).
MAX_PAGE_DIGITS: Final = 6

#: A catalog name in a language: ``indicator_name(code, lang)`` and its kin.
NameReader = Callable[[str, str], str]


# -- the query -------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What the URL asks for: the filters, the sort, the page and the language."""

    filters: Filters
    sort: str = DEFAULT_SORT
    page: int = 1
    lang: str = "zh"

    def query(self, **changes: Any) -> dict[str, str]:
        """The page's URL query for this view (with ``changes``): defaults left out."""
        view = replace(self, **changes)
        query = {"lang": view.lang, **view.filters.query()}
        if view.sort != DEFAULT_SORT:
            query["sort"] = view.sort
        if view.page > 1:
            query["page"] = str(view.page)
        return query


def parse_sort(value: object) -> str:
    """``column`` or ``-column`` for a column of the table; else the default."""
    for text in strings(value):
        if text.removeprefix("-") in COLUMNS:
            return text
    return DEFAULT_SORT


def parse_page(value: object) -> int:
    """A page number 1, 2, …; anything else is 1."""
    for text in strings(value):
        text = text.strip()
        if text.isdigit() and len(text) <= MAX_PAGE_DIGITS and int(text) > 0:
            return int(text)
    return 1


def view_of(lang: object = "zh", **query: object) -> View:
    """The view a page URL's query asks for (never raises)."""
    return View(
        filters=lenient_filters(query),
        sort=parse_sort(query.get("sort")),
        page=parse_page(query.get("page")),
        lang=lang_of(lang),
    )


# -- the table -------------------------------------------------------------------------------


def name_of(read: NameReader, code: object, lang: str) -> str:
    """``read``'s name of ``code`` in ``lang``; a code the catalog does not know as it is."""
    try:
        return str(read(str(code), lang))
    except KeyError:
        return str(code)


def figures(frame: pd.DataFrame, lang: str) -> list[str]:
    """Each row's figure as every page writes it (``figure_text``): printed ones as printed,
    derived ones at their ``decimals`` (when ``frame`` has them), levels scaled by
    magnitude (``473亿个``, not ``4730000 万个``). Whether derived is the kind column's."""
    printed = frame["printed"].tolist() if "printed" in frame.columns else [None] * len(frame)
    known = frame["decimals"].tolist() if "decimals" in frame.columns else [None] * len(frame)
    return [
        figure_text(
            float(value),
            str(unit),
            lang,
            printed=shown,
            derived=bool(derived),
            decimals=None if decimals is None or decimals != decimals else int(decimals),
            marked=False,
        )
        for value, unit, derived, shown, decimals in zip(
            frame["value"], frame["unit"], frame["derived"], printed, known, strict=True
        )
    ]


def bulletin_titles(frame: pd.DataFrame, lang: str) -> list[str]:
    """Each row's bulletin as people name it (``source`` / ``source_en`` of
    ``dashboard.data.with_sources``), else a short key of its sha256: never the whole."""
    column = "source_en" if lang == "en" else "source"
    names = frame[column].tolist() if column in frame.columns else [""] * len(frame)
    return [
        str(name) if name else str(sha)[:SHA_PREFIX]
        for name, sha in zip(names, frame["bulletin"], strict=True)
    ]


def display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table's text, one column per ``COLUMNS`` entry, plus ``bulletin_sha`` (the
    whole sha256, for the link), ``value_exact`` (the value as stored, in ``unit``) and
    ``value_number`` (for sorting); rows in ``frame``'s order. ``frame`` is observations,
    best with ``source``, ``source_en`` and ``decimals`` (``dashboard.data.with_sources``):
    the bulletin is then named by its title."""
    shown = pd.DataFrame(
        {
            "period": frame["period"].astype(str),
            "indicator": [name_of(indicator_name, c, lang) for c in frame["indicator"]],
            "region": [name_of(region_name, c, lang) for c in frame["region"]],
            "segment": [name_of(segment_name, c, lang) for c in frame["segment"]],
            "basis": [name_of(basis_name, c, lang) for c in frame["basis"]],
            "measure": [name_of(measure_name, c, lang) for c in frame["measure"]],
            "value": figures(frame, lang),
            "value_exact": [plain_number(float(v)) for v in frame["value"]],
            "unit": [unit_name(str(u), lang).strip() for u in frame["unit"]],
            "ref_period": frame["ref_period"].fillna("").astype(str),
            "derived": [t("derived" if d else "reported", lang) for d in frame["derived"]],
            "bulletin": bulletin_titles(frame, lang),
            "bulletin_sha": frame["bulletin"].astype(str),
            "value_number": frame["value"].astype(float),
        },
        index=range(len(frame)),
    )
    return shown


def sort_rows(shown: pd.DataFrame, sort: str) -> pd.DataFrame:
    """``shown`` sorted by ``sort`` (``column`` or ``-column``), ties in their order."""
    column = sort.removeprefix("-")
    key = "value_number" if column == "value" else column
    if key not in shown.columns:
        return shown
    return shown.sort_values(
        key, ascending=not sort.startswith("-"), kind="stable", ignore_index=True
    )


def page_count(total: int) -> int:
    """How many pages of ``PAGE_SIZE`` rows ``total`` rows fill (at least one)."""
    return max(1, -(-total // PAGE_SIZE))


def page_rows(shown: pd.DataFrame, page: int) -> list[dict[str, Any]]:
    """The rows of page ``page`` (from 1) of ``shown``, as records."""
    first = (page - 1) * PAGE_SIZE
    return cast("list[dict[str, Any]]", shown.iloc[first : first + PAGE_SIZE].to_dict("records"))


# -- the vintages menu -----------------------------------------------------------------------


def as_of_choices(bulletins: pd.DataFrame, lang: str, chosen: str = "") -> list[dict[str, str]]:
    """The vintages to choose from: the times the ``bulletins`` (the bulletins table,
    oldest first) were added, newest first, labelled with their period and vintage
    (``latest`` is the empty value, the placeholder); ``chosen`` is kept when it is none
    of them (a time typed into the URL)."""
    options: dict[str, str] = {}
    for row in bulletins.iloc[::-1].to_dict("records"):
        added = row["added_at"]
        if pd.isna(added):
            continue
        value = as_of_text(pd.Timestamp(added).to_pydatetime())
        options.setdefault(
            value,
            t(
                "data.as_of_label",
                lang,
                period=row["period"],
                vintage=row["vintage"],
                added=pd.Timestamp(added).strftime("%Y-%m-%d %H:%M UTC"),
            ),
        )
    if chosen and chosen not in options:
        options = {chosen: chosen, **options}
    return [{"label": label, "value": value} for value, label in options.items()]

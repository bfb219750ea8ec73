"""The Data page's table and pager (``dashboard.pages.data_page`` puts them together), and
the styles its other parts share.

In: the rows of display text ``dashboard.views.data.display`` gives (sorted already) and
the page's ``View``. Out: a plain HTML table (``dash_table`` is deprecated and warns on
every construction) of one page of rows, whose header links sort it, and the pager's links;
every link is the page's URL with the view changed.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
from dash import dcc, html

from dashboard import ids, routes, shell
from dashboard.i18n import has_text, t
from dashboard.pages.bulletins_parts import bulletin_href
from dashboard.views.data import COLUMNS, PAGE_SIZE, View, page_count, page_rows

#: The cells are spaced by the table (no style per cell: a page has 50 rows of 11); the
#: lines and colours of ``.data-table`` belong in the stylesheet.
TABLE_STYLE: Final = {
    "borderCollapse": "separate",
    "borderSpacing": "0.9em 0.15em",
    "width": "100%",
    "fontSize": "0.9em",
    "background": "white",
}
CELL_STYLE: Final = {
    "padding": "0.25em 0.5em",
    "borderBottom": "1px solid #e3e3e3",
    "textAlign": "left",
    "whiteSpace": "nowrap",
}
VALUE_STYLE: Final = {"textAlign": "right"}
HEAD_STYLE: Final = {**CELL_STYLE, "borderBottom": "2px solid #8b1a1a", "background": "#faf7f7"}
LINKS_STYLE: Final = {
    "display": "flex",
    "flexWrap": "wrap",
    "gap": "0.6em",
    "alignItems": "baseline",
    "margin": "0.3em 0",
}


def view_href(view: View, **changes: Any) -> str:
    """The Data page's URL for ``view`` with ``changes`` (sort, page …)."""
    return shell.with_query(routes.DATA, view.query(**changes))


def _header(column: str, view: View) -> html.Th:
    label = (
        t(column, view.lang) if not has_text(f"data.{column}") else t(f"data.{column}", view.lang)
    )
    if column == "derived":
        label = t("data.kind", view.lang)
    active = view.sort.removeprefix("-") == column
    descending = view.sort.startswith("-")
    # a click on the sorted column turns its order; on another one sorts it ascending
    target = ("" if descending else "-") + column if active else column
    arrow = (" ▼" if descending else " ▲") if active else ""
    extra: dict[str, Any] = {}
    if active:
        extra["aria-sort"] = "descending" if descending else "ascending"
    return html.Th(
        dcc.Link(
            label + arrow,
            href=view_href(view, sort=target, page=1),
            title=t("data.sort_by", view.lang),
        ),
        style=HEAD_STYLE | {"textAlign": "right"} if column == "value" else HEAD_STYLE,
        **extra,
    )


def _row(row: dict[Any, Any], lang: str) -> html.Tr:
    cells = []
    for column in COLUMNS:
        if column == "bulletin":
            sha = str(row["bulletin_sha"])
            content: Any = dcc.Link(
                row["bulletin"], href=bulletin_href(sha, lang), className="bulletin-title"
            )
        else:
            content = row[column]
        if column == "value":  # the one inline style per row: numbers align right
            exact = f"{row['value_exact']} {row['unit']}"  # as stored, as downloads hold it
            cells.append(html.Td(content, className="num", style=VALUE_STYLE, title=exact))
        else:
            cells.append(html.Td(content))
    return html.Tr(cells)


def table(shown: pd.DataFrame, view: View) -> html.Table:
    """One page of ``shown`` (sorted already) as an HTML table with sorting headers."""
    rows = [_row(row, view.lang) for row in page_rows(shown, view.page)]
    if not rows:
        rows = [
            html.Tr([html.Td(t("data.no_rows", view.lang), colSpan=len(COLUMNS), style=CELL_STYLE)])
        ]
    return html.Table(
        [html.Thead(html.Tr([_header(c, view) for c in COLUMNS])), html.Tbody(rows)],
        id=ids.DATA_TABLE,
        className="data-table",
        style=TABLE_STYLE,
    )


def pager(total: int, view: View) -> html.Div:
    """Where this page is in the rows, with links to the first, previous, next and last."""
    pages = page_count(total)
    lang = view.lang
    status = (
        t(
            "data.rows",
            lang,
            first=(view.page - 1) * PAGE_SIZE + 1,
            last=min(view.page * PAGE_SIZE, total),
            total=total,
        )
        if total
        else t("data.rows", lang, first=0, last=0, total=0)
    )

    def step(key: str, page: int, enabled: bool) -> Any:
        if not enabled:
            return html.Span(
                t(f"data.{key}", lang), className="pager-disabled", style={"color": "#aaa"}
            )
        return dcc.Link(t(f"data.{key}", lang), href=view_href(view, page=page))

    return html.Div(
        [
            step("first", 1, view.page > 1),
            step("previous", view.page - 1, view.page > 1),
            html.Span(t("data.page_of", lang, page=view.page, pages=pages)),
            step("next", view.page + 1, view.page < pages),
            step("last", pages, view.page < pages),
            html.Span(status, className="note"),
        ],
        id=ids.DATA_PAGER,
        style=LINKS_STYLE,
    )

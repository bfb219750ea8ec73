"""The Bulletins page's word on where a bulletin's text is: a link to its source URL (the
publisher's page, when the store knows it) and, for a bulletin whose sentences are not
stored, why (the shipped datasets carry figures and their printed forms, not the text) and
how to read them (that link, or adding the bulletin with ``eim add`` or the Add page).

In: a row of the bulletins table (``source_url`` "" or None when not known) and the page's
language; out: Dash ``html`` components. No data is read here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import routes
from dashboard.i18n import t
from dashboard.shell import with_query


def known_url(row: pd.Series) -> str:
    """The bulletin's source URL, "" when not known (the store keeps only http/https)."""
    value = row.get("source_url")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else ""


def _link(url: str) -> html.A:
    return html.A(url, href=url, target="_blank", rel="noopener noreferrer", className="source-url")


def source_link(row: pd.Series, lang: str) -> html.P | None:
    """``原文网址：<link>`` when the bulletin's source URL is known, else None."""
    url = known_url(row)
    if not url:
        return None
    return html.P([t("bulletins.source_url", lang), _link(url)], className="note")


def no_text_note(row: pd.Series, lang: str) -> html.Div:
    """Why this bulletin's sentences are not here and how to read them."""
    url = known_url(row)
    how: list[Any] = (
        [t("bulletins.no_text_link", lang), _link(url), t("bulletins.no_text_or", lang)]
        if url
        else [t("bulletins.no_text_no_link", lang)]
    )
    add = dcc.Link(
        t("bulletins.no_text_add_page", lang), href=with_query(routes.ADD, {"lang": lang})
    )
    return html.Div(
        [
            html.P(t("bulletins.no_text_why", lang)),
            html.P([*how, t("bulletins.no_text_add", lang), add, t("bulletins.no_text_end", lang)]),
            html.P(t("bulletins.no_text_figures", lang)),
        ],
        className="note no-text",
    )

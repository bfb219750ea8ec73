"""The written summary of a period: the bulletin ``loaders.writer`` writes from the stored
facts, as text (downloads) and as Dash components (the Overview), each number a link to the
bulletin it came from.

Shapes:
- ``facts_of(period)``: the facts of one period (``YYYY-MM``), a tuple of
  ``loaders.writer.facts.Fact`` — printed ones first, then the derived ones — read from the
  dashboard's cached observations table (``dashboard.data.observations``, one per data
  version), so no request reads the database for them. They are the facts
  ``period_facts(store.facts(), period)`` gives (a test checks that).
- ``document(period, lang)``: ``write(facts_of(period), period, lang)``, a ``Document``,
  memoised per (store, data version, period, language).
- ``summary(period, lang)``: the document as one ``html.Section``: the section title
  (摘要 / Summary), the bulletin's title, each heading paragraph an ``html.H5``, each other
  paragraph an ``html.P`` whose figures are ``dcc.Link``s (class ``figure``) to the Bulletins
  page at the figure's source, the address a chart click goes to
  (``/bulletins?bulletin=<key>&period=<YYYY-MM>&value=<value>&lang=<lang>``, ``key`` the
  first 16 hex digits of the bulletin's sha256, ``value`` the fact's value in its unit). A
  derived figure has the class ``figure derived``, a dotted underline and a tooltip saying
  it is computed, not printed; it links to the latest bulletin it was computed from. A
  figure whose bulletin is unknown is plain text.
"""

from __future__ import annotations

import logging
import math
from typing import Any, Final

from dash import dcc, html

from dashboard import data, routes
from dashboard.figures.base import source_key
from dashboard.i18n import lang_of, t
from dashboard.shell import with_query
from loaders.writer import write
from loaders.writer.document import Document, Figure, Paragraph
from loaders.writer.facts import Fact

#: The page every figure links to (``dashboard.pages.bulletins.PATH``).
BULLETINS_PATH: Final = routes.BULLETINS
#: The id of the summary section on the Overview page.
SUMMARY_ID: Final = "overview-summary"
FIGURE_CLASS: Final = "figure"
DERIVED_CLASS: Final = "figure derived"
#: How a derived figure looks: visibly not a printed one (few per period, so inline).
DERIVED_STYLE: Final = {"borderBottom": "1px dotted #8b1a1a", "fontStyle": "italic"}


# -- the facts and the document ---------------------------------------------------------------


@data.cached(maxsize=64)
def _facts(url: str, version: int, period: str) -> tuple[Fact, ...]:
    """The facts of ``period`` in the data version: printed ones first, then derived ones,
    each group in the table's order (period, indicator, region, …)."""
    frame = data.observations()
    rows = frame[frame["period"] == period].sort_values("derived", kind="stable")
    return tuple(
        Fact.from_row({str(key): value for key, value in row.items()})
        for row in rows.to_dict("records")
    )


def facts_of(period: str) -> tuple[Fact, ...]:
    """The facts of ``period`` (YYYY-MM), printed then derived; () for a period without
    any."""
    return _facts(data.store().url, data.version(), period)


@data.cached(maxsize=64, view=True)
def _document(url: str, version: int, period: str, lang: str) -> Document:
    return write(_facts(url, version, period), period, "en" if lang == "en" else "zh")


def document(period: str, lang: str) -> Document:
    """The bulletin of ``period`` written in ``lang`` ("zh" or "en") from the stored facts
    (memoised per data version; shared between requests: read it, never change it)."""
    return _document(data.store().url, data.version(), period, lang_of(lang))


def has_facts(period: str) -> bool:
    """Whether ``period`` has any stored fact (so something to write)."""
    return bool(facts_of(period))


# -- the components -----------------------------------------------------------------------------


def _value(value: float) -> str:
    """A value as the Bulletins page's ``?value=`` reads it (as ``dashboard.clicks`` sends a
    clicked point's y: ``-1.8``, ``135000``)."""
    return f"{float(value):.10g}" if math.isfinite(value) else ""


def figure_href(fact: Fact, lang: str) -> str:
    """The Bulletins page at the source of ``fact``: its bulletin, its sentences of that
    period and value marked ("" when the bulletin is unknown)."""
    if not fact.bulletin:
        return ""
    query = {
        "bulletin": source_key(fact.bulletin),
        "period": fact.period,
        "value": _value(fact.value),
        "lang": lang_of(lang),
    }
    return with_query(BULLETINS_PATH, query)


def figure_component(figure: Figure, lang: str) -> Any:
    """One written number: a link to its source (marked when derived), or its text."""
    href = figure_href(figure.fact, lang)
    if figure.fact.derived:
        tooltip = t("summary.derived", lang)
        if not href:
            return html.Span(
                figure.text, className=DERIVED_CLASS, title=tooltip, style=DERIVED_STYLE
            )
        return dcc.Link(
            figure.text, href=href, className=DERIVED_CLASS, title=tooltip, style=DERIVED_STYLE
        )
    if not href:
        return figure.text
    return dcc.Link(figure.text, href=href, className=FIGURE_CLASS)


def paragraph_component(paragraph: Paragraph, lang: str) -> Any:
    """A heading as ``html.H5``; any other paragraph as ``html.P`` of text and links."""
    if paragraph.heading:
        return html.H5(paragraph.text(), className="summary-heading")
    children = [
        piece if isinstance(piece, str) else figure_component(piece, lang)
        for piece in paragraph.pieces
    ]
    return html.P(children)


def summary(period: str, lang: str) -> html.Section:
    """The summary section of ``period`` in ``lang`` (see the module docstring)."""
    lang = lang_of(lang)
    children: list[Any] = [html.H3(t("summary.summary", lang))]
    if not period or not has_facts(period):
        children.append(html.P(t("no_data", lang), className="note"))
        return html.Section(children, id=SUMMARY_ID, className="summary chart")
    try:
        written = document(period, lang)
    except Exception:  # a writer's bug must not take the Overview's cards with it
        logging.getLogger(__name__).exception("writing the summary of %s (%s) failed", period, lang)
        children.append(html.P(t("summary.failed", lang), className="note warning"))
        return html.Section(children, id=SUMMARY_ID, className="summary chart")
    children += [
        html.P(t("summary.note", lang), className="note"),
        html.H4(written.title),
        *(paragraph_component(paragraph, lang) for paragraph in written.paragraphs),
    ]
    if written.unwritten:
        children.append(
            html.P(t("summary.unwritten", lang, count=len(written.unwritten)), className="note")
        )
    return html.Section(
        children, id=SUMMARY_ID, className="summary chart", style={"padding": "0.5em 1em"}
    )

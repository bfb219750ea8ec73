"""Bulletins: every stored bulletin and vintage, newest first, and the selected one's text
with each figure that became a fact marked.

Query: ``bulletin`` (a sha256, or a unique prefix of one; default the newest bulletin),
``sentence`` (the 1-based number of a sentence, or its text), ``period`` and ``value``
(what ``dashboard.clicks`` passes for a clicked point: the sentences of the bulletin's facts
of that period with that value — several values may be given, comma-separated — are marked
and scrolled to), ``lang``. Anything unreadable falls back to the default.

How the figures are found. The store keeps the RAW source text (a web copy: maybe HTML,
traditional characters, full-width digits, pinyin glosses); each fact keeps the sentence it
was read from in the NORMALISED text (``loaders.bulletin.text.normalize``) and the figure as printed
(``13.5万亿元``, ``1.5%`` — without the sign the words give it). Positions in the raw text
cannot be recovered from the normalised one in general (HTML removed, characters
converted), so matching printed figures in the raw text would miss or mis-mark figures in
exactly the copies that need normalising. So the page shows the text the loader read: the
raw text normalised again with the same function, cut into sentences exactly where the
reader cuts them (at ``。 ! ?`` and line ends), each sentence an element ``sentence-<n>``
(n from 1). A fact belongs to the sentence equal to its ``text``; within it, every
occurrence of its printed figure (not inside a longer number) is an ``html.Mark`` whose
tooltip names the fact. Facts whose sentence or figure cannot be found (a text normalised
by an older loader) are listed below the text with their printed forms, never dropped
silently. The raw text is shown verbatim, unmarked, in a fold below.

Each row of the list also links to the bulletin of its period as ``loaders.writer`` writes
it from the stored facts, in Chinese and in English, as UTF-8 text
(``dashboard.server.downloads.written_url``: ``/data/written/<period>.<lang>.txt``).

A bulletin imported from the shipped datasets has no text: the page says so, why (the
datasets carry figures and printed forms, not sentences) and how to read it (its source URL
when known, or adding it with ``eim add``), and lists the bulletin's figures in their
printed forms instead (``dashboard.pages.bulletins_source``). A bulletin whose source URL
is known links it under its provenance.

The facts of a bulletin are those it printed that were current when it was added (the
store's facts as of its ``added_at``), so an older vintage shows its own figures, not the
revision's.

Where things are: the sentences and their marks in ``dashboard.views.bulletin_text``; the
query, the facts and their names in ``dashboard.views.bulletins``; the list, the text view
and the facts table in ``dashboard.pages.bulletins_parts``; here the reading (through
``dashboard.data``), the layout and the scrolling callback.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from dashboard import data, ids, routes
from dashboard.i18n import lang_of, t
from dashboard.pages.bulletins_parts import (
    bulletin_list,
    facts_table,
    provenance,
    text_view,
)
from dashboard.pages.bulletins_source import no_text_note, source_link
from dashboard.views.bulletin_text import mark_text
from dashboard.views.bulletins import (
    MAX_QUERY_TEXT,
    chosen_bulletin,
    derived_texts,
    facts_of_bulletin,
    first_text,
    matching,
    newest_first,
    parse_values,
)
from loaders.bulletin.text import normalize
from loaders.schema import is_period

PATH = routes.BULLETINS


# -- reading (through dashboard.data) ------------------------------------------------------


@data.cached(maxsize=32)
def normalised(raw: str) -> str:
    """The text the loader read from ``raw`` (cached: normalising converts script)."""
    return normalize(raw)


@data.cached(maxsize=64)
def _facts_of(url: str, version: int, sha256: str, added_at: Any) -> tuple[dict[str, Any], ...]:
    """The facts of the bulletin ``sha256`` as of ``added_at`` (``facts_of_bulletin``).
    Cached per store and data version."""
    as_of = None if added_at is None or pd.isna(added_at) else pd.Timestamp(added_at)
    stored = data.store().facts(as_of=None if as_of is None else as_of.to_pydatetime())
    return facts_of_bulletin(stored, data.observations(), sha256)


def bulletin_facts(row: pd.Series) -> list[dict[str, Any]]:
    """The facts ``row``'s bulletin printed, as they were when it was added."""
    store = data.store()
    return list(_facts_of(store.url, store.version(), str(row["sha256"]), row["added_at"]))


# -- the page ------------------------------------------------------------------------------


def detail(
    row: pd.Series, vintages: int, query: dict[str, str], explicit: bool, lang: str
) -> list[Any]:
    """The selected bulletin: provenance, then its text with its facts marked."""
    sha = str(row["sha256"])
    facts = bulletin_facts(row)
    period = query["period"] if is_period(query["period"]) else ""
    values = parse_values(query["value"])
    focus = set(matching(facts, period, values)) if values else set()
    sentence = query["sentence"][:MAX_QUERY_TEXT]
    scroll = explicit or bool(focus) or bool(sentence)
    parts = provenance(row, vintages, scroll and not (focus or sentence), lang)
    parts.append(source_link(row, lang))
    if values and not focus:
        derived = derived_texts(data.observations(), sha, period, values)
        parts.append(
            html.P(
                t("bulletins.clicked_derived", lang).format("; ".join(derived))
                if derived
                else t("bulletins.clicked_missing", lang),
                className="note warning",
            )
        )
    raw = data.store().text_of(sha) or ""
    if raw.strip():
        marked = mark_text(normalised(raw), facts)
        parts += text_view(raw, marked, facts, focus, sentence, scroll, lang)
    elif facts:
        parts += [no_text_note(row, lang), facts_table(facts, focus, scroll, lang)]
    else:
        parts += [no_text_note(row, lang), html.P(t("bulletins.no_facts", lang), className="note")]
    return parts


def layout(
    lang: str = "zh",
    bulletin: object = "",
    sentence: object = "",
    period: object = "",
    value: object = "",
    **_: Any,
) -> html.Div:
    """Every bulletin, and the one ``bulletin`` names (default: the newest) with its text."""
    lang = lang_of(lang)
    bulletins = newest_first(data.bulletins())
    header = [
        html.H2(t("bulletins.title", lang)),
        html.P(t("bulletins.intro", lang), className="note"),
    ]
    row, explicit = chosen_bulletin(bulletins, bulletin)
    if row is None:
        return html.Div([*header, html.P(t("bulletins.none", lang), className="note")])
    sha = str(row["sha256"])
    query = {
        "sentence": first_text(sentence).strip(),
        "period": first_text(period).strip(),
        "value": first_text(value),
    }
    vintages = int((bulletins["period"] == row["period"]).sum())
    return html.Div(
        [
            *header,
            html.Div(
                bulletin_list(bulletins, sha, lang),
                className="chart",
                style={"maxHeight": "22em", "overflowY": "auto"},
            ),
            html.Div(
                detail(row, vintages, query, explicit, lang),
                id=ids.BULLETINS_DETAIL,
                className="chart bulletin-detail",
            ),
            dcc.Store(id=ids.BULLETINS_SCROLL),
        ]
    )


# In the browser: bring the clicked sentence (or the chosen bulletin) into view once the
# page has rendered. Nothing is sent to the server.
dash.clientside_callback(
    """
    function (className) {
        setTimeout(function () {
            var target = document.querySelector('.bulletin-detail .scroll-target');
            if (target) { target.scrollIntoView({behavior: 'smooth', block: 'center'}); }
        }, 150);
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids.BULLETINS_SCROLL, "data"),
    Input(ids.BULLETINS_DETAIL, "className"),
)

"""The Bulletins page's components (``dashboard.pages.bulletins`` puts them together): the
list of bulletins, a bulletin's provenance, its text with the figures of its facts marked,
and the table of its facts.

In: rows of the bulletins table (``sha256``, ``period``, ``vintage``, ``title``,
``source``, ``added_at`` as a UTC ``datetime``, ``added_by`` …), facts as dicts of
``dashboard.views.bulletins.FACT_COLUMNS``, a text's ``Marked`` paragraphs
(``dashboard.views.bulletin_text``). Out: Dash ``html`` trees; no data is read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final

import pandas as pd
from dash import dcc, html

from dashboard import ids, routes
from dashboard.i18n import bulletin_name, figure_text, has_text, t
from dashboard.i18n.numbers import printed_decimals
from dashboard.server import downloads
from dashboard.shell import with_query
from dashboard.views.bulletin_text import Marked, focused_sentences
from dashboard.views.bulletins import describe, fact_name

#: The element id of the sentence numbered n (from 1).
SENTENCE_ID: Final = "sentence-{}"
#: Hex digits of a bulletin's sha256 the provenance shows: enough to name it (the Bulletins
#: page takes any unique prefix), never the whole 64, which no page shows.
SHA_SHOWN: Final = 16

MARK_STYLE: Final = {"backgroundColor": "#fff2a8", "padding": "0 1px", "borderRadius": "2px"}
FOCUS_MARK_STYLE: Final = {
    **MARK_STYLE,
    "backgroundColor": "#ffd54f",
    "outline": "2px solid #8b1a1a",
}
FOCUS_SENTENCE_STYLE: Final = {"backgroundColor": "#fdecea", "boxShadow": "0 0 0 2px #f5c6c0"}


def bulletin_href(sha256: str, lang: str, **query: str) -> str:
    """The link to one bulletin on the Bulletins page."""
    return with_query(routes.BULLETINS, {"bulletin": sha256, **query, "lang": lang})


def _added(value: object) -> str:
    """An ``added_at`` (UTC) as ``2024-06-01 08:30 UTC``; "" when unknown."""
    if not isinstance(value, datetime) or pd.isna(value):
        return ""
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _who(value: object) -> str:
    """Who stored a bulletin ("" when not recorded)."""
    if not isinstance(value, str):
        return ""
    return value


# -- the list --------------------------------------------------------------------------------


def written_links(period: str) -> list[Any]:
    """Links to ``period``'s written bulletin in Chinese and English (.txt downloads)."""
    links: list[Any] = []
    for code in downloads.WRITTEN_LANGS:
        label = t(f"language_name_{code}", code)
        if links:
            links.append(" · ")
        links.append(
            html.A(
                label,
                href=downloads.written_url(period, code),
                download=f"eim-{period}-{code}.txt",
                className=f"written written-{code}",
            )
        )
    return links


def bulletin_list(bulletins: pd.DataFrame, selected: str, lang: str) -> html.Table:
    """One row per bulletin, newest first, each title a link to its text, each period's
    written bulletin downloadable in Chinese and English."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(f"bulletins.{k}", lang) if has_text(f"bulletins.{k}") else t(k, lang))
                for k in (
                    "period",
                    "vintage",
                    "title_col",
                    "source",
                    "added_at",
                    "added_by",
                    "sha",
                    "written",
                )
            ]
        )
    )
    rows = []
    for row in bulletins.to_dict("records"):
        sha = str(row["sha256"])
        chosen = sha == selected
        rows.append(
            html.Tr(
                [
                    html.Td(str(row["period"])),
                    html.Td(str(row["vintage"])),
                    html.Td(dcc.Link(_title(row), href=bulletin_href(sha, lang))),
                    html.Td(str(row["source"] or "")),
                    html.Td(_added(row["added_at"])),
                    html.Td(_who(row.get("added_by"))),
                    html.Td(html.Code(sha[:12])),
                    html.Td(written_links(str(row["period"])), style={"whiteSpace": "nowrap"}),
                ],
                className="selected" if chosen else "",
                style={"fontWeight": "bold", "backgroundColor": "#fdecea"} if chosen else None,
            )
        )
    return html.Table([head, html.Tbody(rows)], id=ids.BULLETINS_LIST, className="bulletins")


def _title(row: Any) -> str:
    """A bulletin's title as MIIT prints it (``2023年1—11月份…``, a dash where the stored
    text has the loader's hyphen), whatever the page's language: it is the document's name."""
    return bulletin_name(str(row["period"]), "zh", str(row["title"] or ""))


# -- the selected bulletin -------------------------------------------------------------------


def provenance(row: pd.Series, vintages: int, scroll_to_title: bool, lang: str) -> list[Any]:
    """The bulletin's title (the scroll target when ``scroll_to_title``), where it came
    from, when and by whom it was added, and its sha256."""
    sha = str(row["sha256"])
    return [
        html.H3(
            _title(row),
            className="scroll-target" if scroll_to_title else None,
        ),
        html.P(
            [
                f"{t('period', lang)}: {row['period']} · ",
                t("bulletins.vintage_of", lang).format(row["vintage"], vintages),
                f" · {t('bulletins.source', lang)}: {row['source'] or '—'}",
                f" · {t('bulletins.added_at', lang)}: {_added(row['added_at'])}",
                f" · {t('bulletins.added_by', lang)}: {_who(row.get('added_by')) or '—'}",
                f" · {t('bulletins.publisher', lang)}: {row['publisher'] or '—'}",
                f" · {t('bulletins.parser', lang)}: {row['parser_version'] or '—'}",
            ],
            className="note",
        ),
        # a checksum's head names the text; the whole is in the bulletins' download
        html.P(["SHA-256: ", html.Code(f"{sha[:SHA_SHOWN]}…")], className="note"),
    ]


def _sentence_component(
    marked: Marked,
    facts: Sequence[dict[str, Any]],
    focus_facts: set[int],
    focus: bool,
    scroll: bool,
    lang: str,
) -> html.Span:
    children: list[Any] = []
    at = 0
    for start, end, found in marked.spans:
        children.append(marked.text[at:start])
        hit = bool(focus_facts.intersection(found))
        children.append(
            html.Mark(
                marked.text[start:end],
                title="\n".join(describe(facts[i], lang) for i in found),
                className="fact focus" if hit else "fact",
                style=FOCUS_MARK_STYLE if hit else MARK_STYLE,
            )
        )
        at = end
    children.append(marked.text[at:])
    classes = ["sentence"] + (["focus"] if focus else []) + (["scroll-target"] if scroll else [])
    return html.Span(
        [c for c in children if c != ""],
        id=SENTENCE_ID.format(marked.number),
        className=" ".join(classes),
        style=FOCUS_SENTENCE_STYLE if focus else None,
    )


def text_view(
    raw: str,
    marked: tuple[list[list[Marked]], list[int]],
    facts: Sequence[dict[str, Any]],
    focus_facts: set[int],
    sentence: str,
    scroll: bool,
    lang: str,
) -> list[Any]:
    """The normalised text (``marked``: its paragraphs and the facts not located in it,
    as ``mark_text`` gives them) with the facts' figures marked, focused sentences
    highlighted; then the facts that could not be located, and ``raw`` in a fold."""
    paragraphs, unlocated = marked
    numbers, found = focused_sentences(paragraphs, sentence, focus_facts)
    first = min(numbers) if numbers else None
    body = [
        html.P(
            [
                _sentence_component(
                    m, facts, focus_facts, m.number in numbers, scroll and m.number == first, lang
                )
                for m in row
            ]
        )
        for row in paragraphs
    ]
    parts: list[Any] = []
    if not found:
        parts.append(
            html.P(
                t("bulletins.sentence_missing", lang).format(sentence[:300]),
                className="note warning",
            )
        )
    parts += [
        html.P(
            [
                t("bulletins.facts_marked", lang).format(len(facts) - len(unlocated)),
                " ",
                t("bulletins.normalised_note", lang),
            ],
            className="note",
        ),
        html.Div(
            body,
            id=ids.BULLETINS_TEXT,
            className="bulletin-text",
            style={"lineHeight": "1.9", "background": "white", "padding": "0.5em 1em"},
        ),
    ]
    if unlocated:
        parts += [
            html.P(t("bulletins.unlocated", lang), className="note"),
            facts_table([facts[i] for i in unlocated], set(), False, lang),
        ]
    parts.append(
        html.Details(
            [
                html.Summary(t("bulletins.raw", lang)),
                html.Pre(raw, style={"whiteSpace": "pre-wrap", "fontSize": "0.85em"}),
            ]
        )
    )
    return parts


def _value(fact: dict[str, Any], lang: str) -> str:
    """A fact's value as read, at the precision it was printed to, in the page's scale
    (``-14.1%`` beside the printed ``14.1%``; ``5.1118万亿元`` beside ``51118亿元``)."""
    unit = str(fact["unit"])
    decimals = printed_decimals(fact.get("printed"), unit)
    return figure_text(float(fact["value"]), unit, lang, decimals=decimals)


def facts_table(
    facts: Sequence[dict[str, Any]], focus_facts: set[int], scroll: bool, lang: str
) -> html.Table:
    """The facts with their printed forms (for a bulletin without text, or unlocated ones);
    the sentence each was read from, when the store has it."""
    with_text = any(fact.get("text") for fact in facts)
    headings = [t("period", lang), t("indicator", lang), t("value", lang), t("printed", lang)]
    if with_text:
        headings.append(t("bulletins.sentence", lang))
    first = min(focus_facts) if focus_facts else None
    rows = []
    for index, fact in enumerate(facts):
        hit = index in focus_facts
        classes = ("fact-row focus" if hit else "fact-row") + (
            " scroll-target" if scroll and index == first else ""
        )
        cells = [
            html.Td(str(fact["period"])),
            html.Td(fact_name(fact, lang)),
            html.Td(_value(fact, lang)),
            html.Td(
                html.Mark(
                    str(fact.get("printed") or ""), style=FOCUS_MARK_STYLE if hit else MARK_STYLE
                )
            ),
        ]
        if with_text:
            cells.append(html.Td(str(fact.get("text") or "")))
        rows.append(html.Tr(cells, className=classes, style=FOCUS_SENTENCE_STYLE if hit else None))
    head = html.Thead(html.Tr([html.Th(heading) for heading in headings]))
    return html.Table([head, html.Tbody(rows)], className="facts")

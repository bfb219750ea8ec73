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

A bulletin imported from the shipped datasets has no text: the page says so and lists the
bulletin's figures in their printed forms instead.

The facts of a bulletin are those it printed that were current when it was added (the
store's facts as of its ``added_at``), so an older vintage shows its own figures, not the
revision's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from dashboard import data, ids, routes, shell
from dashboard.i18n import (
    basis_name,
    has_text,
    indicator_name,
    lang_of,
    measure_name,
    region_name,
    segment_name,
    t,
    value_text,
)
from dashboard.server import downloads
from dashboard.shell import with_query
from loaders.bulletin.text import normalize
from loaders.schema import is_period

PATH = routes.BULLETINS
SENTENCE_ID = "sentence-{}"
SENTENCE_END = "。!?"
SHA_PREFIX = re.compile(r"^[0-9a-f]{6,64}$")
#: At most this many values are read from ``?value=`` (a hand-made URL may hold thousands).
MAX_VALUES = 20
MAX_QUERY_TEXT = 2000

MARK_STYLE = {"backgroundColor": "#fff2a8", "padding": "0 1px", "borderRadius": "2px"}
FOCUS_MARK_STYLE = {**MARK_STYLE, "backgroundColor": "#ffd54f", "outline": "2px solid #8b1a1a"}
FOCUS_SENTENCE_STYLE = {"backgroundColor": "#fdecea", "boxShadow": "0 0 0 2px #f5c6c0"}


def _first(value: object) -> str:
    """A query value as one string: Dash passes repeated keys as a list."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def bulletin_href(sha256: str, lang: str, **query: str) -> str:
    """The link to one bulletin on this page."""
    return with_query(PATH, {"bulletin": sha256, **query, "lang": lang})


# -- the text, cut where the reader cuts it (pure) -----------------------------------------


@data.cached(maxsize=32)
def normalised(raw: str) -> str:
    """The text the loader read from ``raw`` (cached: normalising converts script)."""
    return normalize(raw)


def split_sentences(text: str) -> list[list[str]]:
    """Paragraphs (lines) of sentences, each ending at ``。 ! ?`` or the line's end, as
    ``loaders.bulletin.reader`` cuts them (so a fact's ``text`` equals one of them)."""
    paragraphs = []
    for line in text.split("\n"):
        pieces = re.findall(rf"[^{SENTENCE_END}]+[{SENTENCE_END}]?|[{SENTENCE_END}]", line)
        sentences = [piece.strip() for piece in pieces if piece.strip()]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def figure_spans(sentence: str, printed: str) -> list[tuple[int, int]]:
    """Where ``printed`` stands in ``sentence`` as a whole figure (``2%`` not in ``12%``,
    ``8.4`` not in ``8.45``)."""
    if not printed:
        return []
    pattern = re.compile(rf"(?<![\d.]){re.escape(printed)}(?!\.?\d)")
    return [(m.start(), m.end()) for m in pattern.finditer(sentence)]


@dataclass
class Marked:
    """A sentence with the spans of its facts' figures: (start, end, fact indices)."""

    number: int
    text: str
    spans: list[tuple[int, int, list[int]]] = field(default_factory=list)

    @property
    def facts(self) -> set[int]:
        return {index for *_, found in self.spans for index in found}


def mark_text(text: str, facts: Sequence[dict[str, Any]]) -> tuple[list[list[Marked]], list[int]]:
    """The sentences of ``text`` (paragraphs of ``Marked``), each with its facts' figures
    located, and the indices of the facts that could not be located."""
    paragraphs: list[list[Marked]] = []
    by_text: dict[str, Marked] = {}
    number = 0
    for sentences in split_sentences(text):
        row = []
        for sentence in sentences:
            number += 1
            marked = Marked(number, sentence)
            row.append(marked)
            by_text.setdefault(sentence, marked)
        paragraphs.append(row)
    wanted: dict[int, list[tuple[int, int, int]]] = {}  # sentence number -> (start, end, fact)
    unlocated = []
    for index, fact in enumerate(facts):
        fact_text = str(fact.get("text") or "").strip()
        marked_or_none = by_text.get(fact_text) or next(
            (m for m in by_text.values() if fact_text and fact_text in m.text), None
        )
        spans = (
            figure_spans(marked_or_none.text, str(fact.get("printed") or ""))
            if (marked_or_none is not None)
            else []
        )
        if marked_or_none is None or not spans:
            unlocated.append(index)
            continue
        wanted.setdefault(marked_or_none.number, []).extend((s, e, index) for s, e in spans)
    for row in paragraphs:
        for marked in row:
            marked.spans = _merged(wanted.get(marked.number, []))
    return paragraphs, unlocated


def _merged(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    """Non-overlapping spans, longest first where two overlap; the facts of a dropped span
    join the span that covers it."""
    kept: list[tuple[int, int, list[int]]] = []
    for start, end, fact in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        for kept_start, kept_end, facts in kept:
            if start < kept_end and kept_start < end:
                if fact not in facts:
                    facts.append(fact)
                break
        else:
            kept.append((start, end, [fact]))
    return sorted(kept)


# -- which facts a click points at (pure) --------------------------------------------------


def parse_values(value: object) -> list[float]:
    """``?value=-2.7,68.5`` -> [-2.7, 68.5]; unreadable parts are left out."""
    found = []
    for part in _first(value)[:MAX_QUERY_TEXT].split(",")[:MAX_VALUES]:
        try:
            number = float(part)
        except ValueError:
            continue
        if math.isfinite(number):
            found.append(number)
    return found


def same_value(a: float, b: float) -> bool:
    """Equal up to the float noise of a round trip through JSON and the URL."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def matching(facts: Sequence[dict[str, Any]], period: str, values: Sequence[float]) -> list[int]:
    """Indices of the facts of ``period`` (any, when empty) equal to one of ``values``."""
    return [
        index
        for index, fact in enumerate(facts)
        if (not period or fact.get("period") == period)
        and any(same_value(float(fact["value"]), v) for v in values)
    ]


def fact_name(fact: dict[str, Any], lang: str) -> str:
    """``营业收入 · 东部地区 · 累计 · 同比增速``: what a fact measures."""
    parts = [indicator_name(str(fact["indicator"]), lang)]
    if fact.get("region") not in (None, "", "national"):
        parts.append(region_name(str(fact["region"]), lang))
    if fact.get("segment") not in (None, "", "all"):
        parts.append(segment_name(str(fact["segment"]), lang))
    parts += [basis_name(str(fact["basis"]), lang), measure_name(str(fact["measure"]), lang)]
    reference = f" ({t('change_vs', lang)} {fact['ref_period']})" if fact.get("ref_period") else ""
    return " · ".join(parts) + reference


def describe(fact: dict[str, Any], lang: str) -> str:
    """``营业收入 · 东部地区 · 累计 · 同比增速 2023-11: -2%``: a mark's tooltip."""
    value = value_text(float(fact["value"]), str(fact["unit"]), lang)
    return f"{fact_name(fact, lang)} {fact['period']}: {value}"


# -- reading (through dashboard.data) ------------------------------------------------------


def newest_first(bulletins: pd.DataFrame) -> pd.DataFrame:
    """The bulletins table, latest period first and, within a period, latest vintage first."""
    if bulletins.empty:
        return bulletins
    return bulletins.sort_values(["period", "vintage"], ascending=False, ignore_index=True)


def chosen_bulletin(bulletins: pd.DataFrame, asked: object) -> tuple[pd.Series | None, bool]:
    """The bulletin ``asked`` names (its sha256 or a unique prefix of at least 6 digits) and
    True; else the first row (None for no bulletins) and False."""
    if bulletins.empty:
        return None, False
    wanted = _first(asked).strip().lower()
    if SHA_PREFIX.match(wanted):
        found = bulletins[bulletins["sha256"].str.startswith(wanted)]
        if len(found) == 1:
            return found.iloc[0], True
    return bulletins.iloc[0], False


_FACT_COLUMNS = (
    "period",
    "indicator",
    "region",
    "segment",
    "basis",
    "measure",
    "ref_period",
    "value",
    "unit",
    "printed",
    "text",
)


@data.cached(maxsize=64)
def _facts_of(url: str, version: int, sha256: str, added_at: Any) -> tuple[dict[str, Any], ...]:
    """The facts of the bulletin ``sha256``: the store's facts as of ``added_at`` that come
    from it (so a revised vintage keeps its own figures), and any current fact from it
    (a bulletin added at the very same moment by a later writer cannot hide those).
    Cached per store and data version."""
    as_of = None if added_at is None or pd.isna(added_at) else pd.Timestamp(added_at)
    rows = data.store().facts(as_of=None if as_of is None else as_of.to_pydatetime())
    found = {
        tuple(str(r[c] or "") for c in _FACT_COLUMNS[:7]): {c: r.get(c) for c in _FACT_COLUMNS}
        for r in rows
        if r["bulletin"] == sha256
    }
    current = data.observations()
    current = current[(current["bulletin"] == sha256) & ~current["derived"]]
    for record in current.to_dict("records"):
        key = tuple(str(record[c] or "") for c in _FACT_COLUMNS[:7])
        found.setdefault(key, {c: record.get(c) for c in _FACT_COLUMNS})
    return tuple(sorted(found.values(), key=lambda f: (f["period"], f["indicator"], f["region"])))


def bulletin_facts(row: pd.Series) -> list[dict[str, Any]]:
    """The facts ``row``'s bulletin printed, as they were when it was added."""
    store = data.store()
    return list(_facts_of(store.url, store.version(), str(row["sha256"]), row["added_at"]))


def derived_from(sha256: str, period: str, values: Sequence[float]) -> list[str]:
    """How the derived figures of ``period`` equal to ``values`` were computed from the
    bulletin ``sha256``'s figures."""
    frame = data.observations()
    rows = frame[(frame["bulletin"] == sha256) & frame["derived"]]
    if period:
        rows = rows[rows["period"] == period]
    return [
        str(r["text"])
        for r in rows.to_dict("records")
        if any(same_value(float(r["value"]), v) for v in values)
    ]


# -- components ----------------------------------------------------------------------------


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


#: The link label of each language of the written bulletin (``downloads.WRITTEN_LANGS``).
WRITTEN_LABELS = {"zh": "中文", "en": "English"}


def written_links(period: str) -> list[Any]:
    """Links to ``period``'s written bulletin in Chinese and English (.txt downloads)."""
    links: list[Any] = []
    for code in downloads.WRITTEN_LANGS:
        label = WRITTEN_LABELS[code]
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
                    html.Td(dcc.Link(str(row["title"] or sha[:12]), href=bulletin_href(sha, lang))),
                    html.Td(str(row["source"] or "")),
                    html.Td(_added(row["added_at"])),
                    html.Td(_who(row.get("added_by"))),
                    html.Td(html.Code(sha[:12], title=sha)),
                    html.Td(written_links(str(row["period"])), style={"whiteSpace": "nowrap"}),
                ],
                className="selected" if chosen else "",
                style={"fontWeight": "bold", "backgroundColor": "#fdecea"} if chosen else None,
            )
        )
    return html.Table([head, html.Tbody(rows)], id=ids.BULLETINS_LIST, className="bulletins")


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


def _focused_sentences(
    paragraphs: Sequence[Sequence[Marked]], sentence: str, focus_facts: set[int]
) -> tuple[set[int], bool]:
    """The numbers of the sentences to mark, and whether ``sentence`` (if asked) was found."""
    every = [m for row in paragraphs for m in row]
    numbers = {m.number for m in every if focus_facts & m.facts}
    if not sentence:
        return numbers, True
    if sentence.isdigit():
        number = int(sentence)
        found = any(m.number == number for m in every)
        return numbers | ({number} if found else set()), found
    wanted = sentence.strip()
    hits = {m.number for m in every if m.text == wanted} or {
        m.number for m in every if wanted in m.text or (len(m.text) > 8 and m.text in wanted)
    }
    return numbers | hits, bool(hits)


def text_view(
    raw: str,
    facts: Sequence[dict[str, Any]],
    focus_facts: set[int],
    sentence: str,
    scroll: bool,
    lang: str,
) -> list[Any]:
    """The normalised text with the facts' figures marked, focused sentences highlighted;
    then the facts that could not be located, and the raw text in a fold."""
    paragraphs, unlocated = mark_text(normalised(raw), facts)
    numbers, found = _focused_sentences(paragraphs, sentence, focus_facts)
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
            html.Td(value_text(float(fact["value"]), str(fact["unit"]), lang)),
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
    parts: list[Any] = [
        html.H3(
            str(row["title"] or sha[:12]),
            className="scroll-target" if scroll and not (focus or sentence) else None,
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
        html.P(["SHA-256: ", html.Code(sha)], className="note"),
    ]
    if values and not focus:
        derived = derived_from(sha, period, values)
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
        parts += text_view(raw, facts, focus, sentence, scroll, lang)
    elif facts:
        parts += [
            html.P(t("bulletins.no_text", lang), className="note"),
            facts_table(facts, focus, scroll, lang),
        ]
    else:
        parts += [
            html.P(t("bulletins.no_text", lang), className="note"),
            html.P(t("bulletins.no_facts", lang), className="note"),
        ]
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
        "sentence": _first(sentence).strip(),
        "period": _first(period).strip(),
        "value": _first(value),
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


def register() -> None:
    """Register the page with Dash (its scrolling callback is registered once, at import)."""
    shell.register_page(
        __name__, path=PATH, name="bulletins", title="公报 · EIM Monitor", layout=layout
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

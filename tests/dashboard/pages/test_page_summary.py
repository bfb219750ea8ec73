"""The Overview's summary (issue #7): the chosen period's bulletin as ``loaders.writer``
writes it, in the page's language, each number a link to its source bulletin.

Through the real app under gunicorn (``dashboard.tools.running.running_app``, a fresh SQLite
store filled from the shipped ``datasets/``), as the browser asks for a page:

- ``/?period=2023-11`` in Chinese and English has a section 摘要 / Summary under the cards
  with the document ``write(period_facts(store.facts(), "2023-11"), "2023-11", lang)`` gives
  (computed here from the app's store): its title, its headings as headings, each
  paragraph's text, and each figure a link, in reading order, to
  ``/bulletins?bulletin=<its bulletin's key>&period=2023-11&value=<its value>&lang=<lang>``;
- every such link, opened through the router, shows that very bulletin on the Bulletins page
  (selected in the list, its title above the detail), with the linked printed figure's row
  marked, or, for a derived figure, the note that it was computed, not printed;
- derived figures, and only they, carry the class ``derived`` and a tooltip saying so;
- another period and the default period show their own summary; the summary stays lean.

And in this process (no Dash callbacks needed): the facts the summary writes from are those
``period_facts(store.facts(), period)`` gives, for every period; the document is memoised.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from served_app import ServedApp as App
from served_app import serve, stored_facts

from dashboard import data, summary
from dashboard.i18n import bulletin_name
from dashboard.pages import overview
from loaders.store import Store
from loaders.writer import write
from loaders.writer.document import Document
from loaders.writer.facts import period_facts

pytestmark = pytest.mark.slow  # the real app under gunicorn

PERIOD = "2023-11"
#: Bytes of the summary section of 2023-11 as the router sends it (JSON, uncompressed).
#: Measured: 17.7 KB (zh), 19.2 KB (en); gzip 1.8 KB. The Overview answer was 11 KB before.
MAX_SUMMARY_BYTES = 30_000


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    yield from serve(tmp_path_factory, "summary")


@pytest.fixture(scope="module")
def store_rows(app: App) -> list[dict[str, Any]]:
    """The app's stored facts (``Store.facts()``), read once the app has filled its store."""
    return stored_facts(app.database)


@pytest.fixture(scope="module")
def titles(app: App) -> dict[str, str]:
    """Each stored bulletin's title by sha256."""
    store = Store(f"sqlite:///{app.database}")
    try:
        return {str(row["sha256"]): str(row["title"]) for row in store.bulletins()}
    finally:
        store.close()


def expected(rows: list[dict[str, Any]], period: str, lang: str) -> Document:
    return write(period_facts(rows, period), period, "en" if lang == "en" else "zh")


# -- walking a layout as Dash sends it (JSON) ---------------------------------------------------


def nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component, depth first."""
    if isinstance(tree, list):
        for item in tree:
            yield from nodes(item)
    elif isinstance(tree, dict) and "props" in tree:
        yield tree
        yield from nodes(tree["props"].get("children"))


def by_id(tree: Any, component_id: str) -> dict[str, Any]:
    found = [n for n in nodes(tree) if n["props"].get("id") == component_id]
    assert len(found) == 1, f"{len(found)} components with id {component_id}"
    return found[0]


def text_of(tree: Any) -> str:
    """The text a component shows (its strings, in order)."""
    if isinstance(tree, str | int | float):
        return str(tree)
    if isinstance(tree, list):
        return "".join(text_of(item) for item in tree)
    if isinstance(tree, dict) and "props" in tree:
        return text_of(tree["props"].get("children"))
    return ""


def figure_links(section: Any) -> list[dict[str, Any]]:
    """The summary's figure links (props), in reading order."""
    return [
        n["props"]
        for n in nodes(section)
        if n["type"] == "Link" and "figure" in str(n["props"].get("className", "")).split()
    ]


def summary_of(app: App, search: str) -> dict[str, Any]:
    return by_id(app.page("/", search), summary.SUMMARY_ID)


# -- the Overview -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_shows_the_written_summary_with_links(
    app: App, store_rows: list[dict[str, Any]], lang: str
) -> None:
    page = app.page("/", f"?period={PERIOD}&lang={lang}")
    section = by_id(page, summary.SUMMARY_ID)
    # under the cards
    order = [n["props"].get("id") for n in nodes(page) if n["props"].get("id")]
    assert order.index("overview-cards") < order.index(summary.SUMMARY_ID)
    document = expected(store_rows, PERIOD, lang)
    children = section["props"]["children"]
    assert children[0]["type"] == "H3"
    assert text_of(children[0]) == {"zh": "摘要", "en": "Summary"}[lang]
    headings = [text_of(n) for n in nodes(section) if n["type"] == "H4"]
    assert headings == [document.title]
    assert [text_of(n) for n in nodes(section) if n["type"] == "H5"] == [
        p.text() for p in document.paragraphs if p.heading
    ]
    shown = [
        text_of(n) for n in children if n["type"] == "P" and n["props"].get("className") != "note"
    ]
    assert shown == [p.text() for p in document.paragraphs if not p.heading]

    figures = [f for f in document.figures() if f.fact.bulletin]
    links = figure_links(section)
    assert len(figures) > 10 and len(links) == len(figures)
    for link, figure in zip(links, figures, strict=True):
        assert link["children"] == figure.text
        url = urlsplit(link["href"])
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        assert url.path == "/bulletins"
        assert figure.fact.bulletin.startswith(query["bulletin"]) and len(query["bulletin"]) >= 16
        assert query["period"] == figure.fact.period == PERIOD
        assert float(query["value"]) == pytest.approx(figure.fact.value, abs=1e-9)
        assert query["lang"] == lang


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_derived_figures_and_only_they_are_marked(
    app: App, store_rows: list[dict[str, Any]], lang: str
) -> None:
    document = expected(store_rows, PERIOD, lang)
    links = figure_links(summary_of(app, f"?period={PERIOD}&lang={lang}"))
    figures = [f for f in document.figures() if f.fact.bulletin]
    derived = [link for link, f in zip(links, figures, strict=True) if f.fact.derived]
    printed = [link for link, f in zip(links, figures, strict=True) if not f.fact.derived]
    assert derived, f"no derived figure written for {PERIOD}: pick a period that has one"
    words = {"zh": "推算值", "en": "computed, not printed"}[lang]
    for link in derived:
        assert link["className"].split() == ["figure", "derived"]
        assert words in link["title"]
        assert link["style"]["fontStyle"] == "italic"
    for link in printed:
        assert link["className"] == "figure"
        assert "title" not in link and "style" not in link


@pytest.fixture(scope="module")
def english_links(app: App, store_rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    """(link props, Figure) of the English summary of 2023-11."""
    document = expected(store_rows, PERIOD, "en")
    figures = [f for f in document.figures() if f.fact.bulletin]
    links = figure_links(summary_of(app, f"?period={PERIOD}&lang=en"))
    return list(zip(links, figures, strict=True))


def test_every_link_opens_its_bulletin_on_the_bulletins_page(
    app: App, english_links: list[tuple[dict[str, Any], Any]], titles: dict[str, str]
) -> None:
    opened: dict[str, Any] = {}
    for link, figure in english_links:
        url = urlsplit(link["href"])
        page = opened.setdefault(link["href"], app.page(url.path, "?" + url.query))
        selected = [
            n
            for n in nodes(page)
            if n["type"] == "Tr" and n["props"].get("className") == "selected"
        ]
        assert len(selected) == 1
        assert figure.fact.bulletin[:12] in text_of(selected[0])
        detail = by_id(page, "bulletins-detail")
        heading = text_of(next(n for n in nodes(detail) if n["type"] == "H3"))
        # the title as MIIT prints it (a dash where the stored text has a hyphen)
        assert heading == bulletin_name(figure.fact.period, "zh", titles[figure.fact.bulletin])
        if figure.fact.derived:
            assert "The clicked figure is derived, not printed in the bulletin" in text_of(detail)
            continue
        # the shipped bulletins carry no text: their facts' table, the linked one marked
        marked = [
            text_of(n)
            for n in nodes(detail)
            if n["type"] == "Tr" and "focus" in str(n["props"].get("className", "")).split()
        ]
        assert marked, f"{link['href']} marks no figure"
        assert any(figure.fact.printed in row for row in marked), (figure, marked)
    assert len(opened) >= 10


def test_the_summary_follows_the_period(app: App, store_rows: list[dict[str, Any]]) -> None:
    early = summary_of(app, "?period=2019-04&lang=en")
    assert [text_of(n) for n in nodes(early) if n["type"] == "H4"] == [
        expected(store_rows, "2019-04", "en").title
    ]
    # the Overview opens on the latest period whose bulletin prints value added (ytd)
    latest = max(
        str(row["period"])
        for row in store_rows
        if (row["indicator"], row["basis"], row["measure"], row["region"])
        == ("value_added", "ytd", "yoy_pct", "national")
    )
    default = summary_of(app, "?lang=zh")
    assert [text_of(n) for n in nodes(default) if n["type"] == "H4"] == [
        expected(store_rows, latest, "zh").title
    ]


def test_the_summary_stays_lean(app: App) -> None:
    for lang in ("zh", "en"):
        section = summary_of(app, f"?period={PERIOD}&lang={lang}")
        size = len(json.dumps(section, ensure_ascii=False, separators=(",", ":")).encode())
        assert size < MAX_SUMMARY_BYTES, f"the {lang} summary is {size:,} bytes"


# -- in this process ----------------------------------------------------------------------------


def test_the_facts_are_those_period_facts_gives(shipped_store: None) -> None:
    rows = data.store().facts()
    periods = sorted({str(row["period"]) for row in rows})
    assert len(periods) >= 20
    for period in periods:
        ours = summary.facts_of(period)
        theirs = period_facts(rows, period)
        assert len(ours) == len(theirs) and set(ours) == set(theirs), period
        assert [f.derived for f in ours] == sorted(f.derived for f in ours)  # printed first
    assert summary.facts_of("2031-01") == ()


def test_the_document_is_written_once_per_version(shipped_store: None) -> None:
    first = summary.document(PERIOD, "en")
    assert summary.document(PERIOD, "en") is first
    assert summary.document(PERIOD, "xx") is summary.document(PERIOD, "zh")
    assert first.text() == expected(data.store().facts(), PERIOD, "en").text()


def test_a_period_without_facts_says_so(shipped_store: None) -> None:
    assert "No data" in str(summary.summary("2031-01", "en"))
    assert "暂无数据" in str(summary.summary("", "zh"))


def test_a_failing_writer_leaves_the_overview_standing(
    shipped_store: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: Any) -> Document:
        raise ValueError("a writer bug")

    monkeypatch.setattr(summary, "write", broken)
    data.reset()  # forget documents written before
    page = str(overview.layout(lang="en", period=PERIOD))
    assert "could not be written" in page and "card-value" in page
    assert "a writer bug" in caplog.text

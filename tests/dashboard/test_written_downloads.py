"""Written bulletins by URL (issue #7, acceptance 3): ``/data/written/<period>.<lang>.txt``,
through the real app under gunicorn (``dashboard.tools.running.running_app``) on a fresh
SQLite store filled from the shipped ``datasets/``.

- every period of ``datasets/bulletins.csv``, in English and in Chinese: 200, UTF-8 plain
  text without BOM, an attachment named ``eim-<period>-<lang>.txt``, and exactly
  ``loaders.writer.write(period_facts(store.facts(), period), period, lang).text()``
  (computed here, from the app's store);
- a few facts picked from ``datasets/observations.csv`` stand in the downloads written as
  the writer prints them, and the English title line is the one expected;
- an unknown period, a malformed period, an unknown language or name is a 404 whose plain
  sentence names the URLs and the periods there are; an unknown parameter is a 400;
- the Bulletins page links every shipped period's written bulletin in both languages, each
  link a download of the right name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

import pytest
from served_app import ServedApp as App
from served_app import serve, stored_facts

from dashboard.server import downloads
from loaders.settings import PROJECT_ROOT
from loaders.writer import write
from loaders.writer.facts import period_facts

pytestmark = pytest.mark.slow  # the real app under gunicorn

DATASETS = PROJECT_ROOT / "datasets"
LANGS = ("en", "zh")


def shipped_periods() -> list[str]:
    """The periods of the shipped bulletins, oldest first."""
    with (DATASETS / "bulletins.csv").open(encoding="utf-8-sig", newline="") as handle:
        return sorted({row["period"] for row in csv.DictReader(handle)})


def shipped_value(period: str, indicator: str, region: str, basis: str, measure: str) -> float:
    """One printed value of ``datasets/observations.csv``."""
    with (DATASETS / "observations.csv").open(encoding="utf-8-sig", newline="") as handle:
        found = [
            float(row["value"])
            for row in csv.DictReader(handle)
            if (row["period"], row["indicator"], row["region"], row["basis"], row["measure"])
            == (period, indicator, region, basis, measure)
            and row["segment"] == "all"
            and row["derived"] == "false"
            and not row["ref_period"]
        ]
    assert len(found) == 1, (period, indicator, region, basis, measure, found)
    return found[0]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    yield from serve(tmp_path_factory, "written")


@pytest.fixture(scope="module")
def store_rows(app: App) -> list[dict[str, Any]]:
    """The app's stored facts (``Store.facts()``), read once."""
    return stored_facts(app.database)


def nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component of a layout as Dash sends it (JSON), depth first."""
    if isinstance(tree, list):
        for item in tree:
            yield from nodes(item)
    elif isinstance(tree, dict) and "props" in tree:
        yield tree
        yield from nodes(tree["props"].get("children"))


# -- every shipped period ---------------------------------------------------------------------


def test_the_shipped_periods_are_known() -> None:
    periods = shipped_periods()
    assert len(periods) >= 20 and "2023-11" in periods, periods


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("period", shipped_periods())
def test_every_shipped_period_downloads_as_written(
    app: App, store_rows: list[dict[str, Any]], period: str, lang: str
) -> None:
    answer = app.get(f"/data/written/{period}.{lang}.txt")
    assert answer.status == 200, answer.body[:300]
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert (
        answer.headers["Content-Disposition"] == f'attachment; filename="eim-{period}-{lang}.txt"'
    )
    assert not answer.body.startswith(b"\xef\xbb\xbf"), "a BOM in a text download"
    text = answer.body.decode("utf-8")  # strict: the body is UTF-8
    expected = write(period_facts(store_rows, period), period, "en" if lang == "en" else "zh")
    assert text == expected.text()
    assert text.splitlines()[0] == expected.title
    assert expected.figures(), f"nothing written for {period} in {lang}"
    if lang == "en":
        assert not any("\u4e00" <= char <= "\u9fff" for char in expected.title), expected.title


#: Facts picked from datasets/observations.csv: (period, indicator, region, basis, measure),
#: their value there (unit: 亿元, %, 万台), and how the bulletin writes them in English and
#: Chinese (a fall says so in words; the figure has no sign).
Key = tuple[str, str, str, str, str]
PICKED: tuple[tuple[Key, float, str, str], ...] = (
    (
        ("2023-11", "revenue", "national", "ytd", "level"),
        135000,
        "13.5 trillion yuan",
        "13.5万亿元",
    ),
    (("2023-11", "revenue", "national", "ytd", "yoy_pct"), -1.8, "down 1.8%", "同比下降1.8%"),
    (
        ("2023-11", "total_profit", "national", "ytd", "level"),
        5736,
        "573.6 billion yuan",
        "5736亿元",
    ),
    (("2023-11", "total_profit", "national", "ytd", "yoy_pct"), -11.2, "down 11.2%", "下降11.2%"),
    (("2023-11", "profit_margin", "national", "ytd", "level"), 4.2, "was 4.2%", "为4.2%"),
    (("2023-11", "revenue", "east", "ytd", "level"), 91874, "9.1874 trillion yuan", "91874亿元"),
    (
        ("2023-11", "output_mobile_phones", "national", "ytd", "level"),
        141000,
        "1.41 billion",
        "14.1亿台",
    ),
)
ENGLISH_TITLE_2023_11 = "Electronic information manufacturing in January–November 2023"


@pytest.mark.parametrize(("key", "value", "english", "chinese"), PICKED)
def test_picked_facts_are_written_as_the_writer_prints_them(
    app: App, key: Key, value: float, english: str, chinese: str
) -> None:
    assert shipped_value(*key) == value, "datasets/ changed: pick the fact again"
    period = key[0]
    for lang, figure in (("en", english), ("zh", chinese)):
        text = app.get(f"/data/written/{period}.{lang}.txt").body.decode("utf-8")
        assert figure in text, (lang, figure, text[:500])


def test_the_english_title_line(app: App) -> None:
    text = app.get("/data/written/2023-11.en.txt").body.decode("utf-8")
    assert text.splitlines()[0] == ENGLISH_TITLE_2023_11


# -- what is not there ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/data/written/2031-01.en.txt", "no bulletin of 2031-01 is stored"),
        ("/data/written/2023-10.zh.txt", "no bulletin of 2023-10 is stored"),
        ("/data/written/2023-13.en.txt", "the name is not <period>.<lang>.txt"),
        ("/data/written/2023-11.fr.txt", "'fr' is not a language"),
        ("/data/written/2023-11.en.csv", "the name is not <period>.<lang>.txt"),
        ("/data/written/2023-11.txt", "the name is not <period>.<lang>.txt"),
        ("/data/written/%3Cscript%3E.en.txt", "the name is not <period>.<lang>.txt"),
    ],
)
def test_what_is_not_there_is_a_404_saying_what_is(app: App, path: str, problem: str) -> None:
    answer = app.get(path)
    assert answer.status == 404
    assert answer.headers["Content-Type"].startswith("text/plain")
    message = answer.body.decode("utf-8")
    assert message.startswith("No written bulletin at /data/written/"), message
    assert problem in message
    assert "/data/written/<period>.<lang>.txt" in message
    assert ", ".join(shipped_periods()) in message


def test_other_parameters_are_refused_and_lang_is_ignored(app: App) -> None:
    refused = app.get("/data/written/2023-11.en.txt?indicator=revenue")
    assert refused.status == 400
    assert "Bad parameter 'indicator'" in refused.body.decode("utf-8")
    assert app.get("/data/written/2023-11.en.txt?lang=zh").body == (
        app.get("/data/written/2023-11.en.txt").body
    )


# -- the Bulletins page -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_bulletins_page_links_every_period_in_both_languages(app: App, lang: str) -> None:
    page = app.page("/bulletins", f"?lang={lang}")
    links = [
        node["props"]
        for node in nodes(page)
        if node["type"] == "A" and "written" in str(node["props"].get("className", ""))
    ]
    wanted = {
        (downloads.written_url(period, code), f"eim-{period}-{code}.txt")
        for period in shipped_periods()
        for code in LANGS
    }
    assert {(link["href"], link["download"]) for link in links} == wanted
    assert {link["children"] for link in links} == {"中文", "English"}
    english = next(link["href"] for link in links if link["children"] == "English")
    assert english.endswith(".en.txt") and app.get(english).status == 200

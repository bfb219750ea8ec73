"""The Bulletins page and the click that opens it: every bulletin listed, newest first; a
stored text shown with each figure that became a fact marked; the sentence of a clicked
point marked; a bulletin without text says so and shows its figures as printed; every page
answers through the server.

The two vintages below are made up for these tests, in the bulletins' style. The second is
a web copy (HTML, full-width digits) that revises value added (11.0% -> 11.2%) and revenue
(8.30 -> 8.35万亿元): its figures can only be found in the normalised text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dash
import pytest
from served_app import ROUTER, router_body

from dashboard import clicks, data, shell
from dashboard.pages import bulletins
from loaders import parse_bulletin
from loaders.store import Store

FIRST = """2026年1—7月份电子信息制造业运行情况

1—7月份，我国电子信息制造业生产平稳增长。

一、生产情况

1—7月份，规模以上电子信息制造业增加值同比增长11.0%，增速较1—6月份提高0.2个百分点。7月份，规模以上电子信息制造业增加值同比增长13.0%。

二、效益情况

1—7月份，规模以上电子信息制造业实现营业收入8.30万亿元，同比增长9.1%；实现利润总额3320亿元，同比增长15.2%。
"""

REVISED = """<html><head><meta charset="utf-8"></head><body>
<h1>2026年1—7月份电子信息制造业运行情况</h1>
<p>1—7月份，我国电子信息制造业生产增速回升。</p>
<p>一、生产情况</p>
<p>1—7月份，规模以上电子信息制造业增加值同比增长１１.２％，增速较1—6月份提高０.４个百分点。7月份，规模以上电子信息制造业增加值同比增长１３.０％。</p>
<p>二、效益情况</p>
<p>1—7月份，规模以上电子信息制造业实现营业收入8.35万亿元，同比增长9.1%；实现利润总额3320亿元，同比增长15.2%。</p>
</body></html>
"""


def _reset_data() -> None:
    data.reset()


@pytest.fixture()
def vintages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A store holding the two made-up vintages with their texts; their sha256s, in order."""
    path = tmp_path / "bulletins.sqlite"
    monkeypatch.setenv("EIM_DATABASE_PATH", str(path))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    _reset_data()
    store = Store(f"sqlite:///{path}")
    shas = []
    for day, (name, text) in enumerate((("first.txt", FIRST), ("revised.html", REVISED)), 1):
        bulletin = parse_bulletin(text, name=name)
        store.add(
            bulletin,
            text,
            source=name,
            added_at=datetime(2026, 8, day, tzinfo=UTC),
            added_by=f"editor{day} (web)",
        )
        shas.append(bulletin.sha256)
    store.close()
    yield shas
    _reset_data()


def _find(component: Any, kind: str) -> list[Any]:
    """Every component of type ``kind`` under ``component``."""
    found = [component] if type(component).__name__ == kind else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += _find(child, kind)
    return found


def _marks(component: Any) -> list[str]:
    return [str(mark.children) for mark in _find(component, "Mark")]


# -- the text ------------------------------------------------------------------------------


def test_a_stored_text_has_every_figure_that_became_a_fact_marked(vintages: list[str]) -> None:
    page = bulletins.layout(lang="zh", bulletin=vintages[1])
    marks = _marks(page)
    for figure in ("11.2%", "0.4个百分点", "13.0%", "8.35万亿元", "9.1%", "3320亿元", "15.2%"):
        assert figure in marks
    assert "11.0%" not in marks
    text = str(_find(page, "Pre")[0].children)
    assert "１１.２％" in text  # the raw web copy, verbatim, in the fold
    spans = [s for s in _find(page, "Span") if str(getattr(s, "id", "")).startswith("sentence-")]
    assert [s.id for s in spans[:3]] == ["sentence-1", "sentence-2", "sentence-3"]
    tooltips = [m.title for m in _find(page, "Mark")]
    assert any("增加值" in tip and "11.2%" in tip for tip in tooltips)


def test_an_older_vintage_marks_its_own_figures(vintages: list[str]) -> None:
    page = bulletins.layout(lang="en", bulletin=vintages[0][:10])  # a prefix names it too
    marks = _marks(page)
    assert "11.0%" in marks and "8.30万亿元" in marks and "0.2个百分点" in marks
    assert "vintage 1 of 2" in str(page)
    assert "Added by: editor1 (web)" in str(page)


def test_the_list_shows_every_vintage_newest_first_with_links(vintages: list[str]) -> None:
    table = _find(bulletins.layout(lang="en"), "Table")[0]
    rows = _find(table, "Tbody")[0].children
    assert len(rows) == 2
    assert "Added by" in str(_find(table, "Thead")[0])
    assert [str(row.children[5].children) for row in rows] == ["editor2 (web)", "editor1 (web)"]
    assert [str(r.children[1].children) for r in rows] == ["2", "1"]
    link = _find(rows[0], "Link")[0]
    assert link.href == f"/bulletins?bulletin={vintages[1]}&lang=en"
    assert str(_find(rows[1], "Code")[0].children) == vintages[0][:12]


def test_a_clicked_point_marks_its_sentence(vintages: list[str]) -> None:
    page = bulletins.layout(lang="zh", bulletin=vintages[1], period="2026-07", value="11.2")
    focused = [s for s in _find(page, "Span") if "focus" in str(getattr(s, "className", ""))]
    assert len(focused) == 1 and "scroll-target" in focused[0].className
    assert "增加值同比增长" in str(focused[0].children)
    clicked = [m for m in _find(focused[0], "Mark") if "focus" in m.className]
    assert [m.children for m in clicked] == ["11.2%"]

    by_number = bulletins.layout(lang="zh", bulletin=vintages[1], sentence="2")
    focused = [s for s in _find(by_number, "Span") if "focus" in str(s.className)]
    assert [s.id for s in focused] == ["sentence-2"]

    sentence = "7月份,规模以上电子信息制造业增加值同比增长13.0%。"
    by_text = bulletins.layout(lang="zh", bulletin=vintages[1], sentence=sentence)
    focused = [s for s in _find(by_text, "Span") if "focus" in str(s.className)]
    assert [str(s.children[0]) for s in focused] == [sentence[:-6]]


def test_a_click_on_a_figure_the_bulletin_did_not_print_says_so(vintages: list[str]) -> None:
    page = str(bulletins.layout(lang="en", bulletin=vintages[1], period="2026-07", value="42"))
    assert "No figure of this bulletin equals the clicked one" in page


def test_a_bulletin_without_text_says_so_and_shows_its_printed_figures(
    shipped_store: None,
) -> None:
    table = data.bulletins()
    newest = table.sort_values(["period", "vintage"]).iloc[-1]
    page = bulletins.layout(lang="zh")
    assert "原文未保存" in str(page)
    facts = data.observations()
    printed = facts[(facts["bulletin"] == newest["sha256"]) & ~facts["derived"]]
    assert len(_marks(page)) == len(printed) > 0
    assert set(_marks(page)) == set(printed["printed"])
    english = str(bulletins.layout(lang="en"))
    assert "is not stored" in english


def test_every_bulletin_is_listed(shipped_store: None) -> None:
    page = bulletins.layout(lang="en")
    rows = _find(_find(page, "Tbody")[0], "Tr")
    assert len(rows) == len(data.bulletins())
    periods = [str(r.children[0].children) for r in rows]
    assert periods == sorted(periods, reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        {"lang": "fr", "bulletin": "not-a-sha"},
        {"bulletin": "abc"},  # too short to name a bulletin
        {"bulletin": ["x", "y"], "lang": ["en", "zh"], "period": ["2024-01"]},
        {"value": "nan,inf,abc," * 50, "period": "2024-13"},
        {"sentence": "", "unknown": "1"},
    ],
)
def test_nonsense_queries_fall_back_to_the_defaults(
    shipped_store: None, query: dict[str, Any]
) -> None:
    assert str(bulletins.layout(**query)) == str(bulletins.layout())


def test_odd_sentences_and_values_never_raise(vintages: list[str]) -> None:
    for query in (
        {"sentence": "999"},
        {"sentence": "<script>alert(1)</script>" * 200},
        {"value": "1e308,-0,11.2", "period": ""},
    ):
        bulletins.layout(bulletin=vintages[1], **query)
    missing = str(bulletins.layout(bulletin=vintages[1], sentence="999", lang="en"))
    assert "The sentence asked for is not in this bulletin" in missing


# -- the click -----------------------------------------------------------------------------

SHA = "ab" * 32


def _click(**point: Any) -> dict[str, Any]:
    return {"points": [{"curveNumber": 0, "pointNumber": 3, **point}]}


def test_a_time_series_click_opens_its_bulletin() -> None:
    click = _click(x="2024-05", y=-2.7, customdata=["-2.7% (公布值)", SHA])
    assert clicks.open_source([None, click], "?lang=en&period=2024-05") == (
        "/bulletins",
        f"?bulletin={SHA}&period=2024-05&value=-2.7&lang=en",
    )
    assert clicks.open_source([click], None)[1].endswith("&lang=zh")


def test_a_bar_click_takes_its_period_from_customdata() -> None:
    click = _click(x="东部地区", y=66.66666666666667, customdata=["…", SHA, "2026-05"])
    assert clicks.source_location(click, "zh") == (
        "/bulletins",
        f"?bulletin={SHA}&period=2026-05&value=66.66666667&lang=zh",
    )


def test_a_unified_hover_click_passes_every_value_of_the_bulletin() -> None:
    click = {
        "points": [
            {"x": "2024-05", "y": 1.5, "customdata": ["", SHA]},
            {"x": "2024-05", "y": None, "customdata": ["", ""]},
            {"x": "2024-05", "y": 3.0, "customdata": ["", SHA]},
        ]
    }
    assert clicks.source_location(click, "en") == (
        "/bulletins",
        f"?bulletin={SHA}&period=2024-05&value=1.5%2C3&lang=en",
    )


@pytest.mark.parametrize(
    "click",
    [
        _click(x="东部地区", y=9.5),  # a bar without customdata
        _click(x="2024-05", y=1.0, customdata=["only hover text"]),
        _click(x="2024-05", y=1.0, customdata=["", "not-a-sha"]),
        _click(x="2024-05", y=1.0, customdata="nonsense"),
        {"points": "nonsense"},
        {"points": []},
        None,
    ],
)
def test_a_click_that_names_no_bulletin_changes_nothing(click: Any) -> None:
    assert clicks.open_source([click], "?lang=en") == (dash.no_update, dash.no_update)


def test_malformed_callback_arguments_change_nothing() -> None:
    assert clicks.open_source("nonsense", 42) == (dash.no_update, dash.no_update)  # type: ignore[arg-type]
    both = [_click(x="2024-05", y=1.0, customdata=["", SHA])] * 2
    # outside a callback two charts with clicks cannot say which was clicked
    assert clicks.open_source(both, "") == (dash.no_update, dash.no_update)


# -- through the server --------------------------------------------------------------------


def _render(client: Any, path: str, search: str) -> tuple[int, str]:
    """The pages router's answer for a URL, as the browser asks for it."""
    response = client.post(ROUTER, json=router_body(path, search))
    body = response.get_json(silent=True)
    return response.status_code, json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def test_every_page_answers_through_the_server(shipped_store: None) -> None:
    from dashboard.app import create_app

    client = create_app().server.test_client()
    for path, _ in shell.NAVIGATION:
        for lang in ("zh", "en"):
            assert client.get(f"{path}?lang={lang}").status_code == 200, (path, lang)
            status, _body = _render(client, path, f"?lang={lang}")
            assert status == 200, (path, lang)
    for path, search, expected in (
        ("/regions", "?lang=en&period=2023-11", "Jan–Nov 2023"),
        ("/regions", "?period=nonsense&lang=xx", "分地区运行情况"),
        ("/bulletins", "?lang=en", "is not stored"),
        ("/bulletins", "?bulletin=zzz&value=x&sentence=%3Cb%3E", "原文未保存"),
    ):
        status, body = _render(client, path, search)
        assert status == 200 and expected in body, (path, search)
    assert (
        '"id":{"type":"chart","page":"regions","name":"growth"}'
        in _render(client, "/regions", "")[1]
    )


def test_a_bulletin_without_text_says_why_and_how_to_read_it(shipped_store: None) -> None:
    for lang, why, how in (
        ("zh", "随附的数据集只含公报中的数字及其印刷形式，不含原文句子", "本库不知道其原文网址"),
        ("en", "the shipped datasets carry the bulletin's figures", "Its source URL is not known"),
    ):
        page = bulletins.layout(lang=lang)
        text = str(page)
        assert why in text and how in text and "eim add" in text
        [add] = [link for link in _find(page, "Link") if "/add" in str(link.href)]
        assert add.href.endswith(f"lang={lang}")


def test_a_known_source_url_is_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "linked.sqlite"
    monkeypatch.setenv("EIM_DATABASE_PATH", str(path))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    _reset_data()
    page_url = "https://www.miit.gov.cn/gxsj/tjfx/dzxx/art/2026/art_0801.html"
    store = Store(f"sqlite:///{path}")
    bulletin = parse_bulletin(FIRST, name="first.txt")
    store.add(bulletin, "", source="first.txt", source_url=page_url)  # figures, no text
    store.close()
    try:
        for lang in ("zh", "en"):
            page = bulletins.layout(lang=lang, bulletin=bulletin.sha256)
            links = [a for a in _find(page, "A") if a.href == page_url]
            assert len(links) == 2  # under the provenance, and where the text would be
            assert all(a.rel == "noopener noreferrer" for a in links)
    finally:
        _reset_data()

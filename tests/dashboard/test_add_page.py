"""The Add bulletin page through the real app (gunicorn, 2 workers, its own SQLite store):
the editor's login, preview, confirm and cancel as the browser sends them, every bad input
of issue #5, and two editors at once. The browser test of the whole flow is in
``test_browser_add.py``; a second worker on PostgreSQL in ``test_add_workers.py``."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editor_client import EDITOR_ENV, PASSWORD, Answer, EditorClient, data_url
from own_bulletin import FIXTURE as OWN_BULLETIN
from own_bulletin import own_bulletin

from dashboard import ids
from dashboard.server.security import MAX_CONTENT_LENGTH
from dashboard.tools.running import running_app
from loaders.store import Store

pytestmark = pytest.mark.slow  # the real app under gunicorn

FIXTURE = OWN_BULLETIN
MESSAGE = f"{ids.ADD_MESSAGE}.children"
PREVIEW = f"{ids.ADD_PREVIEW_AREA}.children"


class Running:
    """The app's URL and its store (read directly, to see what was stored)."""

    def __init__(self, url: str, database: Path, log: Path) -> None:
        self.url = url
        self.store = Store(f"sqlite:///{database}")
        self.log = log

    def editor(self) -> EditorClient:
        client = EditorClient(self.url)
        assert client.login().status_code == 303
        return client

    def periods(self) -> list[str]:
        return [row["period"] for row in self.store.bulletins()]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("add-page")
    database, log = folder / "eim.sqlite", folder / "gunicorn.log"
    with running_app(database, env=EDITOR_ENV, log=log) as url:
        running = Running(url, database, log)
        try:
            yield running
        finally:
            running.store.close()


def _components(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "type" in node and "props" in node:
            yield node
            yield from _components(node["props"])
        else:
            for value in node.values():
                yield from _components(value)
    elif isinstance(node, list):
        for item in node:
            yield from _components(item)


# -- who may write ---------------------------------------------------------------------------


def test_a_callback_without_a_session_stores_nothing(app: Running) -> None:
    editor = app.editor()
    pending = editor.act("preview", text=own_bulletin(3)).pending
    assert pending and pending["text"]
    before = app.store.version()
    stranger = EditorClient(app.url)
    for answer in (
        stranger.act("confirm", pending=pending),
        stranger.act("preview", text=own_bulletin(3)),
        stranger.act("upload", upload=data_url(own_bulletin(3).encode()), filename="x.txt"),
    ):
        assert answer.status == 200
        assert "not signed in" in answer.text
        assert answer.outputs[PREVIEW] is None and answer.pending is None
    forged = EditorClient(app.url)
    forged.session.cookies.set("eim_session", "eyJlZGl0b3IiOiJlZGl0b3IifQ.forged.sig")
    assert "not signed in" in forged.act("confirm", pending=pending).text
    assert app.store.version() == before


def test_login_gives_a_strict_httponly_secure_cookie_and_a_wrong_one_fails(
    app: Running,
) -> None:
    client = EditorClient(app.url)
    wrong = client.login(password=PASSWORD + "x")
    assert wrong.status_code == 303
    assert wrong.headers["Location"].endswith("/add?lang=en&login=failed")
    assert "eim_session" not in wrong.headers.get("Set-Cookie", "")
    assert client.login(user="admin").headers["Location"].endswith("login=failed")
    right = client.login()
    assert right.headers["Location"].endswith("/add?lang=en")
    cookie = right.headers["Set-Cookie"]
    assert cookie.startswith("eim_session=")
    for attribute in ("HttpOnly", "SameSite=Strict", "Secure"):
        assert attribute in cookie
    assert "Preview" in client.act("preview", text=own_bulletin(3)).text
    client.logout()
    assert "not signed in" in client.act("preview", text=own_bulletin(3)).text


def test_login_never_redirects_off_the_site(app: Running) -> None:
    client = EditorClient(app.url)
    answer = client.session.post(
        f"{app.url}/auth/login",
        data={"user": "editor", "password": PASSWORD, "next": "//evil.example/"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.headers["Location"] == "/add"


# -- the flow --------------------------------------------------------------------------------


def test_preview_stores_nothing_and_confirm_stores_a_new_month(app: Running) -> None:
    editor = app.editor()
    before = app.store.version()
    preview = editor.act("preview", text=own_bulletin(6))
    assert app.store.version() == before
    assert "Preview: 2025-06" in preview.text
    assert "36 facts read: 36 new" in preview.text
    assert preview.outputs[f"{ids.ADD_CONFIRM}.disabled"] is False
    stored = editor.act("confirm", pending=preview.pending)
    assert "Stored: 2025-06, vintage 1, 36 facts" in stored.text
    assert stored.pending is None
    assert app.store.version() > before
    row = app.store.bulletins()[-1]
    assert (row["period"], row["added_by"]) == ("2025-06", "editor (web)")
    # every later request, whichever worker answers it, has the new month
    for _ in range(8):
        csv = editor.get("/data/observations.csv?start=2025-06&end=2025-06&indicator=revenue")
        assert csv.status_code == 200
        assert "2025-06" in csv.text


def test_a_text_without_a_year_says_its_period_is_inferred_and_takes_a_typed_one(
    app: Running,
) -> None:
    editor = app.editor()
    text = own_bulletin(2).replace("2025年1—2月份", "1—2月份")
    text = "\n".join(line for line in text.splitlines() if "2025" not in line)
    nowhere = editor.act("preview", text=text)
    assert "names no year" in nowhere.text
    assert "type its period (YYYY-MM) in the period box" in nowhere.text
    assert "--period" not in nowhere.text and nowhere.pending is None
    typed = editor.act("preview", text=text, period="2024-02")
    assert "Preview: 2024-02" in typed.text
    assert "names no year" not in typed.text
    assert typed.pending["period"] == "2024-02"
    compared = text.replace("同比增长11.3%，", "同比增长11.3%，较2024年全年提高0.5个百分点，")
    inferred = editor.act("preview", text=compared)
    assert "Preview: 2025-02" in inferred.text
    assert "the period 2025-02 is inferred" in inferred.text
    assert "type the period in the period box to set it" in inferred.text
    assert "--period" not in inferred.text


def test_a_source_url_is_kept_and_a_bad_one_refused_in_the_page_language(app: Running) -> None:
    editor = app.editor()
    before = app.store.version()
    text = own_bulletin(5, **{"6.05亿台": "6.04亿台"})  # a text no other test stores
    refused = editor.act("preview", text=text, source_url="ftp://x", search="?lang=zh")
    assert "“ftp://x”不是 http 或 https 网址" in refused.text
    assert refused.pending is None and app.store.version() == before
    page = "https://www.miit.gov.cn/gxsj/tjfx/dzxx/art/2025/art_0820.html"
    preview = editor.act("preview", text=text, source_url=page)
    assert page in preview.text
    editor.act("confirm", pending=preview.pending)
    assert app.store.bulletins()[-1]["source_url"] == page


def test_the_loaders_notes_are_in_the_page_language(app: Running) -> None:
    text = own_bulletin(3).replace("2025年1—3月份", "1—3月份")
    text = "\n".join(line for line in text.splitlines() if "2025" not in line)
    zh = app.editor().act("preview", text=text, period="2024-03", search="?lang=zh")
    assert "预览：2024-03" in zh.text
    compared = text.replace("同比增长11.3%，", "同比增长11.3%，较2024年全年提高0.5个百分点，")
    inferred = app.editor().act("preview", text=compared, search="?lang=zh")
    assert "[提示] 文中没有写明年份；2025 年取自与上年全年的比较" in inferred.text
    assert "names no year" not in inferred.text


def test_cancel_stores_nothing(app: Running) -> None:
    editor = app.editor()
    preview = editor.act("preview", text=own_bulletin(4))
    before = app.store.version()
    cancelled = editor.act("cancel", pending=preview.pending)
    assert "nothing was stored" in cancelled.text
    assert cancelled.pending is None and cancelled.outputs[PREVIEW] is None
    assert cancelled.outputs[f"{ids.ADD_CONFIRM}.disabled"] is True
    assert app.store.version() == before


def test_the_same_bulletin_twice_is_a_no_op_that_says_so(app: Running) -> None:
    editor = app.editor()
    text = own_bulletin(7)
    first = editor.act("confirm", pending=editor.act("preview", text=text).pending)
    assert "Stored: 2025-07" in first.text
    count = len(app.store.bulletins())
    preview = editor.act("preview", text=text)
    assert "already stored" in preview.text
    assert "0 new, 0 revising stored values, 36 as stored" in preview.text
    again = editor.act("confirm", pending=preview.pending)
    assert "already stored" in again.text and "nothing changed" in again.text
    # a confirm of the first, stale, preview says the same
    stale = editor.act("confirm", pending=editor.act("preview", text=text).pending)
    assert "nothing changed" in stale.text
    assert len(app.store.bulletins()) == count


def test_a_revision_shows_old_and_new_and_lands_as_a_vintage(app: Running) -> None:
    editor = app.editor()
    editor.act("confirm", pending=editor.act("preview", text=own_bulletin(8)).pending)
    revised = own_bulletin(8, **{"集成电路产量1953亿块": "集成电路产量1955亿块"})
    preview = editor.act("preview", text=revised)
    assert "this will be its vintage 2" in preview.text
    assert "0 new, 1 revising stored values, 35 as stored" in preview.text
    assert "195.3 billion chips → 195.5 billion chips" in preview.text
    rows = [
        c
        for c in _components(preview.outputs[PREVIEW])
        if c["props"].get("className") == "fact-revised"
    ]
    assert len(rows) == 1
    stored = editor.act("confirm", pending=preview.pending)
    assert "Stored: 2025-08, vintage 2, 36 facts (0 new, 1 revised)" in stored.text
    assert app.periods().count("2025-08") == 2


def test_two_editors_confirming_at_once_lose_nothing(app: Running) -> None:
    one, two = app.editor(), app.editor()
    first = one.act("preview", text=own_bulletin(9))
    second = two.act("preview", text=own_bulletin(9, **{"手机产量6.05亿台": "手机产量6.06亿台"}))
    assert first.pending["version"] == second.pending["version"]
    answers: dict[str, Answer] = {}
    start = threading.Barrier(2)

    def confirm(name: str, client: EditorClient, pending: Any) -> None:
        start.wait()
        answers[name] = client.act("confirm", pending=pending)

    threads = [
        threading.Thread(target=confirm, args=("one", one, first.pending)),
        threading.Thread(target=confirm, args=("two", two, second.pending)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    texts = sorted(answer.text for answer in answers.values())
    stored = [t for t in texts if "Stored: 2025-09" in t]
    refused = [t for t in texts if "Another bulletin was added after your preview" in t]
    assert len(stored) == 1 and len(refused) == 1, texts
    assert app.periods().count("2025-09") == 1
    loser = next(a for a in answers.values() if "Another bulletin" in a.text)
    client = two if loser is answers["two"] else one
    assert "this will be its vintage 2" in loser.text  # the fresh preview is against the winner
    landed = client.act("confirm", pending=loser.pending)
    assert "Stored: 2025-09, vintage 2" in landed.text
    facts = [row for row in app.store.facts() if row["period"] == "2025-09"]
    assert len(facts) == 36  # no half bulletin: every fact of the period, once


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"", "empty.txt", "empty.txt is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "chart.png", "not text but a PNG image"),
        (bytes(range(256)) * 8, "data.bin", "not text but a binary file"),
        (
            "今天天气很好，气温25度，适合出门散步。".encode(),
            "notes.txt",
            "no reporting period found",
        ),
        (b"a" * (1024 * 1024 + 10), "huge.txt", "files up to 1,048,576 bytes"),
    ],
)
def test_a_bad_file_gets_a_message_and_stores_nothing(
    app: Running, content: bytes, name: str, words: str
) -> None:
    editor = app.editor()
    before = app.store.version()
    answer = editor.act("upload", upload=data_url(content), filename=name)
    assert answer.status == 200
    assert words in answer.text
    assert answer.pending is None
    assert answer.outputs[f"{ids.ADD_CONFIRM}.disabled"] is True
    assert app.store.version() == before


def test_gbk_bytes_labelled_utf8_are_read_right(app: Running) -> None:
    editor = app.editor()
    text = own_bulletin(10)
    answer = editor.act(
        "upload", upload=data_url(text.encode("gbk"), "text/plain;charset=utf-8"), filename="g.txt"
    )
    assert "Preview: 2025-10" in answer.text
    assert "6.05亿台" in answer.text  # the printed form, decoded from GBK
    assert answer.pending["text"] == text


def test_a_body_over_the_limit_gets_413(app: Running) -> None:
    editor = app.editor()
    huge = "a" * (MAX_CONTENT_LENGTH + 1)
    answer = editor.post(
        editor.body(f"{ids.ADD_PREVIEW}.n_clicks", {f"{ids.ADD_TEXT}.value": huge})
    )
    assert answer.status_code == 413


def test_html_with_scripts_and_javascript_links_is_only_text(app: Running) -> None:
    editor = app.editor()
    body = own_bulletin(11).replace("\n\n", "</p>\n<p>")
    page = (
        "<html><head><meta charset='utf-8'><script>window.__eim_pwned = 1;</script></head>"
        '<body><p><a href="javascript:window.__eim_pwned=2">点击</a></p><p>'
        f'{body}</p><img src=x onerror="window.__eim_pwned=3"></body></html>'
    )
    answer = editor.act("upload", upload=data_url(page.encode(), "text/html"), filename="p.html")
    assert "Preview: 2025-11" in answer.text
    components = list(_components(answer.outputs))
    assert components
    assert all(c["type"] not in ("Script", "Iframe", "Embed", "Object") for c in components)
    everything = json.dumps(answer.outputs)
    assert "dangerouslySetInnerHTML" not in everything
    hrefs = [c["props"].get("href", "") for c in components]
    assert not any(str(h).lower().startswith("javascript") for h in hrefs)


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"period": "2025-13"}, "is not a period"),
        ({"period": "<script>alert(1)</script>"}, "is not a period"),
        ({"pending": "a string"}, "no preview to confirm"),
        ({"pending": {"text": 1, "name": "x", "period": "", "version": 1}}, "damaged"),
        ({"pending": {"text": "x", "name": "x", "period": "", "version": "1"}}, "damaged"),
    ],
)
def test_values_outside_the_controls_get_a_message(
    app: Running, values: dict[str, Any], words: str
) -> None:
    editor = app.editor()
    action = "confirm" if "pending" in values else "preview"
    answer = editor.act(action, text=own_bulletin(12), **values)
    assert answer.status == 200
    assert words in answer.text


def test_odd_types_in_every_slot_never_fail(app: Running) -> None:
    editor = app.editor()
    before = app.store.version()
    odd: list[Any] = [None, 0, -1, 1e308, True, "", "x" * 5000, [], [1, "a"], {"a": {"b": 1}}]
    callback = editor.callback()
    for slot in [*callback["inputs"], *callback["state"]]:
        for value in odd:
            key = f"{slot['id']}.{slot['property']}"
            for trigger in (f"{ids.ADD_PREVIEW}.n_clicks", f"{ids.ADD_CONFIRM}.n_clicks", key):
                answer = editor.post(editor.body(trigger, {key: value}))
                assert answer.status_code in (200, 204), (key, value, trigger, answer.text)
    assert app.store.version() == before
    assert "Traceback" not in app.log.read_text("utf-8", "replace")


def test_downloads_of_a_web_added_bulletin_neutralise_formulas(app: Running) -> None:
    import io

    import pandas as pd
    from openpyxl import load_workbook

    hyperlink = '=HYPERLINK("http://example.com/x","click")'
    text = own_bulletin(
        12,
        **{
            "东北地区实现营业收入438亿元，同比增长3.5%": "东北地区实现营业收入438亿元，同比下降3.5%"
        },
    )
    text = text.replace(
        "1—12月份，规模以上电子信息制造业增加值",
        hyperlink + "1—12月份，规模以上电子信息制造业增加值",
        1,
    )
    editor = app.editor()
    stored = editor.act("confirm", pending=editor.act("preview", text=text).pending)
    assert "Stored: 2025-12" in stored.text
    query = "?start=2025-12&end=2025-12&derived=false"
    csv = editor.get(f"/data/observations.csv{query}")
    assert csv.content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel on Chinese Windows"
    frame = pd.read_csv(
        io.BytesIO(csv.content), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    texts = set(frame["text"])
    assert any(t.startswith("'" + hyperlink) for t in texts)
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    falling = frame[(frame["region"] == "northeast") & (frame["measure"] == "yoy_pct")]
    assert list(falling["value"]) == ["-3.5"]  # a number, not neutralised text
    workbook = load_workbook(io.BytesIO(editor.get(f"/data/observations.xlsx{query}").content))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells), "a live formula in the workbook"
    assert -3.5 in [cell.value for cell in cells if cell.data_type == "n"]

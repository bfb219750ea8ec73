"""The loader's notes on the Add page, in the page's language: every note the loader can make
(``loaders.bulletin.notes.ENGLISH``) has a Chinese and an English text in the catalogue, the
English one the loader's own (its command-line advice turned into the page's), both naming
the same values; a real preview's notes read in Chinese on the Chinese page."""

from __future__ import annotations

import re
import string

import pytest

from dashboard.i18n import CATALOGUE
from dashboard.views.add import for_the_web, issue_text, note_text
from loaders import parse_bulletin
from loaders.bulletin.notes import ENGLISH, Note

HAN = re.compile(r"[\u4e00-\u9fff]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_every_loader_note_has_both_texts_naming_the_same_values(code: str) -> None:
    zh, en = CATALOGUE[f"add.note_{code}"]
    assert en == for_the_web(ENGLISH[code])
    assert _fields(zh) == _fields(en) == _fields(ENGLISH[code])
    assert HAN.search(zh.replace("「", "").replace("」", ""))


def test_a_note_and_the_note_inside_it_are_said_in_the_page_language() -> None:
    why = Note.of("unit_missing", figure="0.4", expected="个百分点")
    note = Note.of("not_taken", figure="0.4", why=why)
    assert note_text(note, "zh") == "「0.4」未作为数据采用：「0.4」后面没有“个百分点”"
    assert note_text(note, "en") == str(note)
    assert note_text("a sentence without a code", "zh") == "a sentence without a code"


def test_a_preview_of_a_text_without_a_year_says_so_in_chinese() -> None:
    bulletin = parse_bulletin(
        "1—2月份，规模以上电子信息制造业增加值同比增长11.3%，较2024年提高0.5个百分点。"
    )
    [first, *_] = bulletin.issues
    zh, en = issue_text(first, "zh"), issue_text(first, "en")
    assert zh.startswith("[提示] 文中没有写明年份；2025 年取自与上年全年的比较")
    assert "“报告期”框" in zh and "--period" not in zh
    assert en.startswith("[warning] the text names no year; 2025 comes from a comparison")
    assert "period box" in en and "--period" not in en

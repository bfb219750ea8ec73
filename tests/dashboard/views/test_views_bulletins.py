"""A bulletin's text as the Bulletins page shows it (``dashboard.views.bulletin_text``):
cut into sentences where the reader cuts them, each figure found whole."""

from __future__ import annotations

from dashboard.views.bulletin_text import figure_spans, split_sentences


def test_sentences_are_cut_where_the_reader_cuts_them() -> None:
    text = "一、生产\n1-7月份,增加值同比增长11.0%,提高0.2个百分点。7月份,增长13.0%。"
    assert split_sentences(text) == [
        ["一、生产"],
        ["1-7月份,增加值同比增长11.0%,提高0.2个百分点。", "7月份,增长13.0%。"],
    ]


def test_a_figure_is_found_whole_not_inside_a_longer_number() -> None:
    sentence = "增长12%,其中某项增长2%;增速8.45%与8.4%"
    ((start, end),) = figure_spans(sentence, "2%")
    assert start == sentence.index("项增长2%") + 3 and sentence[start:end] == "2%"
    assert [sentence[s:e] for s, e in figure_spans(sentence, "8.4")] == ["8.4"]
    assert figure_spans(sentence, "") == []

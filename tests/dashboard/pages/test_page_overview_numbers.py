"""The Overview's cards write their figures as every page does (``figure_text``): a printed
figure as printed, a change worked out from two figures as precise as they are and marked as
derived, never the float noise of a subtraction. On the shipped datasets."""

from __future__ import annotations

import re

import pytest

from dashboard.pages import overview

#: A figure with more decimals than any bulletin prints (the bulletins print two at most).
NOISE = re.compile(r"\d+\.\d{3,}")


def texts(component: object, class_name: str) -> list[str]:
    """The text of every descendant of ``component`` with ``class_name``."""
    found: list[str] = []
    children = getattr(component, "children", None)
    if getattr(component, "className", None) == class_name and isinstance(children, str):
        found.append(children)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += texts(child, class_name)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cards_write_figures_as_printed_and_changes_as_derived(
    shipped_store: None, lang: str
) -> None:
    page = overview.layout(lang=lang)
    values = texts(page, "card-value")
    changes = [text for text in texts(page, "card-change") if text]
    assert values and changes
    assert not [text for text in values + changes if NOISE.search(text)]
    year_earlier = "较上年同期" if lang == "zh" else "a year earlier"
    computed = [text for text in changes if year_earlier in text]
    assert computed, changes
    mark = "（推算值）" if lang == "zh" else "(derived)"
    assert all(mark in text for text in computed), computed

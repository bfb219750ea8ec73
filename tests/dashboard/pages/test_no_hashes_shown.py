"""No bulletin is named by its sha256 anywhere a person reads (issue #15): every page,
rendered by its ``layout`` in both languages on the shipped datasets, holds no 64-hex-digit
string in its visible text, its figures (hover texts, labels, titles, customdata) or its
tables' headers and cells. Link targets (``href``) and component ids may carry a key: they
are addresses, not text.

The Bulletins page is rendered for the newest bulletin and for one picked by its sha256,
the Data page both plain and sorted by bulletin, the Regions page for its default period.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import data
from dashboard.pages import add as add_page
from dashboard.pages import bulletins, data_page, growth, overview, products, regions

SHA256 = re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")
#: Props that hold an address or a name for the program, never text a person reads.
NOT_SHOWN = frozenset({"href", "id", "download", "src"})


def strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(prop path, text) of every string in a rendered layout's JSON, addresses left out."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name not in NOT_SHOWN:
                yield from strings(value, f"{key}.{name}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, f"{key}[{index}]")
    elif isinstance(node, str):
        yield key, node


def shown_hashes(page: Any) -> list[tuple[str, str]]:
    """The 64-hex strings of ``page``'s visible text, each with where it is."""
    tree = json.loads(json.dumps(page, cls=PlotlyJSONEncoder))
    return [(where, text[:160]) for where, text in strings(tree) if SHA256.search(text)]


def _pages(lang: str) -> list[tuple[str, Any]]:
    newest = str(data.bulletins()["sha256"].iloc[-1])
    oldest = str(data.bulletins()["sha256"].iloc[0])
    return [
        ("overview", overview.layout(lang=lang)),
        ("growth", growth.layout(lang=lang)),
        ("products", products.layout(lang=lang)),
        ("regions", regions.layout(lang=lang)),
        ("data", data_page.layout(lang=lang)),
        ("data sorted by bulletin", data_page.layout(lang=lang, sort="bulletin")),
        ("data derived", data_page.layout(lang=lang, derived="true")),
        ("bulletins", bulletins.layout(lang=lang)),
        ("bulletins, one picked", bulletins.layout(lang=lang, bulletin=oldest)),
        ("bulletins, newest by key", bulletins.layout(lang=lang, bulletin=newest[:16])),
        ("add", add_page.layout(lang=lang)),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_shows_a_sha256(shipped_store: None, lang: str) -> None:
    found = {name: shown_hashes(page) for name, page in _pages(lang)}
    assert not {name: hits[:3] for name, hits in found.items() if hits}


#: A bulletin's key as tables and hovers once showed it: 12 or more hex digits.
KEY = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{12,}(?![0-9a-fA-F])")
#: customdata[1] of a chart's point: the key a click opens, never shown by a hovertemplate.
CLICK_KEY = re.compile(r"customdata\[\d+\]\[1\]$")


def shown_keys(page: Any) -> list[tuple[str, str]]:
    """Runs of 12+ hex digits (a bulletin's key) in ``page``'s visible text."""
    tree = json.loads(json.dumps(page, cls=PlotlyJSONEncoder))
    return [
        (where, text[:160])
        for where, text in strings(tree)
        if KEY.search(text) and not CLICK_KEY.search(where)
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_and_the_data_table_name_bulletins_by_title(shipped_store: None, lang: str) -> None:
    """Not even a short key: the Regions bars and the Data table once showed 12 digits."""
    pages = [
        ("regions", regions.layout(lang=lang)),
        ("data", data_page.layout(lang=lang)),
        ("data derived", data_page.layout(lang=lang, derived="true")),
        ("growth", growth.layout(lang=lang)),
        ("products", products.layout(lang=lang)),
        ("overview", overview.layout(lang=lang)),
    ]
    found = {name: shown_keys(page) for name, page in pages}
    assert not {name: hits[:3] for name, hits in found.items() if hits}


def test_the_check_sees_a_hash_in_a_hover() -> None:
    sha = "ab" * 32
    figure = {"data": [{"customdata": [[f"公报 {sha}"]]}], "layout": {}}
    assert shown_hashes({"props": {"figure": figure, "href": f"/b?bulletin={sha}"}})
    assert not shown_hashes({"props": {"href": f"/b?bulletin={sha}", "id": sha}})

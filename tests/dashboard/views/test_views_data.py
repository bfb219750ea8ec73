"""The Data page's query (``dashboard.views.data``, the filters read by
``dashboard.server.download_query``): anything unreadable falls back to its default, and a
view reads back from its own query."""

from __future__ import annotations

from dashboard.server import download_query
from dashboard.views import data as data_view
from loaders.tables.filters import Filters


def test_page_queries_are_read_leniently() -> None:
    filters = download_query.lenient_filters(
        {
            "indicator": ["revenue", "bogus,total_profit", "revenue"],
            "region": "<script>",
            "basis": "ytd,",
            "start": ["2023-13", "2023-02"],
            "end": "2021-05",
            "derived": "maybe",
            "as_of": "not a time",
            "measure": 7,
            "segment": None,
        }
    )
    assert filters == Filters(
        indicator=("revenue", "total_profit"), basis=("ytd",), start="2021-05", end="2023-02"
    )
    assert download_query.lenient_filters({"derived": "TRUE", "as_of": "2024-03-01"}) == Filters(
        derived=True, as_of="2024-03-01T00:00:00Z"
    )
    assert data_view.parse_sort(["nope", "-value"]) == "-value"
    assert data_view.parse_sort("-") == data_view.DEFAULT_SORT
    assert data_view.parse_page("9" * 5000) == 1
    assert data_view.parse_page(["0", "-2", "3"]) == 3


def test_a_view_reads_back_from_its_own_query() -> None:
    view = data_view.View(
        Filters(region=("east", "west"), derived=False, as_of="2024-03-01T00:00:00Z"),
        sort="value",
        page=4,
        lang="en",
    )
    assert data_view.view_of(**view.query()) == view
    assert data_view.view_of() == data_view.View(Filters())
    assert "sort" not in data_view.View(Filters()).query()

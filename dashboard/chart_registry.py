"""Every chart of every page by name, rebuilt from a page's query: what a chart's own
downloads (``dashboard.server.chart_downloads``) serve, so that they hold exactly what the
page draws for the same query.

    register(page, build)            a page's builder: ``build(query, lang)`` -> its figures
                                     by chart name (the page's own cached view)
    figure(page, name, query, lang)  one chart for a query (``{"indicator": "revenue", …}``,
                                     first values), its range (``start``/``end``) applied;
                                     None for an unknown page or chart
    pages()                          the pages that registered, by name

Each chart page registers when it is imported (``dashboard.app`` imports them all).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dashboard.figures.base import Figure
from dashboard.views.view_range import END, START, bounds_of, with_bounds

Builder = Callable[[Mapping[str, str], str], Mapping[str, Figure]]

_BUILDERS: dict[str, Builder] = {}


def register(page: str, build: Builder) -> None:
    """Make ``page``'s charts rebuildable from a query (a second call replaces the first)."""
    _BUILDERS[page] = build


def pages() -> list[str]:
    """The pages whose charts can be rebuilt, by name (not by import order)."""
    return sorted(_BUILDERS)


def figure(page: str, name: str, query: Mapping[str, str], lang: str) -> Figure | None:
    """Chart ``name`` of ``page`` as the page draws it for ``query``, zoomed to the query's
    range; None when there is no such chart."""
    build = _BUILDERS.get(page)
    if build is None:
        return None
    found = build(query, lang).get(name)
    if found is None:
        return None
    return with_bounds(found, bounds_of(query.get(START), query.get(END)))

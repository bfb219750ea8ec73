"""Reading a page's query: every value is checked against what the page offers, and anything
unknown falls back to the default (a query is typed by hand as often as clicked).

    choice(value, allowed, default)   ``value`` when it is one of ``allowed``, else ``default``
    BASES                             the bases a chart may be drawn on: ``ytd``, ``month``

Values come as Dash and Flask hand them over: a string, a list (a repeated key), a number or
None.
"""

from __future__ import annotations

from collections.abc import Sequence

from loaders import catalog

#: The bases a chart may be drawn on, the default first: cumulative (1—M月), single month.
BASES: tuple[str, ...] = tuple(catalog.BASES)


def choice(value: object, allowed: Sequence[str], default: str) -> str:
    """``value`` when it is one of ``allowed``, else ``default`` (never raises)."""
    return value if isinstance(value, str) and value in allowed else default

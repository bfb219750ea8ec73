"""The Python API: the store's data as pandas DataFrames, for the dashboard and notebooks.

    from loaders import api
    api.observations(indicator="revenue", region="east", start="2023-01", end="2023-12")
    api.wide(indicator=["value_added", "export_delivery_value"], measure="yoy_pct")
    api.bulletins()

Shapes (see ``loaders.tables.frames``): ``observations`` is the tidy long table — one row
per fact, the latest vintage of each (or the state at ``as_of``), printed figures
(``derived`` False) and the series computed from them (``derived`` True); ``wide``
one row per period and one column per series; ``bulletins`` one row per stored
bulletin. Values are in the ``unit`` column's unit.

Every function takes ``store=``; without it, the store the environment names
(``EIM_DATABASE_URL`` or the SQLite file), which ``default_store`` fills from the
shipped ``datasets/`` on first use, so the data is there out of the box.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import ParamSpec

import pandas as pd

from loaders.settings import PROJECT_ROOT, Settings, current
from loaders.store import Store
from loaders.tables.filters import Filters, select
from loaders.tables.frames import bulletins_table, observations_table, wide_table

#: The shipped datasets: the tidy tables built from the corpus (``eim datasets``).
SHIPPED_DATASETS = PROJECT_ROOT / "datasets"

Filter = str | Iterable[str] | None
P = ParamSpec("P")


def default_store(settings: Settings | None = None, datasets: Path = SHIPPED_DATASETS) -> Store:
    """The store the environment names; an empty one is first filled from ``datasets``
    (when that folder holds an export, and unless ``EIM_SHIPPED_DATA`` is false), so a fresh
    clone shows data at once. Another process that stores first (a fill or an add) wins:
    this one then leaves the store as it finds it."""
    settings = settings or current()
    store = Store.from_settings(settings)
    if settings.shipped_data and store.version() == 0 and (datasets / "observations.csv").is_file():
        from loaders.tables.importer import ImportRefused, import_tables

        with contextlib.suppress(ImportRefused):  # no longer empty: someone stored first
            import_tables(store, datasets)
    return store


def _codes(values: Filter) -> tuple[str, ...] | None:
    if values is None:
        return None
    return (values,) if isinstance(values, str) else tuple(values)


def _as_time(as_of: datetime | str | None) -> datetime | None:
    if as_of is None or isinstance(as_of, datetime):
        return as_of
    return datetime.fromisoformat(as_of)


def observations(
    indicator: Filter = None,
    region: Filter = None,
    start: str | None = None,
    end: str | None = None,
    as_of: datetime | str | None = None,
    *,
    segment: Filter = None,
    basis: Filter = None,
    measure: Filter = None,
    derived: bool | None = None,
    store: Store | None = None,
) -> pd.DataFrame:
    """The tidy table, filtered: codes (one or several) for ``indicator``, ``region``,
    ``segment``, ``basis``, ``measure`` (an empty list keeps no row); periods
    ``start``..``end`` inclusive (YYYY-MM); ``derived`` True or False for only computed or
    only printed rows (None: both); ``as_of`` a time (or ISO string) to see the store as it
    was then. The selection is ``loaders.tables.filters.select``'s."""
    store = store or default_store()
    frame = observations_table(store.facts(as_of=_as_time(as_of)), derived=derived is not False)
    codes = {
        "indicator": _codes(indicator),
        "region": _codes(region),
        "segment": _codes(segment),
        "basis": _codes(basis),
        "measure": _codes(measure),
    }
    if any(given == () for given in codes.values()):
        return frame.iloc[:0].reset_index(drop=True)
    filters = Filters(
        indicator=codes["indicator"] or (),
        region=codes["region"] or (),
        segment=codes["segment"] or (),
        basis=codes["basis"] or (),
        measure=codes["measure"] or (),
        start=start or "",
        end=end or "",
        derived=derived,
    )
    return select(frame, filters)


def _widened(select: Callable[P, pd.DataFrame]) -> Callable[P, pd.DataFrame]:
    """``select``'s rows as the wide table, taking the same arguments (and signature)."""

    @functools.wraps(select)
    def wide(*args: P.args, **kwargs: P.kwargs) -> pd.DataFrame:
        return wide_table(select(*args, **kwargs))

    wide.__name__ = wide.__qualname__ = "wide"
    wide.__doc__ = (
        "One row per period, one column per series, of the rows ``observations`` selects "
        "with the same arguments."
    )
    return wide


wide = _widened(observations)


def bulletins(as_of: datetime | str | None = None, *, store: Store | None = None) -> pd.DataFrame:
    """One row per stored bulletin (vintage), oldest first, with its provenance."""
    store = store or default_store()
    return bulletins_table(store.bulletins(as_of=_as_time(as_of)))

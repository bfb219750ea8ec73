"""The only module of the dashboard that reads the store (``tests/test_architecture.py``).

Shapes: ``observations()`` is the tidy table of ``loaders.api`` (printed and derived rows,
latest vintage of each); ``series(...)`` one series of it as (period, value, derived,
bulletin, text) sorted by period; ``bulletins()`` the provenance table.

Every worker opens its own store after the fork (never at import time), and every cache is
keyed on ``Store.version()``: a bulletin added through one worker is seen by all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import pandas as pd
from flask import g, has_request_context

from dashboard.precision import row_decimals
from loaders import api, settings
from loaders.schema import KEY_COLUMNS
from loaders.store import Store
from loaders.store.failures import is_outage as is_outage  # for dashboard.outage …
from loaders.store.logins import Logins, Policy

_lock = threading.Lock()
_store: Store | None = None
_cache_clearers: list[Callable[[], None]] = []

F = TypeVar("F", bound=Callable[..., Any])


#: ``EIM_VIEW_CACHE=off`` (``loaders.settings``) turns the caches of views off, so that each
#: request builds its charts anew; the benchmark measures that cost with it. Data caches
#: (the observations of a data version) stay on. Read once, at import.
VIEW_CACHE_ON = settings.current().view_cache


def cached(maxsize: int = 64, *, view: bool = False) -> Callable[[F], F]:
    """``functools.lru_cache`` that ``reset`` empties. Every cache of the dashboard is one of
    these, keyed on the store's version (and whatever else the function takes). ``view``
    marks a cache of what one request shows (figures of a query), which ``EIM_VIEW_CACHE``
    can turn off; data caches always stay on."""

    def decorate(function: F) -> F:
        if view and not VIEW_CACHE_ON:
            return function
        wrapped = lru_cache(maxsize=maxsize)(function)
        _cache_clearers.append(wrapped.cache_clear)
        return wrapped  # type: ignore[return-value]

    return decorate


def reset() -> None:
    """Close this process's store, read the settings again and empty every cache: the next
    read opens the store the environment names now (for tests)."""
    global _store
    settings.reload()
    with _lock:
        if _store is not None:
            _store.close()
        _store = None
    for clear in _cache_clearers:
        clear()


def store() -> Store:
    """This process's store: the environment's, filled from datasets/ when empty."""
    global _store
    with _lock:
        if _store is None:
            _store = api.default_store()
        return _store


def logins() -> Logins:
    """The web editor's failed sign-ins and sessions, in this process's store's database
    (shared by every worker and machine using it), with the lockout the settings name."""
    configured = settings.current()
    policy = Policy(configured.login_max_failures, configured.login_lockout_seconds)
    return Logins(store().engine, policy)


def version() -> int:
    """The store's data version (grows with every add); read once per request, so that
    everything one answer shows comes from one version (and the query runs once)."""
    if not has_request_context():
        return store().version()
    found = g.get(_VERSION_OF_REQUEST)
    if found is None:
        found = store().version()
        setattr(g, _VERSION_OF_REQUEST, found)
    return int(found)


_VERSION_OF_REQUEST = "eim_data_version"


@cached(maxsize=4)
def _observations(url: str, version: int) -> pd.DataFrame:
    return api.observations(store=store())


@cached(maxsize=4)
def _bulletins(url: str, version: int) -> pd.DataFrame:
    return api.bulletins(store=store())


@cached(maxsize=8)
def _observations_as_of(url: str, version: int, as_of: str) -> pd.DataFrame:
    return api.observations(as_of=as_of, store=store())


@cached(maxsize=8)
def _bulletins_as_of(url: str, version: int, as_of: str) -> pd.DataFrame:
    return api.bulletins(as_of=as_of, store=store())


def observations(as_of: str = "") -> pd.DataFrame:
    """Every fact, printed and derived, latest vintage of each, or as stored at ``as_of``
    (an ISO time in UTC); cached per store, data version and time. Shared: never change it."""
    if as_of:
        return _observations_as_of(store().url, version(), as_of)
    return _observations(store().url, version())


def bulletins(as_of: str = "") -> pd.DataFrame:
    """Every stored bulletin (vintage), oldest first, or those stored by ``as_of``."""
    if as_of:
        return _bulletins_as_of(store().url, version(), as_of)
    return _bulletins(store().url, version())


@cached(maxsize=4)
def _conflicts(url: str, version: int) -> frozenset[tuple[tuple[str, ...], str]]:
    from loaders.tables.recover import recovered

    return frozenset(
        ((indicator, region, segment, basis, measure), period)
        for period, indicator, region, segment, basis, measure, _ in recovered(
            store().facts()
        ).disagreements
    )


def conflicts() -> frozenset[tuple[tuple[str, ...], str]]:
    """The figures in conflict, as ((indicator, region, segment, basis, measure), period):
    those that the changes printed in several bulletins give differently, so none is
    derived (``eim check`` lists them)."""
    return _conflicts(store().url, version())


def periods() -> list[str]:
    """The periods that have any fact, oldest first."""
    return sorted(observations()["period"].unique().tolist())


def latest_period() -> str | None:
    """The latest period with any fact, or None for an empty store."""
    found = periods()
    return found[-1] if found else None


#: The columns of a series, as ``series`` gives them: ``source`` is the title of the bulletin
#: (``2023年1—11月份电子信息制造业运行情况``) and ``source_en`` its English name (``MIIT
#: bulletin, Jan–Nov 2023``): what hovers name, never its sha256; ``printed`` the figure as
#: the bulletin prints it ("" for a derived one) and ``decimals`` the precision it is known
#: to, in its unit (``dashboard.precision``): what ``figure_text`` writes it with.
SERIES_COLUMNS = [
    "period",
    "value",
    "unit",
    "derived",
    "bulletin",
    "text",
    "ref_period",
    "source",
    "source_en",
    "printed",
    "decimals",
]
SeriesKey = tuple[str, str, str, str, str]
#: The columns a ``SeriesKey`` holds, in its order.
SERIES_KEY = ("indicator", "measure", "basis", "region", "segment")


class _SeriesIndex:
    """Every series of one data version: (indicator, measure, basis, region, segment) -> the
    positions of its rows in the table sorted by series and period, found once; a series'
    frame (``SERIES_COLUMNS``, by period) is cut from it when first asked for and kept. A
    view then looks its few series up instead of filtering the whole table, and no request
    pays for the thousands of series it never shows."""

    def __init__(self, frame: pd.DataFrame, names: dict[str, tuple[str, str]]) -> None:
        frame = frame.assign(
            decimals=pd.Series(row_decimals(frame), index=frame.index, dtype=object)
        )
        ordered = frame.sort_values([*SERIES_KEY, "period"], kind="stable", ignore_index=True)
        self._rows = _named(ordered, names)[SERIES_COLUMNS]
        groups = ordered.groupby(list(SERIES_KEY), sort=False).indices  # key tuple -> positions
        self._positions: dict[SeriesKey, Any] = {
            tuple(str(part) for part in key): positions  # type: ignore[attr-defined,misc]
            for key, positions in groups.items()
        }
        self._frames: dict[SeriesKey, pd.DataFrame] = {}

    def keys(self) -> list[SeriesKey]:
        """Every series of the version, (indicator, measure, basis, region, segment)."""
        return list(self._positions)

    def get(self, key: SeriesKey) -> pd.DataFrame | None:
        found = self._frames.get(key)
        if found is None:
            positions = self._positions.get(key)
            if positions is None:
                return None
            # Two threads may cut the same frame at once: both cut equal frames.
            found = self._frames[key] = self._rows.iloc[positions].reset_index(drop=True)
        return found


@cached(maxsize=4)
def _bulletin_names(url: str, version: int) -> dict[str, tuple[str, str]]:
    from dashboard.i18n import bulletin_name

    stored = _bulletins(url, version)
    return {
        str(sha): (bulletin_name(str(period), "zh", str(title)), bulletin_name(str(period), "en"))
        for sha, title, period in zip(
            stored["sha256"], stored["title"], stored["period"], strict=True
        )
    }


def bulletin_names() -> dict[str, tuple[str, str]]:
    """sha256 -> (the bulletin's title, its English name ``MIIT bulletin, Jan–Nov 2023``):
    how hovers name a bulletin. Shared: never change it."""
    return _bulletin_names(store().url, version())


def with_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with a ``bulletin`` column of sha256) and the ``source`` and ``source_en``
    columns that name each row's bulletin (``SERIES_COLUMNS``): a new frame. A frame of
    observations' rows (with their key columns) also gets each row's ``decimals``."""
    named = _named(frame.copy(), bulletin_names())
    if all(column in named.columns for column in _FACT_KEY):
        known = decimals_by_key()
        keys = zip(*(named[column].tolist() for column in _FACT_KEY), strict=True)
        named["decimals"] = pd.Series(
            [known.get(key) for key in keys], index=named.index, dtype=object
        )
    return named


#: A row's key among printed and derived figures: a fact's key and whether derived.
_FACT_KEY = (*KEY_COLUMNS, "derived")


@cached(maxsize=4)
def _decimals_by_key(url: str, version: int) -> dict[tuple[Any, ...], int | None]:
    frame = _observations(url, version)
    keys = zip(*(frame[column].tolist() for column in _FACT_KEY), strict=True)
    return dict(zip(keys, row_decimals(frame), strict=True))


def decimals_by_key() -> dict[tuple[Any, ...], int | None]:
    """(period, indicator, region, segment, basis, measure, ref_period, derived) -> the
    decimals that figure is known to (``dashboard.precision``). Shared: never change it."""
    return _decimals_by_key(store().url, version())


def _named(frame: pd.DataFrame, names: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """``frame`` with its ``source`` and ``source_en`` columns set from ``names`` (sha256 ->
    (title, English name)), in place; "" for a bulletin without a name."""
    for index, column in enumerate(("source", "source_en")):
        found = {sha: name[index] for sha, name in names.items()}
        frame[column] = frame["bulletin"].map(found).fillna("")
    return frame


@cached(maxsize=4)
def _series_index(url: str, version: int) -> _SeriesIndex:
    """The series of the store's data version (see ``_SeriesIndex``)."""
    names = _bulletin_names(url, version)
    return _SeriesIndex(_observations(url, version), names)


_EMPTY_SERIES = pd.DataFrame({column: [] for column in SERIES_COLUMNS})


def series(
    indicator: str,
    measure: str,
    *,
    basis: str = "ytd",
    region: str = "national",
    segment: str = "all",
    ref_period: str = "",
) -> pd.DataFrame:
    """One series: columns period, value, unit, derived, bulletin, text, ref_period; by
    period. The frame is the data version's own, shared: read it, never change it."""
    found = _series_index(store().url, version()).get((indicator, measure, basis, region, segment))
    if found is None:
        return _EMPTY_SERIES
    if measure == "change_pp":
        keep = found["ref_period"] != "" if not ref_period else found["ref_period"] == ref_period
        found = found[keep].reset_index(drop=True)
    return found


def series_keys() -> list[SeriesKey]:
    """Every series in the store: (indicator, measure, basis, region, segment), as
    ``series`` takes them; in the order of the sorted table."""
    return _series_index(store().url, version()).keys()


def value_at(
    period: str, indicator: str, measure: str, *, basis: str = "ytd", region: str = "national"
) -> float | None:
    """One figure, or None when not published for that period."""
    found = series(indicator, measure, basis=basis, region=region)
    found = found[found["period"] == period]
    return float(found["value"].iloc[0]) if len(found) else None

"""The only module of the dashboard that reads the store.

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

from loaders import api
from loaders.store import Store

_lock = threading.Lock()
_store: Store | None = None
_cache_clearers: list[Callable[[], None]] = []

F = TypeVar("F", bound=Callable[..., Any])


def cached(maxsize: int = 64) -> Callable[[F], F]:
    """``functools.lru_cache`` that ``reset`` empties. Every cache of the dashboard is one of
    these, keyed on the store's version (and whatever else the function takes)."""

    def decorate(function: F) -> F:
        wrapped = lru_cache(maxsize=maxsize)(function)
        _cache_clearers.append(wrapped.cache_clear)
        return wrapped  # type: ignore[return-value]

    return decorate


def reset() -> None:
    """Close this process's store and empty every cache: the next read opens the store the
    environment names now (for tests, and after the settings change)."""
    global _store
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


def version() -> int:
    """The store's data version (grows with every add)."""
    return store().version()


@cached(maxsize=4)
def _observations(url: str, version: int) -> pd.DataFrame:
    return api.observations(store=store())


@cached(maxsize=4)
def _bulletins(url: str, version: int) -> pd.DataFrame:
    return api.bulletins(store=store())


def observations() -> pd.DataFrame:
    """Every fact, printed and derived, latest vintage of each (cached per store and data
    version)."""
    return _observations(store().url, version())


def bulletins() -> pd.DataFrame:
    """Every stored bulletin (vintage), oldest first."""
    return _bulletins(store().url, version())


def periods() -> list[str]:
    """The periods that have any fact, oldest first."""
    return sorted(observations()["period"].unique().tolist())


def latest_period() -> str | None:
    """The latest period with any fact, or None for an empty store."""
    found = periods()
    return found[-1] if found else None


def series(
    indicator: str,
    measure: str,
    *,
    basis: str = "ytd",
    region: str = "national",
    segment: str = "all",
    ref_period: str = "",
) -> pd.DataFrame:
    """One series: columns period, value, unit, derived, bulletin, text; by period."""
    frame = observations()
    keep = (
        (frame["indicator"] == indicator)
        & (frame["measure"] == measure)
        & (frame["basis"] == basis)
        & (frame["region"] == region)
        & (frame["segment"] == segment)
    )
    if measure == "change_pp":
        keep &= frame["ref_period"] != "" if not ref_period else frame["ref_period"] == ref_period
    columns = ["period", "value", "unit", "derived", "bulletin", "text", "ref_period"]
    return frame.loc[keep, columns].sort_values("period", ignore_index=True)


def value_at(
    period: str, indicator: str, measure: str, *, basis: str = "ytd", region: str = "national"
) -> float | None:
    """One figure, or None when not published for that period."""
    found = series(indicator, measure, basis=basis, region=region)
    found = found[found["period"] == period]
    return float(found["value"].iloc[0]) if len(found) else None

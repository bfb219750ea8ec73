"""Values computed from a DataFrame once, kept while the frame lives.

The dashboard's frames of one data version are cached (``dashboard.data``) and read by many
requests; what a chart needs from them (rows as dicts, lookups by key) is computed on first
use and then reused. A frame is never changed after it is cached, so a value computed from
it stays right; it is dropped when the frame is.

    memo(frame, "points", build)   build(frame) the first time, the kept value after
    column(frame, "period")        a column as a Python list (pandas' own access costs tens of
                                   µs each time; a chart reads a few columns of many frames)
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

T = TypeVar("T")

#: id(frame) -> {name: value}; an entry goes when its frame is collected.
_MEMOS: dict[int, dict[str, Any]] = {}
_LOCK = threading.Lock()


def memo(frame: pd.DataFrame, name: str, build: Callable[[pd.DataFrame], T]) -> T:
    """``build(frame)``, computed once per frame and ``name``."""
    key = id(frame)
    with _LOCK:
        values = _MEMOS.get(key)
        if values is not None and name in values:
            found: T = values[name]
            return found
    value = build(frame)
    with _LOCK:
        values = _MEMOS.get(key)
        if values is None:
            values = _MEMOS[key] = {}
            weakref.finalize(frame, _MEMOS.pop, key, None)
        values[name] = value
    return value


def _columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
    return {str(name): frame[name].tolist() for name in frame.columns}


def column(frame: pd.DataFrame, name: str) -> list[Any]:
    """Column ``name`` of ``frame`` as a list (computed once per frame); [] when absent."""
    return memo(frame, "columns", _columns).get(name, [])

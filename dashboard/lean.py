"""Keeps each worker's memory down. ``dashboard.app`` calls ``apply()`` before anything
imports pandas; it changes no answer of the dashboard.

pandas 3 imports pyarrow whenever it is installed (about 34 MB resident per process), only
to back its default string dtype with Arrow. The dashboard uses nothing of Arrow: Parquet is
written by ``eim export``, in a process of its own. So pandas is imported here with pyarrow
hidden: string columns keep the dtype ``str`` with pandas' Python storage, and every chart,
table and download is the same. pyarrow stays importable afterwards (``to_parquet`` still
works, writing ``string`` rather than ``large_string`` columns).

glibc raises its mmap and trim thresholds each time a large block is freed, and then keeps
that much freed memory (about 10 MB in a worker); fixing them at glibc's defaults (128 KiB)
hands it back.
"""

from __future__ import annotations

import ctypes
import sys

#: glibc's ``mallopt`` parameters and their defaults (setting one ends their adjustment).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
THRESHOLD = 128 * 1024


def import_pandas_without_pyarrow() -> None:
    """Import pandas with pyarrow hidden; nothing when either is imported already."""
    if "pandas" in sys.modules or "pyarrow" in sys.modules:
        return
    sys.modules["pyarrow"] = None  # type: ignore[assignment]  # `import pyarrow` fails
    try:
        import pandas  # noqa: F401
    finally:
        del sys.modules["pyarrow"]


def fix_malloc_thresholds() -> None:
    """Fix glibc's mmap and trim thresholds at their defaults; nothing on another libc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_TRIM_THRESHOLD, THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, THRESHOLD)


def apply() -> None:
    """Both, in each worker: ``dashboard.app`` runs it first."""
    import_pandas_without_pyarrow()
    fix_malloc_thresholds()

"""The optional parts of EIM Monitor, and the one check that names the extra to install.

``pip install eim-monitor`` is the parser, the writer, the SQLite store, the Python API and
the CSV/XLSX/JSON export. Each extra of ``pyproject.toml`` adds the modules of one part:

    postgres  psycopg                     a PostgreSQL store (``EIM_DATABASE_URL``)
    parquet   pyarrow                     ``eim export --format parquet``
    web       dash, plotly, flask, …      the dashboard, ``eim serve``, ``eim password-hash``

Code that needs an extra calls ``require(extra, purpose)`` before it imports anything of it:

    require("parquet", "Parquet export")   # -> None, or raises MissingExtra:
    "Parquet export needs pyarrow, which is not installed: pip install 'eim-monitor[parquet]'"

The check only looks for the modules (``importlib.util.find_spec``); it imports none of them.
"""

from __future__ import annotations

import importlib.util
from typing import Final, Literal

from loaders.errors import EimError

Extra = Literal["postgres", "parquet", "web"]

#: The top-level modules each extra provides, as the code imports them (tests check these
#: against the extras of ``pyproject.toml``).
MODULES: Final[dict[Extra, tuple[str, ...]]] = {
    "postgres": ("psycopg",),
    "parquet": ("pyarrow",),
    "web": ("dash", "flask", "flask_compress", "gunicorn", "orjson", "plotly", "werkzeug"),
}


class MissingExtra(EimError, ImportError):
    """An optional part is used without its extra installed; the message names the extra."""

    def __init__(self, extra: Extra, module: str, purpose: str) -> None:
        self.extra = extra
        self.module = module
        super().__init__(
            f"{purpose} needs {module}, which is not installed: pip install 'eim-monitor[{extra}]'"
        )


def installed(module: str) -> bool:
    """True when ``module`` can be found on the path (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # a finder that refuses it, or a broken parent package
        return False


def require(extra: Extra, purpose: str, modules: tuple[str, ...] | None = None) -> None:
    """Raise ``MissingExtra`` unless every module of ``extra`` (or only ``modules`` of it) is
    installed; ``purpose`` is what needs it, the start of the message (``"the dashboard"``,
    ``"Parquet export"``)."""
    for module in MODULES[extra] if modules is None else modules:
        if not installed(module):
            raise MissingExtra(extra, module, purpose)

"""The export tables, as pandas DataFrames with exactly the columns of ``loaders.schema``.

Shapes (one DataFrame each, columns in schema order, index 0..n-1):
    observations  one row per fact: the latest vintage of each printed figure
                  (``derived`` False) plus the series ``loaders.tables.derive`` computes from them
                  (``derived`` True); ``value`` in ``unit``; ordered by the primary key.
    bulletins     one row per stored bulletin, in the order they were added, with its
                  ``vintage`` (1, 2, … within its period), ``added_at`` as a UTC timestamp,
                  its ``publisher`` and ``source_url`` ("" when not known).
    indicators    the catalog, one row per indicator code, in catalog order.
    wide          one row per period (``period`` first, ascending), one float column per
                  series, named ``indicator.region.segment.basis.measure[.ref_period]``
                  with ``.derived`` appended for derived series; columns sorted; a missing
                  figure is NaN. Units: ``units_of_wide``.

Nothing here reads files or the database beyond ``Store.facts()``/``Store.bulletins()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from loaders.catalog import INDICATORS, unit_of
from loaders.schema import BULLETINS, INDICATORS_TABLE, OBSERVATIONS, Table
from loaders.tables.derive import derived_rows

if TYPE_CHECKING:
    from loaders.store import Store

#: The key parts of a series name, in order; ``ref_period`` only when set.
SERIES_PARTS: tuple[str, ...] = ("indicator", "region", "segment", "basis", "measure")
DERIVED_SUFFIX = "derived"
#: The tables ``build_tables`` gives, in the order they are written.
TABLE_NAMES: tuple[str, ...] = ("observations", "wide", "indicators", "bulletins")


def _checked(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """``frame`` after a loud check that its primary key is unique."""
    key = list(table.primary_key)
    duplicated = frame[frame.duplicated(key, keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        raise ValueError(
            f"{table.name}: {len(duplicated)} rows share a primary key "
            f"({', '.join(f'{c}={first[c]!r}' for c in key)} …); each key must appear once"
        )
    return frame


def observations_table(facts: Iterable[Mapping[str, Any]], *, derived: bool = True) -> pd.DataFrame:
    """The tidy table from ``Store.facts()`` rows, with the derived rows when ``derived``."""
    printed = [dict(fact) for fact in facts]
    rows = printed + (derived_rows(printed) if derived else [])
    columns = list(OBSERVATIONS.column_names)
    frame = pd.DataFrame(
        [
            {
                **{c: row.get(c) for c in columns},
                "ref_period": row.get("ref_period") or "",
                "text": row.get("text") or "",
                "derived": bool(row.get("derived")),
                "value": float(row["value"]),
            }
            for row in rows
        ],
        columns=columns,
    )
    frame = frame.astype({"value": "float64", "derived": "bool"})
    frame = frame.sort_values(list(OBSERVATIONS.primary_key), kind="stable", ignore_index=True)
    return _checked(frame, OBSERVATIONS)


def bulletins_table(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The provenance table from ``Store.bulletins()`` rows (oldest first, with vintage)."""
    columns = list(BULLETINS.column_names)
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)
    for column in ("source", "source_url", "added_by"):
        frame[column] = frame[column].fillna("")
    frame["vintage"] = frame["vintage"].astype("int64")
    # the store keeps UTC (naive datetimes are UTC); say so in the dtype
    frame["added_at"] = pd.to_datetime(frame["added_at"], utc=True).astype("datetime64[us, UTC]")
    return _checked(frame, BULLETINS)


def indicators_table() -> pd.DataFrame:
    """The catalog: code, Chinese and English names, level unit, bulletin section."""
    columns = list(INDICATORS_TABLE.column_names)
    return _checked(
        pd.DataFrame(
            [{c: getattr(indicator, c) for c in columns} for indicator in INDICATORS.values()],
            columns=columns,
        ),
        INDICATORS_TABLE,
    )


def series_name(row: Mapping[str, Any]) -> str:
    """``indicator.region.segment.basis.measure[.ref_period][.derived]`` of an observation."""
    parts = [str(row[part]) for part in SERIES_PARTS]
    if row.get("ref_period"):
        parts.append(str(row["ref_period"]))
    if row.get("derived"):
        parts.append(DERIVED_SUFFIX)
    return ".".join(parts)


def series_parts(column: str) -> dict[str, str]:
    """The parts of a series name: the ``SERIES_PARTS``, ``ref_period`` ("" when absent)
    and ``derived`` ("true"/"false")."""
    pieces = column.split(".")
    derived = pieces[-1] == DERIVED_SUFFIX
    if derived:
        pieces = pieces[:-1]
    if len(pieces) not in (len(SERIES_PARTS), len(SERIES_PARTS) + 1):
        raise ValueError(f"{column!r} is not a series name (indicator.region.segment.basis…)")
    parts = dict(zip(SERIES_PARTS, pieces, strict=False))
    parts["ref_period"] = pieces[len(SERIES_PARTS)] if len(pieces) > len(SERIES_PARTS) else ""
    parts["derived"] = "true" if derived else "false"
    return parts


def wide_table(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per period, one column per series (sorted), from the observations table."""
    if observations.empty:
        return pd.DataFrame({"period": pd.Series([], dtype="str")})
    series = [
        series_name(dict(zip(observations.columns.astype(str), values, strict=True)))
        for values in observations.itertuples(index=False, name=None)
    ]
    long = pd.DataFrame(
        {"period": observations["period"], "series": series, "value": observations["value"]}
    )
    wide = long.pivot(index="period", columns="series", values="value")
    wide = wide.reindex(columns=sorted(wide.columns)).sort_index()
    wide.columns.name = None
    return wide.reset_index().astype({c: "float64" for c in wide.columns})


def units_of_wide(columns: Sequence[str]) -> dict[str, str]:
    """The unit of each series column of the wide table (``period`` has none, left out)."""
    units: dict[str, str] = {}
    for column in columns:
        if column == "period":
            continue
        parts = series_parts(column)
        units[column] = unit_of(parts["indicator"], parts["measure"])
    return units


def build_tables(store: Store) -> dict[str, pd.DataFrame]:
    """Every export table of ``store``, keyed by ``TABLE_NAMES`` in that order."""
    observations = observations_table(store.facts())
    return {
        "observations": observations,
        "wide": wide_table(observations),
        "indicators": indicators_table(),
        "bulletins": bulletins_table(store.bulletins()),
    }

"""The database tables (SQLAlchemy Core), generated from ``loaders.schema``.

    bulletins(id, sha256 UNIQUE, period, title, source, text, source_url NULL,
              parser_version, added_at, added_by, publisher)
    observations(id, bulletin_id -> bulletins.id, period, basis, indicator, region,
                 segment, measure, value, unit, ref_period, printed, text)
                 UNIQUE (bulletin_id, period, indicator, region, segment, basis,
                         measure, ref_period)
    schema_migrations(name PRIMARY KEY, applied_at)

Each column of a schema table becomes a NOT NULL column of the same name (a string with
``max_length`` a VARCHAR of that length, else TEXT; an optional string defaults to ""),
except the columns added to a stored table after it was created (``NULLABLE``: NULL when
unknown, as ``ALTER TABLE … ADD COLUMN`` leaves the rows already stored) and the columns
the store computes when asked: a bulletin's ``vintage`` (its rank in its period) and an
observation's ``derived`` and ``bulletin`` (its bulletin's sha256, by ``bulletin_id``).
The store adds what the shipped tables do not carry: integer ids and a bulletin's full
source ``text`` (empty for bulletins imported from the shipped datasets, which carry no
texts).

Only printed figures are stored; derived series are computed from them when asked
(``loaders.tables.derive``), so they can never be mixed in. Nothing is ever updated or
deleted.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

from loaders import schema

#: Columns of the schema's tables that the store computes instead of keeping.
COMPUTED: Final[dict[str, tuple[str, ...]]] = {
    "bulletins": ("vintage",),
    "observations": ("derived", "bulletin"),
}
#: Columns added by a later migration (``loaders.store.migrations``): nullable, NULL when unknown.
NULLABLE: Final[dict[str, tuple[str, ...]]] = {"bulletins": ("source_url",)}
#: Columns the database indexes (besides keys).
_INDEXED: Final[dict[str, tuple[str, ...]]] = {"bulletins": ("period",)}
#: Columns the store keeps after a schema column: (after, the column).
_STORED_ONLY: Final[dict[str, tuple[str, Column[Any]]]] = {
    "bulletins": ("source", Column("text", Text, nullable=False, default="")),
}

metadata = MetaData()


def _type(column: schema.Column) -> TypeEngine[Any]:
    if column.type == "string":
        return String(column.max_length) if column.max_length else Text()
    types: dict[str, TypeEngine[Any]] = {
        "number": Double(),
        "integer": Integer(),
        "boolean": Boolean(),
        "datetime": DateTime(timezone=False),
    }
    return types[column.type]


def _columns(table: schema.Table) -> list[Column[Any]]:
    """The stored columns of a schema table, in its order (see the module doc)."""
    stored_only = _STORED_ONLY.get(table.name)
    columns: list[Column[Any]] = []
    for column in table.columns:
        if column.name in COMPUTED.get(table.name, ()):
            continue
        nullable = column.name in NULLABLE.get(table.name, ())
        optional_text = column.type == "string" and not column.required and not nullable
        columns.append(
            Column(
                column.name,
                _type(column),
                nullable=nullable,
                default="" if optional_text else None,
                unique=column.name in table.primary_key and len(table.primary_key) == 1,
                index=column.name in _INDEXED.get(table.name, ()),
            )
        )
        if stored_only is not None and stored_only[0] == column.name:
            columns.append(stored_only[1])
    return columns


bulletins = Table(
    "bulletins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_columns(schema.BULLETINS),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bulletin_id", Integer, ForeignKey("bulletins.id"), nullable=False, index=True),
    *_columns(schema.OBSERVATIONS),
    UniqueConstraint("bulletin_id", *schema.KEY_COLUMNS, name="uq_observation_per_bulletin"),
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("applied_at", DateTime(timezone=False), nullable=False),
)

"""The database tables (SQLAlchemy Core), from ``loaders.schema``.

    bulletins(id, sha256 UNIQUE, period, title, source, text, parser_version,
              added_at, added_by, publisher)
    observations(id, bulletin_id -> bulletins.id, period, basis, indicator, region,
                 segment, measure, value, unit, ref_period, printed, text)
                 UNIQUE (bulletin_id, period, indicator, region, segment, basis,
                         measure, ref_period)
    schema_migrations(name PRIMARY KEY, applied_at)

Only printed figures are stored; derived series are computed from them when asked
(``loaders.tables.derive``), so they can never be mixed in. A bulletin's ``text`` is its
full source text (empty for bulletins imported from the shipped datasets, which
carry no texts); nothing is ever updated or deleted.
"""

from __future__ import annotations

from sqlalchemy import (
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

metadata = MetaData()

bulletins = Table(
    "bulletins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("period", String(7), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("parser_version", String(32), nullable=False),
    Column("added_at", DateTime(timezone=False), nullable=False),
    Column("added_by", String(128), nullable=False, default=""),
    Column("publisher", Text, nullable=False),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bulletin_id", Integer, ForeignKey("bulletins.id"), nullable=False, index=True),
    Column("period", String(7), nullable=False),
    Column("basis", String(8), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("region", String(32), nullable=False),
    Column("segment", String(64), nullable=False),
    Column("measure", String(32), nullable=False),
    Column("value", Double, nullable=False),
    Column("unit", String(8), nullable=False),
    Column("ref_period", String(7), nullable=False, default=""),
    Column("printed", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    UniqueConstraint(
        "bulletin_id",
        "period",
        "indicator",
        "region",
        "segment",
        "basis",
        "measure",
        "ref_period",
        name="uq_observation_per_bulletin",
    ),
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("applied_at", DateTime(timezone=False), nullable=False),
)

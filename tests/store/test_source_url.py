"""A bulletin's source URL (the publisher's page), on SQLite and on PostgreSQL: kept with the
bulletin, checked before anything is written, and added by migration 0002 to a database made
before it (its bulletins then have none)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, inspect
from store_data import B2024_04, B2024_05, parsed, row_counts

from loaders.source_url import SourceUrlError, source_url
from loaders.store import Store
from loaders.store.migrations import MIGRATIONS, migrate
from loaders.store.tables import schema_migrations

PAGE = "https://www.miit.gov.cn/gxsj/tjfx/dzxx/art/2024/art_0001.html"


def test_a_source_url_is_kept_with_its_bulletin(store: Store) -> None:
    store.add(parsed(B2024_04, "2024-04.txt"), B2024_04, source="2024-04.txt")
    store.add(parsed(B2024_05, "2024-05.txt"), B2024_05, source="2024-05.txt", source_url=PAGE)

    assert [(row["period"], row["source_url"]) for row in store.bulletins()] == [
        ("2024-04", None),
        ("2024-05", PAGE),
    ]


@pytest.mark.parametrize(
    "bad",
    ["javascript:alert(1)", "ftp://www.miit.gov.cn/a.html", "www.miit.gov.cn/a", "https://", "x"],
)
def test_a_source_url_that_is_not_http_stores_nothing(store: Store, bad: str) -> None:
    with pytest.raises(SourceUrlError, match="URL"):
        store.add(parsed(B2024_05), B2024_05, source_url=bad)
    assert row_counts(store)["bulletins"] == 0


def test_a_source_url_is_kept_as_given_but_trimmed() -> None:
    assert source_url("  HTTPS://www.miit.gov.cn/a?b=1#c ") == "https://www.miit.gov.cn/a?b=1#c"
    assert source_url("") is None
    assert source_url(None) is None
    with pytest.raises(SourceUrlError, match="no spaces"):
        source_url("https://www.miit.gov.cn/a b")


def test_migration_0002_adds_the_column_to_a_database_made_before_it(store_url: str) -> None:
    old = Store(store_url)
    try:
        old.add(parsed(B2024_04, "2024-04.txt"), B2024_04, source="2024-04.txt")
        with old.engine.begin() as connection:  # the database as 0001 left it
            connection.exec_driver_sql("ALTER TABLE bulletins DROP COLUMN source_url")
            connection.execute(
                delete(schema_migrations).where(schema_migrations.c.name != MIGRATIONS[0][0])
            )
        with old.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("bulletins")}
        assert "source_url" not in columns
    finally:
        old.close()

    migrated = Store(store_url)  # opening it migrates it
    try:
        assert migrate(migrated.engine) == []
        with migrated.engine.connect() as connection:
            [column] = [
                c for c in inspect(connection).get_columns("bulletins") if c["name"] == "source_url"
            ]
        assert column["nullable"]
        assert [row["source_url"] for row in migrated.bulletins()] == [None]
        migrated.add(parsed(B2024_05, "2024-05.txt"), B2024_05, source_url=PAGE)
        assert [row["source_url"] for row in migrated.bulletins()] == [None, PAGE]
        assert row_counts(migrated)["schema_migrations"] == len(MIGRATIONS)
    finally:
        migrated.close()

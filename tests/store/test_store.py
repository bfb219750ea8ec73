"""The store, on SQLite and on PostgreSQL (the store fixtures of ``tests/conftest.py``): vintages,
never overwrites.

The bulletins are small made-up ones (``store_data``): 1—4月, 1—5月, a revised
1—5月 (phone output 5.91 -> 5.93亿台, without the profit paragraph), a 1—5月 whose change
on 1—4月 contradicts the two rates, and 1—6月.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from store_data import (
    B2024_04,
    B2024_05,
    B2024_05_INCONSISTENT,
    B2024_05_REVISED,
    B2024_06,
    fact,
    parsed,
    row_counts,
    snapshot,
    utc,
)

from loaders.store import Change, Store
from loaders.store.migrations import MIGRATIONS, migrate
from loaders.store.tables import bulletins, observations, schema_migrations

T1 = utc("2024-06-20T09:00:00")  # 1—5月 first published
T_BETWEEN = utc("2024-07-01T00:00:00")
T2 = utc("2024-07-20T09:00:00")  # its revision


def _add(store: Store, text: str, name: str, **options: Any) -> Any:
    return store.add(parsed(text, name), text, source=name, **options)


def _phones(facts: list[dict[str, Any]], period: str = "2024-05") -> dict[str, Any]:
    return fact(facts, period=period, indicator="output_mobile_phones")


# -- adding --------------------------------------------------------------------------------


def test_add_stores_every_fact_with_the_bulletin_sha(store: Store) -> None:
    bulletin = parsed(B2024_05, "2024-05.txt")
    result = store.add(bulletin, B2024_05, source="2024-05.txt", added_by="tester", added_at=T1)

    assert (result.status, result.vintage, result.facts) == ("added", 1, 12)
    assert (result.period, result.sha256, result.changes, result.warnings) == (
        "2024-05",
        bulletin.sha256,
        [],
        [],
    )
    facts = store.facts()
    assert len(facts) == 12
    assert {f["bulletin"] for f in facts} == {bulletin.sha256}
    assert {f["period"] for f in facts} == {"2024-05"}
    assert not any(f["derived"] for f in facts)
    assert _phones(facts)["value"] == 59100
    assert _phones(facts)["unit"] == "万台"
    assert _phones(facts)["printed"] == "5.91亿台"
    assert fact(facts, period="2024-05", indicator="revenue")["value"] == 59000
    assert fact(facts, period="2024-05", indicator="value_added", measure="yoy_pct")["value"] == (
        10.5
    )
    change = fact(
        facts,
        period="2024-05",
        indicator="value_added",
        measure="change_pp",
        ref_period="2024-04",
    )
    assert (change["value"], change["unit"]) == (0.5, "pp")

    [row] = store.bulletins()
    assert row["sha256"] == bulletin.sha256
    assert (row["period"], row["vintage"], row["source"], row["added_by"]) == (
        "2024-05",
        1,
        "2024-05.txt",
        "tester",
    )
    assert row["added_at"] == T1
    assert "2024年1-5月份电子信息制造业运行情况" in row["title"]
    assert store.version() > 0


def test_the_same_text_again_changes_nothing(store: Store) -> None:
    first = _add(store, B2024_05, "2024-05.txt", added_at=T1)
    before = snapshot(store)

    again = _add(store, B2024_05, "renamed copy.txt", added_at=T2)

    assert again.status == "unchanged"
    assert again.sha256 == first.sha256
    assert (again.changes, again.warnings) == ([], [])
    assert snapshot(store) == before


def test_a_new_text_for_a_stored_period_is_a_new_vintage_listing_what_changed(
    store: Store,
) -> None:
    first = _add(store, B2024_05, "2024-05.txt", added_at=T1)
    revised = _add(store, B2024_05_REVISED, "2024-05-revised.txt", added_at=T2)

    assert (revised.status, revised.vintage, revised.facts) == ("revised", 2, 7)
    assert revised.changes == [
        Change(
            key=("2024-05", "output_mobile_phones", "national", "all", "ytd", "level", ""),
            old=59100,
            new=59300,
            old_bulletin=first.sha256,
            new_bulletin=revised.sha256,
        )
    ]
    assert "59100 -> 59300" in revised.changes[0].describe()
    assert [(b["period"], b["vintage"], b["sha256"]) for b in store.bulletins()] == [
        ("2024-05", 1, first.sha256),
        ("2024-05", 2, revised.sha256),
    ]


def test_facts_give_the_latest_vintage_and_as_of_an_earlier_one(store: Store) -> None:
    first = _add(store, B2024_05, "2024-05.txt", added_at=T1)
    revised = _add(store, B2024_05_REVISED, "2024-05-revised.txt", added_at=T2)

    now = _phones(store.facts())
    assert (now["value"], now["bulletin"], now["printed"]) == (59300, revised.sha256, "5.93亿台")

    then = store.facts(as_of=T_BETWEEN)
    assert (_phones(then)["value"], _phones(then)["bulletin"]) == (59100, first.sha256)
    assert {f["bulletin"] for f in then} == {first.sha256}
    assert len(then) == 12

    assert store.facts(as_of=T1 - timedelta(seconds=1)) == []
    assert _phones(store.facts(as_of=T2))["value"] == 59300  # as_of includes that moment
    assert [b["sha256"] for b in store.bulletins(as_of=T_BETWEEN)] == [first.sha256]


def test_a_fact_printed_only_in_the_first_vintage_stays_visible(store: Store) -> None:
    first = _add(store, B2024_05, "2024-05.txt", added_at=T1)
    revised = _add(store, B2024_05_REVISED, "2024-05-revised.txt", added_at=T2)

    facts = store.facts()
    assert len(facts) == 12  # the 7 of the revision, and 5 only the first printed
    for indicator in ("revenue", "total_profit", "profit_margin"):
        assert fact(facts, period="2024-05", indicator=indicator)["bulletin"] == first.sha256
    assert _phones(facts)["bulletin"] == revised.sha256
    unchanged = fact(facts, period="2024-05", indicator="output_integrated_circuits")
    assert (unchanged["value"], unchanged["bulletin"]) == (17000000, revised.sha256)


def test_added_at_with_an_offset_is_kept_as_utc(store: Store) -> None:
    beijing = timezone(timedelta(hours=8))
    _add(store, B2024_05, "2024-05.txt", added_at=datetime(2024, 6, 20, 17, 0, tzinfo=beijing))

    [row] = store.bulletins()
    assert row["added_at"] == utc("2024-06-20T09:00:00")
    assert store.facts(as_of=utc("2024-06-20T08:59:59")) == []
    assert len(store.facts(as_of=utc("2024-06-20T09:00:00"))) == 12


def test_added_at_defaults_to_now_in_utc(store: Store) -> None:
    before = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=1)
    _add(store, B2024_04, "2024-04.txt")
    after = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=1)

    [row] = store.bulletins()
    assert before <= row["added_at"] <= after


# -- dry run, version, text ---------------------------------------------------------------


def test_dry_run_stores_nothing(store: Store) -> None:
    result = _add(store, B2024_05, "2024-05.txt", dry_run=True)
    assert (result.status, result.vintage, result.facts, result.dry_run) == ("added", 1, 12, True)
    assert row_counts(store) == {
        "bulletins": 0,
        "observations": 0,
        "schema_migrations": len(MIGRATIONS),
    }
    assert (store.bulletins(), store.facts(), store.version()) == ([], [], 0)

    first = _add(store, B2024_05, "2024-05.txt", added_at=T1)
    before = snapshot(store)
    rehearsal = _add(store, B2024_05_REVISED, "2024-05-revised.txt", dry_run=True)
    assert (rehearsal.status, rehearsal.vintage, rehearsal.dry_run) == ("revised", 2, True)
    assert [(c.old, c.new, c.old_bulletin) for c in rehearsal.changes] == [
        (59100, 59300, first.sha256)
    ]
    assert snapshot(store) == before


def test_version_grows_with_every_add_and_only_then(store: Store) -> None:
    assert store.version() == 0
    _add(store, B2024_04, "2024-04.txt")
    v1 = store.version()
    _add(store, B2024_05, "2024-05.txt")
    v2 = store.version()
    _add(store, B2024_05, "2024-05.txt")
    _add(store, B2024_06, "2024-06.txt", dry_run=True)
    assert store.version() == v2 > v1 > 0
    _add(store, B2024_05_REVISED, "2024-05-revised.txt")
    assert store.version() > v2


def test_text_of_gives_back_the_exact_source_text(store: Store) -> None:
    # Line ends, blank lines, full-width and trailing spaces: kept as given.
    text = B2024_04.replace("\n", "\r\n").replace("生产较快增长。", "生产较快增长。  \u3000")
    result = _add(store, text, "2024-04 windows.txt")
    assert store.text_of(result.sha256) == text
    assert store.text_of("0" * 64) is None


# -- checks across bulletins ----------------------------------------------------------------


def test_a_change_that_contradicts_the_stored_figure_gives_a_warning_naming_both(
    store: Store,
) -> None:
    april = _add(store, B2024_04, "2024-04.txt")
    may = _add(store, B2024_05_INCONSISTENT, "2024-05-inconsistent.txt")

    assert may.status == "added"
    [warning] = may.warnings
    assert warning.severity == "warning"
    message = warning.message
    assert "+0.5 pp" in message
    assert "11 (2024-05" in message and may.sha256[:12] in message
    assert "10 (2024-04" in message and april.sha256[:12] in message
    assert "+1.00" in message
    assert len(store.bulletins()) == 2  # a warning does not stop the add


def test_a_consistent_change_gives_no_warning(store: Store) -> None:
    _add(store, B2024_04, "2024-04.txt")
    assert _add(store, B2024_05, "2024-05.txt").warnings == []
    assert _add(store, B2024_06, "2024-06.txt").warnings == []


def test_a_change_whose_reference_is_not_stored_gives_no_warning(store: Store) -> None:
    assert _add(store, B2024_05_INCONSISTENT, "2024-05-inconsistent.txt").warnings == []


# -- migrations ----------------------------------------------------------------------------


def test_migrations_are_idempotent(store_url: str) -> None:
    first = Store(store_url)
    try:
        _add(first, B2024_04, "2024-04.txt")
        assert migrate(first.engine) == []
    finally:
        first.close()
    second = Store(store_url)  # opening again migrates again: nothing to do, nothing lost
    try:
        assert migrate(second.engine) == []
        with second.engine.connect() as connection:
            names = list(connection.scalars(select(schema_migrations.c.name)))
        assert sorted(names) == sorted(name for name, _ in MIGRATIONS)
        assert len(names) == len(set(names))
        assert row_counts(second)["bulletins"] == 1
        assert len(second.facts()) == 6
    finally:
        second.close()


# -- nothing is ever deleted ---------------------------------------------------------------


def _all_rows(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    with store.engine.connect() as connection:
        return {
            table.name: {tuple(row) for row in connection.execute(select(table))}
            for table in (bulletins, observations, schema_migrations)
        }


def test_nothing_is_ever_deleted_or_updated(store: Store) -> None:
    steps = [
        (B2024_04, "2024-04.txt", {}),
        (B2024_05, "2024-05.txt", {}),
        (B2024_05, "2024-05.txt", {}),
        (B2024_05_REVISED, "2024-05-revised.txt", {}),
        (B2024_06, "2024-06.txt", {"dry_run": True}),
        (B2024_05_INCONSISTENT, "2024-05-inconsistent.txt", {}),
        (B2024_06, "2024-06.txt", {}),
    ]
    seen = _all_rows(store)
    counts = row_counts(store)
    for text, name, options in steps:
        _add(store, text, name, **options)
        now = _all_rows(store)
        for table, rows in seen.items():
            assert rows <= now[table], f"{table}: a row changed or went away adding {name}"
        new_counts = row_counts(store)
        assert all(new_counts[t] >= n for t, n in counts.items())
        seen, counts = now, new_counts
    assert counts == {
        "bulletins": 5,
        "observations": 6 + 12 + 7 + 3 + 7,
        "schema_migrations": len(MIGRATIONS),
    }


def test_as_of_with_an_offset_means_that_moment(store: Store) -> None:
    _add(store, B2024_05, "2024-05.txt", added_at=T1)  # 09:00 UTC = 17:00 in Beijing
    beijing = timezone(timedelta(hours=8))

    assert store.facts(as_of=datetime(2024, 6, 20, 16, 59, tzinfo=beijing)) == []
    assert len(store.facts(as_of=datetime(2024, 6, 20, 17, 0, tzinfo=beijing))) == 12
    assert len(store.facts(as_of=datetime(2024, 6, 20, 9, 0, tzinfo=UTC))) == 12

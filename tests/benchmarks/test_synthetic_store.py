"""The synthetic store of the performance benchmark (``benchmarks/synthetic_store.py``).

Two years (22 bulletins) are built into a temporary folder: the periods, the keys each
bulletin copies from its shipped template, the API's derived rows, the store's version, the
store's checks, and determinism for a seed. Not real data; nothing here touches ``datasets/``
except reading it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from benchmarks import synthetic_store as synthetic
from loaders import api
from loaders.bulletin.periods import Month
from loaders.schema import KEY_COLUMNS
from loaders.store import Store
from loaders.store.tables import bulletins as bulletins_db
from loaders.store.tables import observations as observations_db

YEARS = 2
LAST_YEAR = 2025
#: A stored fact as compared between builds: its key (the first 7), value, unit, printed.
FACT_COLUMNS = (*KEY_COLUMNS, "value", "unit", "printed")
PERIODS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(2, 13)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> synthetic.SyntheticSummary:
    path = tmp_path_factory.mktemp("synthetic") / "syn.sqlite"
    return synthetic.build(path, years=YEARS, last_year=LAST_YEAR, seed=0)


@pytest.fixture(scope="module")
def store(built: synthetic.SyntheticSummary) -> Any:
    opened = Store(f"sqlite:///{built.path}")
    yield opened
    opened.close()


def stored_rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Bulletin period -> the observation rows that bulletin stored (not only the latest)."""
    query = select(bulletins_db.c.period.label("bulletin_period"), observations_db).join(
        bulletins_db, observations_db.c.bulletin_id == bulletins_db.c.id
    )
    rows: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            mapping = dict(row._mapping)
            rows.setdefault(mapping.pop("bulletin_period"), []).append(mapping)
    return rows


def facts_of(path: Path) -> list[tuple[Any, ...]]:
    """Every printed fact of a store: key, value, unit, printed."""
    store = Store(f"sqlite:///{path}")
    try:
        return [tuple(r[c] for c in FACT_COLUMNS) for r in store.facts()]
    finally:
        store.close()


def test_one_bulletin_per_period_with_january_merged(
    built: synthetic.SyntheticSummary, store: Store
) -> None:
    bulletins = store.bulletins()
    assert [b["period"] for b in bulletins] == PERIODS
    assert built.bulletins == len(bulletins) == 22
    assert all(b["title"].startswith("[synthetic] ") for b in bulletins)
    assert {b["source"] for b in bulletins} == {"synthetic"}
    assert {b["added_by"] for b in bulletins} == {"benchmark"}
    assert store.text_of(bulletins[0]["sha256"]) == synthetic.text_of(Month(2024, 2), 0)


def test_the_store_version_is_the_number_of_bulletins(
    built: synthetic.SyntheticSummary, store: Store
) -> None:
    assert store.version() == built.version == 22


def test_each_bulletin_prints_the_keys_of_its_template(store: Store) -> None:
    bulletins, observations = synthetic.printed_rows()
    templates = synthetic.select_templates(bulletins, observations)
    rows = stored_rows(store)
    assert sorted(rows) == PERIODS
    for period, printed in rows.items():
        month = Month.parse(period)
        template = templates[month.month]
        assert synthetic.key_pattern(month, printed) == template.pattern(), period
        assert len(printed) == len(template.rows), period


def test_templates_are_the_richest_shipped_bulletin_of_their_month() -> None:
    bulletins, observations = synthetic.printed_rows()
    counts = Counter(row["bulletin"] for row in observations)
    size = {b["period"]: counts[b["sha256"]] for b in bulletins}
    templates = synthetic.select_templates(bulletins, observations)
    assert sorted(templates) == list(range(2, 13))
    for month, template in templates.items():
        same_month = [n for p, n in size.items() if Month.parse(p).month == month]
        candidates = same_month or list(size.values())
        assert len(template.rows) == max(candidates), month
        if same_month:
            assert template.period.month == month
    richest = synthetic.select_templates(bulletins, observations, "richest")
    assert {len(t.rows) for t in richest.values()} == {max(size.values())}


def test_reference_periods_move_with_the_bulletin(store: Store) -> None:
    """A change on the previous bulletin names the previous synthetic period (December for
    a 1—2月 bulletin); a change on the same period a year before names the period 12 months
    (11 bulletins) back."""
    rows = stored_rows(store)
    refs = {
        (r["indicator"], r["basis"], r["ref_period"])
        for r in rows["2025-02"]
        if r["measure"] == "change_pp"
    }
    assert ("export_delivery_value", "ytd", "2024-12") in refs
    bulletins, observations = synthetic.printed_rows()
    templates = synthetic.select_templates(bulletins, observations)
    year_ago = 0
    for period in PERIODS:
        template = templates[Month.parse(period).month]
        lag = synthetic.bulletin_index(Month.parse(period)) - synthetic.bulletin_index(
            template.period
        )

        def moved(text: str, lag: int = lag) -> Month:
            return synthetic.bulletin_period(synthetic.bulletin_index(Month.parse(text)) + lag)

        wanted = {
            (r["indicator"], r["basis"], str(moved(r["period"]).shifted(-12)))
            for r in template.rows
            if r["ref_period"] == str(Month.parse(r["period"]).shifted(-12))
        }
        got = {(r["indicator"], r["basis"], r["ref_period"]) for r in rows[period]}
        assert wanted <= got, period
        year_ago += len(wanted)
    assert year_ago > 0, "no template compares with a year before: the check above is empty"


def test_the_api_reads_it_and_derives_every_kind_of_row(
    built: synthetic.SyntheticSummary, store: Store
) -> None:
    frame = api.observations(store=store)
    derived = frame[frame["derived"]]
    assert len(frame) == built.rows
    assert len(derived) == built.derived > 0
    # single months from cumulative levels, comparison rates from gaps, regional shares
    assert ((derived["basis"] == "month") & (derived["measure"] == "level")).any()
    assert (derived["indicator"] == "industry_value_added").any()
    assert ((derived["measure"] == "share_pct") & (derived["region"] != "national")).any()
    single = derived[(derived["measure"] == "level") & (derived["basis"] == "month")]
    assert (single["value"] > 0).all(), "cumulative levels must grow through the year"


def test_values_pass_the_store_checks(built: synthetic.SyntheticSummary) -> None:
    assert built.warnings == ()


def test_regional_levels_add_up_and_shares_sum_to_100(store: Store) -> None:
    frame = api.observations(store=store, indicator="revenue", basis="ytd", derived=False)
    four = ["east", "central", "west", "northeast"]
    checked = 0
    for _, rows in frame.groupby("period"):
        levels = rows[rows["measure"] == "level"].set_index("region")["value"]
        if "national" in levels and all(r in levels for r in four):
            assert abs(levels[four].sum() / levels["national"] - 1) < 0.01
            checked += 1
        shares = rows[rows["measure"] == "share_pct"].set_index("region")["value"]
        if all(r in shares for r in four):
            assert abs(shares[four].sum() - 100) <= 0.3
    assert checked > 0


def test_through_store_add_gives_the_same_store(
    built: synthetic.SyntheticSummary, tmp_path: Path
) -> None:
    slow = synthetic.build(
        tmp_path / "add.sqlite", years=YEARS, last_year=LAST_YEAR, seed=0, through_add=True
    )
    assert slow.warnings == ()
    assert facts_of(slow.path) == facts_of(built.path)


def test_values_are_deterministic_for_a_seed(
    built: synthetic.SyntheticSummary, tmp_path: Path
) -> None:
    again = synthetic.build(tmp_path / "again.sqlite", years=YEARS, last_year=LAST_YEAR, seed=0)
    other = synthetic.build(tmp_path / "other.sqlite", years=YEARS, last_year=LAST_YEAR, seed=1)
    first = facts_of(built.path)
    assert facts_of(again.path) == first
    different = facts_of(other.path)
    assert [f[:7] for f in different] == [f[:7] for f in first]  # same keys ...
    changed = sum(a[7] != b[7] for a, b in zip(first, different, strict=True))
    assert changed > len(first) // 2  # ... most values not


def test_an_existing_file_is_refused(built: synthetic.SyntheticSummary) -> None:
    with pytest.raises(FileExistsError):
        synthetic.build(built.path, years=1)
    assert synthetic.main([str(built.path), "--years", "1"]) == 2


def test_the_command_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert synthetic.main([str(tmp_path / "one.sqlite"), "--years", "1", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "11 bulletins 2025-02..2025-12 (seed 3, shape month)" in out
    assert "0 warnings" in out

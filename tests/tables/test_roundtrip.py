"""``loaders.tables.importer`` and the ``eim export``/``eim import`` commands: bulletins
added, exported as CSV, imported into a fresh store and exported again give identical files,
``added_at`` to the microsecond; a store holding other bulletins is refused, one holding the same is
left unchanged; a damaged file is refused with its line named. The round trip runs on SQLite and,
through the store fixtures (``tests/conftest.py``), on PostgreSQL when ``scripts/test.sh`` starts
it.

The store content is ``test_export``'s bulletins (made up for the tests, in the bulletins'
style).
"""

from __future__ import annotations

import csv
import filecmp
from pathlib import Path

import pytest
from export_bulletins import ADDS, AUGUST_URL, fill

from loaders.bulletin.parse import parse_bulletin
from loaders.cli import main
from loaders.store import Store
from loaders.tables.export import export
from loaders.tables.importer import ImportRefused, TableError, import_tables

#: ``store``: a fresh store on each database (SQLite; PostgreSQL when scripts/test.sh runs it).


def new_store(path: Path) -> Store:
    return Store(f"sqlite:///{path}")


def exported_folder(store: Store, out: Path) -> list[str]:
    """Export ``store`` as CSV into ``out``; the names written."""
    return [path.name for path in export(store, "csv", out)]


def test_add_export_import_export_gives_identical_files(tmp_path: Path, store: Store) -> None:
    """Imported into a fresh store (the store fixtures: on SQLite, and on PostgreSQL when
    ``scripts/test.sh`` started it): the same code path for both."""
    original = fill(new_store(tmp_path / "original.sqlite"))
    names = exported_folder(original, tmp_path / "first")
    imported = store
    result = import_tables(imported, tmp_path / "first")
    assert (result.status, result.bulletins) == ("imported", 3)
    assert exported_folder(imported, tmp_path / "second") == names
    match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "first", tmp_path / "second", names, shallow=False
    )
    assert (mismatch, errors) == ([], []), f"differ after the round trip: {mismatch + errors}"
    assert sorted(match) == sorted(names)

    drop = ("id",)
    before = [{k: v for k, v in r.items() if k not in drop} for r in original.bulletins()]
    after = [{k: v for k, v in r.items() if k not in drop} for r in imported.bulletins()]
    assert after == before  # added_at to the microsecond, source with its '=' restored
    assert imported.text_of(before[0]["sha256"]) == ""  # the exports carry no source texts
    original.close()


def test_import_twice_is_unchanged_and_other_bulletins_are_refused(tmp_path: Path) -> None:
    original = fill(new_store(tmp_path / "original.sqlite"))
    exported_folder(original, tmp_path / "csv")
    original.close()
    store = new_store(tmp_path / "store.sqlite")
    assert import_tables(store, tmp_path / "csv").status == "imported"
    again = import_tables(store, tmp_path / "csv")
    assert (again.status, again.bulletins, again.facts) == ("unchanged", 0, 0)
    assert len(store.bulletins()) == 3

    july_only = new_store(tmp_path / "july.sqlite")
    text, source, who, when = ADDS[0]
    july_only.add(parse_bulletin(text), text, source=source, added_by=who, added_at=when)
    exported_folder(july_only, tmp_path / "fewer")
    july_only.close()
    with pytest.raises(ImportRefused, match="already holds 3 bulletins"):
        import_tables(store, tmp_path / "fewer")
    store.close()


def test_a_bulletin_out_of_order_is_refused_with_its_line(tmp_path: Path) -> None:
    original = fill(new_store(tmp_path / "original.sqlite"))
    exported_folder(original, tmp_path / "csv")
    original.close()
    path = tmp_path / "csv" / "bulletins.csv"
    header, first, second, third = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([header, first, third, second]) + "\n", encoding="utf-8-sig")
    store = new_store(tmp_path / "store.sqlite")
    with pytest.raises(TableError, match=r"bulletins\.csv line 3: vintage 2"):
        import_tables(store, tmp_path / "csv")
    assert store.bulletins() == []  # nothing stored
    store.close()


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bulletins.csv").write_text("sha256,period\n", encoding="utf-8-sig")
    store = new_store(tmp_path / "store.sqlite")
    with pytest.raises(TableError, match=r"bulletins\.csv: the header is"):
        import_tables(store, tmp_path)
    store.close()


def test_source_urls_survive_and_an_export_from_before_them_imports(tmp_path: Path) -> None:
    original = fill(new_store(tmp_path / "original.sqlite"))
    exported_folder(original, tmp_path / "csv")
    original.close()
    path = tmp_path / "csv" / "bulletins.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    at = rows[0].index("source_url")
    assert [row[at] for row in rows[1:]] == ["", AUGUST_URL, ""]

    store = new_store(tmp_path / "store.sqlite")
    import_tables(store, tmp_path / "csv")
    assert [b["source_url"] for b in store.bulletins()] == [None, AUGUST_URL, None]
    store.close()

    older = [[cell for index, cell in enumerate(row) if index != at] for row in rows]
    _write_csv(path, older)  # as exports made before the column wrote it
    store = new_store(tmp_path / "older.sqlite")
    assert import_tables(store, tmp_path / "csv").status == "imported"
    assert [b["source_url"] for b in store.bulletins()] == [None, None, None]
    store.close()

    rows[2][at] = "javascript:alert(1)"
    _write_csv(path, rows)
    store = new_store(tmp_path / "refused.sqlite")
    with pytest.raises(TableError, match=r"bulletins\.csv line 3: .* not an http or https URL"):
        import_tables(store, tmp_path / "csv")
    assert store.bulletins() == []
    store.close()


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


# -- the commands -----------------------------------------------------------------------------


@pytest.fixture
def environment_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``EIM_DATABASE_PATH`` at a fresh SQLite file for the commands."""
    path = tmp_path / "environment.sqlite"
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    monkeypatch.setenv("EIM_DATABASE_PATH", str(path))
    return path


def test_commands_export_and_import(
    environment_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fill(new_store(tmp_path / "source.sqlite"))
    exported_folder(source, tmp_path / "csv")
    source.close()

    assert main(["import", str(tmp_path / "csv")]) == 0
    assert "imported 3 bulletins" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "csv")]) == 0
    assert "unchanged" in capsys.readouterr().out

    assert main(["export", "--format", "csv", "--out", str(tmp_path / "again")]) == 0
    assert "observations.csv" in capsys.readouterr().out
    assert filecmp.cmp(tmp_path / "csv" / "bulletins.csv", tmp_path / "again" / "bulletins.csv")
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path / "xlsx")]) == 0
    assert (tmp_path / "xlsx" / "eim.xlsx").is_file()


def test_command_import_refuses_a_store_with_other_bulletins(
    environment_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fill(new_store(tmp_path / "source.sqlite"))
    exported_folder(source, tmp_path / "csv")
    source.close()
    other = new_store(environment_store)
    fill(other)  # the same texts at other times: same sha256s, so "unchanged"
    other.close()
    assert main(["import", str(tmp_path / "csv")]) == 0
    assert "unchanged" in capsys.readouterr().out

    nothing = new_store(tmp_path / "nothing.sqlite")
    exported_folder(nothing, tmp_path / "empty")
    nothing.close()
    assert main(["import", str(tmp_path / "empty")]) == 1
    assert "already holds 3 bulletins" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing")]) == 1
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["export", "import", "datasets"])
def test_commands_have_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: eim {command}" in capsys.readouterr().out


def test_command_datasets_without_a_corpus_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["datasets", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 1
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.corpus
def test_the_whole_corpus_survives_export_and_import(tmp_path: Path) -> None:
    """Every corpus bulletin added (vintages included), exported, imported into a fresh
    store and exported again: identical files."""
    from corpus_paths import corpus_folder

    from loaders.bulletin.parse import read_source

    original = new_store(tmp_path / "corpus.sqlite")
    for path in sorted(corpus_folder("bulletins").glob("*.txt")):
        text, _ = read_source(path)
        original.add(parse_bulletin(path), text, source=path.name)
    names = exported_folder(original, tmp_path / "first")
    imported = new_store(tmp_path / "imported.sqlite")
    assert import_tables(imported, tmp_path / "first").status == "imported"
    assert exported_folder(imported, tmp_path / "second") == names
    _, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "first", tmp_path / "second", names, shallow=False
    )
    assert (mismatch, errors) == ([], []), f"differ after the round trip: {mismatch + errors}"

    def facts(store: Store) -> list[dict[str, object]]:
        return [{k: v for k, v in r.items() if k != "bulletin_id"} for r in store.facts()]

    assert facts(imported) == facts(original)
    original.close()
    imported.close()

"""``eim add``, ``eim list``, ``eim show``, ``eim check`` on a store (SQLite and PostgreSQL).

The commands run with ``EIM_DATABASE_URL`` set to the test's store, in this process
(``loaders.cli.main``: a child process would cost a second of imports a command), on both
databases; ``test_commands_close_their_connections`` checks that a command leaves no
connection open behind it in a process that goes on. One test runs the installed ``eim``
script, in a process of its own, on an ``EIM_DATABASE_PATH``.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from store_data import B2024_04, B2024_05

from loaders.cli import main
from loaders.store import Store

Eim = Callable[..., tuple[int, str]]


def _in_process(capsys: pytest.CaptureFixture[str]) -> Eim:
    def run(*args: str | Path) -> tuple[int, str]:
        capsys.readouterr()
        status = main([str(a) for a in args])
        return status, capsys.readouterr().out

    return run


@pytest.fixture
def eim(
    store_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Eim:
    """``eim(*args) -> (status, stdout)`` on the test's store, in this process."""
    monkeypatch.setenv("EIM_DATABASE_URL", store_url)
    monkeypatch.setenv("EIM_ADDED_BY", "cli-test")
    monkeypatch.setenv("EIM_SHIPPED_DATA", "false")  # only the test's bulletins
    monkeypatch.delenv("EIM_TEST_PAUSE_BEFORE_COMMIT", raising=False)
    return _in_process(capsys)


def _stored(url: str) -> list[dict[str, object]]:
    store = Store(url)
    try:
        return store.bulletins()
    finally:
        store.close()


def test_add_prints_a_line_per_file_and_a_summary(
    eim: Eim, store_url: str, bulletin_files: dict[str, Path]
) -> None:
    status, out = eim("add", bulletin_files["2024-04.txt"], bulletin_files["2024-05.txt"])

    assert status == 0, out
    lines = out.splitlines()
    assert "2024-04.txt: added — 2024-04, vintage 1, 6 facts" in lines
    assert "2024-05.txt: added — 2024-05, vintage 1, 12 facts" in lines
    assert lines[-1] == "summary: 2 added, 0 revised, 0 unchanged, 0 failed, 0 warned"
    stored = _stored(store_url)
    assert [(b["period"], b["source"], b["added_by"]) for b in stored] == [
        ("2024-04", "2024-04.txt", "cli-test"),
        ("2024-05", "2024-05.txt", "cli-test"),
    ]
    store = Store(store_url)
    try:
        assert store.text_of(str(stored[0]["sha256"])) == B2024_04
        assert store.text_of(str(stored[1]["sha256"])) == B2024_05
    finally:
        store.close()


def test_add_again_and_a_revision_report_what_they_did(
    eim: Eim, bulletin_files: dict[str, Path]
) -> None:
    eim("add", bulletin_files["2024-04.txt"], bulletin_files["2024-05.txt"])
    status, out = eim("add", bulletin_files["2024-05.txt"], bulletin_files["2024-05-revised.txt"])

    assert status == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("2024-05.txt: unchanged — this text is already stored (")
    assert lines[1] == "2024-05-revised.txt: added as a new vintage — 2024-05, vintage 2, 7 facts"
    assert lines[2].startswith(
        "    changed: 2024-05 output_mobile_phones (national all ytd level): 59100 -> 59300"
    )
    assert lines[-1] == "summary: 0 added, 1 revised, 1 unchanged, 0 failed, 0 warned"


def test_add_reports_a_change_that_contradicts_the_store(
    eim: Eim, bulletin_files: dict[str, Path]
) -> None:
    eim("add", bulletin_files["2024-04.txt"])
    status, out = eim("add", bulletin_files["2024-05-inconsistent.txt"])

    assert status == 0, out  # stored, with a warning
    [warning] = [line for line in out.splitlines() if line.startswith("    warning: ")]
    assert "2024-05 value_added" in warning and "11 (2024-05" in warning
    assert "10 (2024-04" in warning
    assert out.splitlines()[-1] == "summary: 1 added, 0 revised, 0 unchanged, 0 failed, 1 warned"


def test_a_missing_or_garbage_file_fails_alone(
    eim: Eim, store_url: str, bulletin_files: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    no_figures = tmp_path / "no-figures.txt"
    no_figures.write_text("这不是一份运行情况通报，只是一段没有任何数字的文字而已。\n", "utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\xff\x00\x81" * 40)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    status, out = eim(
        "add",
        bulletin_files["2024-04.txt"],
        missing,
        no_figures,
        binary,
        empty,
        bulletin_files["2024-05.txt"],
    )

    assert status == 2, out  # a missing file is an unusable argument; the others still go on
    lines = out.splitlines()
    failed = {line.split(": failed — ")[0]: line for line in lines if ": failed — " in line}
    assert set(failed) == {str(missing), str(no_figures), str(binary), str(empty)}, out
    assert "no such file" in failed[str(missing)]
    assert "holds no bulletin" in failed[str(no_figures)]
    assert "is not text but a binary file" in failed[str(binary)]
    assert "is empty" in failed[str(empty)]
    assert lines[-1] == "summary: 2 added, 0 revised, 0 unchanged, 4 failed, 0 warned"
    assert [b["period"] for b in _stored(store_url)] == ["2024-04", "2024-05"]


def test_add_dry_run_stores_nothing(
    eim: Eim, store_url: str, bulletin_files: dict[str, Path]
) -> None:
    status, out = eim("add", "--dry-run", *bulletin_files.values())

    assert status == 0, out
    assert "2024-04.txt: added — 2024-04, vintage 1, 6 facts (dry run: nothing stored)" in out
    assert out.splitlines()[-1].endswith("(dry run: nothing stored)")
    assert _stored(store_url) == []
    store = Store(store_url)
    try:
        assert (store.facts(), store.version()) == ([], 0)
    finally:
        store.close()


def test_add_keeps_a_source_url_and_list_shows_it(
    eim: Eim, store_url: str, bulletin_files: dict[str, Path]
) -> None:
    page = "https://www.miit.gov.cn/gxsj/tjfx/dzxx/art/2024/art_0005.html"
    status, out = eim("add", "--source-url", page, bulletin_files["2024-05.txt"])
    assert status == 0, out
    eim("add", bulletin_files["2024-04.txt"])

    assert [(b["period"], b["source_url"]) for b in _stored(store_url)] == [
        ("2024-05", page),
        ("2024-04", None),
    ]
    status, out = eim("list")
    first, second = out.splitlines()[1:]
    assert first.endswith(f"/ 2024-05.txt <{page}>")
    assert second.endswith("/ 2024-04.txt")


@pytest.mark.parametrize("bad", ["ftp://www.miit.gov.cn/a.html", "javascript:alert(1)", "miit"])
def test_add_refuses_a_source_url_that_is_not_http(
    eim: Eim,
    store_url: str,
    bulletin_files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    bad: str,
) -> None:
    with pytest.raises(SystemExit) as stopped:
        eim("add", "--source-url", bad, bulletin_files["2024-05.txt"])

    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "--source-url" in error
    assert "is not an http or https URL" in error
    assert _stored(store_url) == []


def test_list_shows_the_bulletins_with_their_vintages(
    eim: Eim, bulletin_files: dict[str, Path]
) -> None:
    status, out = eim("list")
    assert (status, out.strip()) == (0, "the store is empty: add bulletins with `eim add FILE...`")

    for name in ("2024-05.txt", "2024-04.txt", "2024-05-revised.txt"):
        eim("add", bulletin_files[name])
    status, out = eim("list")

    assert status == 0
    header, *rows = out.splitlines()
    assert header.split()[:2] == ["period", "vintage"]
    assert [row.split()[:2] for row in rows] == [
        ["2024-05", "1"],
        ["2024-04", "1"],
        ["2024-05", "2"],
    ]
    assert rows[2].endswith("2024年1-5月份电子信息制造业运行情况 / 2024-05-revised.txt")


def test_show_prints_a_periods_latest_facts(eim: Eim, bulletin_files: dict[str, Path]) -> None:
    for name in ("2024-04.txt", "2024-05.txt", "2024-05-revised.txt"):
        eim("add", bulletin_files[name])

    status, out = eim("show", "2024-05")

    assert status == 0, out
    head, *facts = out.splitlines()
    assert head == "2024-05: 12 facts (latest vintage of each)"
    assert len(facts) == 12
    [phones] = [line for line in facts if "output_mobile_phones" in line and " level " in line]
    assert "59300 万台" in phones
    [revenue] = [line for line in facts if " revenue " in line and " level " in line]
    assert "59000 亿元" in revenue
    assert any("change_pp" in line and "vs 2024-04" in line for line in facts)
    assert not any(line.startswith("warning") for line in facts)


def test_show_an_unknown_or_bad_period(
    eim: Eim, bulletin_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    eim("add", bulletin_files["2024-04.txt"])
    status = main(["show", "2024-07"])
    assert status == 1
    assert "eim show: no facts stored for 2024-07" in capsys.readouterr().err
    status, _ = eim("show", "2024-13")
    assert status == 2


def test_check_passes_on_a_consistent_store(eim: Eim, bulletin_files: dict[str, Path]) -> None:
    for name in ("2024-04.txt", "2024-05.txt", "2024-06.txt"):
        eim("add", bulletin_files[name])

    status, out = eim("check")

    assert status == 0, out
    assert out.splitlines() == [
        "checked 25 facts of 3 periods from 3 bulletins: 0 warning(s)",
        "2 printed changes agree with both printed figures they compare (within rounding): "
        "the figures recovered from changes rest on them",
    ]


def test_check_fails_on_an_inconsistent_store(eim: Eim, bulletin_files: dict[str, Path]) -> None:
    for name in ("2024-04.txt", "2024-05-inconsistent.txt"):
        eim("add", bulletin_files[name])

    status, out = eim("check")

    assert status == 1, out
    head, agreements, *warnings = out.splitlines()
    assert head == "checked 9 facts of 2 periods from 2 bulletins: 1 warning(s)"
    assert agreements.startswith("0 printed changes agree")
    [warning] = warnings
    assert warning.startswith("warning: 2024-05 value_added (national, ytd)")
    assert "11 (2024-05" in warning and "10 (2024-04" in warning


@pytest.mark.slow  # starts the installed eim in a process of its own
def test_the_installed_command_uses_the_sqlite_file_it_is_given(
    tmp_path: Path, bulletin_files: dict[str, Path]
) -> None:
    database = tmp_path / "db" / "eim.sqlite"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("EIM_DATABASE_URL", "EIM_TEST_PAUSE_BEFORE_COMMIT")
    }
    env.update(EIM_DATABASE_PATH=str(database), PYTHONIOENCODING="utf-8", EIM_SHIPPED_DATA="0")
    eim_script = Path(sys.executable).with_name("eim")
    done = subprocess.run(
        [str(eim_script), "add", str(bulletin_files["2024-04.txt"])],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "summary: 1 added" in done.stdout
    assert database.is_file()
    assert [b["period"] for b in _stored(f"sqlite:///{database}")] == ["2024-04"]


def test_commands_close_their_connections(
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bulletin_files: dict[str, Path],
) -> None:
    """``main()`` called in a process that goes on (a test, a notebook, a server) must not
    leave database connections open behind it: psycopg reports each as a ResourceWarning."""
    monkeypatch.setenv("EIM_DATABASE_URL", postgres_url)
    monkeypatch.setenv("EIM_SHIPPED_DATA", "false")
    commands = [
        ["add", str(bulletin_files["2024-04.txt"])],
        ["list"],
        ["show", "2024-04"],
        ["check"],
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        for command in commands:
            assert main(command) == 0, capsys.readouterr().out
            gc.collect()
    leaks = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaks == [], f"{len(leaks)} connection(s) left open, e.g. {leaks[0]}"

"""The store under concurrent ``eim add`` processes, on SQLite and on PostgreSQL.

Each writer is a real process (``python -m loaders.cli add FILE``) with
``EIM_DATABASE_URL`` set to the test's store. ``EIM_TEST_PAUSE_BEFORE_COMMIT`` holds a
writer inside its open transaction, just before the commit, so that two transactions
overlap where the database allows it (PostgreSQL), or queue (SQLite: ``BEGIN IMMEDIATE``
lets one writer in at a time; the other waits up to its 30 s busy timeout). Every wait
is bounded; a process left running by a failed test is killed at teardown.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_data import snapshot

from loaders.store import Store

pytestmark = pytest.mark.slow

PAUSED = "eim: paused before commit"
START_TIMEOUT = 60.0  # seconds for a process to reach its pause
FINISH_TIMEOUT = 120.0  # seconds for a process to finish (a SQLite writer may queue 30 s)


class Adder:
    """One ``eim add`` process; its output is read as it comes, with the moments it paused
    and closed its output (exited)."""

    def __init__(self, url: str, cwd: Path, *files: Path, pause: float | None = None) -> None:
        env = {
            **os.environ,
            "EIM_DATABASE_URL": url,
            "EIM_ADDED_BY": "concurrency-test",
            # a new store stays empty: these tests race adds, not the shipped data's fill
            "EIM_SHIPPED_DATA": "false",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("EIM_TEST_PAUSE_BEFORE_COMMIT", None)
        if pause is not None:
            env["EIM_TEST_PAUSE_BEFORE_COMMIT"] = str(pause)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "loaders.cli", "add", *map(str, files)],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self.paused = threading.Event()
        self.paused_at: float | None = None
        self.closed_at: float | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                self.lines.append(line)
                if PAUSED in line and not self.paused.is_set():
                    self.paused_at = time.monotonic()
                    self.paused.set()
        self.closed_at = time.monotonic()

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_paused(self, timeout: float = START_TIMEOUT) -> None:
        if not self.paused.wait(timeout):
            pytest.fail(f"no {PAUSED!r} within {timeout:g} s; output so far:\n{self.output}")

    def finish(self, timeout: float = FINISH_TIMEOUT) -> int:
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"eim add did not finish within {timeout:g} s; output:\n{self.output}")
        self._reader.join(10)
        return status

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(30)
        self._reader.join(10)


Start = Callable[..., Adder]


@pytest.fixture
def start(store: Store, tmp_path: Path) -> Iterator[Start]:
    """``start(*files, pause=None)``: an ``Adder`` on the test's (migrated) store."""
    started: list[Adder] = []

    def _start(*files: Path, pause: float | None = None) -> Adder:
        adder = Adder(store.url, tmp_path, *files, pause=pause)
        started.append(adder)
        return adder

    yield _start
    for adder in started:
        adder.kill()


def _is_postgresql(store: Store) -> bool:
    return store.engine.dialect.name == "postgresql"


def test_two_processes_adding_different_bulletins_at_once_both_land(
    store: Store, start: Start, bulletin_files: dict[str, Path]
) -> None:
    april = start(bulletin_files["2024-04.txt"], pause=2)
    june = start(bulletin_files["2024-06.txt"], pause=2)

    assert april.finish() == 0, april.output
    assert june.finish() == 0, june.output

    assert "summary: 1 added, 0 revised, 0 unchanged, 0 failed" in april.output
    assert "summary: 1 added, 0 revised, 0 unchanged, 0 failed" in june.output
    assert sorted(b["period"] for b in store.bulletins()) == ["2024-04", "2024-06"]
    assert len(store.facts()) == 6 + 7
    if _is_postgresql(store):
        # Both were inside their transactions at the same time: each paused before the
        # other finished.
        assert april.paused_at is not None and june.paused_at is not None
        assert april.closed_at is not None and june.closed_at is not None
        assert april.paused_at < june.closed_at and june.paused_at < april.closed_at


def test_the_same_bulletin_from_two_processes_at_once_lands_once(
    store: Store, start: Start, bulletin_files: dict[str, Path]
) -> None:
    first = start(bulletin_files["2024-05.txt"], pause=2)
    second = start(bulletin_files["2024-05.txt"], pause=2)

    assert first.finish() == 0, first.output
    assert second.finish() == 0, second.output

    summaries = sorted(
        line.strip() for a in (first, second) for line in a.lines if line.startswith("summary:")
    )
    assert summaries == [
        "summary: 0 added, 0 revised, 1 unchanged, 0 failed, 0 warned",
        "summary: 1 added, 0 revised, 0 unchanged, 0 failed, 0 warned",
    ], first.output + second.output
    assert "this text is already stored" in first.output + second.output
    [row] = store.bulletins()
    assert (row["period"], row["vintage"]) == ("2024-05", 1)
    assert len(store.facts()) == 12


def test_a_process_killed_in_the_middle_of_an_add_leaves_the_store_as_it_was(
    store: Store, start: Start, bulletin_files: dict[str, Path]
) -> None:
    for name in ("2024-04.txt", "2024-05.txt"):
        assert start(bulletin_files[name]).finish() == 0
    before = snapshot(store)

    doomed = start(bulletin_files["2024-05-revised.txt"], pause=30)
    doomed.wait_paused()
    doomed.kill()
    assert doomed.process.returncode == -signal.SIGKILL

    assert snapshot(store) == before
    fresh = Store(store.url)  # a new connection sees the same
    try:
        assert snapshot(fresh) == before
    finally:
        fresh.close()

    again = start(bulletin_files["2024-05-revised.txt"])
    assert again.finish() == 0, again.output
    assert "added as a new vintage — 2024-05, vintage 2, 7 facts" in again.output
    assert "changed: 2024-05 output_mobile_phones" in again.output
    assert [b["vintage"] for b in store.bulletins()] == [1, 1, 2]


def test_a_reader_sees_the_store_as_it_was_while_an_add_is_in_progress(
    store: Store, start: Start, bulletin_files: dict[str, Path]
) -> None:
    assert start(bulletin_files["2024-06.txt"]).finish() == 0
    before = snapshot(store)

    writer = start(bulletin_files["2024-04.txt"], pause=5)
    writer.wait_paused()
    began = time.monotonic()
    during = snapshot(store)
    waited = time.monotonic() - began
    still_paused = writer.process.poll() is None
    assert writer.finish() == 0, writer.output

    assert during == before, "the reader saw the add before it was committed"
    assert still_paused and waited < 3, (
        f"the reader waited {waited:.1f} s for the writer's transaction to end"
    )
    assert len(store.bulletins()) == 2


def test_version_changes_whenever_the_facts_do_while_adds_overlap(
    store: Store, start: Start, bulletin_files: dict[str, Path]
) -> None:
    """Writers are serialised (BEGIN IMMEDIATE, or an EXCLUSIVE lock on PostgreSQL), so an
    add started during another commits after it and ids grow in commit order: a cache keyed
    on ``version()`` never keeps old facts."""
    slow = start(bulletin_files["2024-04.txt"], pause=4)
    slow.wait_paused()
    quick = start(bulletin_files["2024-06.txt"])
    version_between, facts_between = store.version(), store.facts()
    assert quick.finish() == 0, quick.output
    assert slow.finish() == 0, slow.output
    version_after, facts_after = store.version(), store.facts()

    assert len(facts_after) == 6 + 7
    if facts_after != facts_between:
        assert version_after != version_between, (
            f"the facts changed ({len(facts_between)} -> {len(facts_after)}) but version() "
            f"stayed {version_after}: a cache keyed on it keeps the old facts"
        )


def test_two_texts_for_one_period_at_once_one_is_reported_as_the_revision(
    store: Store, start: Start, bulletin_files: dict[str, Path]
) -> None:
    first = start(bulletin_files["2024-05.txt"], pause=2)
    second = start(bulletin_files["2024-05-revised.txt"], pause=2)
    assert first.finish() == 0, first.output
    assert second.finish() == 0, second.output

    assert [b["vintage"] for b in store.bulletins()] == [1, 2]
    output = first.output + second.output
    assert output.count("vintage 1,") == 1 and output.count("vintage 2,") == 1, output
    assert "changed: 2024-05 output_mobile_phones" in output, output

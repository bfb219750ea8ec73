"""The command line's edges, tried as a new user would (issue 16): the installed ``eim`` in a
process of its own, on SQLite stores of the test's own.

A directory given as a file, a file that is not a bulletin in every format, a 50 MB file
(refused at once by size), text without figures (never stored), a parse that runs too long
(bounded), ``--out`` that is a file, Ctrl-D and Ctrl-C at the ``password-hash`` prompt (a
real terminal), big numbers in full, ``--version``, and a new store filled from ``datasets/``
by the first command that reads it. Every refusal is one line on standard error, never a
traceback, with the exit statuses of ``loaders.cli.exits``.

The bulletin and the noise here are written for these tests; the figures are invented.
"""

from __future__ import annotations

import os
import pty
import random
import select
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path

import pytest

from loaders.cli import exits, main
from loaders.store import Store

pytestmark = pytest.mark.slow  # starts eim in other processes

EIM = Path(sys.executable).with_name("eim")
#: A bulletin with a level past a million (集成电路 1703亿块 = 17030000 万块).
BIG = """2023年1—5月份电子信息制造业运行情况

一、生产情况

1—5月份，规模以上电子信息制造业增加值同比增长3.4%。主要产品中，集成电路产量1703亿块，同比增长5.1%。
"""

Run = Callable[..., subprocess.CompletedProcess[str]]


def noise(characters: int, seed: int = 7) -> str:
    """Text of bulletin words and digits in no order: it names figures but states none."""
    pieces = "电子信息制造业运行情况同比增长下降百分点亿元万台0123456789，。、%月份"
    chooser = random.Random(seed)
    return "".join(chooser.choice(pieces) for _ in range(characters))


@pytest.fixture
def eim(tmp_path: Path) -> Run:
    """``eim(*args, env=…)``: the installed command on ``tmp_path/eim.sqlite``, which stays
    empty unless ``env`` says otherwise (``EIM_SHIPPED_DATA``)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("EIM_")}
    base.update(
        EIM_DATABASE_PATH=str(tmp_path / "eim.sqlite"),
        EIM_SHIPPED_DATA="false",
        PYTHONIOENCODING="utf-8",
    )

    def run(
        *args: str | Path, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(EIM), *map(str, args)],
            env={**base, **(env or {})},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    return run


def stored(tmp_path: Path) -> list[dict[str, object]]:
    store = Store(f"sqlite:///{tmp_path / 'eim.sqlite'}")
    try:
        return store.bulletins()
    finally:
        store.close()


def one_line(stderr: str) -> str:
    """The one line of ``stderr``; fails on a traceback or on several lines."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_directory_is_reported_as_a_directory(eim: Run, tmp_path: Path) -> None:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    parsed = eim("parse", folder)
    assert parsed.returncode == exits.USAGE
    assert "is a directory, not a file" in one_line(parsed.stderr)
    assert "no such file" not in parsed.stdout + parsed.stderr

    added = eim("add", folder)
    assert added.returncode == exits.USAGE, added.stdout
    assert f"{folder}: failed — {folder}: is a directory" in added.stdout


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_file_that_is_not_a_bulletin_says_so_on_stderr(
    eim: Run, tmp_path: Path, fmt: str
) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("各位同事：下周一上午九点在三楼会议室开会，请准时参加。\n" * 3, "utf-8")
    done = eim("parse", "--format", fmt, letter)
    assert done.returncode == exits.FAILED
    assert one_line(done.stderr).startswith(f"eim parse: {letter}")
    if fmt == "csv":
        assert done.stdout.count("\n") == 1  # the header alone


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_text_without_figures_is_refused_even_with_a_period(
    eim: Run, tmp_path: Path, fmt: str
) -> None:
    text = tmp_path / "noise.txt"
    text.write_text(noise(3000), "utf-8")
    done = eim("parse", "--format", fmt, "--period", "2023-05", text)
    assert done.returncode == exits.FAILED, done.stdout
    assert "no figure of electronic-information manufacturing was found" in one_line(done.stderr)


def test_text_without_figures_is_never_stored(eim: Run, tmp_path: Path) -> None:
    text = tmp_path / "noise.txt"
    text.write_text(noise(3000), "utf-8")
    done = eim("add", "--period", "2023-05", text)
    assert done.returncode == exits.FAILED, done.stdout
    assert "no figure of electronic-information manufacturing was found" in done.stdout
    assert "Traceback" not in done.stderr
    assert stored(tmp_path) == []


def test_a_50_mb_file_is_refused_at_once_by_its_size(eim: Run, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    for args in (("parse",), ("parse", "--period", "2023-05"), ("add", "--period", "2023-05")):
        started = time.monotonic()
        done = eim(*args, huge)
        assert time.monotonic() - started < 5, args
        assert done.returncode == exits.FAILED, (args, done.stdout)
        assert "52,428,800 bytes" in done.stdout + done.stderr
        assert "1,048,576 bytes (1 MB)" in done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    assert stored(tmp_path) == []


def test_the_web_refuses_files_of_the_same_size() -> None:
    from dashboard import adding
    from loaders.bulletin.limits import MAX_BULLETIN_BYTES

    assert adding.MAX_UPLOAD_BYTES == MAX_BULLETIN_BYTES == 1024 * 1024


def test_a_parse_that_runs_too_long_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process, with the bound lowered: 200,000 characters of noise take seconds."""
    text = tmp_path / "slow.txt"
    text.write_text(noise(200_000), "utf-8")
    monkeypatch.setattr("loaders.cli.parse.PARSE_SECONDS", 0.2)
    started = time.monotonic()
    status = main(["parse", "--format", "csv", "--period", "2023-05", str(text)])
    assert time.monotonic() - started < 3
    assert status == exits.FAILED
    assert "gave up after 0.2 s" in capsys.readouterr().err


def test_export_into_an_existing_file_is_an_unusable_argument(eim: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me\n", "utf-8")
    done = eim("export", "--out", target)
    assert done.returncode == exits.USAGE
    assert f"--out {target} is a file" in one_line(done.stderr)
    assert target.read_text("utf-8") == "keep me\n"


def _at_the_prompt(keys: bytes) -> tuple[int, str]:
    """``eim password-hash`` on a real terminal: ``keys`` typed at its first prompt; the exit
    status and everything the terminal showed."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: eim on the terminal
        os.execv(str(EIM), [str(EIM), "password-hash"])
    shown = b""
    deadline = time.monotonic() + 60
    typed = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the child ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        if not typed and b"password:" in shown:
            os.write(terminal, keys)
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("keys", "status", "message"),
    [
        (b"\x04", exits.FAILED, "the input ended before an answer was given"),
        (b"\x03", exits.INTERRUPTED, "interrupted"),
    ],
    ids=["ctrl-d", "ctrl-c"],
)
def test_ctrl_d_and_ctrl_c_at_the_password_prompt_end_with_one_line(
    keys: bytes, status: int, message: str
) -> None:
    code, shown = _at_the_prompt(keys)
    assert code == status, shown
    assert f"eim password-hash: {message}" in shown
    assert "Traceback" not in shown


def test_big_numbers_are_printed_in_full(eim: Run, tmp_path: Path) -> None:
    bulletin = tmp_path / "2023-05.txt"
    bulletin.write_text(BIG, "utf-8")
    table = eim("parse", "--format", "table", bulletin)
    assert table.returncode == exits.OK, table.stderr
    assert "17030000 万块" in table.stdout
    assert "e+" not in table.stdout

    assert eim("add", bulletin).returncode == exits.OK
    shown = eim("show", "2023-05")
    assert "17030000 万块" in shown.stdout
    assert "e+" not in shown.stdout


def test_version_comes_from_the_package_metadata(eim: Run) -> None:
    done = eim("--version")
    assert done.returncode == exits.OK
    assert done.stdout.strip() == f"eim {metadata.version('eim-monitor')}"


def test_a_new_store_is_filled_from_datasets_by_the_first_command(eim: Run, tmp_path: Path) -> None:
    """As the dashboard fills it: a user who adds first still sees the shipped data."""
    shipped = {"EIM_SHIPPED_DATA": "true"}
    bulletin = tmp_path / "2023-05.txt"
    bulletin.write_text(BIG, "utf-8")

    added = eim("add", bulletin, env=shipped)

    assert added.returncode == exits.OK, added.stdout + added.stderr
    assert "filled it with the shipped data" in one_line(added.stderr)
    rows = stored(tmp_path)
    assert len(rows) > 10
    assert rows[-1]["source"] == "2023-05.txt"
    listed = eim("list", env=shipped)
    assert listed.stderr == ""  # filled once only
    assert len(listed.stdout.splitlines()) == len(rows) + 1  # a header, then one per bulletin

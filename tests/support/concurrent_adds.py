"""Rounds of ``eim add`` processes started at the same instant, each round on a new store.

    python tests/support/concurrent_adds.py --processes 8 --file BULLETIN URL [URL ...]

One round per URL (each a store nobody has opened yet): ``--processes`` children are forked
from this process, which has imported the command line (and the store, the parser) but
opened no database, so a child starts in milliseconds instead of the second an interpreter
takes; they wait on one pipe and are released together, and each runs the real command,
``loaders.cli.main(["add", BULLETIN])``, with ``EIM_DATABASE_URL`` set to the round's URL and
its output (stdout and stderr) in a file. An exception escaping ``main`` is printed as the
console script would print it (a traceback) and gives status 1.

Prints one JSON array on stdout: one array per round, one object per process
(``{"status": int, "output": str}``); a process still running after ``--timeout`` seconds is
killed and reported with status -9.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path


def _child(url: str, bulletin: str, release: int, output: Path) -> None:
    """In the forked child: wait for the release, run ``eim add``, exit with its status."""
    status = 1
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        os.read(release, 1)
        os.environ["EIM_DATABASE_URL"] = url
        from loaders.cli import main

        status = main(["add", bulletin])
    except SystemExit as error:
        status = error.code if isinstance(error.code, int) else 1
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _round(url: str, bulletin: str, processes: int, folder: Path, timeout: float) -> list[dict]:
    read_end, write_end = os.pipe()
    children: dict[int, Path] = {}
    for number in range(processes):
        output = folder / f"process-{number}.txt"
        pid = os.fork()
        if pid == 0:
            os.close(write_end)
            _child(url, bulletin, read_end, output)
        children[pid] = output
    os.close(read_end)
    os.write(write_end, b"x" * processes)  # release them all at once
    os.close(write_end)
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + timeout
    while len(statuses) < len(children):
        for pid in children:
            if pid in statuses:
                continue
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                statuses[pid] = os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            for pid in children:
                if pid not in statuses:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    statuses[pid] = -9
        time.sleep(0.01)
    return [
        {"status": statuses[pid], "output": output.read_text("utf-8", "replace")}
        for pid, output in children.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--file", required=True, help="the bulletin every process adds")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per round")
    parser.add_argument("urls", nargs="+", metavar="URL")
    args = parser.parse_args()
    # Imported (and the bulletin parsed once, which loads the script converter) before
    # forking, so that no child pays for it; no database is opened here.
    import loaders.api  # (and pandas: a new store may be filled from datasets/)
    import loaders.cli
    import loaders.store  # noqa: F401
    from loaders.bulletin.parse import parse_bulletin

    parse_bulletin(Path(args.file))

    rounds = []
    with tempfile.TemporaryDirectory() as folder:
        for url in args.urls:
            rounds.append(_round(url, args.file, args.processes, Path(folder), args.timeout))
    json.dump(rounds, sys.stdout)


if __name__ == "__main__":
    main()

"""Parse benchmark: how fast the loader reads the corpus (a benchmark, not a test).

Two numbers, each with a target:

- the time of one ``loaders.parse_bulletin`` call per bulletin, median (target ≤ 5 ms) and
  p95 over every file × repeat, after a warm-up pass. Files are read into memory first, so
  the time is parsing (decoding included), not disk I/O;
- the wall time of one ``eim parse <all files> --format json`` run in a subprocess
  (target < 2 s), start-up and imports included.

Input: every ``bulletins/*.txt`` and ``robustness/*.txt`` of the corpus. A file the loader
refuses (``loaders.BulletinError``) is counted and timed like any other; any other exception
is a loader bug and stops the benchmark.

Output: a small table, then two lines for machines, ``parse_ms_median=X`` and
``eim_parse_wall_s=X``. Exit status 0 even when a target is missed; 2 when the corpus or the
``eim`` command is missing or ``eim`` fails for another reason than a refused file.

    python benchmarks/bench_parse.py [--corpus DIR] [--repeat N] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ``$EIM_SHARED_DIR/corpus`` (as ``loaders.settings`` reads it), else ``../shared/corpus``
#: beside the repository: the real bulletins, read in place.
DEFAULT_CORPUS = Path(os.environ.get("EIM_SHARED_DIR") or ROOT.parent / "shared") / "corpus"
FOLDERS = ("bulletins", "robustness")
TARGET_PARSE_MS = 5.0  # median per bulletin, at most
TARGET_WALL_S = 2.0  # one `eim parse` over the whole corpus, under


@dataclass(frozen=True)
class ParseTimes:
    """Per-call parse times in ms over files × repeats, and how many files were refused."""

    times_ms: list[float]
    refused: int

    @property
    def median(self) -> float:
        """The median time of one call, in ms."""
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        """The 95th percentile (nearest rank) of one call, in ms."""
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder with bulletins/ and robustness/ (default: ../shared/corpus)",
    )
    parser.add_argument(
        "--repeat", type=int, default=20, help="timed passes over the corpus (default: 20)"
    )
    parser.add_argument("--quick", action="store_true", help="2 timed passes (overrides --repeat)")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 2
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def corpus_files(corpus: Path) -> list[Path]:
    """The corpus files to parse, bulletins first, each folder sorted by name."""
    return [path for folder in FOLDERS for path in sorted((corpus / folder).glob("*.txt"))]


def loader_missing() -> str | None:
    """Why ``loaders.parse_bulletin`` cannot be used, or None when it can."""
    try:
        from loaders import BulletinError, parse_bulletin  # noqa: F401
    except ImportError as error:
        return str(error)
    return None


def time_parses(texts: list[tuple[str, bytes]], repeat: int) -> ParseTimes:
    """Parse every (file name, bytes) once to warm up, then ``repeat`` times more, timing
    each call. The name is passed on, as ``eim parse`` does, for texts that name no year."""
    from loaders import BulletinError, parse_bulletin

    refused = 0
    for name, text in texts:  # warm-up: imports, caches, compiled patterns
        try:
            parse_bulletin(text, name=name)
        except BulletinError:
            refused += 1
    times_ms: list[float] = []
    for _ in range(repeat):
        for name, text in texts:
            start = time.perf_counter()
            with contextlib.suppress(BulletinError):
                parse_bulletin(text, name=name)
            times_ms.append((time.perf_counter() - start) * 1000.0)
    return ParseTimes(times_ms, refused)


def time_cli(files: list[Path]) -> float:
    """Wall time in s of one ``eim parse FILES --format json`` (stdout discarded).

    Exit status 1 (some file is not a bulletin) is expected from the robustness copies;
    anything else ends the benchmark.
    """
    eim = Path(sys.executable).parent / "eim"
    if not eim.exists():
        sys.exit(f"error: {eim} not found; install the project first (scripts/bench.sh does)")
    command = [str(eim), "parse", *map(str, files), "--format", "json"]
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr[-2000:])
        print(f"error: eim parse exited with status {proc.returncode}", file=sys.stderr)
        sys.exit(2)
    return wall


def verdict(ok: bool) -> str:
    """PASS or MISS."""
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and the two result lines."""
    args = parse_args(argv)
    files = corpus_files(args.corpus)
    if not files:
        print(f"error: no bulletins/*.txt or robustness/*.txt under {args.corpus}", file=sys.stderr)
        return 2
    missing = loader_missing()
    if missing:
        print(f"error: the loader API is not available: {missing}", file=sys.stderr)
        return 2
    texts = [(path.name, path.read_bytes()) for path in files]
    parses = time_parses(texts, args.repeat)
    wall = time_cli(files)

    counts = ", ".join(
        f"{sum(path.parent.name == folder for path in files)} {folder}" for folder in FOLDERS
    )
    print(f"corpus: {args.corpus} ({len(files)} files: {counts}; {parses.refused} refused)")
    print(f"repeats: {args.repeat} after one warm-up pass; {len(parses.times_ms)} timed calls")
    print()
    print(f"{'measure':<26}{'value':>12}  {'target':<16}result")
    print(
        f"{'parse time median':<26}{parses.median:>9.3f} ms  {'target ≤ 5 ms':<16}"
        f"{verdict(parses.median <= TARGET_PARSE_MS)}"
    )
    print(f"{'parse time p95':<26}{parses.p95:>9.3f} ms  {'-':<16}-")
    print(
        f"{'eim parse wall (all)':<26}{wall:>10.3f} s  {'target < 2 s':<16}"
        f"{verdict(wall < TARGET_WALL_S)}"
    )
    print()
    print(f"parse_ms_median={parses.median:.3f}")
    print(f"eim_parse_wall_s={wall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

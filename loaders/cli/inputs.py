"""What the commands check of a FILE argument before reading it, and the time they give it.

    file_problem(Path("x"))   None for a regular file; else why it cannot be read, as
                              ``x: no such file`` or ``x: is a directory, not a file``
                              (the caller exits with ``exits.USAGE``)
    with time_limit(30.0, "x.txt"): ...
                              the block, or ``BulletinError`` once it has run 30 s (read as
                              a refused input, ``exits.FAILED``); a timer signal, so only in
                              the main thread on a system with SIGALRM (elsewhere unbounded)

The size limit is the loader's own (``loaders.bulletin.limits``), the same as on the web.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from loaders.bulletin.parse import BulletinError


def file_problem(path: Path) -> str | None:
    """Why ``path`` is not a file a command can read, or None."""
    if path.is_dir():
        return f"{path}: is a directory, not a file (give the files in it, e.g. {path}/*.txt)"
    if not path.exists():
        return f"{path}: no such file"
    if not path.is_file():
        return f"{path}: is not a regular file"
    return None


@contextmanager
def time_limit(seconds: float, name: str) -> Iterator[None]:
    """Run the block for at most ``seconds`` (see the module)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def give_up(signum: int, frame: FrameType | None) -> None:
        raise BulletinError(
            f"{name}: gave up after {seconds:g} s of reading without finishing; a bulletin "
            "takes well under a second"
        )

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""The servers the dashboard benchmark measures: each the same gunicorn command line
(``loaders.cli.serve.gunicorn_argv``, 2 workers unless told otherwise) serving either the
real app or the floor app.

    with served("real", store=path, env={...}) as server:
        server.url            http://127.0.0.1:PORT
        server.worker_rss()   resident memory of each worker, in bytes

Worker processes are found in /proc: the gunicorn master is the process whose command line
binds the server's port, its workers are its children.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dashboard.tools.running import running_app

#: The WSGI apps: the real dashboard and the floor (``benchmarks/floor_app.py``).
APPS = {"real": "dashboard.app:server", "floor": "benchmarks.floor_app:server"}
WORKERS = 2


@dataclass(frozen=True)
class Server:
    """A running server: its name, base URL and port."""

    name: str
    url: str

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def worker_pids(self) -> list[int]:
        """The pids of the gunicorn workers serving this port."""
        binding = f"127.0.0.1:{self.port}".encode()
        parents: dict[int, int] = {}
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                command = (proc / "cmdline").read_bytes()
                status = (proc / "status").read_text()
            except OSError:
                continue
            if b"gunicorn" not in command or binding not in command:
                continue
            pid = int(proc.name)
            parent = int(
                next(line for line in status.splitlines() if line.startswith("PPid:")).split()[1]
            )
            parents[pid] = parent
        masters = {pid for pid, parent in parents.items() if parent not in parents}
        return sorted(pid for pid, parent in parents.items() if parent in masters)

    def worker_rss(self) -> list[int]:
        """Resident set size of each worker, in bytes (VmRSS)."""
        sizes: list[int] = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kilobytes = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes.append(int(kilobytes.split()[1]) * 1024)
        return sizes


@contextmanager
def served(
    name: str,
    app: str,
    store: Path,
    log_dir: Path,
    workers: int = WORKERS,
    env: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """``app`` ("real" or "floor") under gunicorn with ``workers`` workers on the SQLite
    ``store`` (the floor ignores it); stopped afterwards."""
    with running_app(
        store, workers=workers, env=env, app=APPS[app], log=log_dir / f"{name}.log"
    ) as url:
        yield Server(name, url)

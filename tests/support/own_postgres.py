"""A PostgreSQL cluster of one test's own, to stop and start under a running server.

``OwnPostgres.start()`` runs ``eim_postgres_start`` of ``scripts/postgres.sh`` in a shell (a
fresh cluster in /tmp owned by ``postgres``, on a free port, with the database eim_test) and
keeps its folder, port and URL; ``stop()`` and ``restart()`` run ``pg_ctl`` on it as the
postgres user (PostgreSQL refuses root); ``remove()`` stops it and deletes the folder. The
shared cluster of ``scripts/test.sh`` is never touched. Needs root and PostgreSQL 15
(``available()`` says why not).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "scripts" / "postgres.sh"
BIN = Path(os.environ.get("EIM_PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> str | None:
    """None when a cluster can be started here, else why not."""
    if os.geteuid() != 0:
        return "starting a PostgreSQL of the test's own needs root (runuser -u postgres)"
    if not (BIN / "pg_ctl").exists():
        return f"PostgreSQL 15 is not installed ({BIN / 'pg_ctl'} is missing)"
    return None


@dataclass
class OwnPostgres:
    folder: Path
    port: int
    url: str

    @classmethod
    def start(cls) -> OwnPostgres:
        shell = (
            f"source {SCRIPT} && eim_postgres_start >&2 && "
            'printf "%s\\n%s\\n" "$EIM_PG_DIR" "$EIM_TEST_POSTGRES_URL"'
        )
        done = subprocess.run(
            ["bash", "-c", shell], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"eim_postgres_start failed:\n{done.stderr}")
        folder, url = done.stdout.split()
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        return cls(Path(folder), port, url)

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(BIN / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                *args,
            ],
            cwd=self.folder,
            capture_output=True,
            timeout=90,
            check=True,
        )

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "-t", "60", "-w", "stop")

    def restart(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "postgres.log")
        self._pg_ctl("-l", log, "-t", "60", "-w", "-o", options, "start")

    def remove(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                self._pg_ctl("-m", "immediate", "-t", "30", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

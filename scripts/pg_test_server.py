#!/usr/bin/env python3
"""Start a throw-away PostgreSQL server on loopback for the shared-archive tests.

Usage: ``python scripts/pg_test_server.py start DIR`` prints a SQLAlchemy URL; ``stop DIR`` stops it.
Runs ``initdb``/``pg_ctl`` from the Debian ``postgresql`` package; as root it runs them as the ``postgres`` user
(initdb refuses root). Used by ``.ci/run``, ``make test`` and, when no server is given, by ``tests/conftest.py``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return cands[-1] if cands else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def start(directory: Path) -> str:
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install -y postgresql")
    directory.mkdir(parents=True, exist_ok=True)
    data = directory / "data"
    url_file = directory / "url"
    if url_file.exists() and (data / "postmaster.pid").exists():
        return url_file.read_text().strip()
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    if not data.exists():
        subprocess.run(_as_pg([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                               "--locale=C.UTF-8"]), check=True, capture_output=True)
    port = _free_port()
    opts = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
    subprocess.run(_as_pg([pg_ctl, "-D", str(data), "-o", opts, "-l", str(directory / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    url_file.write_text(url)
    return url


def stop(directory: Path) -> None:
    pg_ctl = _bin("pg_ctl")
    if pg_ctl and (directory / "data" / "postmaster.pid").exists():
        subprocess.run(_as_pg([pg_ctl, "-D", str(directory / "data"), "-m", "immediate", "stop"]), capture_output=True)


if __name__ == "__main__":
    action, where = sys.argv[1], Path(sys.argv[2]).resolve()
    if action == "start":
        print(start(where))
    else:
        stop(where)

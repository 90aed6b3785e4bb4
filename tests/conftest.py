"""Shared fixtures. Qt runs offscreen; every test gets its own REVIEWER_HOME; archives are real SQLite files and,
for the shared-archive path, real PostgreSQL databases (one fresh database per test)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("REVIEWER_DATABASE_URL", None)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(autouse=True)
def reviewer_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("REVIEWER_HOME", str(home))
    monkeypatch.delenv("REVIEWER_DATABASE_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def pg_server_url(tmp_path_factory) -> str:
    """URL of a running PostgreSQL server: $REVIEWER_TEST_PG_URL, or one started here on loopback."""
    url = os.environ.get("REVIEWER_TEST_PG_URL")
    if url:
        return url
    import pg_test_server

    import tempfile

    # Not under pytest's tmp dir: the server runs as the postgres user, who cannot enter root's 0700 dirs.
    where = Path(os.environ.get("REVIEWER_TEST_PG_DIR") or tempfile.mkdtemp(prefix="reviewer-pg-"))
    try:
        url = pg_test_server.start(where)
    except Exception as exc:  # noqa: BLE001
        msg = f"PostgreSQL test server could not start ({exc}); shared-archive tests SKIPPED"
        print("\n" + "!" * 20 + " " + msg, file=sys.stderr)
        pytest.skip(msg)
    if not os.environ.get("REVIEWER_TEST_PG_DIR"):
        import atexit

        atexit.register(pg_test_server.stop, where)
    return url


@pytest.fixture
def pg_url(pg_server_url) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    from sqlalchemy import create_engine, text

    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = pg_server_url.rpartition("/")
    yield f"{base}/{name}"
    with admin.connect() as c:
        c.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'archive.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """Run a test against both backends."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def archive(sqlite_url):
    from reviewer.archive.db import Archive

    a = Archive(sqlite_url)
    yield a
    a.dispose()


@pytest.fixture
def any_archive(db_url):
    from reviewer.archive.db import Archive

    a = Archive(db_url)
    yield a
    a.dispose()


@pytest.fixture
def demo_dir() -> Path:
    return ROOT / "resources" / "demo"


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ANN001
    """Tests marked ``dist`` check the PyInstaller bundle: they run only when asked for (``make dist``: -m dist)."""
    if "dist" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="bundle test: run by `make dist` (pytest -m dist)")
    for item in items:
        if "dist" in item.keywords:
            item.add_marker(skip)

"""Opening the archive: engine set-up, migrations to head, and sessions for reading and for writing.

SQLite: WAL journal, foreign keys on, a busy timeout, and write transactions that start with ``BEGIN IMMEDIATE``
so two writers queue instead of failing half-way. A write that still finds the database locked is retried a
bounded number of times and then reported as a clear message — never as "database is locked".
The archive file is created owner-only (0600).
"""

from __future__ import annotations

import json
import os
import re
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import quote
from typing import Callable, Iterator, TypeVar

import orjson
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reviewer.errors import UserError
from reviewer.paths import default_database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
T = TypeVar("T")

WRITE_RETRIES = 5
BUSY_TIMEOUT_MS = 5000


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


@cache
def migration_head() -> str | None:
    """The head revision of the shipped migrations, read from the scripts' ``revision`` / ``down_revision`` lines
    without importing Alembic (≈0.3 s of every start): the one revision no other script names as its down
    revision. ``None`` when that is not clear-cut (then Alembic itself decides); tests/test_archive_open_fast.py
    checks it against Alembic's ``ScriptDirectory``."""
    revs: set[str] = set()
    downs: set[str] = set()
    scripts = sorted((MIGRATIONS / "versions").glob("*.py"))
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        r, d = _REVISION.search(text), _DOWN.search(text)
        if r is None or d is None:
            return None
        revs.add(r.group(1))
        downs.update(re.findall(r"['\"]([^'\"]+)['\"]", d.group(1)))
    heads = revs - downs
    return next(iter(heads)) if scripts and len(heads) == 1 else None


def _sqlite_setup(engine: Engine, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if engine.url.database and engine.url.database != ":memory:" and not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        immediate = conn.get_execution_options().get("reviewer_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _is_race(exc: BaseException) -> bool:
    """A unique violation (SQLSTATE 23505), or a serialisation failure / deadlock, caused by a concurrent writer."""
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or getattr(getattr(exc, "orig", None), "pgcode", None)
    return code in ("23505", "40001", "40P01")


def _json_dumps(obj: object) -> str:
    """JSON columns as UTF-8 text: Chinese stays readable and takes half the size of \\u escapes. Written by orjson
    (≈5× faster for a submission's data; the same value, except a NaN, written ``null`` instead of the non-JSON
    ``NaN``); what the standard library would refuse (a date, a Decimal) is refused the same way."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
                            | orjson.OPT_PASSTHROUGH_DATACLASS).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "could not serialize" in text


def read_only_file(path: Path) -> bool:
    """An existing SQLite archive whose file or folder cannot be written (read-only mount, CD/backup copy,
    permissions). ``os.access`` reports EROFS even to root; ST_RDONLY covers mounts it does not."""
    if not path.exists():
        return False
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        pass
    return not (os.access(path.parent, os.W_OK) and os.access(path, os.W_OK))


def _read_only_error(where: str) -> UserError:
    return UserError(f"档案库为只读（{where}）：可以查看，不能写入。请在可写的位置打开档案库，或请管理员开放写权限。",
                     f"The archive is read-only ({where}): it can be viewed but not changed. Open it from a "
                     "writable location or ask for write permission.")


class Archive:
    """A migrated archive: ``with archive.write() as s:`` for a unit of work, ``archive.read()`` for queries.

    A SQLite archive in a folder that cannot be written opens read-only (``mode=ro&immutable=1``: no WAL/-shm
    files are needed, nothing is created next to it); every write is refused with "档案库为只读"."""

    def __init__(self, url: str | None = None, *, migrate: bool = True):
        self.url = url or default_database_url()
        u = make_url(self.url)
        self.is_sqlite = u.get_backend_name() == "sqlite"
        self.read_only = False
        engine_url = self.url
        if self.is_sqlite and u.database and u.database != ":memory:" and not u.database.startswith("file:"):
            path = Path(u.database)
            if read_only_file(path):
                self.read_only = True
                self._ro_path = str(path)
                engine_url = f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro&immutable=1&uri=true"
            else:
                self._prepare_file(path)
        self.engine = create_engine(engine_url, future=True, pool_pre_ping=not self.is_sqlite,
                                    json_serializer=_json_dumps)
        if self.is_sqlite:
            _sqlite_setup(self.engine, self.read_only)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(reviewer_write=True), expire_on_commit=False)
        if migrate and self.read_only:
            self._check_head()
        elif migrate and not self._at_head():
            self.upgrade()

    def _at_head(self) -> bool:
        """Whether the archive's schema is already the shipped head (one ``SELECT``): then opening it needs no
        Alembic run. Anything unexpected (no version table yet, a server error) → ``False``: :meth:`upgrade` runs
        and reports."""
        head = migration_head()
        if head is None:
            return False
        try:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except DBAPIError:
            return False
        return [r[0] for r in rows] == [head]

    def _check_head(self) -> None:
        """A read-only archive cannot be migrated: it must already be at the code's schema."""
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self.alembic_config()).get_current_head()
        try:
            current = self.current_revision()
        except OperationalError as exc:
            raise _storage_error(exc, self.url) from None
        if current != head:
            raise UserError(f"档案库为只读（{self._ro_path}），其结构版本 {current or '（空）'} 早于本程序所需的 {head}，"
                            "无法在只读状态下升级。请在可写的位置打开一次以完成升级。",
                            f"The archive is read-only ({self._ro_path}) and at schema {current!r}, older than {head!r}; "
                            "it cannot be upgraded while read-only. Open it once from a writable location.")

    @staticmethod
    def _prepare_file(path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        except PermissionError:
            raise UserError(f"没有权限在 {path.parent} 创建档案库文件，请检查目录权限或设置 REVIEWER_HOME。",
                            f"No permission to create the archive in {path.parent}; check permissions or set REVIEWER_HOME.") from None
        except OSError as exc:
            raise UserError(f"无法创建档案库文件 {path}：{exc.strerror}", f"Cannot create archive {path}: {exc.strerror}") from None

    # -- migrations -----------------------------------------------------------------------------------------
    def alembic_config(self):
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        cfg.attributes["engine"] = self.engine
        return cfg

    def upgrade(self, revision: str = "head") -> None:
        from alembic import command

        if self.read_only:
            raise _read_only_error(self._ro_path)
        try:
            command.upgrade(self.alembic_config(), revision)
        except OperationalError as exc:
            raise _storage_error(exc, self.url) from None

    def downgrade(self, revision: str = "base") -> None:
        from alembic import command

        command.downgrade(self.alembic_config(), revision)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    # -- sessions -------------------------------------------------------------------------------------------
    def read(self) -> Session:
        return self._read()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One all-or-nothing unit of work; commits on success, rolls back on any exception."""
        if self.read_only:
            raise _read_only_error(self._ro_path)
        session = self._write()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def run_write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in a write transaction, retrying a bounded number of times while the archive is busy."""
        delay = 0.05
        for attempt in range(WRITE_RETRIES):
            try:
                with self.write() as s:
                    return fn(s)
            except OperationalError as exc:
                if (_is_locked(exc) or _is_race(exc)) and attempt < WRITE_RETRIES - 1:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise _storage_error(exc, self.url) from None
            except IntegrityError as exc:
                # PostgreSQL (READ COMMITTED): two writers can both find no row for a unique key (项目代码, 文号
                # sequence …) and both insert it; the loser gets a unique violation. Re-running the unit sees the
                # winner's committed row and takes the "already there" path. SQLite never gets here by a race:
                # its write transactions start with BEGIN IMMEDIATE and are serialised.
                if _is_race(exc) and not self.is_sqlite and attempt < WRITE_RETRIES - 1:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


def _storage_error(exc: BaseException, url: str) -> UserError:
    text = str(exc).lower()
    if _is_locked(exc):
        return UserError("档案库正被其他程序占用，多次重试后仍未能写入，请稍后再试。",
                         "The archive is busy with another writer; retried several times without success. Try again later.")
    if "disk" in text and ("full" in text or "i/o" in text):
        return UserError("磁盘空间不足或写入失败，本次操作未保存，档案库未受损。",
                         "Disk full or write error: nothing was saved and the archive is intact.")
    if "readonly" in text or "read-only" in text:
        return _read_only_error(make_url(url).render_as_string(hide_password=True))
    if "unable to open" in text:
        return UserError(f"档案库无法打开（{make_url(url).render_as_string(hide_password=True)}），本次操作未保存。",
                         "The archive cannot be opened; nothing was saved.")
    return UserError(f"档案库操作失败：{exc.__class__.__name__}", f"Archive operation failed: {exc}")

"""Opening an archive already at the shipped schema runs no Alembic (CLI and workbench start ≈0.3 s sooner; issue
15 bench: the import's CLI start), and an archive behind it is still migrated on open."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from reviewer.archive.db import Archive, migration_head


def test_migration_head_is_alembics_head():
    from alembic.script import ScriptDirectory

    a = Archive("sqlite://", migrate=False)
    assert migration_head() == ScriptDirectory.from_config(a.alembic_config()).get_current_head()


def test_open_at_head_imports_no_alembic(tmp_path):
    db = tmp_path / "a.sqlite3"
    Archive(f"sqlite:///{db}")  # creates and migrates
    code = ("import sys; from reviewer.archive.db import Archive; a = Archive(sys.argv[1]); "
            "n = a.read().__enter__().execute(__import__('sqlalchemy').text('SELECT count(*) FROM projects')).scalar(); "
            "print('alembic' in sys.modules, n)")
    out = subprocess.run([sys.executable, "-c", code, f"sqlite:///{db}"], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "0"]


def test_an_archive_behind_the_head_is_still_migrated_on_open(tmp_path):
    db = tmp_path / "b.sqlite3"
    a = Archive(f"sqlite:///{db}", migrate=False)
    a.upgrade("0004_receipt")
    a.engine.dispose()
    b = Archive(f"sqlite:///{db}")
    assert b.current_revision() == migration_head()
    with b.engine.connect() as c:  # the column 0006_casefp adds is there
        c.execute(text("SELECT rules_fp FROM cases")).all()
    b.engine.dispose()


def test_a_fresh_file_is_migrated(tmp_path):
    a = Archive(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    assert a.current_revision() == migration_head()
    assert "projects" in a.table_names()

"""Alembic environment. SQLite uses batch mode (``render_as_batch``) so ALTERs work."""

from alembic import context
from sqlalchemy import create_engine

from reviewer.archive.models import Base
from reviewer.archive.search import search_index_excluded

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            # SQLite's DDL is transactional (we issue BEGIN ourselves); without this Alembic commits after each
            # revision, and a kill between two revisions leaves a half-migrated archive (tests/test_proof_kill.py).
            transactional_ddl=True,
            transaction_per_migration=False,
            include_name=search_index_excluded,  # FTS5 tables and trigram indexes live in migration SQL only
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()

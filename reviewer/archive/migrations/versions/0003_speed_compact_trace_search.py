"""compact trace over shared rule snapshots; indexed project search

Revision ID: 0003_speed
Revises: 0001_core

* ``rule_snapshots``: one row per distinct parameter snapshot (content hash); ``assessments.snapshot_id`` and
  ``assessments.result_z`` (compressed compact trace). Existing rows keep their full JSON and stay readable.
* Search: SQLite FTS5 with the trigram tokenizer (SQLite ≥ 3.34) over 项目代码 / 名称 / 建设单位 / 文号, kept in
  step with ``projects`` and ``opinions`` by triggers (the same transaction as the row); PostgreSQL ``pg_trgm``
  GIN indexes on the same columns. Queried through ``reviewer.archive.search``.
"""
from alembic import op
import sqlalchemy as sa
import reviewer.archive.models


revision = '0003_speed'
down_revision = '0001_core'
branch_labels = None
depends_on = None

_DOCS = ("(SELECT coalesce(group_concat(o.doc_number, ' '), '') FROM opinions o "
         "WHERE o.project_id = {pid} AND o.doc_number IS NOT NULL)")

SQLITE_UP = [
    "CREATE VIRTUAL TABLE project_fts USING fts5(code, name, builder, doc_numbers, tokenize='trigram')",
    "INSERT INTO project_fts(rowid, code, name, builder, doc_numbers) "
    f"SELECT p.id, p.code, p.name, p.builder, {_DOCS.format(pid='p.id')} FROM projects p",
    "CREATE TRIGGER project_fts_ai AFTER INSERT ON projects BEGIN "
    "INSERT INTO project_fts(rowid, code, name, builder, doc_numbers) "
    "VALUES (new.id, new.code, new.name, new.builder, ''); END",
    "CREATE TRIGGER project_fts_au AFTER UPDATE OF code, name, builder ON projects BEGIN "
    "UPDATE project_fts SET code = new.code, name = new.name, builder = new.builder WHERE rowid = new.id; END",
    "CREATE TRIGGER project_fts_ad AFTER DELETE ON projects BEGIN DELETE FROM project_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER project_fts_oi AFTER INSERT ON opinions BEGIN "
    f"UPDATE project_fts SET doc_numbers = {_DOCS.format(pid='new.project_id')} WHERE rowid = new.project_id; END",
    "CREATE TRIGGER project_fts_ou AFTER UPDATE OF doc_number ON opinions BEGIN "
    f"UPDATE project_fts SET doc_numbers = {_DOCS.format(pid='new.project_id')} WHERE rowid = new.project_id; END",
    "CREATE TRIGGER project_fts_od AFTER DELETE ON opinions BEGIN "
    f"UPDATE project_fts SET doc_numbers = {_DOCS.format(pid='old.project_id')} WHERE rowid = old.project_id; END",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS project_fts_" + t for t in ("ai", "au", "ad", "oi", "ou", "od")] + [
    "DROP TABLE IF EXISTS project_fts"]

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS trgm_projects_code ON projects USING gin (code gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS trgm_projects_name ON projects USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS trgm_projects_builder ON projects USING gin (builder gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS trgm_opinions_doc_number ON opinions USING gin (doc_number gin_trgm_ops)",
]
PG_DOWN = ["DROP INDEX IF EXISTS trgm_" + n for n in ("projects_code", "projects_name", "projects_builder",
                                                     "opinions_doc_number")]


def upgrade() -> None:
    op.create_table('rule_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', reviewer.archive.models.UTC(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_snapshots')),
    sa.UniqueConstraint('content_sha256', name=op.f('uq_rule_snapshots_content_sha256'))
    )
    # Plain ADD COLUMN (no table rebuild: on SQLite a rebuild of ``assessments`` would trip the RESTRICT keys of
    # opinions pointing at it). The snapshot reference is kept by the application; snapshots are never deleted.
    op.add_column('assessments', sa.Column('snapshot_id', sa.Integer(), nullable=True))
    op.add_column('assessments', sa.Column('result_z', sa.LargeBinary(), nullable=True))
    op.create_index(op.f('ix_assessments_snapshot_id'), 'assessments', ['snapshot_id'], unique=False)
    op.create_index('ix_projects_status_code', 'projects', ['status', 'code', 'id'], unique=False)
    op.create_index('ix_projects_town_code', 'projects', ['town', 'code', 'id'], unique=False)
    dialect = op.get_bind().dialect.name
    for sql in SQLITE_UP if dialect == "sqlite" else PG_UP if dialect == "postgresql" else []:
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for sql in SQLITE_DOWN if dialect == "sqlite" else PG_DOWN if dialect == "postgresql" else []:
        op.execute(sql)
    op.drop_index('ix_projects_town_code', table_name='projects')
    op.drop_index('ix_projects_status_code', table_name='projects')
    op.drop_index(op.f('ix_assessments_snapshot_id'), table_name='assessments')
    op.drop_column('assessments', 'result_z')
    op.drop_column('assessments', 'snapshot_id')
    op.drop_table('rule_snapshots')

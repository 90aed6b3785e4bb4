"""case deadline columns: the derived status and deadlines of a case, for SQL filters (issue 14)

``cases.status``, ``accept_due`` (+ ``accept_due_kind``) and ``decision_due`` are a denormalised copy of what the
events imply (reviewer.case.timeline.clock), rewritten in the same transaction as every case event. Rows that exist
before this revision are left NULL here (the derivation lives above the archive layer); revision 0006 marks them
stale (empty ``rules_fp``) and the case use cases recompute them (``reviewer.usecases.cases.resync_stale_in``: written
back on a writable archive, computed in memory on a read-only one).

Revision ID: 0005_casedue
Revises: 0002_casefile
Create Date: 2026-12-02 04:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_casedue'
down_revision = '0002_casefile'
branch_labels = None
depends_on = None


# Plain ALTER TABLE (ADD / DROP COLUMN, SQLite ≥ 3.35), not batch mode: a batch rebuild of ``cases`` would drop the
# table that case_events and case_attachments reference, which SQLite's foreign keys refuse once cases exist.
def upgrade() -> None:
    op.add_column('cases', sa.Column('status', sa.String(length=20), nullable=True))
    op.add_column('cases', sa.Column('accept_due', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('accept_due_kind', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('cases', sa.Column('decision_due', sa.Date(), nullable=True))
    op.create_index(op.f('ix_cases_status'), 'cases', ['status'], unique=False)
    op.create_index(op.f('ix_cases_accept_due'), 'cases', ['accept_due'], unique=False)
    op.create_index(op.f('ix_cases_decision_due'), 'cases', ['decision_due'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_cases_decision_due'), table_name='cases')
    op.drop_index(op.f('ix_cases_accept_due'), table_name='cases')
    op.drop_index(op.f('ix_cases_status'), table_name='cases')
    for col in ('decision_due', 'accept_due_kind', 'accept_due', 'status'):
        op.drop_column('cases', col)

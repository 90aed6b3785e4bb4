"""case deadline columns: the derived status and deadlines of a case, for SQL filters (issue 14)

``cases.status``, ``accept_due`` (+ ``accept_due_kind``) and ``decision_due`` are a denormalised copy of what the
events imply (reviewer.case.timeline.clock), rewritten in the same transaction as every case event. Rows that exist
before this revision are left NULL here (the derivation lives above the archive layer) and are derived by the case
use cases the first time the case list is read (``reviewer.usecases.cases.sync_pending``) or by
``reviewer case resync``.

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


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('accept_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('accept_due_kind', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('decision_due', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_accept_due'), ['accept_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_decision_due'), ['decision_due'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_decision_due'))
        batch_op.drop_index(batch_op.f('ix_cases_accept_due'))
        batch_op.drop_index(batch_op.f('ix_cases_status'))
        batch_op.drop_column('decision_due')
        batch_op.drop_column('accept_due_kind')
        batch_op.drop_column('accept_due')
        batch_op.drop_column('status')

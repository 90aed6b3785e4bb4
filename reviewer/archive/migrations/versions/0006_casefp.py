"""case deadline fingerprint: which calendar + periods a case's stored deadlines were computed with (issue 14)

``cases.rules_fp`` holds :func:`reviewer.rules.deadlines.fingerprint` of the holiday calendar and the period
parameters ``status/accept_due/decision_due`` were derived with. Existing rows get '' (unknown), which never equals
a running fingerprint: the case use cases recompute them — in the transaction that imports a rule pack, on the first
write to the archive, and on read (in memory, without writing) when the archive is read-only.

Revision ID: 0006_casefp
Revises: 0005_casedue
Create Date: 2026-12-02 05:55:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_casefp'
down_revision = '0005_casedue'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode (see 0005: a batch rebuild of ``cases`` is refused by the foreign keys).
def upgrade() -> None:
    op.add_column('cases', sa.Column('rules_fp', sa.String(length=32), nullable=False, server_default=''))
    op.create_index(op.f('ix_cases_rules_fp'), 'cases', ['rules_fp'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_cases_rules_fp'), table_name='cases')
    op.drop_column('cases', 'rules_fp')

"""rule packs and office parameter verifications (issue 17)

Revision ID: 0004_receipt
Revises: 0003_speed
"""
from alembic import op
import sqlalchemy as sa
import reviewer.archive.models


revision = '0004_receipt'
down_revision = '0003_speed'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rule_packs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('manifest', sa.JSON(), nullable=False),
    sa.Column('signer', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('imported_at', reviewer.archive.models.UTC(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_packs'))
    )
    with op.batch_alter_table('rule_packs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_packs_active'), ['active'], unique=False)
        batch_op.create_index(batch_op.f('ix_rule_packs_content_sha256'), ['content_sha256'], unique=False)

    op.create_table('parameter_verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parameter_id', sa.String(length=120), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('document_name', sa.String(length=255), nullable=False),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('document', sa.LargeBinary(), nullable=True),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('created_at', reviewer.archive.models.UTC(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parameter_verifications'))
    )
    with op.batch_alter_table('parameter_verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parameter_verifications_parameter_id'), ['parameter_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('parameter_verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parameter_verifications_parameter_id'))
    op.drop_table('parameter_verifications')
    with op.batch_alter_table('rule_packs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_packs_content_sha256'))
        batch_op.drop_index(batch_op.f('ix_rule_packs_active'))
    op.drop_table('rule_packs')

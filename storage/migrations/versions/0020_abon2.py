"""abon2: the «методический абонемент», second slice — proposed changes of the ordered volume
(abonement_changes) and certificates for an abonement's listeners (certificates.abonement_id)

Revision ID: 0020_abon2
Revises: 0019_route_versions
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_abon2"
down_revision: str | Sequence[str] | None = "0019_route_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "abonement_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("abonement_id", sa.Integer(), nullable=False),
        sa.Column("old_in_person", sa.Float(), nullable=False),
        sa.Column("old_remote", sa.Float(), nullable=False),
        sa.Column("old_self_study", sa.Float(), nullable=False),
        sa.Column("new_in_person", sa.Float(), nullable=False),
        sa.Column("new_remote", sa.Float(), nullable=False),
        sa.Column("new_self_study", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("side", sa.String(12), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("proposed_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        _fk("abonement_changes", "abonement_id", "abonements", "CASCADE"),
        _fk("abonement_changes", "proposed_by", "people", "SET NULL"),
        _fk("abonement_changes", "decided_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abonement_changes")),
    )
    op.create_index("ix_abonement_changes_abonement", "abonement_changes", ["abonement_id"])
    with op.batch_alter_table("certificates") as batch:
        batch.add_column(sa.Column("abonement_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_certificates_abonement_id_abonements"), "abonements",
                                 ["abonement_id"], ["id"], ondelete="SET NULL")
        batch.create_unique_constraint("uq_certificates_abonement_person",
                                       ["abonement_id", "person_id"])


def downgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.drop_constraint("uq_certificates_abonement_person", type_="unique")
        batch.drop_constraint(op.f("fk_certificates_abonement_id_abonements"),
                              type_="foreignkey")
        batch.drop_column("abonement_id")
    op.drop_index("ix_abonement_changes_abonement", table_name="abonement_changes")
    op.drop_table("abonement_changes")

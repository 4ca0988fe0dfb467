"""abon_subgroups: an event for a subgroup of one school's staff (the abonement plan's
subgroups: the school and «position=…» / «subject=…»), and changes of an abonement's topics
beside its volume (the kind and the competence groups before and proposed) (issue 18)

Revision ID: 0029_abon_subgroups
Revises: 0028_group_due
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029_abon_subgroups"
down_revision: str | Sequence[str] | None = "0028_group_due"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("subgroup_school_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("subgroup", sa.String(80), nullable=True))
    with op.batch_alter_table("abonement_changes") as batch:
        batch.add_column(sa.Column("kind", sa.String(12), nullable=False,
                                   server_default="volume"))
        batch.add_column(sa.Column("old_groups", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("new_groups", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("abonement_changes") as batch:
        batch.drop_column("new_groups")
        batch.drop_column("old_groups")
        batch.drop_column("kind")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("subgroup")
        batch.drop_column("subgroup_school_id")

"""route_ext (issue 15): why a version of the route was stored (the return comment, the
conclusion), who corrected an external diagnosis and when, and the self-analysis of a route
built on an external diagnosis (kept on that diagnosis)

Revision ID: 0031_route_ext
Revises: 0030_handled_updates
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031_route_ext"
down_revision: str | Sequence[str] | None = "0030_handled_updates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EDITED_BY_FK = "fk_external_diagnoses_edited_by_people"


def upgrade() -> None:
    with op.batch_alter_table("route_versions") as batch:
        batch.add_column(sa.Column("comment", sa.Text(), nullable=True))
    with op.batch_alter_table("external_diagnoses") as batch:
        batch.add_column(sa.Column("edited_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("self_analysis", sa.Text(), nullable=True))
        batch.create_foreign_key(EDITED_BY_FK, "people", ["edited_by"], ["id"],
                                 ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("external_diagnoses") as batch:
        batch.drop_constraint(EDITED_BY_FK, type_="foreignkey")
        batch.drop_column("self_analysis")
        batch.drop_column("edited_at")
        batch.drop_column("edited_by")
    with op.batch_alter_table("route_versions") as batch:
        batch.drop_column("comment")

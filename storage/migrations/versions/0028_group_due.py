"""group_due: the group ИОМ as complete as the personal one (issue 15) — a member's evidence
may be a file (kept by its messenger id, as the personal route's evidence is), and the
activities' due dates are indexed for the overdue reminders

Revision ID: 0028_group_due
Revises: 0027_abon_campaigns
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028_group_due"
down_revision: str | Sequence[str] | None = "0027_abon_campaigns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("group_route_marks") as batch:
        batch.add_column(sa.Column("evidence_file_id", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("evidence_file_name", sa.String(length=300), nullable=True))
    op.create_index("ix_group_route_activities_due", "group_route_activities", ["due"])


def downgrade() -> None:
    op.drop_index("ix_group_route_activities_due", table_name="group_route_activities")
    with op.batch_alter_table("group_route_marks") as batch:
        batch.drop_column("evidence_file_name")
        batch.drop_column("evidence_file_id")

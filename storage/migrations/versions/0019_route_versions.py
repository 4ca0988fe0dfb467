"""route versions and consultation hours: a snapshot of the plan at each submit, approval and
rebuild; hours, consultant and the ledger's credit on an activity

Revision ID: 0019_route_versions
Revises: 0018_file_copies
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_route_versions"
down_revision: str | Sequence[str] | None = "0018_file_copies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "route_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("route_id", sa.Integer(),
                  sa.ForeignKey("routes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Integer(),
                  sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.UniqueConstraint("route_id", "number", name="uq_route_versions_number"),
    )
    op.create_index("ix_route_versions_route_id", "route_versions", ["route_id"])
    with op.batch_alter_table("route_activities") as batch:
        batch.add_column(sa.Column("hours", sa.Float(), nullable=True))
        batch.add_column(sa.Column("consultant_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("ledger_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_route_activities_consultant", "people",
                                 ["consultant_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("route_activities") as batch:
        batch.drop_constraint("fk_route_activities_consultant", type_="foreignkey")
        batch.drop_column("ledger_id")
        batch.drop_column("consultant_id")
        batch.drop_column("hours")
    op.drop_index("ix_route_versions_route_id", "route_versions")
    op.drop_table("route_versions")

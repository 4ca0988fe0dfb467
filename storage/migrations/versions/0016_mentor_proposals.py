"""mentor proposals to the mentee's ИОМ; competition records linked to their event

Revision ID: 0016_mentor_proposals
Revises: 0015_route_phone
Create Date: 2026-12-01 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_mentor_proposals"
down_revision: str | Sequence[str] | None = "0015_route_phone"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mentor_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("competence_group", sa.String(length=32), nullable=True),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["mentoring_pairs.id"],
            name=op.f("fk_mentor_proposals_pair_id_mentoring_pairs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_proposals")),
    )
    op.create_index("ix_mentor_proposals_pair", "mentor_proposals", ["pair_id", "status"])
    with op.batch_alter_table("activity_records") as batch:
        batch.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_activity_records_event_id_events"), "events",
                                 ["event_id"], ["id"], ondelete="SET NULL")
        batch.create_index("uq_activity_records_event", ["person_id", "event_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("activity_records") as batch:
        batch.drop_index("uq_activity_records_event")
        batch.drop_constraint(op.f("fk_activity_records_event_id_events"), type_="foreignkey")
        batch.drop_column("event_id")
    op.drop_index("ix_mentor_proposals_pair", table_name="mentor_proposals")
    op.drop_table("mentor_proposals")

"""broadcasts: broadcasts, their audit and opt-outs; outbox priorities and broadcast rows

Revision ID: 0008_broadcasts
Revises: 0007_outbox_pace
Create Date: 2026-11-30 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_broadcasts"
down_revision: str | Sequence[str] | None = "0007_outbox_pace"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("media_kind", sa.String(length=16), nullable=True),
        sa.Column("media_file_id", sa.String(length=300), nullable=True),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("report_message_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["people.id"], ondelete="SET NULL",
                                name=op.f("fk_broadcasts_author_id_people")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="SET NULL",
                                name=op.f("fk_broadcasts_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )
    op.create_index("ix_broadcasts_author_status", "broadcasts", ["author_id", "status"])
    op.create_index("ix_broadcasts_status_scheduled", "broadcasts", ["status", "scheduled_at"])
    op.create_table(
        "broadcast_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["broadcast_id"], ["broadcasts.id"], ondelete="CASCADE",
                                name=op.f("fk_broadcast_audit_broadcast_id_broadcasts")),
        sa.ForeignKeyConstraint(["actor_id"], ["people.id"], ondelete="SET NULL",
                                name=op.f("fk_broadcast_audit_actor_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_audit")),
    )
    op.create_index(op.f("ix_broadcast_audit_broadcast_id"), "broadcast_audit",
                    ["broadcast_id"])
    op.create_table(
        "broadcast_optouts",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_broadcast_optouts_person_id_people")),
        sa.PrimaryKeyConstraint("person_id", "kind", name=op.f("pk_broadcast_optouts")),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("broadcast_id", sa.Integer(), nullable=True))
    op.create_index("ix_outbox_status_priority_due", "outbox",
                    ["status", "priority", "not_before"])
    op.create_index("ix_outbox_broadcast_status", "outbox", ["broadcast_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_outbox_broadcast_status", table_name="outbox")
    op.drop_index("ix_outbox_status_priority_due", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("broadcast_id")
        batch.drop_column("priority")
    op.drop_table("broadcast_optouts")
    op.drop_index(op.f("ix_broadcast_audit_broadcast_id"), table_name="broadcast_audit")
    op.drop_table("broadcast_audit")
    op.drop_index("ix_broadcasts_status_scheduled", table_name="broadcasts")
    op.drop_index("ix_broadcasts_author_status", table_name="broadcasts")
    op.drop_table("broadcasts")

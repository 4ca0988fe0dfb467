"""outbox: pacing shared by sender processes; an index for per-chat order and pacing

Revision ID: 0007_outbox_pace
Revises: 0006_merge_heads
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_outbox_pace"
down_revision: str | Sequence[str] | None = "0006_merge_heads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_pace",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_outbox_pace")),
    )
    op.create_index("ix_outbox_person_status", "outbox", ["person_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_outbox_person_status", table_name="outbox")
    op.drop_table("outbox_pace")

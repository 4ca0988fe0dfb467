"""file_copies: a file's id in the other messenger, made once and reused (issue 17)

Revision ID: 0018_file_copies
Revises: 0017_abonements
Create Date: 2026-12-02 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_file_copies"
down_revision: str | Sequence[str] | None = "0017_abonements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "file_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_file_id", sa.String(300), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("file_id", sa.String(300), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_copies")),
        sa.UniqueConstraint("source_file_id", "channel", name="uq_file_copy"),
    )


def downgrade() -> None:
    op.drop_table("file_copies")

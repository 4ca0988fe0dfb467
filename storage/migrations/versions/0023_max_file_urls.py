"""max_file_urls: where a MAX file can be downloaded, kept past a restart (issue 17)

Revision ID: 0023_max_file_urls
Revises: 0022_territory_indexes
Create Date: 2026-12-03 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_max_file_urls"
down_revision: str | Sequence[str] | None = "0022_territory_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "max_file_urls",
        sa.Column("file_id", sa.String(300), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("file_id", name=op.f("pk_max_file_urls")),
    )


def downgrade() -> None:
    op.drop_table("max_file_urls")

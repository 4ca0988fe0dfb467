"""abon3: the abonement's certificate threshold — the share (percent) of the plan's hours a
listener must attend to get a certificate (issue 18)

Revision ID: 0026_abon3
Revises: 0025_group_routes
Create Date: 2026-12-01 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_abon3"
down_revision: str | Sequence[str] | None = "0025_group_routes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("abonements") as batch:
        batch.add_column(sa.Column("threshold_pct", sa.Integer(), nullable=False,
                                   server_default="50"))


def downgrade() -> None:
    with op.batch_alter_table("abonements") as batch:
        batch.drop_column("threshold_pct")

"""route on a phone: activities the ready draft proposes until the teacher accepts them

Revision ID: 0015_route_phone
Revises: 0014_campaigns
Create Date: 2026-11-30 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_route_phone"
down_revision: str | Sequence[str] | None = "0014_campaigns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("route_activities") as batch:
        batch.add_column(sa.Column("proposed", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("route_activities") as batch:
        batch.drop_column("proposed")

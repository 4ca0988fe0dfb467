"""abon_campaigns: the staff's diagnosis campaigns of an abonement — the start one and the
repeat near the end, one per stage (issue 18, 000 §VIII)

Revision ID: 0027_abon_campaigns
Revises: 0026_abon3
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027_abon_campaigns"
down_revision: str | Sequence[str] | None = "0026_abon3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_abonement_campaigns_{column}_{target}"),
        ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "abonement_campaigns",
        sa.Column("abonement_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(8), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("abonement_id", "abonements"),
        _fk("campaign_id", "campaigns"),
        sa.PrimaryKeyConstraint("abonement_id", "stage", name=op.f("pk_abonement_campaigns")),
        sa.UniqueConstraint("campaign_id", name="uq_abonement_campaigns_campaign"),
    )


def downgrade() -> None:
    op.drop_table("abonement_campaigns")

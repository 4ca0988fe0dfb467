"""command_menus: the command menu set in a coordinator's or an admin's own chat (issue 15)

Revision ID: 0021_command_menus
Revises: 0020_abon2
Create Date: 2026-12-01 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_command_menus"
down_revision: str | Sequence[str] | None = "0020_abon2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "command_menus",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("menu", sa.String(40), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_command_menus_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_command_menus")),
    )


def downgrade() -> None:
    op.drop_table("command_menus")

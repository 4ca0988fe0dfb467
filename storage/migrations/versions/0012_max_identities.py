"""max identities: a person's accounts in other messengers, and one-time link codes

Revision ID: 0012_max_identities
Revises: 0011_documents
Create Date: 2026-11-30 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_max_identities"
down_revision: str | Sequence[str] | None = "0011_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_person_identities_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_identities")),
        sa.UniqueConstraint("channel", "external_id", name="uq_identity_channel_ext"),
    )
    op.create_index(op.f("ix_person_identities_person_id"), "person_identities", ["person_id"])
    op.create_table(
        "identity_link_codes",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_identity_link_codes_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_identity_link_codes")),
    )
    op.create_index(op.f("ix_identity_link_codes_person_id"), "identity_link_codes",
                    ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_identity_link_codes_person_id"), table_name="identity_link_codes")
    op.drop_table("identity_link_codes")
    op.drop_index(op.f("ix_person_identities_person_id"), table_name="person_identities")
    op.drop_table("person_identities")

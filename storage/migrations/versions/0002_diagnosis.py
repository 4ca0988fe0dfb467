"""self-diagnosis: instruments, attempts, deficits

Revision ID: 0002_diagnosis
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_diagnosis"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "diag_instruments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["people.id"],
            name=op.f("fk_diag_instruments_uploaded_by_people"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diag_instruments")),
        sa.UniqueConstraint("version", name="uq_diag_instruments_version"),
    )
    op.create_table(
        "diag_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total_percent", sa.Float(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("self_analysis", sa.Text(), nullable=True),
        sa.Column("self_analysis_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retake_unlocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retake_unlocked_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"],
            name=op.f("fk_diag_attempts_person_id_people"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"], ["diag_instruments.id"],
            name=op.f("fk_diag_attempts_instrument_id_diag_instruments"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"],
            name=op.f("fk_diag_attempts_school_id_orgs"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["orgs.id"],
            name=op.f("fk_diag_attempts_municipality_id_orgs"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["orgs.id"],
            name=op.f("fk_diag_attempts_region_id_orgs"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["retake_unlocked_by"], ["people.id"],
            name=op.f("fk_diag_attempts_retake_unlocked_by_people"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diag_attempts")),
    )
    with op.batch_alter_table("diag_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_diag_attempts_instrument_id"), ["instrument_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_diag_attempts_school_id"), ["school_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_diag_attempts_municipality_id"),
                              ["municipality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_diag_attempts_region_id"), ["region_id"],
                              unique=False)
        batch_op.create_index("ix_diag_attempts_person_status", ["person_id", "status"],
                              unique=False)
        batch_op.create_index(
            "uq_diag_attempts_in_progress", ["person_id"], unique=True,
            sqlite_where=sa.text("status = 'in_progress'"),
            postgresql_where=sa.text("status = 'in_progress'"),
        )

    op.create_table(
        "diag_deficits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("group_code", sa.String(length=32), nullable=False),
        sa.Column("indicator_code", sa.String(length=48), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("percent", sa.Float(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["diag_attempts.id"],
            name=op.f("fk_diag_deficits_attempt_id_diag_attempts"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"],
            name=op.f("fk_diag_deficits_person_id_people"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diag_deficits")),
    )
    with op.batch_alter_table("diag_deficits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_diag_deficits_attempt_id"), ["attempt_id"],
                              unique=False)
        batch_op.create_index("ix_diag_deficits_person_group", ["person_id", "group_code"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("diag_deficits", schema=None) as batch_op:
        batch_op.drop_index("ix_diag_deficits_person_group")
        batch_op.drop_index(batch_op.f("ix_diag_deficits_attempt_id"))
    op.drop_table("diag_deficits")
    with op.batch_alter_table("diag_attempts", schema=None) as batch_op:
        batch_op.drop_index("uq_diag_attempts_in_progress")
        batch_op.drop_index("ix_diag_attempts_person_status")
        batch_op.drop_index(batch_op.f("ix_diag_attempts_region_id"))
        batch_op.drop_index(batch_op.f("ix_diag_attempts_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_diag_attempts_school_id"))
        batch_op.drop_index(batch_op.f("ix_diag_attempts_instrument_id"))
    op.drop_table("diag_attempts")
    op.drop_table("diag_instruments")

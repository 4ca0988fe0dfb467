"""mentoring: mentor–mentee pairs and their meetings; professional activity records

Revision ID: 0010_mentoring
Revises: 0009_territory
Create Date: 2026-11-30 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_mentoring"
down_revision: str | Sequence[str] | None = "0009_territory"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "mentoring_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("goals", sa.JSON(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminded_for", sa.Date(), nullable=True),
        sa.Column("escalated_for", sa.Date(), nullable=True),
        _fk("mentoring_pairs", "mentee_id", "people", "CASCADE"),
        _fk("mentoring_pairs", "mentor_id", "people", "CASCADE"),
        _fk("mentoring_pairs", "school_id", "orgs", "SET NULL"),
        _fk("mentoring_pairs", "created_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_pairs")),
    )
    op.create_index("ix_mentoring_pairs_mentee", "mentoring_pairs", ["mentee_id", "ended_on"])
    op.create_index("ix_mentoring_pairs_mentor", "mentoring_pairs", ["mentor_id", "ended_on"])
    op.create_index("ix_mentoring_pairs_school", "mentoring_pairs", ["school_id", "ended_on"])
    op.create_table(
        "mentoring_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("file_id", sa.String(length=200), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("credited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("mentoring_meetings", "pair_id", "mentoring_pairs", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_meetings")),
    )
    op.create_index("ix_mentoring_meetings_pair", "mentoring_meetings", ["pair_id", "held_on"])
    op.create_table(
        "activity_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("expert_role", sa.String(length=16), nullable=True),
        sa.Column("practice", sa.String(length=16), nullable=True),
        sa.Column("competence_group", sa.String(length=32), nullable=True),
        sa.Column("abstract", sa.Text(), nullable=True),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("file_id", sa.String(length=200), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("activity_records", "person_id", "people", "CASCADE"),
        _fk("activity_records", "school_id", "orgs", "SET NULL"),
        _fk("activity_records", "decided_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_records")),
    )
    op.create_index("ix_activity_records_person", "activity_records", ["person_id"])
    op.create_index("ix_activity_records_school_status", "activity_records",
                    ["school_id", "status"])
    op.create_index("ix_activity_records_bank", "activity_records",
                    ["kind", "status", "competence_group"])


def downgrade() -> None:
    op.drop_index("ix_activity_records_bank", table_name="activity_records")
    op.drop_index("ix_activity_records_school_status", table_name="activity_records")
    op.drop_index("ix_activity_records_person", table_name="activity_records")
    op.drop_table("activity_records")
    op.drop_index("ix_mentoring_meetings_pair", table_name="mentoring_meetings")
    op.drop_table("mentoring_meetings")
    op.drop_index("ix_mentoring_pairs_school", table_name="mentoring_pairs")
    op.drop_index("ix_mentoring_pairs_mentor", table_name="mentoring_pairs")
    op.drop_index("ix_mentoring_pairs_mentee", table_name="mentoring_pairs")
    op.drop_table("mentoring_pairs")

"""course forms: technical assignments, course reports and their history

Revision ID: 0004_courses
Revises: 0001
Create Date: 2026-11-24 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_courses"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "course_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_course_forms_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"], name=op.f("fk_course_forms_school_id_orgs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["course_forms.id"],
            name=op.f("fk_course_forms_assignment_id_course_forms"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["people.id"], name=op.f("fk_course_forms_decided_by_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_forms")),
    )
    op.create_index("ix_course_forms_person_kind", "course_forms", ["person_id", "kind"])
    op.create_index("ix_course_forms_status_submitted", "course_forms",
                    ["status", "submitted_at"])
    op.create_index("ix_course_forms_school_status", "course_forms", ["school_id", "status"])

    op.create_table(
        "course_form_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"], ["course_forms.id"],
            name=op.f("fk_course_form_events_form_id_course_forms"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["people.id"], name=op.f("fk_course_form_events_actor_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_form_events")),
    )
    op.create_index(op.f("ix_course_form_events_form_id"), "course_form_events", ["form_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_course_form_events_form_id"), table_name="course_form_events")
    op.drop_table("course_form_events")
    op.drop_index("ix_course_forms_school_status", table_name="course_forms")
    op.drop_index("ix_course_forms_status_submitted", table_name="course_forms")
    op.drop_index("ix_course_forms_person_kind", table_name="course_forms")
    op.drop_table("course_forms")

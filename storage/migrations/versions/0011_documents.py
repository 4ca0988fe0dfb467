"""documents: feedback after an event, certificates of participation

Revision ID: 0011_documents
Revises: 0010_mentoring
Create Date: 2026-11-30 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_documents"
down_revision: str | Sequence[str] | None = "0010_mentoring"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "event_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=32), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("usefulness", sa.SmallInteger(), nullable=True),
        sa.Column("apply", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        _fk("event_feedback", "event_id", "events", "CASCADE"),
        _fk("event_feedback", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_feedback")),
        sa.UniqueConstraint("event_id", "person_id", name="uq_event_feedback_event_person"),
    )
    op.create_index("ix_event_feedback_person", "event_feedback", ["person_id"])
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("event_title", sa.String(length=200), nullable=False),
        sa.Column("event_form", sa.String(length=32), nullable=False),
        sa.Column("organiser", sa.String(length=300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("hours_in_person", sa.Float(), nullable=False),
        sa.Column("hours_remote", sa.Float(), nullable=False),
        sa.Column("hours_self_study", sa.Float(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        _fk("certificates", "event_id", "events", "SET NULL"),
        _fk("certificates", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
        sa.UniqueConstraint("number", name="uq_certificates_number"),
        sa.UniqueConstraint("event_id", "person_id", name="uq_certificates_event_person"),
    )
    op.create_index("ix_certificates_person", "certificates", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_certificates_person", table_name="certificates")
    op.drop_table("certificates")
    op.drop_index("ix_event_feedback_person", table_name="event_feedback")
    op.drop_table("event_feedback")

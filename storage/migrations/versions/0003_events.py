"""events and courses: events, sessions, audience, registrations, changes, hours ledger

Revision ID: 0003_events
Revises: 0001
Create Date: 2026-11-24 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_events"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("online_url", sa.String(length=500), nullable=True),
        sa.Column("hours_in_person", sa.Float(), nullable=False),
        sa.Column("hours_remote", sa.Float(), nullable=False),
        sa.Column("hours_self_study", sa.Float(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("registration_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminders", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checkin_code", sa.String(length=12), nullable=True),
        sa.Column("reschedules", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"],
                                name=op.f("fk_events_created_by_people"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organiser_id"], ["orgs.id"],
                                name=op.f("fk_events_organiser_id_orgs"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_status_starts", "events", ["status", "starts_at"])
    op.create_index("ix_events_organiser", "events", ["organiser_id"])

    op.create_table(
        "event_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_sessions_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_sessions")),
    )
    op.create_index("ix_event_sessions_starts", "event_sessions", ["starts_at"])
    op.create_index(op.f("ix_event_sessions_event_id"), "event_sessions", ["event_id"])

    op.create_table(
        "event_audience",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_audience_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["org_id"], ["orgs.id"],
                                name=op.f("fk_event_audience_org_id_orgs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "org_id", name=op.f("pk_event_audience")),
    )
    op.create_index(op.f("ix_event_audience_org_id"), "event_audience", ["org_id"])

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checkin_failures", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_registrations_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_event_registrations_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("event_id", "person_id", name="uq_event_registrations_event_person"),
    )
    op.create_index("ix_event_registrations_event_status_seq", "event_registrations",
                    ["event_id", "status", "seq"])
    op.create_index("ix_event_registrations_status_offer", "event_registrations",
                    ["status", "offer_expires_at"])
    op.create_index(op.f("ix_event_registrations_person_id"), "event_registrations",
                    ["person_id"])

    op.create_table(
        "event_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.Column("by", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["by"], ["people.id"], name=op.f("fk_event_changes_by_people"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_changes_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_changes")),
    )
    op.create_index(op.f("ix_event_changes_event_id"), "event_changes", ["event_id"])

    op.create_table(
        "hours_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_hours_ledger_event_id_events"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_hours_ledger_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_ledger")),
        sa.UniqueConstraint("person_id", "event_id", "kind",
                            name="uq_hours_ledger_person_event_kind"),
    )
    op.create_index(op.f("ix_hours_ledger_person_id"), "hours_ledger", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_hours_ledger_person_id"), table_name="hours_ledger")
    op.drop_table("hours_ledger")
    op.drop_index(op.f("ix_event_changes_event_id"), table_name="event_changes")
    op.drop_table("event_changes")
    op.drop_index(op.f("ix_event_registrations_person_id"), table_name="event_registrations")
    op.drop_index("ix_event_registrations_status_offer", table_name="event_registrations")
    op.drop_index("ix_event_registrations_event_status_seq", table_name="event_registrations")
    op.drop_table("event_registrations")
    op.drop_index(op.f("ix_event_audience_org_id"), table_name="event_audience")
    op.drop_table("event_audience")
    op.drop_index(op.f("ix_event_sessions_event_id"), table_name="event_sessions")
    op.drop_index("ix_event_sessions_starts", table_name="event_sessions")
    op.drop_table("event_sessions")
    op.drop_index("ix_events_organiser", table_name="events")
    op.drop_index("ix_events_status_starts", table_name="events")
    op.drop_table("events")

"""the ИОМ: routes, deficit plan rows, activities and the history of agreement

Revision ID: 0005_route
Revises: 0003_events
Create Date: 2026-11-25 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_route"
#: activities name catalogue events (events.id)
down_revision: str | Sequence[str] | None = ("0003_events",)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("routes", "person_id", "people", "CASCADE"),
        _fk("routes", "school_id", "orgs", "SET NULL"),
        _fk("routes", "decided_by", "people", "SET NULL"),
        _fk("routes", "completed_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routes")),
    )
    op.create_index("ix_routes_person", "routes", ["person_id"])
    op.create_index("ix_routes_status_submitted", "routes", ["status", "submitted_at"])
    op.create_index("ix_routes_school_status", "routes", ["school_id", "status"])

    op.create_table(
        "route_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("group_code", sa.String(length=32), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        _fk("route_rows", "route_id", "routes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_rows")),
    )
    op.create_index(op.f("ix_route_rows_route_id"), "route_rows", ["route_id"])

    op.create_table(
        "route_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("plan_column", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("form", sa.String(length=32), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("evidence_url", sa.String(length=500), nullable=True),
        sa.Column("evidence_file_id", sa.String(length=300), nullable=True),
        sa.Column("evidence_file_name", sa.String(length=300), nullable=True),
        sa.Column("done_source", sa.String(length=16), nullable=True),
        sa.Column("done_ref", sa.Integer(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("route_activities", "route_id", "routes", "CASCADE"),
        _fk("route_activities", "row_id", "route_rows", "CASCADE"),
        _fk("route_activities", "person_id", "people", "CASCADE"),
        _fk("route_activities", "event_id", "events", "SET NULL"),
        _fk("route_activities", "added_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_activities")),
    )
    op.create_index(op.f("ix_route_activities_route_id"), "route_activities", ["route_id"])
    op.create_index("ix_route_activities_person_event", "route_activities",
                    ["person_id", "event_id"])
    op.create_index("ix_route_activities_status_due", "route_activities", ["status", "due"])

    op.create_table(
        "route_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _fk("route_events", "route_id", "routes", "CASCADE"),
        _fk("route_events", "actor_id", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_events")),
    )
    op.create_index(op.f("ix_route_events_route_id"), "route_events", ["route_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_route_events_route_id"), table_name="route_events")
    op.drop_table("route_events")
    op.drop_index("ix_route_activities_status_due", table_name="route_activities")
    op.drop_index("ix_route_activities_person_event", table_name="route_activities")
    op.drop_index(op.f("ix_route_activities_route_id"), table_name="route_activities")
    op.drop_table("route_activities")
    op.drop_index(op.f("ix_route_rows_route_id"), table_name="route_rows")
    op.drop_table("route_rows")
    op.drop_index("ix_routes_school_status", table_name="routes")
    op.drop_index("ix_routes_status_submitted", table_name="routes")
    op.drop_index("ix_routes_person", table_name="routes")
    op.drop_table("routes")

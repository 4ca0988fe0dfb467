"""group_routes: the group ИОМ (002 §II.2) — a route a school coordinator builds for several
teachers with a shared deficit, its members, activities and each member's progress

Revision ID: 0025_group_routes
Revises: 0024_external_diagnostics
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025_group_routes"
down_revision: str | Sequence[str] | None = "0024_external_diagnostics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def _at(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "group_routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("group_code", sa.String(32), nullable=False),
        sa.Column("indicator", sa.String(64), nullable=True),
        sa.Column("deficit", sa.String(300), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=True),
        _at("closed_at", True),
        _at("created_at"),
        _fk("group_routes", "school_id", "orgs", "CASCADE"),
        _fk("group_routes", "author_id", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_routes")),
    )
    op.create_index("ix_group_routes_school", "group_routes", ["school_id", "status"])
    op.create_table(
        "group_route_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        _at("added_at"),
        _at("left_at", True),
        _fk("group_route_members", "group_id", "group_routes", "CASCADE"),
        _fk("group_route_members", "person_id", "people", "CASCADE"),
        _fk("group_route_members", "added_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("group_id", "person_id", name=op.f("pk_group_route_members")),
    )
    op.create_index("ix_group_route_members_person", "group_route_members", ["person_id"])
    op.create_table(
        "group_route_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("plan_column", sa.String(24), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("added_by", sa.Integer(), nullable=True),
        _at("created_at"),
        _fk("group_route_activities", "group_id", "group_routes", "CASCADE"),
        _fk("group_route_activities", "added_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_route_activities")),
    )
    op.create_index(op.f("ix_group_route_activities_group_id"), "group_route_activities",
                    ["group_id"])
    op.create_table(
        "group_route_marks",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("evidence_url", sa.String(500), nullable=True),
        _at("done_at", True),
        sa.Column("ledger_id", sa.Integer(), nullable=True),
        _at("updated_at"),
        _fk("group_route_marks", "activity_id", "group_route_activities", "CASCADE"),
        _fk("group_route_marks", "person_id", "people", "CASCADE"),
        _fk("group_route_marks", "group_id", "group_routes", "CASCADE"),
        sa.PrimaryKeyConstraint("activity_id", "person_id", name=op.f("pk_group_route_marks")),
    )
    op.create_index("ix_group_route_marks_group", "group_route_marks", ["group_id"])


def downgrade() -> None:
    op.drop_index("ix_group_route_marks_group", table_name="group_route_marks")
    op.drop_table("group_route_marks")
    op.drop_index(op.f("ix_group_route_activities_group_id"),
                  table_name="group_route_activities")
    op.drop_table("group_route_activities")
    op.drop_index("ix_group_route_members_person", table_name="group_route_members")
    op.drop_table("group_route_members")
    op.drop_index("ix_group_routes_school", table_name="group_routes")
    op.drop_table("group_routes")

"""abonements: the «методический абонемент» — a school's request, its agreement, the school's
plan of events in hours and the plan's transfers (issue 18)

Revision ID: 0017_abonements
Revises: 0016_mentor_proposals
Create Date: 2026-12-01 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_abonements"
down_revision: str | Sequence[str] | None = "0016_mentor_proposals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "abonements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("three_party", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("curator_id", sa.Integer(), nullable=True),
        sa.Column("ordered_in_person", sa.Float(), nullable=False),
        sa.Column("ordered_remote", sa.Float(), nullable=False),
        sa.Column("ordered_self_study", sa.Float(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=True),
        _fk("abonements", "school_id", "orgs", "CASCADE"),
        _fk("abonements", "municipality_id", "orgs", "SET NULL"),
        _fk("abonements", "created_by", "people", "SET NULL"),
        _fk("abonements", "curator_id", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abonements")),
    )
    op.create_index("ix_abonements_school", "abonements", ["school_id"])
    op.create_index("ix_abonements_status", "abonements", ["status", "updated_at"])
    op.create_index("ix_abonements_curator", "abonements", ["curator_id"])
    op.create_table(
        "abonement_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("abonement_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _fk("abonement_history", "abonement_id", "abonements", "CASCADE"),
        _fk("abonement_history", "actor_id", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abonement_history")),
    )
    op.create_index("ix_abonement_history_abonement", "abonement_history", ["abonement_id"])
    op.create_table(
        "abonement_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("abonement_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("in_person", sa.Float(), nullable=False),
        sa.Column("remote", sa.Float(), nullable=False),
        sa.Column("self_study", sa.Float(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("abonement_items", "abonement_id", "abonements", "CASCADE"),
        _fk("abonement_items", "event_id", "events", "CASCADE"),
        _fk("abonement_items", "added_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abonement_items")),
    )
    op.create_index("ix_abonement_items_abonement", "abonement_items", ["abonement_id"])
    op.create_index("ix_abonement_items_event", "abonement_items", ["event_id"])
    op.create_table(
        "abonement_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("old_on", sa.Date(), nullable=False),
        sa.Column("new_on", sa.Date(), nullable=False),
        sa.Column("by", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _fk("abonement_transfers", "item_id", "abonement_items", "CASCADE"),
        _fk("abonement_transfers", "by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abonement_transfers")),
    )
    op.create_index("ix_abonement_transfers_item", "abonement_transfers", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_abonement_transfers_item", table_name="abonement_transfers")
    op.drop_table("abonement_transfers")
    op.drop_index("ix_abonement_items_event", table_name="abonement_items")
    op.drop_index("ix_abonement_items_abonement", table_name="abonement_items")
    op.drop_table("abonement_items")
    op.drop_index("ix_abonement_history_abonement", table_name="abonement_history")
    op.drop_table("abonement_history")
    op.drop_index("ix_abonements_curator", table_name="abonements")
    op.drop_index("ix_abonements_status", table_name="abonements")
    op.drop_index("ix_abonements_school", table_name="abonements")
    op.drop_table("abonements")

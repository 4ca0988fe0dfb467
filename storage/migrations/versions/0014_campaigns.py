"""campaigns and surveys: monitoring campaigns, their participants, survey definitions and
responses (issue 13)

Revision ID: 0014_campaigns
Revises: 0013_territory_speed
Create Date: 2026-11-30 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_campaigns"
down_revision: str | Sequence[str] | None = "0013_territory_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(48), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("surveys", "uploaded_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
        sa.UniqueConstraint("code", "version", name="uq_surveys_code_version"),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=True),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminders", sa.JSON(), nullable=False),
        sa.Column("reminded", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        _fk("campaigns", "author_id", "people", "SET NULL"),
        _fk("campaigns", "survey_id", "surveys", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_index("ix_campaigns_status_starts", "campaigns", ["status", "starts_at"])
    op.create_table(
        "campaign_participants",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        _fk("campaign_participants", "campaign_id", "campaigns", "CASCADE"),
        _fk("campaign_participants", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("campaign_id", "person_id", name=op.f("pk_campaign_participants")),
    )
    op.create_index("ix_campaign_participants_school", "campaign_participants",
                    ["campaign_id", "school_id"])
    op.create_index("ix_campaign_participants_municipality", "campaign_participants",
                    ["campaign_id", "municipality_id"])
    op.create_index("ix_campaign_participants_person", "campaign_participants", ["person_id"])
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("path", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        _fk("survey_responses", "campaign_id", "campaigns", "CASCADE"),
        _fk("survey_responses", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_survey_responses_person"),
    )
    op.create_index("ix_survey_responses_campaign_done", "survey_responses",
                    ["campaign_id", "completed_at"])


def downgrade() -> None:
    op.drop_index("ix_survey_responses_campaign_done", table_name="survey_responses")
    op.drop_table("survey_responses")
    op.drop_index("ix_campaign_participants_person", table_name="campaign_participants")
    op.drop_index("ix_campaign_participants_municipality", table_name="campaign_participants")
    op.drop_index("ix_campaign_participants_school", table_name="campaign_participants")
    op.drop_table("campaign_participants")
    op.drop_index("ix_campaigns_status_starts", table_name="campaigns")
    op.drop_table("campaigns")
    op.drop_table("surveys")

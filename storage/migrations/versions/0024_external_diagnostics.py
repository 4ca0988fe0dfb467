"""external diagnostics (issue 15): external_diagnoses and external_results, the route's
source (routes.external_diagnosis_id) and the teacher's education (people.education)

Revision ID: 0024_external_diagnostics
Revises: 0023_max_file_urls
Create Date: 2026-12-01 05:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024_external_diagnostics"
down_revision: str | Sequence[str] | None = "0023_max_file_urls"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "external_diagnoses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("instrument", sa.String(200), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("external_diagnoses", "person_id", "people", "CASCADE"),
        _fk("external_diagnoses", "entered_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_diagnoses")),
    )
    op.create_index("ix_external_diagnoses_person", "external_diagnoses",
                    ["person_id", "taken_on"])
    op.create_table(
        "external_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("diagnosis_id", sa.Integer(), nullable=False),
        sa.Column("group_code", sa.String(32), nullable=False),
        sa.Column("percent", sa.Float(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        _fk("external_results", "diagnosis_id", "external_diagnoses", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_results")),
    )
    op.create_index("ix_external_results_diagnosis", "external_results", ["diagnosis_id"])
    with op.batch_alter_table("routes") as batch:
        batch.add_column(sa.Column("external_diagnosis_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_routes_external_diagnosis_id_external_diagnoses",
                                 "external_diagnoses", ["external_diagnosis_id"], ["id"],
                                 ondelete="SET NULL")
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("education", sa.String(24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("education")
    with op.batch_alter_table("routes") as batch:
        batch.drop_constraint("fk_routes_external_diagnosis_id_external_diagnoses",
                              type_="foreignkey")
        batch.drop_column("external_diagnosis_id")
    op.drop_index("ix_external_results_diagnosis", "external_results")
    op.drop_table("external_results")
    op.drop_index("ix_external_diagnoses_person", "external_diagnoses")
    op.drop_table("external_diagnoses")

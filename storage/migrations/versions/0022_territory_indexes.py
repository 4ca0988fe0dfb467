"""territory dashboards index-driven at a region's scale: the scope's people with what the
figures group them by (index-only), people with a profile by school with their statuses (the
mentoring and activity totals), each person's latest diagnosis with every figure column (one
index-only probe a person)

Revision ID: 0022_territory_indexes
Revises: 0021_command_menus
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_territory_indexes"
down_revision: str | Sequence[str] | None = "0021_command_menus"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONBOARDED = "profile_completed_at IS NOT NULL AND consented_at IS NOT NULL"
PROFILED = "profile_completed_at IS NOT NULL"
GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")
#: (name, table, columns, included columns — PostgreSQL only, partial condition)
INDEXES = (
    ("ix_people_scope_figures", "people", ["municipality_id", "school_id", "id"],
     ["position", "category", "subjects", "statuses"], ONBOARDED),
    ("ix_people_school_profiled", "people", ["school_id"], ["statuses"], PROFILED),
    ("ix_diag_latest_figures", "diag_latest", ["person_id"],
     ["attempt_id", "completed_at", "total", "previous_total", *GROUPS,
      *(f"{g}_deficit" for g in GROUPS)], None),
)


def upgrade() -> None:
    for name, table, columns, include, where in INDEXES:
        partial = {"postgresql_where": sa.text(where), "sqlite_where": sa.text(where)} \
            if where else {}
        op.create_index(name, table, columns, postgresql_include=include, **partial)


def downgrade() -> None:
    for name, table, _columns, _include, _where in reversed(INDEXES):
        op.drop_index(name, table_name=table)

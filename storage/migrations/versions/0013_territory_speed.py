"""territory at the scale of a region: covering indexes for the figures' joins by person
(latest route per person, activities and hours of the scope's people, latest attempts'
deficits, course forms and registrations by person; onboarded people by municipality and
school, index-only); one active mentor per mentee (a partial
unique index over the pairs not yet ended)

Revision ID: 0013_territory_speed
Revises: 0012_max_identities
Create Date: 2026-11-30 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_territory_speed"
down_revision: str | Sequence[str] | None = "0012_max_identities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (name, table, columns): the same as storage/territory/models.py declares
INDEXES = (
    ("ix_routes_person_latest", "routes", ["person_id", "id", "status"]),
    ("ix_route_activities_person_route", "route_activities",
     ["person_id", "route_id", "status", "due"]),
    ("ix_hours_ledger_person_when", "hours_ledger", ["person_id", "occurred_at", "kind", "hours"]),
    ("ix_diag_deficits_attempt_indicator", "diag_deficits", ["attempt_id", "indicator_code"]),
    ("ix_course_forms_person_status", "course_forms", ["person_id", "status"]),
    ("ix_event_registrations_person_status", "event_registrations",
     ["person_id", "status", "attended_at", "event_id"]),
)


ONBOARDED = "profile_completed_at IS NOT NULL AND consented_at IS NOT NULL"
#: the scope's people, index-only (partial: onboarded people are the ones counted)
PEOPLE = (
    ("ix_people_scope_municipality", ["municipality_id", "school_id", "id"]),
    ("ix_people_scope_school", ["school_id", "municipality_id", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, columns in PEOPLE:
        op.create_index(name, "people", columns, postgresql_where=sa.text(ONBOARDED),
                        sqlite_where=sa.text(ONBOARDED))
    # a mentee has one mentor at a time: the lock and check in the service stay, the database
    # refuses a second active pair whatever the path
    active = sa.text("ended_on IS NULL")
    op.create_index("uq_mentoring_pairs_active_mentee", "mentoring_pairs", ["mentee_id"],
                    unique=True, postgresql_where=active, sqlite_where=active)


def downgrade() -> None:
    op.drop_index("uq_mentoring_pairs_active_mentee", table_name="mentoring_pairs")
    for name, _columns in reversed(PEOPLE):
        op.drop_index(name, table_name="people")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

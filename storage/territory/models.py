"""Tables of «Моя территория»: the coordinators' digest choice, and the index the scope's
registrations need. ``diag_latest`` (each teacher's latest diagnosis, which the figures read)
belongs to the diagnosis feature: storage/diagnosis/latest.py, re-exported here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.courses_models import CourseFormRow
from storage.diagnosis.latest import GROUP_COLUMNS, DiagLatestRow, latest_values
from storage.diagnosis_models import DiagDeficitRow
from storage.events_models import EventRegistrationRow, HoursLedgerRow
from storage.models import Base, PersonRow, UTCDateTime
from storage.route_models import RouteActivityRow, RouteRow


class TerritoryPrefRow(Base):
    """A coordinator's choice of digest: off, daily or weekly (no row: weekly)."""

    __tablename__ = "territory_prefs"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


#: registrations by person (a scope's registrations join people → registrations)
Index("ix_event_registrations_person", EventRegistrationRow.person_id)

# Covering indexes for the figures of a scope, read by person (migration 0011): each other
# feature's table, declared here because the territory's queries are what needs them.
#: the scope's people (onboarded, by municipality or school): index-only, not a heap scan
_ONBOARDED = text("profile_completed_at IS NOT NULL AND consented_at IS NOT NULL")
Index("ix_people_scope_municipality", PersonRow.municipality_id, PersonRow.school_id,
      PersonRow.id, postgresql_where=_ONBOARDED, sqlite_where=_ONBOARDED)
Index("ix_people_scope_school", PersonRow.school_id, PersonRow.municipality_id, PersonRow.id,
      postgresql_where=_ONBOARDED, sqlite_where=_ONBOARDED)
Index("ix_routes_person_latest", RouteRow.person_id, RouteRow.id, RouteRow.status)
Index("ix_route_activities_person_route", RouteActivityRow.person_id, RouteActivityRow.route_id,
      RouteActivityRow.status, RouteActivityRow.due)
Index("ix_hours_ledger_person_when", HoursLedgerRow.person_id, HoursLedgerRow.occurred_at,
      HoursLedgerRow.kind, HoursLedgerRow.hours)
Index("ix_diag_deficits_attempt_indicator", DiagDeficitRow.attempt_id,
      DiagDeficitRow.indicator_code)
Index("ix_course_forms_person_status", CourseFormRow.person_id, CourseFormRow.status)
Index("ix_event_registrations_person_status", EventRegistrationRow.person_id,
      EventRegistrationRow.status, EventRegistrationRow.attended_at,
      EventRegistrationRow.event_id)


# The dashboards index-driven at a region's scale (migration 0018): a municipality's figures
# probe the scope's people in these instead of hashing whole tables.
#: a scope's people with what the figures group them by: the people aggregate index-only
Index("ix_people_scope_figures", PersonRow.municipality_id, PersonRow.school_id, PersonRow.id,
      postgresql_include=["position", "category", "subjects", "statuses"],
      postgresql_where=_ONBOARDED, sqlite_where=_ONBOARDED)
#: the mentoring and activity totals: people with a profile, by school, with their statuses
_PROFILED = text("profile_completed_at IS NOT NULL")
Index("ix_people_school_profiled", PersonRow.school_id, postgresql_include=["statuses"],
      postgresql_where=_PROFILED, sqlite_where=_PROFILED)
#: each person's latest diagnosis with every figure column: one index-only probe a person
Index("ix_diag_latest_figures", DiagLatestRow.person_id,
      postgresql_include=["attempt_id", "completed_at", "total", "previous_total",
                          *GROUP_COLUMNS, *(f"{g}_deficit" for g in GROUP_COLUMNS)])


__all__ = ["GROUP_COLUMNS", "DiagLatestRow", "TerritoryPrefRow", "latest_values"]

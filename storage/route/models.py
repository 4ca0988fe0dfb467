"""Tables of the ИОМ (individual educational route): the route, its deficit plan rows, the
activities in the plan's columns, and the history of its agreement."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime, _now


class RouteRow(Base):
    """One ИОМ of one teacher. ``school_id`` decides whose school coordinator agrees it."""

    __tablename__ = "routes"
    __table_args__ = (
        Index("ix_routes_person", "person_id"),
        Index("ix_routes_status_submitted", "status", "submitted_at"),
        Index("ix_routes_school_status", "school_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="SET NULL"))
    #: the self-diagnosis attempt the draft was built from (diag_attempts.id; no constraint:
    #: the diagnosis keeps its own life cycle)
    attempt_id: Mapped[int | None] = mapped_column(Integer)
    #: the external diagnosis the draft was built from, when the teacher chose it
    external_diagnosis_id: Mapped[int | None] = mapped_column(
        ForeignKey("external_diagnoses.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    comment: Mapped[str | None] = mapped_column(Text)  # the last return comment
    conclusion: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class RoutePlanRow(Base):
    """One row of the deficit plan: a deficit (from the diagnosis or added by the school)."""

    __tablename__ = "route_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_id: Mapped[int] = mapped_column(
        ForeignKey("routes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    group_code: Mapped[str] = mapped_column(String(32))
    indicator: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    percent: Mapped[float | None] = mapped_column(Float)


class RouteActivityRow(Base):
    """An activity in one column of a plan row, with its status and evidence."""

    __tablename__ = "route_activities"
    __table_args__ = (
        Index("ix_route_activities_person_event", "person_id", "event_id"),
        Index("ix_route_activities_status_due", "status", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_id: Mapped[int] = mapped_column(
        ForeignKey("routes.id", ondelete="CASCADE"), index=True
    )
    row_id: Mapped[int] = mapped_column(ForeignKey("route_rows.id", ondelete="CASCADE"))
    #: the route's teacher (denormalised: lookups by person, and /mydata, /forgetme)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    plan_column: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(300))
    form: Mapped[str | None] = mapped_column(String(32))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(500))
    evidence_file_id: Mapped[str | None] = mapped_column(String(300))
    evidence_file_name: Mapped[str | None] = mapped_column(String(300))
    #: how it was done: manual, attendance, course_report
    done_source: Mapped[str | None] = mapped_column(String(16))
    done_ref: Mapped[int | None] = mapped_column(Integer)  # the course report's id
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    #: put in by the ready draft and not yet accepted by the teacher (0015_route_phone)
    proposed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: «Консультационные часы» (0019_route_versions): hours, who consults (a person in the
    #: bot, else the typed name is the title; ``form`` holds the role), the ledger's credit
    hours: Mapped[float | None] = mapped_column(Float)
    consultant_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    ledger_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class RouteEventRow(Base):
    """History: submissions, returns (with the comment), approval, start, completion."""

    __tablename__ = "route_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_id: Mapped[int] = mapped_column(
        ForeignKey("routes.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    revision: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class RouteVersionRow(Base):
    """A version of the route (0019_route_versions): the plan as it was when it was submitted,
    approved, returned, completed or rebuilt — rows, activities, period and status — for a
    read-only look back."""

    __tablename__ = "route_versions"
    __table_args__ = (UniqueConstraint("route_id", "number", name="uq_route_versions_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_id: Mapped[int] = mapped_column(
        ForeignKey("routes.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    snapshot: Mapped[dict[str, object]] = mapped_column(JSON)
    #: why (0031_route_ext): the return comment, the conclusion
    comment: Mapped[str | None] = mapped_column(Text)


__all__ = ["RouteActivityRow", "RouteEventRow", "RoutePlanRow", "RouteRow", "RouteVersionRow"]

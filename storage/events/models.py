"""Tables of events and courses: events, their sessions and audience, registrations, the
history of changes and the hours ledger (migration 0003_events)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models import Base, UTCDateTime


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_status_starts", "status", "starts_at"),
        Index("ix_events_organiser", "organiser_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))
    organiser_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="RESTRICT"))
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(String(500))
    hours_in_person: Mapped[float] = mapped_column(Float, default=0.0)
    hours_remote: Mapped[float] = mapped_column(Float, default=0.0)
    hours_self_study: Mapped[float] = mapped_column(Float, default=0.0)
    capacity: Mapped[int | None] = mapped_column(Integer)
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminders: Mapped[list[int]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="published")
    #: first start and last end over the sessions, kept in step with them (fast listing)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checkin_code: Mapped[str | None] = mapped_column(String(12))
    reschedules: Mapped[int] = mapped_column(Integer, default=0)
    #: for a subgroup of one school's staff only (domain.events.Subgroup; 0029_abon_subgroups):
    #: the school and «position=…» / «subject=…»; none: the whole audience
    subgroup_school_id: Mapped[int | None] = mapped_column(Integer)
    subgroup: Mapped[str | None] = mapped_column(String(80))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    sessions: Mapped[list[EventSessionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin",
        order_by="EventSessionRow.starts_at",
    )
    audience: Mapped[list[EventAudienceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin",
    )


class EventSessionRow(Base):
    __tablename__ = "event_sessions"
    __table_args__ = (Index("ix_event_sessions_starts", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventAudienceRow(Base):
    """Which org subtrees see an event: a school, a municipality (all its schools), a region."""

    __tablename__ = "event_audience"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    org_id: Mapped[int] = mapped_column(
        ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventRegistrationRow(Base):
    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id", name="uq_event_registrations_event_person"),
        Index("ix_event_registrations_event_status_seq", "event_id", "status", "seq"),
        Index("ix_event_registrations_status_offer", "status", "offer_expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    #: arrival number within the event, given under the event lock; orders the waitlist
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    offer_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkin_failures: Mapped[int] = mapped_column(Integer, default=0)


class EventChangeRow(Base):
    """History of an event: created, edited field by field, rescheduled, cancelled."""

    __tablename__ = "event_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class HoursLedgerRow(Base):
    """Hours credited to a teacher, by kind; one row per person, event and kind."""

    __tablename__ = "hours_ledger"
    __table_args__ = (
        UniqueConstraint("person_id", "event_id", "kind", name="uq_hours_ledger_person_event_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    hours: Mapped[float] = mapped_column(Float)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


__all__ = [
    "EventAudienceRow",
    "EventChangeRow",
    "EventRegistrationRow",
    "EventRow",
    "EventSessionRow",
    "HoursLedgerRow",
]

"""Tables of the group ИОМ (0025_group_routes, 0028_group_due): the route a school coordinator authored, its
members, its activities, and each member's own progress on each activity."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime, _now


class GroupRouteRow(Base):
    __tablename__ = "group_routes"
    __table_args__ = (Index("ix_group_routes_school", "school_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    group_code: Mapped[str] = mapped_column(String(32))
    indicator: Mapped[str | None] = mapped_column(String(64))
    deficit: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    conclusion: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class GroupMemberRow(Base):
    """A teacher in a group route; ``left_at`` when they left or were removed."""

    __tablename__ = "group_route_members"
    __table_args__ = (Index("ix_group_route_members_person", "person_id"),)

    group_id: Mapped[int] = mapped_column(
        ForeignKey("group_routes.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class GroupActivityRow(Base):
    """An activity of the group plan, in one of the plan's columns."""

    __tablename__ = "group_route_activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("group_routes.id", ondelete="CASCADE"), index=True)
    plan_column: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(300))
    due: Mapped[date | None] = mapped_column(Date, index=True)
    hours: Mapped[float | None] = mapped_column(Float)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class GroupMarkRow(Base):
    """One member's progress on one activity, and the hours ledger row it credited."""

    __tablename__ = "group_route_marks"
    __table_args__ = (Index("ix_group_route_marks_group", "group_id"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("group_route_activities.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group_routes.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(500))
    #: a file sent as evidence (0028_group_due): its messenger id and name (handlers/files.py)
    evidence_file_id: Mapped[str | None] = mapped_column(String(300))
    evidence_file_name: Mapped[str | None] = mapped_column(String(300))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ledger_id: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


__all__ = ["GroupActivityRow", "GroupMarkRow", "GroupMemberRow", "GroupRouteRow"]

"""Tables of the course forms: technical assignments and course reports, and their history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime, _now


class CourseFormRow(Base):
    """One technical assignment or course report; ``data`` holds the answers (a draft too)."""

    __tablename__ = "course_forms"
    __table_args__ = (
        Index("ix_course_forms_person_kind", "person_id", "kind"),
        Index("ix_course_forms_status_submitted", "status", "submitted_at"),
        Index("ix_course_forms_school_status", "school_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    #: the school whose coordinator reviews (the teacher's school when last submitted)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="SET NULL"))
    #: a report's technical assignment
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("course_forms.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(16), default="draft")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: a report's hours, set when it is submitted (what the hours ledger reads)
    hours: Mapped[int | None] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    comment: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class CourseFormEventRow(Base):
    """History: every submission (with a snapshot of the answers) and every decision."""

    __tablename__ = "course_form_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(
        ForeignKey("course_forms.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    revision: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


__all__ = ["CourseFormEventRow", "CourseFormRow"]

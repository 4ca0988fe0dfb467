"""Table of professional activity (seed 003): one record per competition, expert work or
practice (talk, open lesson, publication) of a teacher, with its verification."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class ActivityRecordRow(Base):
    __tablename__ = "activity_records"
    __table_args__ = (
        Index("ix_activity_records_person", "person_id"),
        Index("ix_activity_records_school_status", "school_id", "status"),
        Index("ix_activity_records_bank", "kind", "status", "competence_group"),
        # one record per person and competition event, whatever marks attendance twice
        Index("uq_activity_records_event", "person_id", "event_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    level: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    expert_role: Mapped[str | None] = mapped_column(String(16))
    practice: Mapped[str | None] = mapped_column(String(16))
    competence_group: Mapped[str | None] = mapped_column(String(32))
    abstract: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    file_id: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: the competition event whose attendance mark created the record (migration 0016)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))


__all__ = ["ActivityRecordRow"]

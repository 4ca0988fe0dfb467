"""Feedback after an event: one form per attendee per event, answered step by step."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class FeedbackRow(Base):
    __tablename__ = "event_feedback"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id", name="uq_event_feedback_event_person"),
        Index("ix_event_feedback_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    template: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(16))
    usefulness: Mapped[int | None] = mapped_column(SmallInteger)
    apply: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

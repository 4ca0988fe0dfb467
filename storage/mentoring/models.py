"""Tables of mentoring (seed 003): mentor–mentee pairs and the log of their meetings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class MentoringPairRow(Base):
    """A mentee with a mentor from ``started_on``; ended with the mentor's conclusion.
    Both people own the row (either one's erasure removes the pair)."""

    __tablename__ = "mentoring_pairs"
    __table_args__ = (
        Index("ix_mentoring_pairs_mentee", "mentee_id", "ended_on"),
        Index("ix_mentoring_pairs_mentor", "mentor_id", "ended_on"),
        Index("ix_mentoring_pairs_school", "school_id", "ended_on"),
        # one mentor per mentee at a time (migration 0011): the database refuses a second
        # active pair, whatever the path
        Index("uq_mentoring_pairs_active_mentee", "mentee_id", unique=True,
              postgresql_where=text("ended_on IS NULL"), sqlite_where=text("ended_on IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    #: the mentee's school when paired: whose coordinators watch the pair
    school_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="SET NULL"))
    started_on: Mapped[date] = mapped_column(Date)
    #: the mentee's deficits chosen as goals: [{"group", "indicator", "title"}]
    goals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    ended_on: Mapped[date | None] = mapped_column(Date)
    conclusion: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: the day of the last meeting whose silence was reminded / escalated: once per silence
    reminded_for: Mapped[date | None] = mapped_column(Date)
    escalated_for: Mapped[date | None] = mapped_column(Date)


class MentoringMeetingRow(Base):
    """One meeting of a pair; its hours go to both people's ledger once (``credited_at``)."""

    __tablename__ = "mentoring_meetings"
    __table_args__ = (Index("ix_mentoring_meetings_pair", "pair_id", "held_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_pairs.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200))
    hours: Mapped[float] = mapped_column(Float)
    file_id: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(200))
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    credited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MentorProposalRow(Base):
    """A mentor's proposal to the mentee's ИОМ (an activity or consultation hours) and the
    mentee's answer; ``activity_id`` is the ИОМ activity an accepted one became."""

    __tablename__ = "mentor_proposals"
    __table_args__ = (Index("ix_mentor_proposals_pair", "pair_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_pairs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    form: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    competence_group: Mapped[str | None] = mapped_column(String(32))
    row_id: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    activity_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


__all__ = ["MentorProposalRow", "MentoringMeetingRow", "MentoringPairRow"]

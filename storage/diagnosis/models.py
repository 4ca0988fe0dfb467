"""Self-diagnosis tables: instruments (versioned, never changed), attempts, deficit rows.

``diag_deficits`` is the deficit profile as other features read it: one row per deficit of a
completed attempt (the ИОМ's deficit plan; coordinators' counts by competence group).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class DiagInstrumentRow(Base):
    __tablename__ = "diag_instruments"
    __table_args__ = (UniqueConstraint("version", name="uq_diag_instruments_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    #: sha256 of the validated content: the same instrument whatever its layout
    checksum: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: the file as uploaded, comments included (an admin downloads it as a template)
    source: Mapped[str] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DiagAttemptRow(Base):
    """One pass through the questionnaire; answers are stored as the teacher goes."""

    __tablename__ = "diag_attempts"
    __table_args__ = (
        Index("ix_diag_attempts_person_status", "person_id", "status"),
        # at most one attempt in progress per person
        Index(
            "uq_diag_attempts_in_progress", "person_id", unique=True,
            sqlite_where=text("status = 'in_progress'"),
            postgresql_where=text("status = 'in_progress'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("diag_instruments.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    #: the statement shown now (0-based); equal to the number of statements: the finish screen
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: statement code → scale value
    answers: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    total_percent: Mapped[float | None] = mapped_column(Float)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # where the teacher worked at completion (counts by scope)
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL"), index=True
    )
    region_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL"), index=True
    )
    self_analysis: Mapped[str | None] = mapped_column(Text)
    self_analysis_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retake_unlocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retake_unlocked_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )


class DiagDeficitRow(Base):
    __tablename__ = "diag_deficits"
    __table_args__ = (
        Index("ix_diag_deficits_person_group", "person_id", "group_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("diag_attempts.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    #: subject, methodological, psycho_pedagogical, communicative
    group_code: Mapped[str] = mapped_column(String(32))
    indicator_code: Mapped[str] = mapped_column(String(48))
    #: the indicator's Russian title, as the ИОМ shows it
    title: Mapped[str] = mapped_column(String(300))
    percent: Mapped[float] = mapped_column(Float)
    #: 1 = the worst deficit of the attempt
    rank: Mapped[int] = mapped_column(Integer)


__all__ = ["DiagAttemptRow", "DiagDeficitRow", "DiagInstrumentRow"]

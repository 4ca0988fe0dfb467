"""Tables of external diagnostics: one result of a diagnosis run by someone else (a regional
ЦНППМ test) and its percent per competence group with the deficit indicators found."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime, _now


class ExternalDiagnosisRow(Base):
    __tablename__ = "external_diagnoses"
    __table_args__ = (Index("ix_external_diagnoses_person", "person_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date)
    operator: Mapped[str] = mapped_column(String(200))
    instrument: Mapped[str] = mapped_column(String(200))
    #: who entered it: the teacher or a coordinator of their scope
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    #: who corrected it last and when (0031_route_ext): the teacher or a coordinator in scope
    edited_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: section 3 of a route built on this diagnosis: the teacher's self-analysis of it
    self_analysis: Mapped[str | None] = mapped_column(Text)


class ExternalResultRow(Base):
    __tablename__ = "external_results"
    __table_args__ = (Index("ix_external_results_diagnosis", "diagnosis_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    diagnosis_id: Mapped[int] = mapped_column(
        ForeignKey("external_diagnoses.id", ondelete="CASCADE"))
    group_code: Mapped[str] = mapped_column(String(32))
    percent: Mapped[float] = mapped_column(Float)
    #: deficit indicator codes of the self-diagnosis instrument
    indicators: Mapped[list[str]] = mapped_column(JSON, default=list)

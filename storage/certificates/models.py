"""Certificates of participation: what each shows, as issued (a snapshot), under a unique
number anyone may check."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class CertificateRow(Base):
    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("number", name="uq_certificates_number"),
        UniqueConstraint("event_id", "person_id", name="uq_certificates_event_person"),
        UniqueConstraint("abonement_id", "person_id", name="uq_certificates_abonement_person"),
        Index("ix_certificates_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20))
    # the event may be deleted later: the certificate still checks out
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(String(200))
    event_title: Mapped[str] = mapped_column(String(200))
    event_form: Mapped[str] = mapped_column(String(32))
    organiser: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    hours_in_person: Mapped[float] = mapped_column(Float)
    hours_remote: Mapped[float] = mapped_column(Float)
    hours_self_study: Mapped[float] = mapped_column(Float)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # a listener's certificate of a «методический абонемент» (no single event: event_id NULL)
    abonement_id: Mapped[int | None] = mapped_column(
        ForeignKey("abonements.id", ondelete="SET NULL"))

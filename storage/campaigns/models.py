"""Tables of campaigns and surveys (migration 0014_campaigns).

* ``surveys``: a survey definition (data, like the instrument), versioned by ``code``;
* ``campaigns``: what (the self-diagnosis or a survey), who (broadcast audience filters),
  when (a window of local dates), reminders, anonymity;
* ``campaign_participants``: the audience materialised when the campaign opens (one
  ``INSERT … SELECT``), with the unit each teacher belonged to then;
* ``survey_responses``: a participant's answers, saved at every step.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class SurveyRow(Base):
    __tablename__ = "surveys"
    __table_args__ = (UniqueConstraint("code", "version", name="uq_surveys_code_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(48))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CampaignRow(Base):
    __tablename__ = "campaigns"
    __table_args__ = (Index("ix_campaigns_status_starts", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))  # diagnosis, survey
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id", ondelete="SET NULL"))
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    #: the window in UTC: local midnight of starts_on … local midnight after ends_on
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reminders: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: reminder stages already queued (each once)
    reminded: Mapped[list[Any]] = mapped_column(JSON, default=list)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))  # scheduled, open, closed
    total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CampaignParticipantRow(Base):
    __tablename__ = "campaign_participants"
    __table_args__ = (
        Index("ix_campaign_participants_school", "campaign_id", "school_id"),
        Index("ix_campaign_participants_municipality", "campaign_id", "municipality_id"),
        Index("ix_campaign_participants_person", "person_id"),
    )

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    school_id: Mapped[int | None] = mapped_column(Integer)
    municipality_id: Mapped[int | None] = mapped_column(Integer)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: finished: a survey response completed, or a self-diagnosis completed inside the window
    #: (domain.campaigns reacts to DiagnosisCompleted; opening fills it for earlier ones)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SurveyResponseRow(Base):
    __tablename__ = "survey_responses"
    __table_args__ = (
        UniqueConstraint("campaign_id", "person_id", name="uq_survey_responses_person"),
        Index("ix_survey_responses_campaign_done", "campaign_id", "completed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    school_id: Mapped[int | None] = mapped_column(Integer)
    municipality_id: Mapped[int | None] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: the questions shown, in order (back goes along it)
    path: Mapped[list[Any]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)  # index of the current question
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


__all__ = ["CampaignParticipantRow", "CampaignRow", "SurveyResponseRow", "SurveyRow"]

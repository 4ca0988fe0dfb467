"""Tables of the «методический абонемент» (migration 0017_abonements).

* ``abonements``: a school's request and, once accepted, its agreement (curator, the ordered
  volume by kind, the school year); the request's answers in ``request`` (JSON);
* ``abonement_history``: what happened to it, by whom, with a comment (a return);
* ``abonement_items``: the school's plan: a catalogue event with hours by kind and the date
  the agreement's plan gave it;
* ``abonement_transfers``: a plan event moved to another day (000 §7.4);
* ``abonement_campaigns``: the staff's diagnosis campaigns of an abonement, one per stage
  (start, final; migration 0027_abon_campaigns).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class AbonementRow(Base):
    __tablename__ = "abonements"
    __table_args__ = (
        Index("ix_abonements_school", "school_id"),
        Index("ix_abonements_status", "status", "updated_at"),
        Index("ix_abonements_curator", "curator_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL"))
    three_party: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(24))
    request: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    curator_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    ordered_in_person: Mapped[float] = mapped_column(Float, default=0.0)
    ordered_remote: Mapped[float] = mapped_column(Float, default=0.0)
    ordered_self_study: Mapped[float] = mapped_column(Float, default=0.0)
    school_year: Mapped[int | None] = mapped_column(Integer)
    # the certificate threshold: percent of the plan's hours a listener attends (0026_abon3)
    threshold_pct: Mapped[int] = mapped_column(Integer, default=50, server_default="50")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    agreed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AbonementHistoryRow(Base):
    __tablename__ = "abonement_history"
    __table_args__ = (Index("ix_abonement_history_abonement", "abonement_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    abonement_id: Mapped[int] = mapped_column(ForeignKey("abonements.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AbonementItemRow(Base):
    __tablename__ = "abonement_items"
    __table_args__ = (Index("ix_abonement_items_abonement", "abonement_id"),
                      Index("ix_abonement_items_event", "event_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    abonement_id: Mapped[int] = mapped_column(ForeignKey("abonements.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    in_person: Mapped[float] = mapped_column(Float, default=0.0)
    remote: Mapped[float] = mapped_column(Float, default=0.0)
    self_study: Mapped[float] = mapped_column(Float, default=0.0)
    planned_on: Mapped[date] = mapped_column(Date)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AbonementTransferRow(Base):
    __tablename__ = "abonement_transfers"
    __table_args__ = (Index("ix_abonement_transfers_item", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("abonement_items.id", ondelete="CASCADE"))
    old_on: Mapped[date] = mapped_column(Date)
    new_on: Mapped[date] = mapped_column(Date)
    by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AbonementChangeRow(Base):
    """A proposed change of a signed agreement (migration 0020_abon2): the volume before and
    the one proposed, the reason, which side proposed it, the other side's decision; since
    0029_abon_subgroups also a change of topics (``kind`` «topics»: the competence groups
    before and proposed, the volume the same)."""

    __tablename__ = "abonement_changes"
    __table_args__ = (Index("ix_abonement_changes_abonement", "abonement_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    abonement_id: Mapped[int] = mapped_column(ForeignKey("abonements.id", ondelete="CASCADE"))
    old_in_person: Mapped[float] = mapped_column(Float, default=0.0)
    old_remote: Mapped[float] = mapped_column(Float, default=0.0)
    old_self_study: Mapped[float] = mapped_column(Float, default=0.0)
    new_in_person: Mapped[float] = mapped_column(Float, default=0.0)
    new_remote: Mapped[float] = mapped_column(Float, default=0.0)
    new_self_study: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(Text)
    side: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12))
    proposed_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(12), default="volume", server_default="volume")
    old_groups: Mapped[list[str] | None] = mapped_column(JSON)
    new_groups: Mapped[list[str] | None] = mapped_column(JSON)


class AbonementCampaignRow(Base):
    """A diagnosis campaign of the school's staff linked to the abonement: at most one per
    stage (``start``, ``final``), a campaign to at most one abonement."""

    __tablename__ = "abonement_campaigns"
    __table_args__ = (UniqueConstraint("campaign_id", name="uq_abonement_campaigns_campaign"),)

    abonement_id: Mapped[int] = mapped_column(
        ForeignKey("abonements.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(8), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

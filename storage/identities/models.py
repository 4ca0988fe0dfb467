"""Linked messenger accounts and the one-time codes that link them (migration 0011)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class PersonIdentityRow(Base):
    """Another messenger's account of a person: updates from it act as that person."""

    __tablename__ = "person_identities"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_identity_channel_ext"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class IdentityLinkCodeRow(Base):
    """A one-time code a person got in one messenger to link an account in another."""

    __tablename__ = "identity_link_codes"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

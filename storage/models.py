"""Database schema. Change it only together with an Alembic migration (storage/migrations)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from domain.clock import SYSTEM_CLOCK

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both PostgreSQL and SQLite (which drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _now() -> datetime:
    """Bookkeeping stamp for rows whose repositories pass no time (an org, a grant): when the
    row was written, never an input to a rule, so it may come from the system clock."""
    return SYSTEM_CLOCK.now()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class OrgRow(Base):
    """Region ⊃ municipality ⊃ school. Ancestors are denormalised for one-query scope checks."""

    __tablename__ = "orgs"
    __table_args__ = (
        UniqueConstraint("kind", "parent_id", "name_key", name="uq_orgs_kind_parent_name"),
        Index("ix_orgs_parent_kind", "parent_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    #: casefolded name for search (SQLite's lower() knows only ASCII)
    name_key: Mapped[str] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="RESTRICT"))
    municipality_id: Mapped[int | None] = mapped_column(Integer)
    region_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class PersonRow(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_people_channel_ext"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_version: Mapped[int | None] = mapped_column(Integer)
    profile_completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    full_name: Mapped[str | None] = mapped_column(String(200))
    #: casefolded name for search in SQL (SQLite's lower() knows only ASCII)
    name_key: Mapped[str | None] = mapped_column(String(200))
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("orgs.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[str | None] = mapped_column(String(32))
    subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    experience_years: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(16))
    statuses: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: «Образование» (issue 15): an Education value, optional
    education: Mapped[str | None] = mapped_column(String(24))
    locale: Mapped[str | None] = mapped_column(String(8))
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    grants: Mapped[list[RoleGrantRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True,
        lazy="selectin",
    )


class RoleGrantRow(Base):
    __tablename__ = "role_grants"
    __table_args__ = (
        UniqueConstraint("person_id", "role", "org_id", name="uq_role_grants_person_role_org"),
        Index("ix_role_grants_org_role", "org_id", "role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)

    person: Mapped[PersonRow] = relationship(back_populates="grants")


class InviteRow(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    max_uses: Mapped[int] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class OutboxRow(Base):
    """Messages to deliver to people who did not write to the bot (ARCHITECTURE.md)."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_due", "status", "not_before"),
        # "is this the oldest unfinished message of its chat?" (per-chat order), and the
        # chat's last delivery (per-chat pacing): both look up one person's rows by status
        Index("ix_outbox_person_status", "person_id", "status"),
        # claiming by priority (a teacher's own messages before a broadcast's), and a
        # broadcast's progress and cancellation (storage/broadcasts)
        Index("ix_outbox_status_priority_due", "status", "priority", "not_before"),
        Index("ix_outbox_broadcast_status", "broadcast_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(100))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    buttons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    #: lower goes first: 0 a person's own notices, 10 broadcasts (domain/broadcasts)
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the broadcast this message belongs to (storage/broadcasts; no foreign key: the outbox
    #: does not depend on a feature's table)
    broadcast_id: Mapped[int | None] = mapped_column(Integer)


class OutboxPaceRow(Base):
    """Pacing shared by every sender process (bot/outbox.py): ``next_at`` is the earliest
    moment (epoch seconds) the next message may go out; a sender takes a slot by moving it
    on by 1/rate in the same transaction that marks its message as in flight. Flood control
    (``RetryAfter``) moves it past the pause, so every process waits, not only the refused one.
    """

    __tablename__ = "outbox_pace"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float)


class FsmStateRow(Base):
    """aiogram FSM state and data, so a conversation survives a restart."""

    __tablename__ = "fsm_states"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now, onupdate=_now)


__all__ = [
    "Base",
    "FsmStateRow",
    "InviteRow",
    "OrgRow",
    "OutboxPaceRow",
    "OutboxRow",
    "PersonRow",
    "RoleGrantRow",
]


class CommandMenuRow(Base):
    """The command menu set in a person's own chat (bot/commands.py): which roles' commands,
    in which language. No row: the bot's default menu (a teacher)."""

    __tablename__ = "command_menus"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    menu: Mapped[str] = mapped_column(String(40))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HandledUpdateRow(Base):
    """A Telegram update already handled (bot/redelivery.py, without Redis): written in the
    same transaction as the update's changes, so a repeat delivery of it (Telegram delivers an
    update again when its 200 came late) is skipped. Update ids are unique per bot only, hence
    the bot's id in the key. Kept a day (Telegram keeps an undelivered update that long), then
    pruned by the ``handled-updates`` job."""

    __tablename__ = "handled_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

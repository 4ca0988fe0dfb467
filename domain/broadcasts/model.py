"""Broadcasts as data: the message, its buttons, its lifecycle and its figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.audience import Audience


class BroadcastStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    PAUSED = "paused"  # quiet hours: resumes by itself
    DONE = "done"
    CANCELLED = "cancelled"


#: statuses a broadcast may be cancelled from
CANCELLABLE = (BroadcastStatus.SCHEDULED, BroadcastStatus.RUNNING, BroadcastStatus.PAUSED)
#: statuses in which recipients get messages
ACTIVE = (BroadcastStatus.RUNNING, BroadcastStatus.PAUSED)


class Kind(StrEnum):
    """What a recipient may switch off in Profile (service messages are not broadcasts)."""

    REGION = "region"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"
    EVENTS = "events"  # events matching my deficits (event announcements)


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


class ButtonKind(StrEnum):
    REGISTER = "register"  # «Записаться» on an event: one tap registers
    SECTION = "section"  # open a section of the bot


#: sections a broadcast button may open (domain.notifications.Section values)
SECTIONS = ("diagnosis", "route", "events", "courses")


@dataclass(frozen=True, slots=True)
class Button:
    kind: ButtonKind
    value: int | str  # an event id, or a section

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Button:
        kind = ButtonKind(data["kind"])
        value = data["value"]
        if kind is ButtonKind.REGISTER:
            return cls(kind, int(value))
        if value not in SECTIONS:
            raise ValueError(f"unknown section {value!r}")
        return cls(kind, str(value))


#: the placeholder a sender may put in the text; replaced by the recipient's first name
NAME_PLACEHOLDER = "{имя}"
NAME_PLACEHOLDERS = ("{имя}", "{name}")


@dataclass(frozen=True, slots=True)
class Content:
    """What recipients see. ``html`` is Telegram HTML built from the sender's formatting
    entities (aiogram's ``Message.html_text``: user text already escaped)."""

    html: str
    media_kind: MediaKind | None = None
    media_file_id: str | None = None
    buttons: tuple[Button, ...] = ()


@dataclass(slots=True)
class Broadcast:
    id: int
    author_id: int | None
    kind: Kind
    status: BroadcastStatus
    content: Content
    audience: Audience
    event_id: int | None = None
    scheduled_at: datetime | None = None
    started_at: datetime | None = None
    enqueued_at: datetime | None = None
    paused_until: datetime | None = None
    finished_at: datetime | None = None
    cancelled_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    total: int = 0
    report_message_id: int | None = None
    author_chat: str | None = None  # the author's messenger id (for the live progress)
    author_locale: str | None = None
    author_channel: str | None = None  # the author's messenger ("telegram" or "max")


@dataclass(frozen=True, slots=True)
class AudienceCount:
    """Before sending: who would get it."""

    matched: int  # everyone the filters select
    opted_out: int  # of them, switched this kind off
    blocked: int  # of them, blocked the bot (not opted out)

    @property
    def recipients(self) -> int:
        """Messages that will be sent: neither opted out nor blocked."""
        return max(self.matched - self.opted_out - self.blocked, 0)


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    queued: int
    sent: int
    blocked: int
    failed: int  # failed, unknown (never resent) and cancelled

    @property
    def finished(self) -> int:
        return self.sent + self.blocked + self.failed

    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.finished / self.total)

    def seconds_left(self, rate: float) -> int:
        return int(self.queued / rate) + (1 if self.queued else 0) if rate > 0 else 0


@dataclass(frozen=True, slots=True)
class AuditEntry:
    broadcast_id: int
    actor_id: int | None
    action: str  # created, scheduled, started, cancelled, done, duplicated
    at: datetime
    details: dict[str, Any] = field(default_factory=dict)


def first_name(full_name: str | None) -> str:
    """«Петрова Анна Сергеевна» → «Анна» (Фамилия Имя Отчество); one word stays as is."""
    parts = (full_name or "").split()
    if len(parts) >= 2:
        return parts[1]
    return parts[0] if parts else ""


def progress_bar(percent: int, width: int = 10) -> str:
    filled = max(0, min(width, round(percent * width / 100)))
    return "▓" * filled + "░" * (width - filled)

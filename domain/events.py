"""Methodical events and courses: catalogue, registration with seats and a waitlist,
reschedules, reminders, attendance and hours (seed 000 §VI–VII, 001, 003).

The rules live here; storage only supplies two primitives the rules rely on:

* ``uow.events.lock(event_id)`` — the event row is locked until the unit of work commits
  (``SELECT … FOR NO KEY UPDATE`` on PostgreSQL; on SQLite the first write of the transaction takes
  the database's single write lock). Every decision about seats is taken *after* the lock,
  on counts read under it, so concurrent registrations never oversell.
* ``seq`` — a per-event arrival number given under the lock; the waitlist is ordered by it.

Notifications name their buttons' targets (domain.notifications); the sender maps them to
the handlers' callback data.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.entities import Notification, Org
from domain.enums import OrgKind
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.notifications import (
    CancelRegistration,
    ConfirmSeat,
    DeclineSeat,
    OpenEvent,
    Span,
    Target,
)
from domain.outbox import notify
from domain.ports import UnitOfWork

# ---- vocabularies -------------------------------------------------------------------------


class EventForm(StrEnum):
    """Forms of methodical events (000 §VI, 003) and ДПП ПК courses."""

    SEMINAR = "seminar"  # семинар-практикум
    TRAINING = "training"  # тренинг
    MASTER_CLASS = "master_class"  # мастер-класс
    COACH_SESSION = "coach_session"  # коуч-сессия
    OPEN_LESSON = "open_lesson"  # открытый урок
    ROUND_TABLE = "round_table"  # круглый стол
    DEMO_VISIT = "demo_visit"  # демонстрационный выезд
    LANDING = "landing"  # педагогический десант
    CONSULTATION = "consultation"  # консультация
    INTERNSHIP = "internship"  # стажировка
    CONFERENCE = "conference"  # конференция
    METHODICAL_DAY = "methodical_day"  # методический день
    COMPETITION = "competition"  # конкурс
    COURSE = "course"  # курс ДПП ПК


class EventLevel(StrEnum):
    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"


#: the organiser of an event of a level is an org unit of this kind
LEVEL_ORG_KIND: dict[EventLevel, OrgKind] = {
    EventLevel.SCHOOL: OrgKind.SCHOOL,
    EventLevel.MUNICIPAL: OrgKind.MUNICIPALITY,
    EventLevel.REGIONAL: OrgKind.REGION,
}

#: the four competence groups (DOMAIN.md); the self-diagnosis uses the same codes
COMPETENCE_GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")


class EventStatus(StrEnum):
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class RegStatus(StrEnum):
    CONFIRMED = "confirmed"  # has a seat
    OFFERED = "offered"  # promoted from the waitlist: a seat is held until offer_expires_at
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"  # by the teacher (or a declined offer)
    EXPIRED = "expired"  # an offer not confirmed in time


ACTIVE = (RegStatus.CONFIRMED, RegStatus.OFFERED, RegStatus.WAITLISTED)
HOLDING = (RegStatus.CONFIRMED, RegStatus.OFFERED)


class HoursKind(StrEnum):
    IN_PERSON = "in_person"  # очные
    REMOTE = "remote"  # дистанционные
    SELF_STUDY = "self_study"  # самостоятельная работа


class ChangeKind(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


# ---- limits -------------------------------------------------------------------------------

TITLE_MIN, TITLE_MAX = 3, 200
PLACE_MAX = 300
URL_MAX = 500
DESCRIPTION_MAX = 2000
SESSIONS_MAX = 30
SESSION_MAX_LENGTH = timedelta(hours=12)
HORIZON = timedelta(days=2 * 366)
HOURS_MAX = 500.0
CAPACITY_MAX = 10_000
AUDIENCE_MAX = 50
DEFAULT_REMINDERS = (24 * 60, 60)  # minutes before each session
REMINDER_MIN, REMINDER_MAX = 5, 7 * 24 * 60
REMINDERS_MAX = 3
#: a promoted teacher has this long to confirm (never past the start of the event)
OFFER_TTL = timedelta(hours=12)
#: check-in by code: from an hour before the first session to this long after the last
CHECKIN_BEFORE = timedelta(hours=1)
CHECKIN_AFTER = timedelta(hours=12)
CHECKIN_ATTEMPTS = 5
CHECKIN_CODE_DIGITS = 6
#: organisers mark attendance from an hour before the start on
ATTENDANCE_FROM = timedelta(hours=1)
CATALOGUE_PAGE = 6
LIST_PAGE = 8


# ---- values -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hours:
    in_person: float = 0.0
    remote: float = 0.0
    self_study: float = 0.0

    @property
    def total(self) -> float:
        return self.in_person + self.remote + self.self_study

    def by_kind(self) -> dict[HoursKind, float]:
        return {
            HoursKind.IN_PERSON: self.in_person,
            HoursKind.REMOTE: self.remote,
            HoursKind.SELF_STUDY: self.self_study,
        }


@dataclass(frozen=True, slots=True)
class Session:
    starts_at: datetime
    ends_at: datetime
    id: int | None = None


@dataclass(slots=True)
class EventDraft:
    """Everything an organiser fills in; FSM data keeps it as ``to_dict()`` (JSON)."""

    title: str | None = None
    form: EventForm | None = None
    level: EventLevel | None = None
    organiser_id: int | None = None
    groups: list[str] = field(default_factory=list)
    description: str | None = None
    sessions: list[Session] = field(default_factory=list)
    place: str | None = None
    online_url: str | None = None
    hours: Hours = field(default_factory=Hours)
    capacity: int | None = None
    deadline: datetime | None = None
    audience: list[int] = field(default_factory=list)
    reminders: list[int] = field(default_factory=lambda: list(DEFAULT_REMINDERS))

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "form": self.form.value if self.form else None,
            "level": self.level.value if self.level else None,
            "organiser_id": self.organiser_id,
            "groups": list(self.groups),
            "description": self.description,
            "sessions": [[s.starts_at.isoformat(), s.ends_at.isoformat()] for s in self.sessions],
            "place": self.place,
            "online_url": self.online_url,
            "hours": [self.hours.in_person, self.hours.remote, self.hours.self_study],
            "capacity": self.capacity,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "audience": list(self.audience),
            "reminders": list(self.reminders),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> EventDraft:
        data = data or {}
        hours = data.get("hours") or [0, 0, 0]
        return cls(
            title=data.get("title"),
            form=EventForm(data["form"]) if data.get("form") else None,
            level=EventLevel(data["level"]) if data.get("level") else None,
            organiser_id=data.get("organiser_id"),
            groups=list(data.get("groups") or []),
            description=data.get("description"),
            sessions=[
                Session(datetime.fromisoformat(a), datetime.fromisoformat(b))
                for a, b in data.get("sessions") or []
            ],
            place=data.get("place"),
            online_url=data.get("online_url"),
            hours=Hours(*(float(h) for h in hours)),
            capacity=data.get("capacity"),
            deadline=datetime.fromisoformat(data["deadline"]) if data.get("deadline") else None,
            audience=list(data.get("audience") or []),
            reminders=list(data["reminders"]) if data.get("reminders") is not None
            else list(DEFAULT_REMINDERS),
        )


@dataclass(slots=True)
class Event:
    id: int
    title: str
    form: EventForm
    level: EventLevel
    organiser_id: int
    groups: list[str]
    description: str | None
    sessions: list[Session]
    place: str | None
    online_url: str | None
    hours: Hours
    capacity: int | None
    deadline: datetime | None
    audience: list[int]
    reminders: list[int]
    status: EventStatus
    created_by: int | None = None
    created_at: datetime | None = None
    checkin_code: str | None = None
    reschedules: int = 0

    @property
    def starts_at(self) -> datetime:
        return min(s.starts_at for s in self.sessions)

    @property
    def ends_at(self) -> datetime:
        return max(s.ends_at for s in self.sessions)

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    def registration_closes_at(self) -> datetime:
        """The deadline, never later than the start."""
        return min(self.deadline, self.starts_at) if self.deadline else self.starts_at

    def draft(self) -> EventDraft:
        return EventDraft(
            title=self.title, form=self.form, level=self.level, organiser_id=self.organiser_id,
            groups=list(self.groups), description=self.description,
            sessions=[Session(s.starts_at, s.ends_at) for s in self.sessions],
            place=self.place, online_url=self.online_url, hours=self.hours,
            capacity=self.capacity, deadline=self.deadline, audience=list(self.audience),
            reminders=list(self.reminders),
        )


@dataclass(slots=True)
class Registration:
    id: int
    event_id: int
    person_id: int
    status: RegStatus
    seq: int
    created_at: datetime
    offer_expires_at: datetime | None = None
    attended_at: datetime | None = None
    cancelled_at: datetime | None = None
    checkin_failures: int = 0

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


@dataclass(frozen=True, slots=True)
class SeatCounts:
    confirmed: int = 0
    offered: int = 0
    waitlisted: int = 0
    attended: int = 0
    last_seq: int = 0  # the latest arrival number given (every status)

    @property
    def held(self) -> int:
        return self.confirmed + self.offered


@dataclass(frozen=True, slots=True)
class EventChange:
    event_id: int
    kind: ChangeKind
    field: str | None
    old: Any
    new: Any
    by: int | None
    at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Registrant:
    """A registration with the person's name and school, for organisers' lists."""

    registration: Registration
    full_name: str | None
    school: str | None
    municipality: str | None
    position: int | None = None  # in the waitlist


@dataclass(frozen=True, slots=True)
class ReminderTarget:
    event_id: int
    title: str
    place: str | None
    online_url: str | None
    reminders: tuple[int, ...]
    session_id: int
    starts_at: datetime
    ends_at: datetime
    person_id: int
    registered_at: datetime


# ---- small pure rules -------------------------------------------------------------------


def seats_left(capacity: int | None, counts: SeatCounts) -> int | None:
    """None means unlimited."""
    if capacity is None:
        return None
    return max(capacity - counts.held, 0)


def registration_error(event: Event, now: datetime) -> ValidationError | None:
    """Why a new registration is refused, or None."""
    if event.is_cancelled:
        return ValidationError("ev-error-cancelled")
    if event.starts_at <= now:
        return ValidationError("ev-error-started")
    if event.deadline is not None and event.deadline <= now:
        return ValidationError("ev-error-deadline")
    return None


def place_for_newcomer(capacity: int | None, counts: SeatCounts) -> RegStatus:
    """A seat only if one is free and nobody is waiting: a newcomer never jumps the queue."""
    left = seats_left(capacity, counts)
    if left is None or (left > 0 and counts.waitlisted == 0):
        return RegStatus.CONFIRMED
    return RegStatus.WAITLISTED


def seats_to_offer(capacity: int | None, counts: SeatCounts) -> int:
    """How many people from the head of the waitlist get an offer now."""
    left = seats_left(capacity, counts)
    return counts.waitlisted if left is None else min(left, counts.waitlisted)


def offer_expiry(now: datetime, event: Event) -> datetime:
    return min(now + OFFER_TTL, event.starts_at)


def due_reminder(
    starts_at: datetime, reminders: Sequence[int], registered_at: datetime, now: datetime
) -> int | None:
    """The reminder (minutes before the start) to record now, or None.

    Only the nearest due one: after downtime a stale "tomorrow" reminder is not sent next to
    the "in an hour" one. A reminder whose moment passed before the person registered is not
    sent at all (someone registering three hours ahead gets only the one-hour reminder).
    """
    if now >= starts_at:
        return None
    due = [
        m for m in reminders
        if starts_at - timedelta(minutes=m) <= now
        and starts_at - timedelta(minutes=m) >= registered_at
    ]
    return min(due) if due else None


def reminder_key(target: ReminderTarget, minutes: int) -> str:
    """Recorded once per person, session, start time and offset (a reschedule makes new keys)."""
    return (
        f"{reminder_prefix(target.event_id, target.person_id)}s{target.session_id}:"
        f"{int(target.starts_at.timestamp())}:{minutes}"
    )


def reminder_prefix(event_id: int, person_id: int | None = None) -> str:
    return f"ev-rem:e{event_id}:" + (f"p{person_id}:" if person_id is not None else "")


def visible_to(event: Event, viewer_orgs: Iterable[int]) -> bool:
    return bool(set(event.audience) & set(viewer_orgs))


def rank_for_deficits(event: Event, deficits: Sequence[str]) -> int:
    """0 for events addressing one of the teacher's deficit groups, 1 otherwise."""
    return 0 if deficits and set(event.groups) & set(deficits) else 1


def sort_catalogue(events: Iterable[Event], deficits: Sequence[str]) -> list[Event]:
    """Events matching the latest deficits first, then by start."""
    return sorted(events, key=lambda e: (rank_for_deficits(e, deficits), e.starts_at, e.id))


def checkin_window(event: Event) -> tuple[datetime, datetime]:
    return event.starts_at - CHECKIN_BEFORE, event.ends_at + CHECKIN_AFTER


def new_checkin_code() -> str:
    return f"{secrets.randbelow(10 ** CHECKIN_CODE_DIGITS):0{CHECKIN_CODE_DIGITS}d}"


def month_bounds(month: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """"202612" → [1 Dec 2026 00:00, 1 Jan 2027 00:00) in the local zone, as UTC."""
    if not re.fullmatch(r"\d{6}", month):
        raise ValidationError("error-choice-unknown")
    year, mon = int(month[:4]), int(month[4:])
    if not 1 <= mon <= 12:
        raise ValidationError("error-choice-unknown")
    start = datetime(year, mon, 1, tzinfo=tz)
    end = datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def next_months(now: datetime, tz: ZoneInfo, count: int = 6) -> list[str]:
    local = now.astimezone(tz)
    y, m = local.year, local.month
    out = []
    for _ in range(count):
        out.append(f"{y:04d}{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ---- parsing what an organiser types (shared by the conversation and the import) --------

_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"
_TIME = r"(\d{1,2})[:.](\d{2})"
_SESSION = re.compile(
    rf"^{_DATE}[,\s]+{_TIME}\s*[-–—]\s*(?:{_DATE}[,\s]+)?{_TIME}$"
)
_DATETIME = re.compile(rf"^{_DATE}(?:[,\s]+{_TIME})?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _clean(value: object) -> str:
    return " ".join(str(value or "").split())


def _local(tz: ZoneInfo, d: str, mo: str, y: str, h: str, mi: str) -> datetime:
    year = int(y) + (2000 if len(y) == 2 else 0)
    return datetime(year, int(mo), int(d), int(h), int(mi), tzinfo=tz).astimezone(UTC)


def parse_title(text: object) -> str:
    title = _clean(text)
    if not title:
        raise ValidationError("ev-error-title-empty")
    if len(title) < TITLE_MIN:
        raise ValidationError("ev-error-title-short", min=TITLE_MIN)
    if len(title) > TITLE_MAX:
        raise ValidationError("ev-error-title-long", max=TITLE_MAX)
    return title


def parse_sessions(text: object, tz: ZoneInfo, now: datetime) -> list[Session]:
    """One session per line (or separated by «;»): ``25.12.2026 10:00-13:00``."""
    lines = [_clean(x) for x in re.split(r"[\n;]+", str(text or ""))]
    lines = [x for x in lines if x]
    if not lines:
        raise ValidationError("ev-error-sessions-empty")
    if len(lines) > SESSIONS_MAX:
        raise ValidationError("ev-error-sessions-many", max=SESSIONS_MAX)
    sessions = []
    for n, line in enumerate(lines, 1):
        m = _SESSION.match(line)
        if not m:
            raise ValidationError("ev-error-session-format", line=n, text=line[:40])
        g = m.groups()
        try:
            start = _local(tz, g[0], g[1], g[2], g[3], g[4])
            if g[5]:
                end = _local(tz, g[5], g[6], g[7], g[8], g[9])
            else:
                end = _local(tz, g[0], g[1], g[2], g[8], g[9])
        except ValueError:
            raise ValidationError("ev-error-session-date", line=n, text=line[:40]) from None
        if end <= start:
            raise ValidationError("ev-error-session-order", line=n)
        if end - start > SESSION_MAX_LENGTH:
            raise ValidationError("ev-error-session-long", line=n,
                                  max=int(SESSION_MAX_LENGTH.total_seconds() // 3600))
        if start <= now:
            raise ValidationError("ev-error-session-past", line=n)
        if start > now + HORIZON:
            raise ValidationError("ev-error-session-far", line=n)
        sessions.append(Session(start, end))
    sessions.sort(key=lambda s: s.starts_at)
    for a, b in pairwise(sessions):
        if b.starts_at < a.ends_at:
            raise ValidationError("ev-error-sessions-overlap")
    return sessions


def parse_datetime(text: object, tz: ZoneInfo, end_of_day: bool = True) -> datetime:
    """``25.12.2026 10:00`` or ``25.12.2026`` (the end of that day, local time)."""
    value = _clean(text)
    m = _DATETIME.match(value)
    if not m:
        raise ValidationError("ev-error-datetime-format")
    d, mo, y, h, mi = m.groups()
    try:
        if h is None:
            day = date(int(y) + (2000 if len(y) == 2 else 0), int(mo), int(d))
            moment = time(23, 59) if end_of_day else time(0, 0)
            return datetime.combine(day, moment, tzinfo=tz).astimezone(UTC)
        return _local(tz, d, mo, y, h, mi)
    except ValueError:
        raise ValidationError("ev-error-datetime-format") from None


def parse_deadline(text: object, tz: ZoneInfo, now: datetime,
                   sessions: Sequence[Session]) -> datetime:
    deadline = parse_datetime(text, tz)
    if deadline <= now:
        raise ValidationError("ev-error-deadline-past")
    if sessions and deadline > min(s.starts_at for s in sessions):
        raise ValidationError("ev-error-deadline-after-start")
    return deadline


def parse_hour_value(value: object) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    if isinstance(value, bool):
        raise ValidationError("ev-error-hours-value")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValidationError("ev-error-hours-value")
        number = float(text)
    if number < 0 or number > HOURS_MAX:
        raise ValidationError("ev-error-hours-range", max=int(HOURS_MAX))
    if abs(number * 2 - round(number * 2)) > 1e-9:
        raise ValidationError("ev-error-hours-step")
    return round(number * 2) / 2


def parse_hours(text: object) -> Hours:
    """``6 2 0`` — очные, дистанционные, самостоятельная работа; «6» alone means 6 очных."""
    raw = str(text or "").strip()
    raw = re.sub(r"[;/|]", " ", raw)
    raw = re.sub(r",\s+", " ", raw)
    tokens = raw.split()
    if not tokens or len(tokens) > 3:
        raise ValidationError("ev-error-hours-format")
    if not all(re.fullmatch(r"\d+([.,]\d+)?", t) for t in tokens):
        raise ValidationError("ev-error-hours-format")
    values = [parse_hour_value(t) for t in tokens] + [0.0, 0.0]
    hours = Hours(*values[:3])
    if hours.total <= 0:
        raise ValidationError("ev-error-hours-zero")
    return hours


def parse_capacity(value: object) -> int | None:
    """A number of seats; empty means unlimited."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not re.fullmatch(r"\d+", text):
        raise ValidationError("ev-error-capacity-format")
    number = int(text)
    if not 1 <= number <= CAPACITY_MAX:
        raise ValidationError("ev-error-capacity-range", max=CAPACITY_MAX)
    return number


def parse_place(text: object) -> str:
    place = _clean(text)
    if not place:
        raise ValidationError("ev-error-place-empty")
    if len(place) > PLACE_MAX:
        raise ValidationError("ev-error-place-long", max=PLACE_MAX)
    return place


def parse_url(text: object) -> str:
    url = str(text or "").strip()
    if len(url) > URL_MAX or not _URL.match(url):
        raise ValidationError("ev-error-url")
    return url


def parse_description(text: object) -> str:
    value = str(text or "").strip()
    if len(value) > DESCRIPTION_MAX:
        raise ValidationError("ev-error-description-long", max=DESCRIPTION_MAX)
    return value


_REMINDER = re.compile(r"^(\d+)\s*(ч|час[а-я]*|h|hours?|м|мин[а-я]*|m|min|д|дн[а-я]*|d|days?)?$")


def parse_reminders(text: object) -> list[int]:
    """``24ч 1ч`` / ``30 мин`` / ``0`` (no reminders); a bare number is hours."""
    raw = _clean(str(text or "").casefold().replace(",", " ").replace(";", " "))
    if raw in ("0", "нет", "no", "none", "-"):
        return []
    tokens = re.findall(r"\d+\s*[^\d\s]*", raw)
    if not tokens or re.sub(r"\d+\s*[^\d\s]*", "", raw).strip():
        raise ValidationError("ev-error-reminders-format")
    minutes = []
    for token in tokens:
        m = _REMINDER.match(token.strip())
        if not m:
            raise ValidationError("ev-error-reminders-format")
        number, unit = int(m.group(1)), (m.group(2) or "ч")
        if unit[0] in "мm":
            value = number
        elif unit[0] in "дd":
            value = number * 24 * 60
        else:
            value = number * 60
        if not REMINDER_MIN <= value <= REMINDER_MAX:
            raise ValidationError("ev-error-reminders-range")
        minutes.append(value)
    unique = sorted(set(minutes), reverse=True)
    if len(unique) > REMINDERS_MAX:
        raise ValidationError("ev-error-reminders-many", max=REMINDERS_MAX)
    return unique


def parse_groups(values: Iterable[str]) -> list[str]:
    groups = []
    for value in values:
        if value not in COMPETENCE_GROUPS:
            raise ValidationError("ev-error-group", value=str(value)[:40])
        if value not in groups:
            groups.append(value)
    return [g for g in COMPETENCE_GROUPS if g in groups]


# ---- permissions ----------------------------------------------------------------------------


def require_organiser(actor: Actor, organiser: Org) -> None:
    """Admins anywhere; coordinators for organisers inside their scope."""
    if not (actor.is_admin or actor.is_coordinator):
        raise AccessDenied()
    actor.require_covers(organiser)


def can_organise(actor: Actor, organiser: Org) -> bool:
    return (actor.is_admin or actor.is_coordinator) and actor.covers(organiser)


def levels_for(actor: Actor, scope_orgs: Iterable[Org]) -> list[EventLevel]:
    """Levels the actor can organise at: an admin all; a coordinator its scope kind and below."""
    if actor.is_admin:
        return list(EventLevel)
    kinds = {o.kind for o in scope_orgs}
    out = []
    if OrgKind.REGION in kinds:
        out.append(EventLevel.REGIONAL)
    if kinds & {OrgKind.REGION, OrgKind.MUNICIPALITY}:
        out.append(EventLevel.MUNICIPAL)
    if kinds:
        out.append(EventLevel.SCHOOL)
    return [lvl for lvl in EventLevel if lvl in out]


async def scope_orgs(uow: UnitOfWork, actor: Actor) -> list[Org]:
    ids = [g.org_id for g in actor.scope_grants() if g.org_id is not None]
    found = await uow.orgs.get_many(ids)
    return [found[i] for i in sorted(found)]


async def scope_ids(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    """Org ids whose subtrees the actor manages; None for an admin (everything)."""
    if actor.is_admin:
        return None
    return sorted({g.org_id for g in actor.scope_grants() if g.org_id is not None})


async def check_draft(
    uow: UnitOfWork, actor: Actor, draft: EventDraft, now: datetime, *, new: bool = True
) -> Org:
    """Completeness and coherence of a draft; returns the organiser org."""
    missing = [
        name for name, ok in (
            ("title", draft.title), ("form", draft.form), ("level", draft.level),
            ("organiser", draft.organiser_id), ("sessions", draft.sessions),
            ("hours", draft.hours.total > 0),
        ) if not ok
    ]
    if missing:
        raise ValidationError("ev-error-incomplete", field=missing[0])
    assert draft.level is not None and draft.organiser_id is not None
    organiser = await uow.orgs.get(draft.organiser_id)
    if organiser is None:
        raise NotFound("error-org-not-found")
    if organiser.kind is not LEVEL_ORG_KIND[draft.level]:
        raise ValidationError("ev-error-organiser-kind")
    require_organiser(actor, organiser)
    if not draft.place and not draft.online_url:
        raise ValidationError("ev-error-place-or-link")
    first = min(s.starts_at for s in draft.sessions)
    if draft.deadline is not None and draft.deadline > first:
        raise ValidationError("ev-error-deadline-after-start")
    if new and first <= now:
        raise ValidationError("ev-error-session-past", line=1)
    if not draft.audience:
        draft.audience = [organiser.id]
    if len(draft.audience) > AUDIENCE_MAX:
        raise ValidationError("ev-error-audience-many", max=AUDIENCE_MAX)
    found = await uow.orgs.get_many(draft.audience)
    for org_id in draft.audience:
        org = found.get(org_id)
        if org is None:
            raise NotFound("error-org-not-found")
        if organiser.id not in org.ancestors_and_self():
            raise ValidationError("ev-error-audience-outside", org=org.name)
    return organiser


# ---- who sees what --------------------------------------------------------------------------


async def viewer_orgs(uow: UnitOfWork, person_id: int) -> frozenset[int]:
    """The school, municipality and region of a person: an event is visible if its audience
    names one of them."""
    person = await uow.people.get(person_id)
    if person is None:
        return frozenset()
    ids: set[int] = set()
    for org_id in (person.profile.school_id, person.profile.municipality_id):
        if org_id:
            org = await uow.orgs.get(org_id)
            if org is not None:
                ids |= org.ancestors_and_self()
    for grant in person.grants:  # a coordinator sees what is offered inside its scope
        if grant.org_id:
            org = await uow.orgs.get(grant.org_id)
            if org is not None:
                ids |= org.ancestors_and_self()
    return frozenset(ids)


async def _event(uow: UnitOfWork, event_id: int) -> Event:
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    return event


async def _organiser_of(uow: UnitOfWork, event: Event) -> Org:
    org = await uow.orgs.get(event.organiser_id)
    if org is None:
        raise NotFound("error-org-not-found")
    return org


async def require_manage(uow: UnitOfWork, actor: Actor, event: Event) -> Org:
    organiser = await _organiser_of(uow, event)
    require_organiser(actor, organiser)
    return organiser


# ---- teachers: the catalogue and the card --------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogueFilter:
    form: EventForm | None = None
    level: EventLevel | None = None
    month: str | None = None  # YYYYMM, local time


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    event: Event
    counts: SeatCounts
    mine: Registration | None
    matches_deficits: bool


@dataclass(frozen=True, slots=True)
class CataloguePage:
    items: list[CatalogueItem]
    total: int
    page: int
    pages: int
    deficits: list[str]


async def catalogue(
    uow: UnitOfWork, actor: Actor, flt: CatalogueFilter, page: int, tz: ZoneInfo, now: datetime,
    page_size: int = CATALOGUE_PAGE,
) -> CataloguePage:
    """Upcoming events visible to the person, those matching their latest deficits first."""
    orgs = await viewer_orgs(uow, actor.person_id)
    start_from = start_to = None
    if flt.month:
        start_from, start_to = month_bounds(flt.month, tz)
    events = await uow.events.upcoming(
        sorted(orgs), now, flt.form, flt.level, start_from, start_to
    )
    deficits = [g for g in await uow.deficits.latest_groups(actor.person_id)
                if g in COMPETENCE_GROUPS]
    ordered = sort_catalogue(events, deficits)
    total = len(ordered)
    pages = max((total + page_size - 1) // page_size, 1)
    page = min(max(page, 0), pages - 1)
    chunk = ordered[page * page_size:(page + 1) * page_size]
    counts = await uow.events.counts_many([e.id for e in chunk])
    mine = await uow.events.registrations_for(actor.person_id, [e.id for e in chunk])
    items = [
        CatalogueItem(e, counts.get(e.id, SeatCounts()), mine.get(e.id),
                      rank_for_deficits(e, deficits) == 0)
        for e in chunk
    ]
    return CataloguePage(items, total, page, pages, deficits)


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    organiser: Org
    counts: SeatCounts
    mine: Registration | None
    position: int | None  # in the waitlist
    can_manage: bool
    can_register: bool
    closed_reason: str | None  # a locale key when registration is closed


async def event_view(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime) -> EventView:
    """An event as the person sees it. Hidden events are refused unless the person is
    registered or manages the organiser (a forged id is not a way in)."""
    event = await _event(uow, event_id)
    organiser = await _organiser_of(uow, event)
    mine = await uow.events.registration_of(event.id, actor.person_id)
    manage = can_organise(actor, organiser)
    if not manage and mine is None and (
        event.is_cancelled or not visible_to(event, await viewer_orgs(uow, actor.person_id))
    ):
        raise NotFound("ev-error-not-found")
    counts = await uow.events.counts(event.id)
    position = None
    if mine is not None and mine.status is RegStatus.WAITLISTED:
        position = await uow.events.waitlist_position(event.id, mine.seq)
    error = registration_error(event, now)
    can_register = error is None and (mine is None or not mine.is_active)
    return EventView(event, organiser, counts, mine, position, manage, can_register,
                     error.key if error else None)


# ---- teachers: register, cancel, confirm ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistrationOutcome:
    registration: Registration
    position: int | None


async def register(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime
                   ) -> RegistrationOutcome:
    """A seat if one is free, otherwise the end of the waitlist. Atomic under the event lock."""
    orgs = await viewer_orgs(uow, actor.person_id)  # read before the lock: short critical part
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    if not visible_to(event, orgs):
        raise NotFound("ev-error-not-found")
    error = registration_error(event, now)
    if error is not None:
        raise error
    existing = await uow.events.registration_of(event.id, actor.person_id)
    if existing is not None and existing.is_active:
        raise ValidationError("ev-error-already-registered")
    counts = await uow.events.counts(event.id)
    status = place_for_newcomer(event.capacity, counts)
    reg = await uow.events.save_registration(Registration(
        id=existing.id if existing else 0, event_id=event.id, person_id=actor.person_id,
        status=status, seq=counts.last_seq + 1, created_at=now,
    ), now)
    position = None
    if status is RegStatus.WAITLISTED:
        position = counts.waitlisted + 1
    return RegistrationOutcome(reg, position)


async def _own_registration(uow: UnitOfWork, actor: Actor, event_id: int) -> Registration:
    reg = await uow.events.registration_of(event_id, actor.person_id)
    if reg is None:
        raise NotFound("ev-error-no-registration")
    actor.require_self(reg.person_id)
    return reg


async def cancel_registration(uow: UnitOfWork, actor: Actor, event_id: int, tz: ZoneInfo,
                              now: datetime) -> Registration:
    """The teacher leaves (a seat, an offer or the waitlist); a freed seat goes to the head of
    the waitlist; reminders already queued for this person are dropped."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    reg = await _own_registration(uow, actor, event.id)
    if not reg.is_active:
        raise ValidationError("ev-error-not-registered")
    if event.ends_at <= now:
        raise ValidationError("ev-error-past")
    freed = reg.status in HOLDING
    reg.status, reg.cancelled_at, reg.offer_expires_at = RegStatus.CANCELLED, now, None
    await uow.events.save_registration(reg, now)
    await uow.events.drop_pending(reminder_prefix(event.id, actor.person_id))
    if freed:
        await fill_free_seats(uow, event, tz, now)
    return reg


async def confirm_offer(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime
                        ) -> Registration:
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    reg = await _own_registration(uow, actor, event.id)
    if reg.status is RegStatus.CONFIRMED:
        return reg
    if reg.status is not RegStatus.OFFERED:
        raise ValidationError("ev-error-no-offer")
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if reg.offer_expires_at is not None and reg.offer_expires_at <= now:
        raise ValidationError("ev-error-offer-expired")
    reg.status, reg.offer_expires_at = RegStatus.CONFIRMED, None
    return await uow.events.save_registration(reg, now)


async def fill_free_seats(uow: UnitOfWork, event: Event, tz: ZoneInfo, now: datetime) -> int:
    """Offer free seats to the head of the waitlist, in arrival order. Call under the lock."""
    if event.is_cancelled or event.starts_at <= now:
        return 0
    counts = await uow.events.counts(event.id)
    n = seats_to_offer(event.capacity, counts)
    if n <= 0:
        return 0
    expires = offer_expiry(now, event)
    for reg in await uow.events.waitlist_head(event.id, n):
        reg.status, reg.offer_expires_at = RegStatus.OFFERED, expires
        await uow.events.save_registration(reg, now)
        await notify(uow, Notification(
            person_id=reg.person_id,
            key="ev-notice-offer",
            params={"title": event.title, "when": spans(event.sessions), "until": expires},
            targets=(ConfirmSeat(event.id), DeclineSeat(event.id)),
        ), now)
    return n


async def expire_offers(uow: UnitOfWork, event_id: int, tz: ZoneInfo, now: datetime) -> int:
    """Offers not confirmed in time expire; the seat goes to the next in line."""
    event = await uow.events.lock(event_id)
    if event is None:
        return 0
    expired = 0
    for reg in await uow.events.offers_due(event.id, now):
        reg.status, reg.offer_expires_at = RegStatus.EXPIRED, None
        await uow.events.save_registration(reg, now)
        expired += 1
        if event.is_cancelled:  # they were told about the cancellation already
            continue
        await notify(uow, Notification(
            person_id=reg.person_id, key="ev-notice-offer-expired",
            params={"title": event.title},
            targets=(OpenEvent(event.id),),
        ), now)
    if expired:
        await fill_free_seats(uow, event, tz, now)
    return expired


# ---- teachers: my registrations and hours --------------------------------------------------


@dataclass(frozen=True, slots=True)
class MyItem:
    event: Event
    registration: Registration
    position: int | None


async def my_registrations(uow: UnitOfWork, actor: Actor, now: datetime, past: bool
                           ) -> list[MyItem]:
    """Upcoming (not yet ended, active) or past (ended, or cancelled, or left) registrations."""
    out = []
    for event, reg in await uow.events.registrations_of_person(actor.person_id):
        ended = event.ends_at <= now
        current = not ended and reg.is_active and not event.is_cancelled
        if current == past:
            continue
        position = None
        if reg.status is RegStatus.WAITLISTED and not past:
            position = await uow.events.waitlist_position(event.id, reg.seq)
        out.append(MyItem(event, reg, position))
    out.sort(key=lambda i: i.event.starts_at, reverse=past)
    return out


async def check_in(uow: UnitOfWork, actor: Actor, event_id: int, code: str, now: datetime
                   ) -> Registration:
    """A registrant types the short code shown at the event."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    reg = await _own_registration(uow, actor, event.id)
    if reg.status is not RegStatus.CONFIRMED or event.is_cancelled:
        raise ValidationError("ev-error-checkin-not-registered")
    if reg.attended_at is not None:
        return reg
    if can_organise(actor, await _organiser_of(uow, event)):
        # whoever manages the event can read its code: another organiser marks them
        raise ValidationError("ev-error-checkin-organiser")
    opens, closes = checkin_window(event)
    if not opens <= now <= closes:
        raise ValidationError("ev-error-checkin-window")
    if reg.checkin_failures >= CHECKIN_ATTEMPTS:
        raise ValidationError("ev-error-checkin-locked")
    typed = re.sub(r"\D", "", code or "")
    if not event.checkin_code or not secrets.compare_digest(typed, event.checkin_code):
        reg.checkin_failures += 1
        await uow.events.save_registration(reg, now)
        left = CHECKIN_ATTEMPTS - reg.checkin_failures
        if left <= 0:
            raise ValidationError("ev-error-checkin-locked")
        raise ValidationError("ev-error-checkin-code", left=left)
    await _credit(uow, event, reg, now)
    return reg


async def _credit(uow: UnitOfWork, event: Event, reg: Registration, now: datetime) -> None:
    reg.attended_at = now
    await uow.events.save_registration(reg, now)
    await uow.hours.credit(reg.person_id, event.id, event.hours, event.starts_at, now)
    # the ИОМ (domain/route.py): attending a chosen catalogue event marks its activity done
    from domain import route

    await route.on_event_attended(uow, reg.person_id, event.id, now)


# ---- organisers --------------------------------------------------------------------------


async def create_event(uow: UnitOfWork, actor: Actor, draft: EventDraft, now: datetime) -> Event:
    await check_draft(uow, actor, draft, now)
    event = await uow.events.add(draft, actor.person_id, now)
    await uow.events.add_change(EventChange(
        event.id, ChangeKind.CREATED, None, None, None, actor.person_id, now))
    return event


#: fields a change of which is announced to registrants
ANNOUNCED = ("place", "online_url")


def _field_values(draft: EventDraft) -> dict[str, Any]:
    d = draft.to_dict()
    d.pop("organiser_id", None)
    d.pop("level", None)
    return d


async def edit_event(
    uow: UnitOfWork, actor: Actor, event_id: int, draft: EventDraft, tz: ZoneInfo,
    now: datetime,
) -> list[str]:
    """Apply an organiser's edit; returns the changed fields.

    A change of dates is a reschedule (перенос): every registrant and waitlisted teacher is
    told old → new with a one-tap cancel, queued reminders for the old dates are dropped.
    More seats go to the waitlist; fewer seats than already taken are refused.
    """
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if event.ends_at <= now:
        raise ValidationError("ev-error-past")
    draft.organiser_id, draft.level = event.organiser_id, event.level
    moved = [(s.starts_at, s.ends_at) for s in draft.sessions] != [
        (s.starts_at, s.ends_at) for s in event.sessions]
    if moved and draft.sessions and draft.deadline is not None \
            and draft.deadline > min(s.starts_at for s in draft.sessions):
        draft.deadline = None  # a deadline after the new start: registration runs to the start
    await check_draft(uow, actor, draft, now, new=False)
    old, new = _field_values(event.draft()), _field_values(draft)
    changed = [k for k in new if new[k] != old.get(k)]
    if not changed:
        return []
    if "sessions" in changed and min(s.starts_at for s in draft.sessions) <= now:
        raise ValidationError("ev-error-session-past", line=1)
    counts = await uow.events.counts(event.id)
    if draft.capacity is not None and draft.capacity < counts.held:
        raise ValidationError("ev-error-capacity-below", taken=counts.held)
    await uow.events.update(event.id, draft, now)
    change_ids = {}
    for name in changed:
        change = await uow.events.add_change(EventChange(
            event.id, ChangeKind.RESCHEDULED if name == "sessions" else ChangeKind.EDITED,
            name, old.get(name), new[name], actor.person_id, now))
        change_ids[name] = change.id
    updated = await _event(uow, event.id)
    people = await uow.events.active_people(event.id)
    if "sessions" in changed:
        await uow.events.drop_pending(reminder_prefix(event.id))
        for person_id in people:
            await notify(uow, Notification(
                person_id=person_id, key="ev-notice-rescheduled",
                params={"title": updated.title, "old": spans(event.sessions),
                        "new": spans(updated.sessions)},
                targets=_notice_targets(event.id),
                dedupe_key=f"ev-resched:e{event.id}:c{change_ids['sessions']}:p{person_id}",
            ), now)
    elif any(name in changed for name in ANNOUNCED):
        for person_id in people:
            await notify(uow, Notification(
                person_id=person_id, key="ev-notice-place",
                params={"title": updated.title, "place": updated.place,
                        "link": updated.online_url},
                targets=_notice_targets(event.id),
            ), now)
    if "capacity" in changed:
        await fill_free_seats(uow, updated, tz, now)
    return changed


def _notice_targets(event_id: int) -> tuple[Target, ...]:
    return OpenEvent(event_id), CancelRegistration(event_id)


def spans(sessions: Iterable[Session]) -> list[Span]:
    """Sessions as notification parameters, in order."""
    return [Span(s.starts_at, s.ends_at) for s in sorted(sessions, key=lambda s: s.starts_at)]


async def cancel_event(uow: UnitOfWork, actor: Actor, event_id: int, tz: ZoneInfo,
                       now: datetime) -> int:
    """Cancel an event: everyone registered or waiting is told; returns how many."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if event.ends_at <= now:
        raise ValidationError("ev-error-past")
    await uow.events.set_status(event.id, EventStatus.CANCELLED, now)
    await uow.events.add_change(EventChange(
        event.id, ChangeKind.CANCELLED, "status", EventStatus.PUBLISHED.value,
        EventStatus.CANCELLED.value, actor.person_id, now))
    await uow.events.drop_pending(reminder_prefix(event.id))
    people = await uow.events.active_people(event.id)
    for person_id in people:
        await notify(uow, Notification(
            person_id=person_id, key="ev-notice-cancelled",
            params={"title": event.title, "when": spans(event.sessions)},
            dedupe_key=f"ev-cancel:e{event.id}:p{person_id}",
        ), now)
    return len(people)


@dataclass(frozen=True, slots=True)
class OrganisedPage:
    items: list[tuple[Event, SeatCounts]]
    total: int
    page: int
    pages: int


async def organised(uow: UnitOfWork, actor: Actor, page: int, now: datetime,
                    page_size: int = LIST_PAGE) -> OrganisedPage:
    """Events whose organiser lies inside the actor's scope: upcoming and of the last 60 days."""
    if not (actor.is_admin or actor.is_coordinator):
        raise AccessDenied()
    within = await scope_ids(uow, actor)
    page = max(page, 0)
    events, total = await uow.events.organised(within, now, now - timedelta(days=60),
                                               page * page_size, page_size)
    pages = max((total + page_size - 1) // page_size, 1)
    if not events and total and page > 0:
        page = pages - 1
        events, total = await uow.events.organised(within, now, now - timedelta(days=60),
                                                   page * page_size, page_size)
    counts = await uow.events.counts_many([e.id for e in events])
    return OrganisedPage([(e, counts.get(e.id, SeatCounts())) for e in events], total, page,
                         pages)


async def manage_view(uow: UnitOfWork, actor: Actor, event_id: int) -> tuple[Event, Org,
                                                                               SeatCounts]:
    event = await _event(uow, event_id)
    organiser = await require_manage(uow, actor, event)
    return event, organiser, await uow.events.counts(event.id)


async def registrants(uow: UnitOfWork, actor: Actor, event_id: int, page: int,
                      page_size: int = LIST_PAGE) -> tuple[Event, list[Registrant], int, int]:
    """Confirmed registrants for the attendance list (paged): (event, page items, page, pages)."""
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    total = (await uow.events.counts(event.id)).confirmed
    pages = max((total + page_size - 1) // page_size, 1)
    page = min(max(page, 0), pages - 1)
    items = await uow.events.registrants(event.id, [RegStatus.CONFIRMED], page * page_size,
                                         page_size)
    return event, items, page, pages


async def set_attendance(uow: UnitOfWork, actor: Actor, event_id: int, registration_id: int,
                         attended: bool, now: datetime) -> Registration:
    """Mark who came; hours by kind go to (or leave) the attendee's ledger."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    reg = await uow.events.registration(registration_id)
    if reg is None or reg.event_id != event.id:
        raise NotFound("ev-error-no-registration")
    if reg.status is not RegStatus.CONFIRMED:
        raise ValidationError("ev-error-attendance-status")
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if now < event.starts_at - ATTENDANCE_FROM:
        raise ValidationError("ev-error-attendance-early")
    if attended and reg.attended_at is None:
        if reg.person_id == actor.person_id:  # hours are credited by someone else
            raise ValidationError("ev-error-attendance-self")
        await _credit(uow, event, reg, now)
    elif not attended and reg.attended_at is not None:
        reg.attended_at = None
        await uow.events.save_registration(reg, now)
        await uow.hours.revoke(reg.person_id, event.id)
        from domain import route  # the ИОМ: what the attendance mark did is undone

        await route.on_event_unattended(uow, reg.person_id, event.id, now)
    return reg


async def toggle_attendance(uow: UnitOfWork, actor: Actor, event_id: int, registration_id: int,
                            now: datetime) -> Registration:
    reg = await uow.events.registration(registration_id)
    if reg is None or reg.event_id != event_id:
        raise NotFound("ev-error-no-registration")
    return await set_attendance(uow, actor, event_id, registration_id,
                                reg.attended_at is None, now)


async def issue_checkin_code(uow: UnitOfWork, actor: Actor, event_id: int
                             ) -> tuple[Event, str]:
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    code = event.checkin_code
    if not code:
        code = new_checkin_code()
        await uow.events.set_checkin_code(event.id, code)
        event = replace(event, checkin_code=code)
    return event, code


async def export_registrants(uow: UnitOfWork, actor: Actor, event_id: int
                             ) -> tuple[Event, list[Registrant]]:
    """Everyone registered, offered a seat or waiting (in that order) for the XLSX export."""
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    items = await uow.events.registrants(
        event.id, [RegStatus.CONFIRMED, RegStatus.OFFERED, RegStatus.WAITLISTED], 0, CAPACITY_MAX
    )
    return event, items


async def history(uow: UnitOfWork, actor: Actor, event_id: int) -> tuple[Event, list[EventChange]]:
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    return event, await uow.events.changes(event.id)


# ---- periodic jobs ------------------------------------------------------------------------


async def record_due_reminders(uow: UnitOfWork, tz: ZoneInfo, now: datetime) -> int:
    """Record the reminders due now in the outbox, each once (dedupe key); returns how many.

    Only confirmed registrations of published events count, so a cancelled registration or
    event never gets one; cancelling also drops reminders already queued.
    """
    horizon = now + timedelta(minutes=REMINDER_MAX)
    recorded = 0
    for target in await uow.events.reminder_targets(now, horizon):
        minutes = due_reminder(target.starts_at, target.reminders, target.registered_at, now)
        if minutes is None:
            continue
        session = Session(target.starts_at, target.ends_at)
        added = await notify(uow, Notification(
            person_id=target.person_id, key="ev-notice-reminder",
            params={"title": target.title, "when": spans([session]), "place": target.place,
                    "link": target.online_url},
            targets=_notice_targets(target.event_id),
            dedupe_key=reminder_key(target, minutes),
        ), now)
        recorded += int(added)
    return recorded


async def events_with_due_offers(uow: UnitOfWork, now: datetime) -> list[int]:
    return await uow.events.events_with_due_offers(now)


# ---- import ---------------------------------------------------------------------------------

IMPORT_FIELDS = (
    "title", "form", "level", "organiser", "groups", "sessions", "place", "online_url",
    "hours_in_person", "hours_remote", "hours_self_study", "capacity", "deadline",
    "audience", "description",
)
REQUIRED_FIELDS = ("title", "form", "level", "organiser", "sessions")
IMPORT_MAX_ROWS = 500


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str | None
    key: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: list[int]
    errors: list[RowError]
    rows: int


def _split_list(value: object) -> list[str]:
    return [x.strip() for x in re.split(r"[;\n]+", str(value or "")) if x.strip()]


async def _resolve_org(uow: UnitOfWork, value: str) -> Org:
    found = await uow.orgs.find(value)
    if not found:
        raise ValidationError("ev-error-org-unknown", value=value[:60])
    if len(found) > 1:
        raise ValidationError("ev-error-org-ambiguous", value=value[:60])
    return found[0]


async def import_rows(
    uow: UnitOfWork,
    actor: Actor,
    rows: list[tuple[int, dict[str, Any]]],
    aliases: dict[str, dict[str, str]],
    tz: ZoneInfo,
    now: datetime,
) -> ImportReport:
    """Create an event per valid row; a bad row is reported by line and field, good rows are
    kept. ``aliases`` maps a field (form, level, groups) to {casefolded label: code}."""
    created: list[int] = []
    errors: list[RowError] = []
    if len(rows) > IMPORT_MAX_ROWS:
        return ImportReport([], [RowError(0, None, "ev-error-import-many",
                                          {"max": IMPORT_MAX_ROWS})], len(rows))

    def code(field_name: str, value: object) -> str:
        text = _clean(value)
        key = text.casefold()
        table = aliases.get(field_name, {})
        if key in table:
            return table[key]
        raise ValidationError("ev-error-choice", value=text[:40])

    for line, cells in rows:
        row_errors: list[RowError] = []

        def fail(field_name: str, err: ValidationError, _line: int = line,
                 _acc: list[RowError] = row_errors) -> None:
            _acc.append(RowError(_line, field_name, err.key, dict(err.params)))

        draft = EventDraft()
        for name in REQUIRED_FIELDS:
            if not _clean(cells.get(name)):
                fail(name, ValidationError("ev-error-required"))
        try:
            if _clean(cells.get("title")):
                draft.title = parse_title(cells.get("title"))
        except ValidationError as err:
            fail("title", err)
        try:
            if _clean(cells.get("form")):
                draft.form = EventForm(code("form", cells.get("form")))
        except ValidationError as err:
            fail("form", err)
        try:
            if _clean(cells.get("level")):
                draft.level = EventLevel(code("level", cells.get("level")))
        except ValidationError as err:
            fail("level", err)
        organiser: Org | None = None
        try:
            if _clean(cells.get("organiser")):
                organiser = await _resolve_org(uow, _clean(cells.get("organiser")))
                if draft.level and organiser.kind is not LEVEL_ORG_KIND[draft.level]:
                    raise ValidationError("ev-error-organiser-kind")
                if not can_organise(actor, organiser):
                    raise ValidationError("error-out-of-scope")
                draft.organiser_id = organiser.id
        except ValidationError as err:
            fail("organiser", err)
        try:
            draft.groups = parse_groups(code("groups", g) for g in _split_list(cells.get("groups")))
        except ValidationError as err:
            fail("groups", err)
        try:
            if _clean(cells.get("sessions")):
                draft.sessions = parse_sessions(cells.get("sessions"), tz, now)
        except ValidationError as err:
            fail("sessions", err)
        try:
            if _clean(cells.get("place")):
                draft.place = parse_place(cells.get("place"))
        except ValidationError as err:
            fail("place", err)
        try:
            if _clean(cells.get("online_url")):
                draft.online_url = parse_url(cells.get("online_url"))
        except ValidationError as err:
            fail("online_url", err)
        values = []
        for name in ("hours_in_person", "hours_remote", "hours_self_study"):
            try:
                values.append(parse_hour_value(cells.get(name)))
            except ValidationError as err:
                fail(name, err)
                values.append(0.0)
        draft.hours = Hours(*values)
        if draft.hours.total <= 0 and not any(e.field and e.field.startswith("hours")
                                              for e in row_errors):
            fail("hours_in_person", ValidationError("ev-error-hours-zero"))
        try:
            draft.capacity = parse_capacity(cells.get("capacity"))
        except ValidationError as err:
            fail("capacity", err)
        try:
            if _clean(cells.get("deadline")):
                draft.deadline = parse_deadline(cells.get("deadline"), tz, now, draft.sessions)
        except ValidationError as err:
            fail("deadline", err)
        try:
            audience = []
            for item in _split_list(cells.get("audience")):
                org = await _resolve_org(uow, item)
                if organiser is not None and organiser.id not in org.ancestors_and_self():
                    raise ValidationError("ev-error-audience-outside", org=org.name)
                audience.append(org.id)
            draft.audience = audience
        except ValidationError as err:
            fail("audience", err)
        try:
            if _clean(cells.get("description")):
                draft.description = parse_description(cells.get("description"))
        except ValidationError as err:
            fail("description", err)
        if not row_errors and not draft.place and not draft.online_url:
            fail("place", ValidationError("ev-error-place-or-link"))
        if row_errors:
            errors.extend(row_errors)
            continue
        try:
            event = await create_event(uow, actor, draft, now)
        except (ValidationError, NotFound, AccessDenied) as err:
            errors.append(RowError(line, None, err.key, dict(err.params)))
            continue
        created.append(event.id)
    return ImportReport(created, errors, len(rows))


# ---- .ics ----------------------------------------------------------------------------------


def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _ics_fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character."""
    out: list[bytes] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += b
    out.append(current)
    return "\r\n ".join(x.decode("utf-8") for x in out)


def _ics_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(event: Event, now: datetime, host: str = "marshrut.bot") -> bytes:
    """An iCalendar file with one VEVENT per session and a reminder an hour before."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Marshrut//Events//RU",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    ]
    location = ", ".join(x for x in (event.place, event.online_url) if x)
    for n, s in enumerate(sorted(event.sessions, key=lambda s: s.starts_at), 1):
        title = event.title if len(event.sessions) == 1 else f"{event.title} ({n}/{len(event.sessions)})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.id}-{n}@{host}",
            f"DTSTAMP:{_ics_time(now)}",
            f"SEQUENCE:{event.reschedules}",
            f"DTSTART:{_ics_time(s.starts_at)}",
            f"DTEND:{_ics_time(s.ends_at)}",
            f"SUMMARY:{_ics_text(title)}",
        ]
        if location:
            lines.append(f"LOCATION:{_ics_text(location)}")
        if event.online_url:
            lines.append(f"URL:{event.online_url}")
        if event.description:
            lines.append(f"DESCRIPTION:{_ics_text(event.description)}")
        lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_ics_text(title)}",
                  "TRIGGER:-PT1H", "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_ics_fold(x) for x in lines) + "\r\n").encode("utf-8")

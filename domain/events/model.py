"""model"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from domain.competences import COMPETENCE_GROUPS  # noqa: F401  (one vocabulary)
from domain.enums import OrgKind
from domain.errors import ValidationError
from domain.notifications import CancelRegistration, OpenEvent, Span, Target

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


#: what a subgroup of a school's staff is defined by (the profile's position or subjects)
SUBGROUP_KINDS = ("position", "subject")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who looks at events: the orgs whose events they see (their school, municipality and
    region, and the orgs of their roles, with the ancestors) and their profile's school,
    position and subjects (an event for a subgroup of a school's staff)."""

    orgs: frozenset[int]
    school_id: int | None = None
    position: str | None = None
    subjects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Subgroup:
    """The part of one school's staff an event is for (a «методический абонемент» plan's
    subgroup, 000 §2: «subgroups may take different modules»): the school's teachers of a
    position, or of a subject, as their profiles say — so a teacher who joins the school or
    updates the profile is in or out at once, and nobody keeps a list by hand."""

    school_id: int
    kind: str  # SUBGROUP_KINDS
    value: str  # a Position value or a subject code

    @property
    def code(self) -> str:
        return f"{self.kind}={self.value}"

    @classmethod
    def parse(cls, school_id: int, code: str) -> Subgroup | None:
        kind, _, value = code.partition("=")
        return cls(school_id, kind, value) if kind in SUBGROUP_KINDS and value else None

    def includes(self, viewer: Viewer) -> bool:
        if viewer.school_id != self.school_id:
            return False
        if self.kind == "position":
            return viewer.position == self.value
        return self.value in viewer.subjects


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
    subgroup: Subgroup | None = None  # only these of the audience see it and register

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
class SeatState:
    """What a seat decision reads under the event lock, in one statement: the counts and the
    newcomer's own earlier registration (its id and status), if any."""

    counts: SeatCounts
    own_id: int | None = None
    own_status: RegStatus | None = None

    @property
    def own_active(self) -> bool:
        return self.own_status is not None and self.own_status in ACTIVE


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


def visible_to(event: Event, viewer: Viewer) -> bool:
    """The event is addressed to one of the viewer's orgs and, for a subgroup, they are in it."""
    return bool(set(event.audience) & viewer.orgs) and (
        event.subgroup is None or event.subgroup.includes(viewer))


def rank_for_deficits(event: Event, deficits: Sequence[str]) -> int:
    """0 for events addressing one of the teacher's deficit groups, 1 otherwise."""
    return 0 if deficits and set(event.groups) & set(deficits) else 1


#: shared word stems that make an event «address» a deficit's indicator
ADDRESS_WORDS = 2


def deficits_addressed(event: Event, wordings: Sequence[tuple[str, str]]) -> int:
    """How many of the teacher's deficit indicators the event addresses: its competence group
    and at least ``ADDRESS_WORDS`` word stems of the indicator in its title or description
    (the ⭐ «matches your deficits» of the catalogue, issue 15)."""
    from domain.competences import stems

    words = stems(f"{event.title} {event.description or ''}")
    groups = set(event.groups)
    return sum(1 for group, title in wordings
               if group in groups and len(stems(title) & words) >= ADDRESS_WORDS)


def sort_catalogue(events: Iterable[Event], deficits: Sequence[str],
                   wordings: Sequence[tuple[str, str]] = ()) -> list[Event]:
    """Events addressing more of the latest deficit indicators first, then those of a deficit
    group, then by start."""
    return sorted(events, key=lambda e: (-deficits_addressed(e, wordings),
                                         rank_for_deficits(e, deficits), e.starts_at, e.id))


def checkin_window(event: Event) -> tuple[datetime, datetime]:
    return event.starts_at - CHECKIN_BEFORE, event.ends_at + CHECKIN_AFTER


def checkin_open(event: Event, now: datetime) -> bool:
    opens, closes = checkin_window(event)
    return opens <= now <= closes


def leave_refusal(event: Event, reg: Registration, now: datetime) -> str | None:
    """Why the registrant may not leave (a seat, an offer, the waitlist) now, or None."""
    if not reg.is_active:
        return "ev-error-not-registered"
    if event.ends_at <= now:
        return "ev-error-past"
    if event.is_cancelled:
        return "ev-error-cancelled"
    return None


@dataclass(frozen=True, slots=True)
class RegistrationRights:
    """What a registrant may do with their registration now: the card shows only these
    buttons and the services refuse the rest by the same rules (``leave_refusal``,
    ``checkin_open``)."""

    answer_offer: bool  # a seat is offered: confirm or decline it
    leave: bool  # cancel the registration (a seat or the waitlist)
    calendar: bool  # the .ics file
    check_in: bool  # type the code shown at the event

    @classmethod
    def of(cls, event: Event, reg: Registration | None, now: datetime) -> RegistrationRights:
        if reg is None:
            return cls(False, False, False, False)
        offered = reg.status is RegStatus.OFFERED
        confirmed = reg.status is RegStatus.CONFIRMED and not event.is_cancelled
        return cls(
            answer_offer=offered,
            leave=not offered and leave_refusal(event, reg, now) is None,
            calendar=confirmed,
            check_in=confirmed and reg.attended_at is None and checkin_open(event, now),
        )


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



def _notice_targets(event_id: int) -> tuple[Target, ...]:
    return OpenEvent(event_id), CancelRegistration(event_id)


def spans(sessions: Iterable[Session]) -> list[Span]:
    """Sessions as notification parameters, in order."""
    return [Span(s.starts_at, s.ends_at) for s in sorted(sessions, key=lambda s: s.starts_at)]

"""«Методический абонемент» (seed 000 §III, §VII–VIII): a school's year of on-site training.

The school's request (ЗАПРОС) → the municipality agrees (three-party) or it goes straight to
the centre (two-party) → the centre accepts it with a curator, the ordered volume in hours by
kind and the school year (the agreement, first a draft) → signed → running → completed. The
school's plan is made of catalogue events held at the school with hours by kind; it never
exceeds the order (000 §7.2); a transfer of a plan event's date keeps the agreement (§7.4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from domain.competences import COMPETENCE_GROUPS
from domain.errors import ValidationError
from domain.events import Hours, HoursKind


class Status(StrEnum):
    SUBMITTED = "submitted"  # sent by the school; with the municipality (three-party) or the centre
    RETURNED = "returned"  # back at the school with a comment
    AGREED_MUNICIPALITY = "agreed_municipality"  # the municipality agreed: with the centre
    ACCEPTED = "accepted"  # the centre attached a curator and the volume: agreement draft
    AGREED = "agreed"  # the agreement is signed by every party
    RUNNING = "running"
    COMPLETED = "completed"


class Reason(StrEnum):
    """Why the school asks (000 §III, «Критерии отбора школ»)."""

    OWN = "own"  # по желанию самой ОО
    QUALITY = "quality"  # по результатам независимой оценки качества обучения
    DIAGNOSIS = "diagnosis"  # по итогам диагностики дефицитов педагогов


class Action(StrEnum):
    """What happened to an abonement (its history)."""

    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"
    AGREED_MUNICIPALITY = "agreed_municipality"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    SIGNED = "signed"
    STARTED = "started"
    COMPLETED = "completed"
    ITEM_ADDED = "item_added"
    ITEM_REMOVED = "item_removed"
    TRANSFERRED = "transferred"
    VOLUME_PROPOSED = "volume_proposed"
    VOLUME_CHANGED = "volume_changed"
    VOLUME_DECLINED = "volume_declined"
    TOPICS_PROPOSED = "topics_proposed"  # the comment: the reason
    TOPICS_CHANGED = "topics_changed"  # the comment: the competence groups now (codes)
    TOPICS_DECLINED = "topics_declined"  # the comment: the groups proposed (codes)
    THRESHOLD = "threshold"  # the certificate threshold changed (the comment: the percent)
    DIAGNOSIS_START = "diagnosis_start"  # the staff's start diagnosis launched
    DIAGNOSIS_FINAL = "diagnosis_final"  # the staff's final (repeat) diagnosis launched


class Stage(StrEnum):
    """The staff's diagnosis campaigns of an abonement (000 §VIII: the change is its result):
    at the start, and the repeat near the end."""

    START = "start"
    FINAL = "final"


#: statuses in which the request is still open (one per school at a time)
OPEN = (Status.SUBMITTED, Status.RETURNED, Status.AGREED_MUNICIPALITY, Status.ACCEPTED,
        Status.AGREED, Status.RUNNING)
#: statuses in which the curator builds the plan
PLANNING = (Status.ACCEPTED, Status.AGREED, Status.RUNNING)
#: statuses in which the staff's diagnosis may be launched: the start one once the agreement
#: is signed, the final one while running or after completion (its results come later)
DIAGNOSING = {Stage.START: (Status.AGREED, Status.RUNNING),
              Stage.FINAL: (Status.RUNNING, Status.COMPLETED)}
#: the months of a school year a school may prefer, in their order
MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5)
KINDS = tuple(HoursKind)

TOPICS_MIN, TOPICS_MAX = 3, 1000
NOTE_MAX = 500
COMMENT_MIN, COMMENT_MAX = 3, 1000
HOURS_MAX = 1000.0
PAGE = 8
CANDIDATES_MAX = 20
#: the certificate threshold: percent of the plan's hours a listener must attend
THRESHOLDS = (25, 50, 75, 100)
THRESHOLD_DEFAULT = 50


# ---- the school's request ------------------------------------------------------------------


@dataclass(slots=True)
class Request:
    """What the school asks for; FSM data keeps it as ``to_dict()`` (JSON) while it is typed,
    and the abonement keeps it after (a returned request is edited, not retyped)."""

    reason: Reason | None = None
    groups: list[str] = field(default_factory=list)
    topics: str | None = None
    positions: list[str] = field(default_factory=list)  # empty: the whole staff
    subjects: list[str] = field(default_factory=list)
    audience_note: str | None = None
    hours: Hours = field(default_factory=Hours)
    months: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason.value if self.reason else None,
            "groups": list(self.groups),
            "topics": self.topics,
            "positions": list(self.positions),
            "subjects": list(self.subjects),
            "audience_note": self.audience_note,
            "hours": [self.hours.in_person, self.hours.remote, self.hours.self_study],
            "months": list(self.months),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Request:
        data = data or {}
        reason = data.get("reason")
        hours = data.get("hours") or [0, 0, 0]
        return cls(
            reason=Reason(reason) if reason in {r.value for r in Reason} else None,
            groups=[g for g in data.get("groups") or [] if g in COMPETENCE_GROUPS],
            topics=data.get("topics"),
            positions=list(data.get("positions") or []),
            subjects=list(data.get("subjects") or []),
            audience_note=data.get("audience_note"),
            hours=Hours(*(float(h) for h in hours[:3])),
            months=[int(m) for m in data.get("months") or [] if int(m) in MONTHS],
        )

    @property
    def whole_staff(self) -> bool:
        return not self.positions and not self.subjects and not self.audience_note

    def subgroups(self) -> list[str]:
        """The target groups a plan event may be held for (``Subgroup.code``): each position
        and each subject the school named (a free-text note names no one the bot can tell)."""
        return ([f"position={p}" for p in self.positions]
                + [f"subject={s}" for s in self.subjects])

    def missing(self) -> str | None:
        """The first step still to answer, or None when the request is complete."""
        if self.reason is None:
            return "reason"
        if not self.groups:
            return "groups"
        if self.hours.total <= 0:
            return "hours"
        if not self.months:
            return "months"
        return None


# ---- entities ------------------------------------------------------------------------------


@dataclass(slots=True)
class Abonement:
    id: int
    school_id: int
    municipality_id: int | None
    three_party: bool
    status: Status
    request: Request
    created_by: int | None
    created_at: datetime
    updated_at: datetime
    comment: str | None = None  # the last return's comment
    curator_id: int | None = None
    ordered: Hours = field(default_factory=Hours)
    school_year: int | None = None  # 2026 → 2026/2027
    submitted_at: datetime | None = None
    accepted_at: datetime | None = None
    agreed_at: datetime | None = None
    threshold: int = THRESHOLD_DEFAULT  # percent of the plan's hours for a certificate

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def with_centre(self) -> bool:
        """Waiting for the centre's decision."""
        return (self.status is Status.AGREED_MUNICIPALITY
                or (self.status is Status.SUBMITTED and not self.three_party))

    def with_municipality(self) -> bool:
        return self.status is Status.SUBMITTED and self.three_party


@dataclass(frozen=True, slots=True)
class PlanItem:
    id: int
    abonement_id: int
    event_id: int
    hours: Hours
    planned_on: date  # the date in the agreement's plan; a transfer does not change it
    added_by: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Transfer:
    id: int
    item_id: int
    old_on: date
    new_on: date
    by: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    abonement_id: int
    action: Action
    actor_id: int | None
    at: datetime
    comment: str | None = None
    id: int | None = None


class Side(StrEnum):
    SCHOOL = "school"
    CENTRE = "centre"


class ChangeStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ChangeKind(StrEnum):
    """What a change of a signed agreement changes (000 §7.2, §7.4)."""

    VOLUME = "volume"  # the ordered hours by kind
    TOPICS = "topics"  # the competence groups (the deficits) worked on; the volume stays


@dataclass(frozen=True, slots=True)
class Change:
    """A change of a signed agreement proposed by one side: ``old``/``new`` hours for a
    volume change (equal for a change of topics), ``old_groups``/``new_groups`` for a change
    of topics (empty for a volume change)."""

    id: int
    abonement_id: int
    old: Hours
    new: Hours
    reason: str
    side: Side
    status: ChangeStatus
    proposed_by: int | None
    created_at: datetime
    decided_by: int | None = None
    decided_at: datetime | None = None
    kind: ChangeKind = ChangeKind.VOLUME
    old_groups: tuple[str, ...] = ()
    new_groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """A line of a list of abonements (the bank, a school's, a curator's)."""

    id: int
    school: str
    municipality: str | None
    status: Status
    updated_at: datetime
    three_party: bool


# ---- pure rules ----------------------------------------------------------------------------


def school_year_of(day: date) -> int:
    """The school year a day belongs to, by its first calendar year (1 Sep – 31 Aug)."""
    return day.year if day.month >= 9 else day.year - 1


def period(year: int) -> tuple[date, date]:
    return date(year, 9, 1), date(year + 1, 8, 31)


def years_offered(today: date) -> tuple[int, int]:
    """The centre orders for the running school year or the next one."""
    current = school_year_of(today)
    return current, current + 1


def _number(token: str) -> float:
    value = float(token.replace(",", "."))
    if value > HOURS_MAX:
        raise ValidationError("abon-error-hours-max", max=int(HOURS_MAX))
    return value


def parse_hours(text: str | None) -> Hours:
    """``36 12 24`` — очные, дистанционные, самостоятельная работа; «36» alone means 36 очных."""
    raw = re.sub(r"[;/|]", " ", str(text or "").strip())
    raw = re.sub(r",\s+", " ", raw)
    tokens = raw.split()
    if not tokens or len(tokens) > 3 or not all(
            re.fullmatch(r"\d{1,4}([.,]\d{1,2})?", t) for t in tokens):
        raise ValidationError("abon-error-hours-format")
    values = [_number(t) for t in tokens] + [0.0, 0.0]
    hours = Hours(*values[:3])
    if hours.total <= 0:
        raise ValidationError("abon-error-hours-zero")
    return hours


def parse_topics(text: str | None) -> str:
    cleaned = " ".join(str(text or "").split())
    if len(cleaned) < TOPICS_MIN:
        raise ValidationError("abon-error-topics-short", min=TOPICS_MIN)
    if len(cleaned) > TOPICS_MAX:
        raise ValidationError("abon-error-topics-long", max=TOPICS_MAX, length=len(cleaned))
    return cleaned


def parse_note(text: str | None) -> str:
    cleaned = " ".join(str(text or "").split())
    if not cleaned:
        raise ValidationError("abon-error-note-empty")
    if len(cleaned) > NOTE_MAX:
        raise ValidationError("abon-error-note-long", max=NOTE_MAX, length=len(cleaned))
    return cleaned


def parse_comment(text: str | None) -> str:
    cleaned = str(text or "").strip()
    if len(cleaned) < COMMENT_MIN:
        raise ValidationError("abon-error-comment-short", min=COMMENT_MIN)
    if len(cleaned) > COMMENT_MAX:
        raise ValidationError("abon-error-comment-long", max=COMMENT_MAX, length=len(cleaned))
    return cleaned


def parse_groups(values: list[str] | tuple[str, ...]) -> list[str]:
    """Competence groups in their canonical order; an unknown one is refused (forged)."""
    if any(v not in COMPETENCE_GROUPS for v in values):
        raise ValidationError("error-choice-unknown")
    chosen = [g for g in COMPETENCE_GROUPS if g in values]
    if not chosen:
        raise ValidationError("abon-error-topics-empty")
    return chosen


def toggle(values: list[Any], value: Any) -> list[Any]:
    return [v for v in values if v != value] if value in values else [*values, value]


def add_hours(a: Hours, b: Hours) -> Hours:
    return Hours(a.in_person + b.in_person, a.remote + b.remote, a.self_study + b.self_study)


def over_volume(ordered: Hours, planned: Hours) -> tuple[HoursKind, float, float] | None:
    """The first kind whose planned hours exceed the order: (kind, planned, ordered)."""
    have, may = planned.by_kind(), ordered.by_kind()
    for kind in KINDS:
        if have[kind] > may[kind] + 1e-9:
            return kind, have[kind], may[kind]
    return None


__all__ = [
    "CANDIDATES_MAX", "COMMENT_MAX", "DIAGNOSING", "KINDS", "MONTHS", "NOTE_MAX", "OPEN", "PAGE", "PLANNING",
    "TOPICS_MAX", "Abonement", "Action", "Change", "ChangeKind", "ChangeStatus", "Side", "HistoryEntry", "PlanItem", "Reason", "Request", "Row",
    "Stage", "Status", "THRESHOLDS", "THRESHOLD_DEFAULT", "Transfer", "add_hours", "over_volume", "parse_comment", "parse_hours",
    "parse_groups", "parse_note", "parse_topics", "period", "school_year_of", "toggle", "years_offered",
]

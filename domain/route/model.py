"""model"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from domain.competences import COMPETENCE_GROUPS  # noqa: F401  (one vocabulary)
from domain.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from domain.events import Event


# ---- vocabularies -------------------------------------------------------------------------



class RouteStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # waits for the school coordinator
    RETURNED = "returned"  # sent back with a comment; corrected and submitted again
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"  # with the conclusion (002 §V.8)


class Column(StrEnum):
    """The activity columns of the plan (002 §V.4); «Профессиональный дефицит» is the row
    itself and «Период реализации» is computed from the due dates."""

    COURSES = "courses"  # Программы повышения квалификации
    CONSULTATIONS = "consultations"  # Консультационные часы (тьютор, наставник, куратор ЦНППМ)
    MUNICIPAL = "municipal"  # Методические мероприятия муниципального уровня
    SCHOOL = "school"  # Внутришкольная система непрерывного профессионального развития
    SELF_EDUCATION = "self_education"  # Самообразование


COLUMN_ORDER: tuple[Column, ...] = tuple(Column)


class Part(StrEnum):
    """What an edit touches: a column, or one of the two parts that are not columns."""

    DEFICIT = "deficit"
    SELF_ANALYSIS = "self_analysis"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class DoneSource(StrEnum):
    MANUAL = "manual"
    ATTENDANCE = "attendance"  # a registered catalogue event was attended
    COURSE_REPORT = "course_report"  # a course report was accepted


class SelfForm(StrEnum):
    """Forms of self-education the teacher picks for an item of their own."""

    READING = "reading"  # изучение литературы
    WEBINAR = "webinar"
    ONLINE_COURSE = "online_course"
    MATERIALS = "materials"  # разработка методических материалов
    PEER_VISITS = "peer_visits"  # посещение уроков коллег
    PROJECT = "project"
    OTHER = "other"


class HistoryAction(StrEnum):
    CREATED = "created"
    REBUILT = "rebuilt"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    STARTED = "started"
    COMPLETED = "completed"


#: route statuses in which the teacher shapes the plan
TEACHER_EDITABLE = frozenset({RouteStatus.DRAFT, RouteStatus.RETURNED})
#: coordinators fill their columns from the draft until the route is concluded
COORDINATOR_EDITABLE = frozenset({
    RouteStatus.DRAFT, RouteStatus.RETURNED, RouteStatus.SUBMITTED, RouteStatus.APPROVED,
    RouteStatus.IN_PROGRESS,
})
#: activities are carried out once the route is agreed
RUNNING = frozenset({RouteStatus.APPROVED, RouteStatus.IN_PROGRESS})

ACTIVITY_TRANSITIONS: dict[ActivityStatus, frozenset[ActivityStatus]] = {
    ActivityStatus.PLANNED: frozenset({ActivityStatus.IN_PROGRESS, ActivityStatus.DONE,
                                       ActivityStatus.DROPPED}),
    ActivityStatus.IN_PROGRESS: frozenset({ActivityStatus.PLANNED, ActivityStatus.DONE,
                                           ActivityStatus.DROPPED}),
    ActivityStatus.DONE: frozenset({ActivityStatus.IN_PROGRESS}),  # reopened
    ActivityStatus.DROPPED: frozenset({ActivityStatus.PLANNED}),  # restored
}

# ---- limits ---------------------------------------------------------------------------------

TITLE_MIN, TITLE_MAX = 3, 200
DEFICIT_MAX = 300
COMMENT_MIN, COMMENT_MAX = 3, 1000
CONCLUSION_MIN, CONCLUSION_MAX = 10, 3000
EVIDENCE_MIN, EVIDENCE_MAX = 3, 1000
URL_MAX = 500
PROPOSALS = 8
ROWS_MAX = 40
ACTIVITIES_PER_ROW_MAX = 30

# ---- values ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Route:
    id: int
    person_id: int
    school_id: int | None
    status: RouteStatus
    period_start: date
    period_end: date
    attempt_id: int | None = None
    revision: int = 0  # submissions so far
    comment: str | None = None  # the last return comment
    conclusion: str | None = None
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: int | None = None
    completed_at: datetime | None = None
    completed_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: built from an external diagnosis (domain/external) instead of the self-assessment
    external_id: int | None = None

    @property
    def teacher_editable(self) -> bool:
        return self.status in TEACHER_EDITABLE

    @property
    def running(self) -> bool:
        return self.status in RUNNING


@dataclass(frozen=True, slots=True)
class PlanRow:
    id: int
    route_id: int
    position: int
    group: str
    title: str
    indicator: str | None = None
    percent: float | None = None


@dataclass(slots=True)
class Activity:
    id: int
    route_id: int
    row_id: int
    person_id: int
    column: Column
    title: str
    status: ActivityStatus = ActivityStatus.PLANNED
    form: str | None = None  # a SelfForm value, or the catalogue event's form
    event_id: int | None = None
    due: date | None = None
    evidence_text: str | None = None
    evidence_url: str | None = None
    evidence_file_id: str | None = None
    evidence_file_name: str | None = None
    done_source: DoneSource | None = None
    done_ref: int | None = None
    done_at: datetime | None = None
    added_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: put in by the ready draft; the teacher accepts, swaps or removes it before submitting
    proposed: bool = False
    #: «Консультационные часы» (002 §V.4): the hours agreed and who consults (a person in the
    #: bot or a typed name; ``form`` holds the consultant's role)
    hours: float | None = None
    consultant_id: int | None = None
    #: the hours ledger row credited when the consultation was done (None: not credited)
    ledger_id: int | None = None

    def outside(self, start: date, end: date) -> bool:
        """Due outside the route's period (after the period was changed): flagged, kept."""
        return self.due is not None and not start <= self.due <= end

    @property
    def is_open(self) -> bool:
        return self.status in (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_text or self.evidence_url or self.evidence_file_id
                    or self.done_source in (DoneSource.ATTENDANCE, DoneSource.COURSE_REPORT))


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int  # dropped activities do not count

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(slots=True)
class Plan:
    """A route with its rows and activities: everything one screen or the document needs."""

    route: Route
    rows: list[PlanRow]
    activities: list[Activity]

    def of_row(self, row_id: int) -> list[Activity]:
        return [a for a in self.activities if a.row_id == row_id]

    def row(self, row_id: int) -> PlanRow:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise NotFound("route-error-not-found")

    def row_progress(self, row_id: int) -> Progress:
        return progress(self.of_row(row_id))

    @property
    def progress(self) -> Progress:
        return progress(self.activities)

    def overdue(self, today: date) -> list[Activity]:
        return sorted((a for a in self.activities if a.is_overdue(today)),
                      key=lambda a: (a.due, a.id))

    def row_period(self, row_id: int) -> tuple[date, date]:
        """«Период реализации» of a row: from the route's start to the latest due date
        (never past the route's end)."""
        dues = [a.due for a in self.of_row(row_id) if a.due and a.status is not
                ActivityStatus.DROPPED]
        end = min(max(dues), self.route.period_end) if dues else self.route.period_end
        return self.route.period_start, max(end, self.route.period_start)


def may_conclude(plan: Plan, today: date) -> bool:
    """The conclusion (002 §V.8) is written when the period has ended or every activity is
    done or dropped — not on the first day of an agreed route."""
    if today >= plan.route.period_end:
        return True
    return bool(plan.activities) and not any(a.is_open for a in plan.activities)


def progress(activities: Iterable[Activity]) -> Progress:
    counted = [a for a in activities if a.status is not ActivityStatus.DROPPED]
    return Progress(sum(1 for a in counted if a.status is ActivityStatus.DONE), len(counted))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    route_id: int
    action: HistoryAction
    actor_id: int | None
    revision: int
    at: datetime
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class VersionHead:
    """A stored version of the route (its snapshot is read on demand)."""

    id: int
    route_id: int
    number: int
    action: HistoryAction
    status: RouteStatus
    actor_id: int | None
    at: datetime
    comment: str | None = None  # why: the return comment, the conclusion


@dataclass(frozen=True, slots=True)
class QueuePage:
    items: list[Route]
    total: int
    page: int
    teachers: dict[int, str] = field(default_factory=dict)  # person id → full name
    schools: dict[int, str] = field(default_factory=dict)  # school id → name


@dataclass(frozen=True, slots=True)
class Rights:
    """What the actor may do on a route now (the handlers show only these buttons; every
    service checks again)."""

    view: bool
    owner: bool
    columns: frozenset[Column]  # free-text items in these columns
    choose: frozenset[Column]  # catalogue activities into these columns
    deficits: bool
    self_analysis: bool
    submit: bool
    review: bool  # approve or return
    conclude: bool
    carry_out: bool  # activity statuses and evidence
    #: remove, merge and reorder rows, change the period (the teacher while shaping the plan,
    #: the school coordinator until the route is agreed, 002 §V)
    shape: bool = False
    #: rebuild the plan from a newer diagnosis (the teacher, until the route is concluded)
    rebuild: bool = False

    @property
    def edits_plan(self) -> bool:
        return bool(self.columns or self.choose or self.deficits)


# ---- errors ---------------------------------------------------------------------------------


class RowEmpty(ValidationError):
    key = "route-error-row-empty"


class RowProposed(RowEmpty):
    """Every activity of the row is a proposal of the ready draft, none accepted yet."""

    key = "route-error-row-proposed"


# ---- pure rules -----------------------------------------------------------------------------


def default_period(today: date) -> tuple[date, date]:
    """The school year, 1 September – 31 August (Moscow dates; ``today`` is one). From June
    the current one is all but over: the period runs from today to the end of the coming
    school year (002 sets no fixed term; the period is editable)."""
    if today.month >= 9:
        return date(today.year, 9, 1), date(today.year + 1, 8, 31)
    if today.month >= 6:
        return today, date(today.year + 1, 8, 31)
    return date(today.year - 1, 9, 1), date(today.year, 8, 31)


PERIOD_MAX_DAYS = 3 * 366


def check_period(start: date, end: date, today: date) -> tuple[date, date]:
    """A period the route may take: starts before it ends, ends not in the past, at most
    three years long."""
    if end < today:
        raise ValidationError("route-error-period-past")
    if end <= start:
        raise ValidationError("route-error-period-order")
    if (end - start).days > PERIOD_MAX_DAYS:
        raise ValidationError("route-error-period-long", years=3)
    return start, end


def column_for_event(event: Event) -> Column:
    """Where a catalogue activity goes: courses → «Программы ПК», consultations →
    «Консультационные часы», school-level events → «Внутришкольная система», municipal and
    regional events → «Методические мероприятия»."""
    from domain.events import EventForm, EventLevel

    if event.form is EventForm.COURSE:
        return Column.COURSES
    if event.form is EventForm.CONSULTATION:
        return Column.CONSULTATIONS
    if event.level is EventLevel.SCHOOL:
        return Column.SCHOOL
    return Column.MUNICIPAL


def _clean(value: object) -> str:
    return " ".join(str(value or "").split())


def parse_title(text: object, limit: int = TITLE_MAX) -> str:
    value = _clean(text)
    if not value:
        raise ValidationError("route-error-title-empty")
    if len(value) < TITLE_MIN:
        raise ValidationError("route-error-title-short", min=TITLE_MIN)
    if len(value) > limit:
        raise ValidationError("route-error-title-long", max=limit, length=len(value))
    return value


def parse_due(text: object, today: date, period_end: date) -> date:
    """A due date typed as дд.мм.гггг (or дд.мм.гг): not in the past, not after the period."""
    value = _clean(text)
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})", value)
    if not m:
        raise ValidationError("route-error-date-format")
    d, mo, y = (int(x) for x in m.groups())
    if y < 100:
        y += 2000
    try:
        due = date(y, mo, d)
    except ValueError:
        raise ValidationError("route-error-date-format") from None
    if due < today:
        raise ValidationError("route-error-date-past")
    if due > period_end:
        raise ValidationError("route-error-date-after-period", end=period_end)
    return due


def parse_self_form(value: object) -> SelfForm:
    try:
        return SelfForm(str(value))
    except ValueError:
        raise ValidationError("route-error-form") from None


def validate_text(text: object, low: int, high: int, what: str) -> str:
    value = "\n".join(line.rstrip() for line in str(text or "").strip().splitlines())
    if not value:
        raise ValidationError(f"route-error-{what}-empty")
    if len(value) < low:
        raise ValidationError(f"route-error-{what}-short", min=low)
    if len(value) > high:
        raise ValidationError(f"route-error-{what}-long", max=high, length=len(value))
    return value


def parse_evidence(text: object) -> tuple[str | None, str | None]:
    """Typed evidence: a link (http/https) or a few words; returns (text, url)."""
    value = str(text or "").strip()
    if re.fullmatch(r"https?://\S+", value):
        if len(value) > URL_MAX:
            raise ValidationError("route-error-evidence-long", max=URL_MAX, length=len(value))
        return None, value
    return validate_text(value, EVIDENCE_MIN, EVIDENCE_MAX, "evidence"), None

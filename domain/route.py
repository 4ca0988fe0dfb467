"""The ИОМ — individual educational route (seed 002 §IV–V): a plan that fills the deficits of
the teacher's latest self-diagnosis, agreed with the school coordinator, carried out and
concluded.

Sections (002 §IV.5): teacher data; diagnosis data; self-analysis (kept on the diagnosis
attempt, domain/diagnosis.py); the deficit plan; the conclusion.

The plan has one row per deficit and the columns of 002 §V.4. Who fills what (§V.5–7):

* the teacher — «Самообразование» (with the school coordinator), the self-analysis, and the
  *choice* among offered catalogue activities in any column (§IV.6, principle of variability);
* the school coordinator of the teacher's school — «Профессиональный дефицит»,
  «Внутришкольная система…», «Программы ПК» (and «Самообразование» together with the teacher);
* municipal methodists (municipal coordinators; regional ones = ЦНППМ curators) —
  «Методические мероприятия муниципального уровня» and «Консультационные часы».

Statuses: draft → submitted → approved | returned (→ submitted again) → in progress →
completed (with the conclusion). The school coordinator of the route's school approves,
returns and concludes (never on their own route). Each step notifies the other side through
the outbox.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from domain.access import Actor, require_coordinator
from domain.entities import Notification, Org, Person
from domain.enums import Role
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.notifications import OpenMenu, ReviewRoute, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

if TYPE_CHECKING:
    from domain.courses import CourseForm
    from domain.events import Event

# ---- vocabularies -------------------------------------------------------------------------

#: the four competence groups; the same codes as the diagnosis, events and courses
COMPETENCE_GROUPS: tuple[str, ...] = (
    "subject", "methodological", "psycho_pedagogical", "communicative",
)


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
class QueuePage:
    items: list[Route]
    total: int
    page: int


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

    @property
    def edits_plan(self) -> bool:
        return bool(self.columns or self.choose or self.deficits)


# ---- errors ---------------------------------------------------------------------------------


class RowEmpty(ValidationError):
    key = "route-error-row-empty"


# ---- pure rules -----------------------------------------------------------------------------


def default_period(today: date) -> tuple[date, date]:
    """One academic year from creation: the period ends the day before the same date a year
    later (002 sets no fixed term; the school may agree another)."""
    try:
        later = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        later = today.replace(year=today.year + 1, day=28)
    return today, later - timedelta(days=1)


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


# ---- who is who -----------------------------------------------------------------------------


def is_school_coordinator(actor: Actor, school_id: int | None) -> bool:
    return school_id is not None and any(
        g.role is Role.SCHOOL_COORDINATOR and g.org_id == school_id for g in actor.grants
    )


def is_methodist(actor: Actor, school: Org | None) -> bool:
    """A municipal coordinator of the school's municipality, or a regional coordinator (ЦНППМ)
    of its region."""
    if school is None:
        return False
    chain = school.ancestors_and_self()
    return any(
        g.role in (Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_COORDINATOR) and g.org_id in chain
        for g in actor.grants
    )


SCHOOL_COLUMNS = frozenset({Column.COURSES, Column.SCHOOL, Column.SELF_EDUCATION})
METHODIST_COLUMNS = frozenset({Column.MUNICIPAL, Column.CONSULTATIONS})


def rights(actor: Actor, route: Route, school: Org | None) -> Rights:
    owner = route.person_id == actor.person_id
    view = owner or (school is not None and actor.covers(school))
    school_coord = is_school_coordinator(actor, route.school_id)
    methodist = is_methodist(actor, school)
    columns: set[Column] = set()
    choose: set[Column] = set()
    if route.status in COORDINATOR_EDITABLE:
        if school_coord:
            columns |= SCHOOL_COLUMNS
        if methodist:
            columns |= METHODIST_COLUMNS
        choose |= columns
    if owner and route.teacher_editable:
        columns.add(Column.SELF_EDUCATION)
        choose |= set(Column)  # the teacher's choice among what is offered (§IV.6)
    return Rights(
        view=view,
        owner=owner,
        columns=frozenset(columns),
        choose=frozenset(choose),
        deficits=school_coord and route.status in COORDINATOR_EDITABLE,
        self_analysis=owner and route.status is not RouteStatus.COMPLETED,
        submit=owner and route.teacher_editable,
        review=school_coord and not owner and route.status is RouteStatus.SUBMITTED,
        conclude=school_coord and not owner and route.running,
        carry_out=owner and route.running,
    )


def require_column(actor: Actor, route: Route, school: Org | None, column: Column,
                   catalogue: bool = False) -> None:
    """May the actor put an activity into (or take one out of) this column now?"""
    r = rights(actor, route, school)
    if column in (r.choose if catalogue else r.columns):
        return
    _refuse(actor, route, school, r)
    raise AccessDenied("route-error-column-not-yours", column=column.value)


def _refuse(actor: Actor, route: Route, school: Org | None, r: Rights) -> None:
    """The clearest reason first: not yours at all, then a status that forbids editing."""
    if not r.view:
        raise AccessDenied("route-error-not-yours")
    if route.status is RouteStatus.COMPLETED:
        raise DomainError("route-error-completed")
    if r.owner and not route.teacher_editable:
        raise DomainError("route-error-locked", status=route.status.value)


# ---- reading --------------------------------------------------------------------------------


async def _school(uow: UnitOfWork, route: Route) -> Org | None:
    return await uow.orgs.get(route.school_id) if route.school_id else None


async def _route(uow: UnitOfWork, route_id: int) -> Route:
    route = await uow.routes.get(route_id)
    if route is None:
        raise NotFound("route-error-not-found")
    return route


async def _viewable(uow: UnitOfWork, actor: Actor, route_id: int) -> tuple[Route, Org | None]:
    """The route if the actor is its teacher or a coordinator whose scope holds its school;
    a forged id of anybody else's route is refused."""
    route = await _route(uow, route_id)
    school = await _school(uow, route)
    if not rights(actor, route, school).view:
        raise AccessDenied("route-error-not-yours")
    return route, school


async def load_plan(uow: UnitOfWork, route: Route) -> Plan:
    return Plan(route, await uow.routes.rows(route.id), await uow.routes.activities(route.id))


async def get_plan(uow: UnitOfWork, actor: Actor, route_id: int) -> tuple[Plan, Rights]:
    route, school = await _viewable(uow, actor, route_id)
    return await load_plan(uow, route), rights(actor, route, school)


async def current(uow: UnitOfWork, actor: Actor) -> Plan | None:
    """The teacher's latest route (any status), with its plan."""
    route = await uow.routes.latest_of(actor.person_id)
    return await load_plan(uow, route) if route else None


async def row_of(uow: UnitOfWork, actor: Actor, row_id: int) -> tuple[Plan, PlanRow, Rights]:
    row = await uow.routes.get_row(row_id)
    if row is None:
        raise NotFound("route-error-not-found")
    plan, r = await get_plan(uow, actor, row.route_id)
    return plan, row, r


async def activity_of(uow: UnitOfWork, actor: Actor, activity_id: int
                      ) -> tuple[Plan, Activity, Rights]:
    activity = await uow.routes.get_activity(activity_id)
    if activity is None:
        raise NotFound("route-error-not-found")
    plan, r = await get_plan(uow, actor, activity.route_id)
    return plan, activity, r


async def history(uow: UnitOfWork, actor: Actor, route_id: int) -> list[HistoryEntry]:
    route, _ = await _viewable(uow, actor, route_id)
    return await uow.routes.history(route.id)


# ---- building the draft ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Basis:
    """What «Мой ИОМ» offers a teacher without a route: the latest diagnosis, if any."""

    attempt_id: int | None
    diagnosed_at: datetime | None
    deficits: int


async def basis(uow: UnitOfWork, actor: Actor) -> Basis:
    attempt = await uow.diagnosis.last_completed(actor.person_id)
    if attempt is None:
        return Basis(None, None, 0)
    return Basis(attempt.id, attempt.completed_at, len(await uow.diagnosis.deficits(attempt.id)))


async def build_draft(uow: UnitOfWork, actor: Actor, person: Person, today: date,
                      now: datetime) -> Plan:
    """A draft from the teacher's latest diagnosis: one plan row per deficit, worst first.

    Refused without a school (nobody to agree it), without a diagnosis, and while another
    route is not concluded (a teacher has one route at a time).
    """
    actor.require_self(person.id)
    if not person.is_onboarded:
        raise AccessDenied("error-no-profile")
    if person.profile.school_id is None:
        raise DomainError("route-error-no-school")
    latest = await uow.routes.latest_of(person.id)
    if latest is not None and latest.status is not RouteStatus.COMPLETED:
        raise DomainError("route-error-exists")
    attempt = await uow.diagnosis.last_completed(person.id)
    if attempt is None:
        raise DomainError("route-error-no-diagnosis")
    deficits = await uow.diagnosis.deficits(attempt.id)
    start, end = default_period(today)
    route = await uow.routes.add(Route(
        id=0, person_id=person.id, school_id=person.profile.school_id,
        status=RouteStatus.DRAFT, period_start=start, period_end=end, attempt_id=attempt.id,
        created_at=now, updated_at=now,
    ))
    for n, d in enumerate(sorted(deficits, key=lambda d: d.rank)[:ROWS_MAX], 1):
        await uow.routes.add_row(PlanRow(0, route.id, n, str(d.group), d.title[:DEFICIT_MAX],
                                         d.indicator, d.percent))
    await uow.routes.add_history(route.id, HistoryAction.CREATED, actor.person_id, 0, None, now)
    return await load_plan(uow, route)


# ---- shaping the plan -----------------------------------------------------------------------


async def proposals(uow: UnitOfWork, actor: Actor, row_id: int, now: datetime) -> list[Event]:
    """Catalogue activities for a row: upcoming events the teacher can see that address the
    row's competence group, not chosen yet, in the columns the actor may fill."""
    from domain import events as ev

    plan, row, r = await row_of(uow, actor, row_id)
    if not r.choose:
        return []
    orgs = await ev.viewer_orgs(uow, plan.route.person_id)
    upcoming = await uow.events.upcoming(sorted(orgs), now, None, None, None, None)
    taken = {a.event_id for a in plan.activities if a.event_id}
    found = [
        e for e in upcoming
        if row.group in e.groups and e.id not in taken and not e.is_cancelled
        and column_for_event(e) in r.choose and ev.visible_to(e, orgs)
    ]
    return found[:PROPOSALS]


def _check_row_room(plan: Plan, row_id: int) -> None:
    if len(plan.of_row(row_id)) >= ACTIVITIES_PER_ROW_MAX:
        raise ValidationError("route-error-row-full", max=ACTIVITIES_PER_ROW_MAX)


async def choose_event(uow: UnitOfWork, actor: Actor, row_id: int, event_id: int, tz: ZoneInfo,
                       now: datetime) -> Activity:
    """Put an offered catalogue activity into the row (the column follows from the event).

    Only what ``proposals`` offers is accepted: a forged event id is refused."""
    plan, row, _ = await row_of(uow, actor, row_id)
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("route-error-event-gone")
    school = await _school(uow, plan.route)
    require_column(actor, plan.route, school, column_for_event(event), catalogue=True)
    if event_id not in {e.id for e in await proposals(uow, actor, row_id, now)}:
        raise ValidationError("route-error-event-not-offered")
    _check_row_room(plan, row.id)
    activity = await uow.routes.add_activity(Activity(
        id=0, route_id=plan.route.id, row_id=row.id, person_id=plan.route.person_id,
        column=column_for_event(event), title=event.title[:TITLE_MAX], form=event.form.value,
        event_id=event.id, due=event.ends_at.astimezone(tz).date(), added_by=actor.person_id,
        created_at=now, updated_at=now,
    ))
    await _tell_owner_of_addition(uow, actor, plan.route, activity, now)
    return activity


async def add_item(uow: UnitOfWork, actor: Actor, row_id: int, column: Column, title: object,
                   form: object, due: date, now: datetime) -> Activity:
    """An activity typed in: the teacher's self-education, or an item of a coordinator's
    column. ``due`` comes from ``parse_due``; it is re-checked against the period here."""
    plan, row, _ = await row_of(uow, actor, row_id)
    school = await _school(uow, plan.route)
    require_column(actor, plan.route, school, column)
    clean = parse_title(title)
    self_form = parse_self_form(form).value if column is Column.SELF_EDUCATION else (
        str(form) if form else None)
    if due > plan.route.period_end:
        raise ValidationError("route-error-date-after-period", end=plan.route.period_end)
    _check_row_room(plan, row.id)
    activity = await uow.routes.add_activity(Activity(
        id=0, route_id=plan.route.id, row_id=row.id, person_id=plan.route.person_id,
        column=column, title=clean, form=self_form, due=due, added_by=actor.person_id,
        created_at=now, updated_at=now,
    ))
    await _tell_owner_of_addition(uow, actor, plan.route, activity, now)
    return activity


async def _tell_owner_of_addition(uow: UnitOfWork, actor: Actor, route: Route,
                                  activity: Activity, now: datetime) -> None:
    """A coordinator filled a column of an agreed route: the teacher hears about it."""
    if actor.person_id == route.person_id or route.status not in RUNNING:
        return
    await notify(uow, Notification(
        person_id=route.person_id, key="route-notice-added",
        params={"title": activity.title, "column": activity.column.value},
        targets=(OpenMenu(Section.ROUTE),),
        dedupe_key=f"route:{route.id}:added:{activity.id}",
    ), now)


async def remove_activity(uow: UnitOfWork, actor: Actor, activity_id: int) -> Activity:
    """The teacher takes out what they chose or typed (while they shape the plan);
    a coordinator what is in their columns. Done activities stay: they are the record."""
    plan, activity, r = await activity_of(uow, actor, activity_id)
    if activity.status is ActivityStatus.DONE:
        raise DomainError("route-error-remove-done")
    school = await _school(uow, plan.route)
    own_choice = r.owner and plan.route.teacher_editable and activity.added_by == actor.person_id
    if not own_choice:
        require_column(actor, plan.route, school, activity.column)
    await uow.routes.delete_activity(activity.id)
    return activity


async def add_row(uow: UnitOfWork, actor: Actor, route_id: int, group: str, title: object
                  ) -> PlanRow:
    """«Профессиональный дефицит»: the school coordinator adds a deficit the diagnosis did
    not show (002 §V.6)."""
    route, school = await _viewable(uow, actor, route_id)
    r = rights(actor, route, school)
    if not r.deficits:
        _refuse(actor, route, school, r)
        raise AccessDenied("route-error-column-not-yours", column=Part.DEFICIT.value)
    if group not in COMPETENCE_GROUPS:
        raise ValidationError("route-error-group")
    rows = await uow.routes.rows(route.id)
    if len(rows) >= ROWS_MAX:
        raise ValidationError("route-error-rows-many", max=ROWS_MAX)
    position = max((x.position for x in rows), default=0) + 1
    return await uow.routes.add_row(PlanRow(0, route.id, position, group,
                                            parse_title(title, DEFICIT_MAX)))


async def edit_row(uow: UnitOfWork, actor: Actor, row_id: int, title: object) -> PlanRow:
    """The school coordinator words a deficit the way the school's form says it."""
    plan, row, r = await row_of(uow, actor, row_id)
    if not r.deficits:
        school = await _school(uow, plan.route)
        _refuse(actor, plan.route, school, r)
        raise AccessDenied("route-error-column-not-yours", column=Part.DEFICIT.value)
    clean = parse_title(title, DEFICIT_MAX)
    await uow.routes.set_row_title(row.id, clean)
    return PlanRow(row.id, row.route_id, row.position, row.group, clean, row.indicator,
                   row.percent)


async def save_self_analysis(uow: UnitOfWork, actor: Actor, route_id: int, text: str | None,
                             now: datetime) -> str:
    """Section 3: the teacher's own words on the diagnosis and the students' results. It is
    kept on the diagnosis attempt the route was built from (domain/diagnosis.py)."""
    from domain import diagnosis

    route, school = await _viewable(uow, actor, route_id)
    r = rights(actor, route, school)
    if not r.self_analysis:
        if not r.owner:
            raise AccessDenied("route-error-column-not-yours", column=Part.SELF_ANALYSIS.value)
        raise DomainError("route-error-completed")
    if route.attempt_id is None:
        raise DomainError("route-error-no-diagnosis")
    attempt = await diagnosis.save_self_analysis(uow, actor, route.attempt_id, text, now)
    return attempt.self_analysis or ""


# ---- agreement ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Submitted:
    route: Route
    coordinators: int


def check_complete(plan: Plan) -> None:
    """A plan is sent with every row filled: at least one activity (not dropped) per deficit."""
    if not plan.rows:
        raise ValidationError("route-error-no-rows")
    for n, row in enumerate(sorted(plan.rows, key=lambda x: x.position), 1):
        if not [a for a in plan.of_row(row.id) if a.status is not ActivityStatus.DROPPED]:
            raise RowEmpty(n=n, title=row.title)


async def _people_names(uow: UnitOfWork, person_id: int) -> str:
    person = await uow.people.get(person_id)
    return (person.profile.full_name if person else None) or ""


async def submit(uow: UnitOfWork, actor: Actor, route_id: int, now: datetime) -> Submitted:
    """The teacher sends the draft (or the corrected returned route) to the school
    coordinators; municipal coordinators are told their columns wait too."""
    route, school = await _viewable(uow, actor, route_id)
    actor.require_self(route.person_id)
    if not route.teacher_editable:
        raise DomainError("route-error-locked", status=route.status.value)
    plan = await load_plan(uow, route)
    check_complete(plan)
    if route.school_id is None:
        raise DomainError("route-error-no-school")
    revision = route.revision + 1
    ok = await uow.routes.transition(route.id, route.status, route.revision,
                                     RouteStatus.SUBMITTED, now, revision=revision,
                                     submitted_at=now)
    if not ok:
        raise DomainError("route-error-locked", status=route.status.value)
    await uow.routes.add_history(route.id, HistoryAction.SUBMITTED, actor.person_id, revision,
                                 None, now)
    params = {"name": await _people_names(uow, route.person_id),
              "school": school.name if school else "", "revision": revision,
              "rows": len(plan.rows)}
    coordinators = [c for c in await uow.courses.school_coordinators(route.school_id)
                    if c != actor.person_id]
    for person_id in coordinators:
        await notify(uow, Notification(
            person_id=person_id, key="route-alert-submitted", params=params,
            targets=(ReviewRoute(route.id),),
            dedupe_key=f"route:{route.id}:{revision}:submitted:{person_id}",
        ), now)
    if school is not None and school.municipality_id:
        for person_id in await uow.routes.coordinators(Role.MUNICIPAL_COORDINATOR,
                                                       school.municipality_id):
            if person_id == actor.person_id or person_id in coordinators:
                continue
            await notify(uow, Notification(
                person_id=person_id, key="route-alert-municipal", params=params,
                targets=(ReviewRoute(route.id),),
                dedupe_key=f"route:{route.id}:{revision}:municipal:{person_id}",
            ), now)
    return Submitted(await _route(uow, route.id), len(coordinators))


async def _require_reviewer(uow: UnitOfWork, actor: Actor, route: Route,
                            school: Org | None) -> None:
    if route.person_id == actor.person_id:
        raise AccessDenied("route-error-own-route")
    if not is_school_coordinator(actor, route.school_id):
        if school is not None and actor.covers(school):
            raise AccessDenied("route-error-school-only")
        raise AccessDenied("route-error-not-yours")


async def check_reviewer(uow: UnitOfWork, actor: Actor, route_id: int) -> Route:
    """May the actor approve or return this route now? (Before showing the comment prompt.)"""
    route, school = await _viewable(uow, actor, route_id)
    await _require_reviewer(uow, actor, route, school)
    if route.status is not RouteStatus.SUBMITTED:
        raise DomainError("route-error-not-waiting")
    return route


async def approve(uow: UnitOfWork, actor: Actor, route_id: int, now: datetime) -> Route:
    route = await check_reviewer(uow, actor, route_id)
    ok = await uow.routes.transition(route.id, RouteStatus.SUBMITTED, route.revision,
                                     RouteStatus.APPROVED, now, decided_at=now,
                                     decided_by=actor.person_id, comment=None)
    if not ok:  # two coordinators at once: the first decision counts
        raise DomainError("route-error-not-waiting")
    await uow.routes.add_history(route.id, HistoryAction.APPROVED, actor.person_id,
                                 route.revision, None, now)
    await notify(uow, Notification(
        person_id=route.person_id, key="route-notice-approved",
        params={"reviewer": await _people_names(uow, actor.person_id)},
        targets=(OpenMenu(Section.ROUTE),),
        dedupe_key=f"route:{route.id}:{route.revision}:approved",
    ), now)
    return await _route(uow, route.id)


async def return_route(uow: UnitOfWork, actor: Actor, route_id: int, comment: object,
                       now: datetime) -> Route:
    route = await check_reviewer(uow, actor, route_id)
    clean = validate_text(comment, COMMENT_MIN, COMMENT_MAX, "comment")
    ok = await uow.routes.transition(route.id, RouteStatus.SUBMITTED, route.revision,
                                     RouteStatus.RETURNED, now, decided_at=now,
                                     decided_by=actor.person_id, comment=clean)
    if not ok:
        raise DomainError("route-error-not-waiting")
    await uow.routes.add_history(route.id, HistoryAction.RETURNED, actor.person_id,
                                 route.revision, clean, now)
    await notify(uow, Notification(
        person_id=route.person_id, key="route-notice-returned",
        params={"reviewer": await _people_names(uow, actor.person_id), "comment": clean},
        targets=(OpenMenu(Section.ROUTE),),
        dedupe_key=f"route:{route.id}:{route.revision}:returned",
    ), now)
    return await _route(uow, route.id)


async def _start_if_approved(uow: UnitOfWork, route: Route, actor_id: int | None,
                             now: datetime) -> None:
    if route.status is RouteStatus.APPROVED and await uow.routes.transition(
        route.id, RouteStatus.APPROVED, route.revision, RouteStatus.IN_PROGRESS, now
    ):
        await uow.routes.add_history(route.id, HistoryAction.STARTED, actor_id,
                                     route.revision, None, now)
        route.status = RouteStatus.IN_PROGRESS


async def start(uow: UnitOfWork, actor: Actor, route_id: int, now: datetime) -> Route:
    """The teacher begins carrying out an approved route (also implied by the first change
    of an activity's status)."""
    route, _ = await _viewable(uow, actor, route_id)
    actor.require_self(route.person_id)
    if route.status is not RouteStatus.APPROVED:
        raise DomainError("route-error-not-approved")
    await _start_if_approved(uow, route, actor.person_id, now)
    return route


async def complete(uow: UnitOfWork, actor: Actor, route_id: int, conclusion: object,
                   now: datetime) -> Route:
    """The school coordinator writes the conclusion at the end of the period (002 §V.8)."""
    route, school = await _viewable(uow, actor, route_id)
    await _require_reviewer(uow, actor, route, school)
    if not route.running:
        raise DomainError("route-error-not-running")
    clean = validate_text(conclusion, CONCLUSION_MIN, CONCLUSION_MAX, "conclusion")
    ok = await uow.routes.transition(route.id, route.status, route.revision,
                                     RouteStatus.COMPLETED, now, conclusion=clean,
                                     completed_at=now, completed_by=actor.person_id)
    if not ok:
        raise DomainError("route-error-not-running")
    await uow.routes.add_history(route.id, HistoryAction.COMPLETED, actor.person_id,
                                 route.revision, clean, now)
    await notify(uow, Notification(
        person_id=route.person_id, key="route-notice-completed",
        params={"reviewer": await _people_names(uow, actor.person_id), "conclusion": clean},
        targets=(OpenMenu(Section.ROUTE),),
        dedupe_key=f"route:{route.id}:completed",
    ), now)
    return await _route(uow, route.id)


async def review_queue(uow: UnitOfWork, actor: Actor, page: int, page_size: int) -> QueuePage:
    """Submitted routes of schools inside the actor's scope, oldest first."""
    require_coordinator(actor)
    scope = None if actor.is_admin else [g.org_id for g in actor.scope_grants() if g.org_id]
    page = max(page, 0)
    items, total = await uow.routes.queue(scope, page * page_size, page_size)
    if not items and total and page > 0:
        page = (total - 1) // page_size
        items, total = await uow.routes.queue(scope, page * page_size, page_size)
    return QueuePage(items, total, page)


# ---- carrying it out ------------------------------------------------------------------------


async def _own_running(uow: UnitOfWork, actor: Actor, activity_id: int
                       ) -> tuple[Plan, Activity]:
    plan, activity, r = await activity_of(uow, actor, activity_id)
    if not r.owner:
        raise AccessDenied("route-error-not-yours")
    if plan.route.status is RouteStatus.COMPLETED:
        raise DomainError("route-error-completed")
    if not r.carry_out:
        raise DomainError("route-error-not-approved")
    return plan, activity


async def set_activity_status(uow: UnitOfWork, actor: Actor, activity_id: int,
                              status: ActivityStatus, now: datetime) -> Activity:
    """The teacher moves an activity: planned ⇄ in progress → done (reopened if need be),
    or dropped (restored to planned). The first move starts an approved route."""
    plan, activity = await _own_running(uow, actor, activity_id)
    if status is activity.status:
        return activity
    if status not in ACTIVITY_TRANSITIONS[activity.status]:
        raise ValidationError("route-error-transition", old=activity.status.value,
                              new=status.value)
    activity.status = status
    if status is ActivityStatus.DONE:
        activity.done_at, activity.done_source = now, DoneSource.MANUAL
    else:
        activity.done_at = None
        activity.done_source = activity.done_ref = None
    activity.updated_at = now
    await uow.routes.save_activity(activity)
    await _start_if_approved(uow, plan.route, actor.person_id, now)
    return activity


async def set_evidence(uow: UnitOfWork, actor: Actor, activity_id: int, now: datetime, *,
                       text: object = None, file_id: str | None = None,
                       file_name: str | None = None) -> Activity:
    """Evidence of an activity: a few words, a link or a file (kept by its messenger id)."""
    _plan, activity = await _own_running(uow, actor, activity_id)
    if file_id:
        activity.evidence_file_id = file_id[:300]
        activity.evidence_file_name = (file_name or "")[:300] or None
    else:
        words, url = parse_evidence(text)
        if url:
            activity.evidence_url = url
        else:
            activity.evidence_text = words
    activity.updated_at = now
    await uow.routes.save_activity(activity)
    return activity


async def _mark_done(uow: UnitOfWork, activity: Activity, source: DoneSource, ref: int | None,
                     evidence: str | None, now: datetime) -> None:
    activity.status = ActivityStatus.DONE
    activity.done_at, activity.done_source, activity.done_ref = now, source, ref
    if evidence and not activity.evidence_text:
        activity.evidence_text = evidence[:EVIDENCE_MAX]
    activity.updated_at = now
    await uow.routes.save_activity(activity)
    route = await uow.routes.get(activity.route_id)
    if route is not None:
        await _start_if_approved(uow, route, None, now)


async def on_event_attended(uow: UnitOfWork, person_id: int, event_id: int, now: datetime
                            ) -> int:
    """Attendance of a registered catalogue event (domain/events.py) marks the teacher's
    open activities naming that event done; returns how many."""
    marked = 0
    for activity in await uow.routes.open_activities(person_id, event_id=event_id):
        await _mark_done(uow, activity, DoneSource.ATTENDANCE, event_id, None, now)
        marked += 1
    return marked


async def on_event_unattended(uow: UnitOfWork, person_id: int, event_id: int, now: datetime
                              ) -> int:
    """An organiser took the attendance mark back: what it marked done is planned again."""
    undone = 0
    for activity in await uow.routes.activities_of_person(person_id, event_id=event_id):
        if activity.status is ActivityStatus.DONE and \
                activity.done_source is DoneSource.ATTENDANCE:
            activity.status, activity.done_at = ActivityStatus.PLANNED, None
            activity.done_source = activity.done_ref = None
            activity.updated_at = now
            await uow.routes.save_activity(activity)
            undone += 1
    return undone


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").casefold()).split())


async def on_report_accepted(uow: UnitOfWork, report: CourseForm, now: datetime) -> int:
    """An accepted course report marks the open activity of that course done, with the report
    as evidence. Matched by the catalogue course (the report's or its assignment's event) or
    by the programme's name; one activity per report, «Программы ПК» first."""
    event_ids = set()
    for data in (report.data, await _assignment_data(uow, report)):
        if data and data.get("event_id"):
            event_ids.add(int(data["event_id"]))
    program = _norm(report.program)
    candidates = await uow.routes.open_activities(report.person_id)
    matches = [a for a in candidates if a.event_id is not None and a.event_id in event_ids]
    if not matches and program:
        matches = [a for a in candidates if _norm(a.title) == program]
    if not matches:
        return 0
    matches.sort(key=lambda a: (a.column is not Column.COURSES, a.due or date.max, a.id))
    await _mark_done(uow, matches[0], DoneSource.COURSE_REPORT, report.id, report.program,
                     report.decided_at or now)
    return 1


async def _assignment_data(uow: UnitOfWork, report: CourseForm) -> dict[str, Any] | None:
    if report.assignment_id is None:
        return None
    assignment = await uow.courses.get(report.assignment_id)
    return assignment.data if assignment else None


async def record_overdue_reminders(uow: UnitOfWork, today: date, now: datetime) -> int:
    """One reminder per overdue activity of a route being carried out (the outbox's dedupe
    key keeps it to one, whatever the number of ticks or instances)."""
    recorded = 0
    for activity in await uow.routes.overdue(today, [s.value for s in RUNNING]):
        assert activity.due is not None
        if await notify(uow, Notification(
            person_id=activity.person_id, key="route-notice-overdue",
            params={"title": activity.title, "due": activity.due},
            targets=(OpenMenu(Section.ROUTE),),
            dedupe_key=f"route:overdue:{activity.id}:{activity.due.isoformat()}",
        ), now):
            recorded += 1
    return recorded


# ---- the document ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupPercent:
    group: str
    percent: float


@dataclass(slots=True)
class RouteDocument:
    """Everything the ИОМ document shows, as plain values (rendering is in bot/)."""

    plan: Plan
    full_name: str
    school: str
    municipality: str
    position: str | None  # a Position value
    subjects: list[str]
    experience_years: int | None
    category: str | None  # a Category value
    diagnosed_at: datetime | None
    total_percent: float | None
    groups: list[GroupPercent] = field(default_factory=list)
    self_analysis: str | None = None
    coordinator: str | None = None  # who agreed it


async def document(uow: UnitOfWork, actor: Actor, route_id: int) -> RouteDocument:
    plan, _ = await get_plan(uow, actor, route_id)
    route = plan.route
    person = await uow.people.get(route.person_id)
    profile = person.profile if person else None
    school = await _school(uow, route)
    municipality = await uow.orgs.get(school.municipality_id) if school and \
        school.municipality_id else None
    attempt = await uow.diagnosis.get_attempt(route.attempt_id) if route.attempt_id else None
    result = attempt.result if attempt else None
    decided = route.completed_by or route.decided_by
    return RouteDocument(
        plan=plan,
        full_name=(profile.full_name if profile else None) or "",
        school=school.name if school else "",
        municipality=municipality.name if municipality else "",
        position=profile.position.value if profile and profile.position else None,
        subjects=list(profile.subjects) if profile else [],
        experience_years=profile.experience_years if profile else None,
        category=profile.category.value if profile and profile.category else None,
        diagnosed_at=attempt.completed_at if attempt else None,
        total_percent=result.total if result else None,
        groups=[GroupPercent(str(g.group.value), g.percent) for g in result.groups]
        if result else [],
        self_analysis=attempt.self_analysis if attempt else None,
        coordinator=await _people_names(uow, decided) if decided else None,
    )


def by_column(activities: Sequence[Activity]) -> dict[Column, list[Activity]]:
    out: dict[Column, list[Activity]] = {c: [] for c in COLUMN_ORDER}
    for a in sorted(activities, key=lambda a: (a.due or date.max, a.id)):
        out[a.column].append(a)
    return out

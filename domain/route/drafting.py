"""drafting"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from domain import external
from domain.access import Actor
from domain.diagnosis import Deficit
from domain.entities import Notification, Person
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.external import ExternalDiagnosis
from domain.notifications import OpenMenu, ReviewRoute, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

if TYPE_CHECKING:
    from domain.events import Event
from domain.route.model import (
    ACTIVITIES_PER_ROW_MAX,
    COMPETENCE_GROUPS,
    DEFICIT_MAX,
    PROPOSALS,
    ROWS_MAX,
    RUNNING,
    TITLE_MAX,
    Activity,
    ActivityStatus,
    Column,
    HistoryAction,
    Part,
    Plan,
    PlanRow,
    Route,
    RouteStatus,
    column_for_event,
    default_period,
    parse_self_form,
    parse_title,
)
from domain.route.parties import _refuse, may_remove, require_column, rights
from domain.route.reading import _school, _viewable, activity_of, load_plan, row_of
from domain.route.ready import prefill

# ---- building the draft ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Basis:
    """What «Мой ИОМ» offers a teacher without a route: the latest diagnosis, if any."""

    attempt_id: int | None
    diagnosed_at: datetime | None
    deficits: int
    #: the latest external diagnosis (domain/external): the draft may be built on it instead
    external: ExternalDiagnosis | None = None


async def basis(uow: UnitOfWork, actor: Actor) -> Basis:
    found = await external.latest(uow, actor.person_id)
    attempt = await uow.diagnosis.last_completed(actor.person_id)
    if attempt is None:
        return Basis(None, None, 0, found)
    return Basis(attempt.id, attempt.completed_at, len(await uow.diagnosis.deficits(attempt.id)),
                 found)


SOURCES = ("self", "external")


async def source_deficits(uow: UnitOfWork, person_id: int, source: str
                          ) -> tuple[int | None, int | None, list[Deficit]]:
    """(attempt id, external id, deficits) of the chosen source: the latest self-diagnosis,
    or the latest external diagnosis (its groups under the self-diagnosis threshold). The
    self-diagnosis attempt is kept either way: section 3 (self-analysis) is written on it."""
    if source not in SOURCES:
        raise ValidationError("route-error-source")
    attempt = await uow.diagnosis.last_completed(person_id)
    if source == "external":
        found = await external.latest(uow, person_id)
        if found is None:
            raise DomainError("route-error-no-external")
        return attempt.id if attempt else None, found.id, await external.deficits(uow, found)
    if attempt is None:
        raise DomainError("route-error-no-diagnosis")
    return attempt.id, None, await uow.diagnosis.deficits(attempt.id)


async def build_draft(uow: UnitOfWork, actor: Actor, person: Person, today: date,
                      now: datetime, tz: ZoneInfo | None = None,
                      subjects: Sequence[str] = (), ready: bool = False,
                      source: str = "self") -> Plan:
    """A draft from the teacher's latest diagnosis: one plan row per deficit, by competence
    group and worst first inside a group, each row with a proposed activity (the best-matching
    catalogue event or a self-education item, ``domain.route.ready``). ``subjects`` are the
    names of the teacher's subjects as event titles would write them. ``ready=False`` leaves
    the rows empty (the screens always build it ready).

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
    attempt_id, external_id, deficits = await source_deficits(uow, person.id, source)
    start, end = default_period(today)
    route = await uow.routes.add(Route(
        id=0, person_id=person.id, school_id=person.profile.school_id,
        status=RouteStatus.DRAFT, period_start=start, period_end=end, attempt_id=attempt_id,
        created_at=now, updated_at=now, external_id=external_id,
    ))
    order = {g: n for n, g in enumerate(COMPETENCE_GROUPS)}
    worst = sorted(deficits, key=lambda d: d.rank)[:ROWS_MAX]
    for n, d in enumerate(sorted(worst, key=lambda d: (order.get(str(d.group), 99), d.rank)), 1):
        await uow.routes.add_row(PlanRow(0, route.id, n, str(d.group), d.title[:DEFICIT_MAX],
                                         d.indicator, d.percent))
    await uow.routes.add_history(route.id, HistoryAction.CREATED, actor.person_id, 0, None, now)
    plan = await load_plan(uow, route)
    if not ready:
        return plan
    return await prefill(uow, actor, plan, subjects, tz or ZoneInfo("UTC"), now)


# ---- shaping the plan -----------------------------------------------------------------------


async def proposals(uow: UnitOfWork, actor: Actor, row_id: int, now: datetime) -> list[Event]:
    """Catalogue activities for a row: upcoming events the teacher can see that address the
    row's competence group, not chosen yet, in the columns the actor may fill."""
    from domain import events as ev

    plan, row, r = await row_of(uow, actor, row_id)
    if not r.choose:
        return []
    seer = await ev.viewer(uow, plan.route.person_id)
    upcoming = await uow.events.upcoming(sorted(seer.orgs), now, None, None, None, None)
    taken = {a.event_id for a in plan.activities if a.event_id}
    found = [
        e for e in upcoming
        if row.group in e.groups and e.id not in taken and not e.is_cancelled
        and column_for_event(e) in r.choose and ev.visible_to(e, seer)
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


async def swap(uow: UnitOfWork, actor: Actor, activity_id: int, event_id: int, tz: ZoneInfo,
               now: datetime) -> Activity:
    """Replace an activity not done yet (typically a proposal) by another offered catalogue
    event of the same row; the new one counts as chosen."""
    plan, old, _ = await activity_of(uow, actor, activity_id)
    if old.status is ActivityStatus.DONE:
        raise DomainError("route-error-remove-done")
    await remove_activity(uow, actor, activity_id)
    return await choose_event(uow, actor, old.row_id, event_id, tz, now)


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


#: the columns a mentor's proposal lands in (002 §V.4: self-education; «Консультационные
#: часы (тьютор, наставник, куратор ЦНППМ)»)
MENTOR_COLUMNS = frozenset({Column.SELF_EDUCATION, Column.CONSULTATIONS})


async def add_from_mentor(uow: UnitOfWork, actor: Actor, column: Column, title: object,
                          form: str | None, due: date, group: str | None, row_id: int | None,
                          mentor_name: str, today: date, now: datetime) -> Activity:
    """The teacher accepts what their mentor proposed (domain.mentoring): it goes into the
    teacher's current ИОМ, into the row of the proposed deficit (or of its competence group,
    or the first row), due at the end of the proposed month within the route's period.

    The teacher's acceptance is their choice (§IV.6), so it is theirs like an item they typed.
    A draft or returned route takes it as the teacher's own item; a submitted one shows it to
    the reviewer with the rest; an agreed (running) route takes it too — the mentor is one of
    the parties of «Консультационные часы» (002 §V.4) — and the school coordinators are told,
    as the teacher is told when a coordinator adds to an agreed route. A concluded route, or
    none, takes nothing."""
    if column not in MENTOR_COLUMNS:
        raise ValidationError("route-error-column-not-yours", column=column.value)
    route = await uow.routes.latest_of(actor.person_id)
    if route is None or route.status is RouteStatus.COMPLETED:
        raise DomainError("route-error-mentor-no-route")
    actor.require_self(route.person_id)
    plan = await load_plan(uow, route)
    if not plan.rows:
        raise ValidationError("route-error-no-rows")
    ordered = sorted(plan.rows, key=lambda r: r.position)
    row = (next((r for r in ordered if r.id == row_id), None)
           or next((r for r in ordered if group and r.group == group), None) or ordered[0])
    _check_row_room(plan, row.id)
    clean = parse_title(title)
    if column is Column.SELF_EDUCATION:
        form = parse_self_form(form).value
    due = min(max(due, today, route.period_start), route.period_end)
    activity = await uow.routes.add_activity(Activity(
        id=0, route_id=route.id, row_id=row.id, person_id=route.person_id, column=column,
        title=clean, form=form, due=due, added_by=actor.person_id, created_at=now,
        updated_at=now,
    ))
    if route.status in RUNNING and route.school_id is not None:
        name = ""
        person = await uow.people.get(route.person_id)
        if person is not None:
            name = person.profile.full_name or ""
        for coordinator in await uow.courses.school_coordinators(route.school_id):
            if coordinator == actor.person_id:
                continue
            await notify(uow, Notification(
                person_id=coordinator, key="route-alert-mentor-added",
                params={"name": name, "mentor": mentor_name, "title": clean,
                        "column": column.value},
                targets=(ReviewRoute(route.id),),
                dedupe_key=f"route:{route.id}:mentor-added:{activity.id}:{coordinator}",
            ), now)
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
    if not may_remove(r, plan.route, activity, actor.person_id):
        school = await _school(uow, plan.route)
        require_column(actor, plan.route, school, activity.column)  # says why not
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
    kept on the diagnosis the route was built from: the external one (domain/external) for a
    route built on it, else the self-diagnosis attempt (domain/diagnosis.py)."""
    from domain import diagnosis

    route, school = await _viewable(uow, actor, route_id)
    r = rights(actor, route, school)
    if not r.self_analysis:
        if not r.owner:
            raise AccessDenied("route-error-column-not-yours", column=Part.SELF_ANALYSIS.value)
        raise DomainError("route-error-completed")
    if route.external_id is not None:
        found = await external.save_self_analysis(uow, actor, route.external_id, text)
        return found.self_analysis or ""
    if route.attempt_id is None:
        raise DomainError("route-error-no-diagnosis")
    attempt = await diagnosis.save_self_analysis(uow, actor, route.attempt_id, text, now)
    return attempt.self_analysis or ""

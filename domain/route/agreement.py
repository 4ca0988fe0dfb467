"""agreement"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.access import Actor, require_coordinator
from domain.entities import Notification, Org
from domain.enums import Role
from domain.errors import AccessDenied, DomainError, ValidationError
from domain.notifications import OpenMenu, ReviewRoute, Section
from domain.outbox import notify
from domain.ports import UnitOfWork
from domain.route.model import (
    COMMENT_MAX,
    COMMENT_MIN,
    CONCLUSION_MAX,
    CONCLUSION_MIN,
    ActivityStatus,
    HistoryAction,
    Plan,
    QueuePage,
    Route,
    RouteStatus,
    RowEmpty,
    RowProposed,
    may_conclude,
    validate_text,
)
from domain.route.parties import is_school_coordinator
from domain.route.reading import _route, _viewable, load_plan
from domain.route.versions import record_current

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
        live = [a for a in plan.of_row(row.id) if a.status is not ActivityStatus.DROPPED]
        if not live:
            raise RowEmpty(n=n, title=row.title)
        if all(a.proposed for a in live):
            raise RowProposed(n=n, title=row.title)


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
    # proposals of the ready draft left beside what the teacher chose in a row are not sent
    for a in plan.activities:
        if a.proposed:
            await uow.routes.delete_activity(a.id)
    revision = route.revision + 1
    ok = await uow.routes.transition(route.id, route.status, route.revision,
                                     RouteStatus.SUBMITTED, now, revision=revision,
                                     submitted_at=now)
    if not ok:
        raise DomainError("route-error-locked", status=route.status.value)
    await uow.routes.add_history(route.id, HistoryAction.SUBMITTED, actor.person_id, revision,
                                 None, now)
    await record_current(uow, route.id, HistoryAction.SUBMITTED, actor.person_id, now)
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
    await record_current(uow, route.id, HistoryAction.APPROVED, actor.person_id, now)
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
    await record_current(uow, route.id, HistoryAction.RETURNED, actor.person_id, now, clean)
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
                   now: datetime, today: date | None = None) -> Route:
    """The school coordinator writes the conclusion at the end of the period (002 §V.8).
    ``today`` is the date in the school's time zone (default: the UTC date of ``now``)."""
    route, school = await _viewable(uow, actor, route_id)
    await _require_reviewer(uow, actor, route, school)
    if not route.running:
        raise DomainError("route-error-not-running")
    if not may_conclude(await load_plan(uow, route), today or now.date()):
        raise DomainError("route-error-conclude-early", end=route.period_end)
    clean = validate_text(conclusion, CONCLUSION_MIN, CONCLUSION_MAX, "conclusion")
    ok = await uow.routes.transition(route.id, route.status, route.revision,
                                     RouteStatus.COMPLETED, now, conclusion=clean,
                                     completed_at=now, completed_by=actor.person_id)
    if not ok:
        raise DomainError("route-error-not-running")
    await uow.routes.add_history(route.id, HistoryAction.COMPLETED, actor.person_id,
                                 route.revision, clean, now)
    await record_current(uow, route.id, HistoryAction.COMPLETED, actor.person_id, now, clean)
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
    people = await uow.people.get_many([r.person_id for r in items])
    schools = await uow.orgs.get_many([r.school_id for r in items if r.school_id])
    return QueuePage(
        items, total, page,
        teachers={pid: p.profile.full_name or "" for pid, p in people.items()},
        schools={oid: o.name for oid, o in schools.items()},
    )

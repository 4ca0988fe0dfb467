"""Group ИОМ services: suggestions from the school's shared deficits, creating a group route,
its activities and members, each member's own progress, leaving, closing. Access is decided
here: only the school's coordinators manage, only members (and those coordinators) see, and
any id that is not the actor's to see is «not found»."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

from domain.access import Actor, is_school_coordinator
from domain.dates import DateKeys, parse_day, within
from domain.entities import Notification
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.group_route.model import (
    ACTIVITIES_MAX,
    MEMBERS_MAX,
    SUGGESTIONS,
    GroupPlan,
    GroupRights,
    GroupRoute,
    GroupStatus,
    Mark,
    Suggestion,
    activity_of,
)
from domain.notifications import OpenGroupRoute
from domain.outbox import notify
from domain.ports import UnitOfWork
from domain.route import (
    COMPETENCE_GROUPS,
    CONCLUSION_MAX,
    CONCLUSION_MIN,
    Activity,
    ActivityStatus,
    Column,
    check_period,
    parse_evidence,
    parse_title,
    validate_text,
)


def coordinated_school(actor: Actor) -> int:
    """The school the actor coordinates (the first, if several)."""
    for g in actor.grants:
        if is_school_coordinator(actor, g.org_id):
            return g.org_id  # type: ignore[return-value]
    raise AccessDenied("grp-error-not-coordinator")


def rights(actor: Actor, group: GroupRoute, member_ids: Sequence[int]) -> GroupRights:
    manage = is_school_coordinator(actor, group.school_id)
    member = actor.person_id in member_ids
    return GroupRights(view=manage or member, manage=manage and group.open,
                       member=member and group.open)


async def suggestions(uow: UnitOfWork, actor: Actor, school_id: int
                      ) -> tuple[list[Suggestion], dict[str, set[int]]]:
    """The deficits shared by most teachers of the school (with counts), and who has each
    indicator (to pre-tick them)."""
    if not is_school_coordinator(actor, school_id):
        raise AccessDenied("grp-error-not-coordinator")
    rows = await uow.group_routes.school_deficits(school_id)
    who: dict[str, set[int]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for person_id, group, indicator, title in rows:
        if person_id == actor.person_id:
            continue
        who.setdefault(indicator, set()).add(person_id)
        titles[indicator] = (group, title)
    counts = Counter({k: len(v) for k, v in who.items()})
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], titles[kv[0]][1]))
    return ([Suggestion(titles[k][0], k, titles[k][1], n) for k, n in ranked[:SUGGESTIONS]],
            who)


async def candidates(uow: UnitOfWork, actor: Actor, school_id: int) -> list[tuple[int, str]]:
    """Everyone of the school who may be a member (the coordinator themself is not)."""
    if not is_school_coordinator(actor, school_id):
        raise AccessDenied("grp-error-not-coordinator")
    return await uow.routes.colleagues(school_id, actor.person_id, 200)


async def create(uow: UnitOfWork, actor: Actor, school_id: int, group: str,
                 indicator: str | None, deficit: str, title: str, period: tuple[date, date],
                 member_ids: Sequence[int], today: date, now: datetime) -> GroupRoute:
    if not is_school_coordinator(actor, school_id):
        raise AccessDenied("grp-error-not-coordinator")
    if group not in COMPETENCE_GROUPS:
        raise ValidationError("grp-error-group")
    start, end = check_period(*period, today)
    clean = parse_title(title)
    allowed = {pid for pid, _ in await uow.routes.colleagues(school_id, actor.person_id, 200)}
    chosen = [pid for pid in dict.fromkeys(member_ids) if pid in allowed]
    if not chosen:
        raise ValidationError("grp-error-no-members")
    if len(chosen) > MEMBERS_MAX:
        raise ValidationError("grp-error-members-many", max=MEMBERS_MAX)
    route = await uow.group_routes.add(GroupRoute(
        id=0, school_id=school_id, author_id=actor.person_id, title=clean, group=group,
        indicator=indicator, deficit=parse_title(deficit, 300), period_start=start,
        period_end=end, created_at=now))
    for pid in chosen:
        await _add_member(uow, actor, route, pid, now)
    return route


async def _add_member(uow: UnitOfWork, actor: Actor, route: GroupRoute, person_id: int,
                      now: datetime) -> None:
    if not await uow.group_routes.set_member(route.id, person_id, True, actor.person_id, now):
        return
    school = await uow.orgs.get(route.school_id)
    coordinator = await uow.people.get(actor.person_id)
    await notify(uow, Notification(
        person_id=person_id, key="grp-notice-added",
        params={"title": route.title, "school": school.name if school else None,
                "coordinator": coordinator.profile.full_name
                if coordinator and coordinator.profile else None},
        targets=(OpenGroupRoute(route.id),),
        dedupe_key=f"grp-added:{route.id}:{person_id}:{now.isoformat()}",
    ), now)


async def load(uow: UnitOfWork, actor: Actor, group_id: int) -> tuple[GroupPlan, GroupRights]:
    route = await uow.group_routes.get(group_id)
    if route is None:
        raise NotFound("grp-error-not-found")
    members = await uow.group_routes.members(group_id)
    r = rights(actor, route, [m.person_id for m in members])
    if not r.view:
        raise NotFound("grp-error-not-found")  # not theirs: as if it did not exist
    plan = GroupPlan(route, await uow.group_routes.activities(group_id), members)
    plan.marks = {(m.activity_id, m.person_id): m for m in await uow.group_routes.marks(group_id)}
    return plan, r


async def managed(uow: UnitOfWork, actor: Actor, group_id: int) -> GroupPlan:
    plan, r = await load(uow, actor, group_id)
    if not r.manage:
        raise AccessDenied("grp-error-not-coordinator" if plan.route.open
                           else "grp-error-closed")
    return plan


async def school_list(uow: UnitOfWork, actor: Actor) -> list[GroupRoute]:
    return await uow.group_routes.of_school(coordinated_school(actor))


#: a due date typed for a group activity: the date picker's wording, the route's own bounds
DUE_KEYS = DateKeys(early="route-error-date-past", late="grp-error-due-late")


def due_bounds(route: GroupRoute, today: date) -> tuple[date, date]:
    """A group activity is due from today to the end of the route's period."""
    return today, route.period_end


def read_due(route: GroupRoute, text: object, today: date) -> date:
    """A typed due date («31.12» or «31.12.2026») within :func:`due_bounds`."""
    earliest, latest = due_bounds(route, today)
    if latest < earliest:
        raise ValidationError("grp-error-period-over", end=route.period_end)
    return parse_day(text, today, earliest, latest, DUE_KEYS)


def check_due(route: GroupRoute, due: date, today: date) -> date:
    """A due date picked from the calendar, checked again (a forged day is refused)."""
    earliest, latest = due_bounds(route, today)
    if latest < earliest:
        raise ValidationError("grp-error-period-over", end=route.period_end)
    if not within(due, earliest, latest):
        raise ValidationError(DUE_KEYS.early if due < earliest else DUE_KEYS.late,
                              earliest=earliest, latest=latest, today=today)
    return due


async def add_activity(uow: UnitOfWork, actor: Actor, group_id: int, column: str, title: str,
                       hours: float | None, due: date | None, today: date, now: datetime
                       ) -> Activity:
    """A new activity of the plan, due on ``due`` (None: the end of the route's period)."""
    plan = await managed(uow, actor, group_id)
    try:
        col = Column(column)
    except ValueError:
        raise ValidationError("grp-error-column") from None
    if len(plan.activities) >= ACTIVITIES_MAX:
        raise ValidationError("grp-error-activities-many", max=ACTIVITIES_MAX)
    route = plan.route
    when = check_due(route, due, today) if due is not None else route.period_end
    return await uow.group_routes.add_activity(activity_of(
        route, 0, col, parse_title(title), when, hours, actor.person_id, now))


async def set_members(uow: UnitOfWork, actor: Actor, group_id: int, person_id: int,
                      present: bool, now: datetime) -> None:
    """The coordinator adds or removes one member (only teachers of the school)."""
    plan = await managed(uow, actor, group_id)
    if present:
        allowed = {pid for pid, _ in await candidates(uow, actor, plan.route.school_id)}
        if person_id not in allowed:
            raise NotFound("grp-error-not-found")
        if len(plan.members) >= MEMBERS_MAX:
            raise ValidationError("grp-error-members-many", max=MEMBERS_MAX)
        await _add_member(uow, actor, plan.route, person_id, now)
    else:
        if plan.member(person_id) is None:
            raise NotFound("grp-error-not-found")
        if len(plan.members) == 1:
            raise ValidationError("grp-error-last-member")
        await uow.group_routes.set_member(group_id, person_id, False, actor.person_id, now)


async def leave(uow: UnitOfWork, actor: Actor, group_id: int, now: datetime) -> GroupRoute:
    plan, r = await load(uow, actor, group_id)
    if plan.member(actor.person_id) is None:
        raise NotFound("grp-error-not-found")
    await uow.group_routes.set_member(group_id, actor.person_id, False, actor.person_id, now)
    return plan.route


async def mark(uow: UnitOfWork, actor: Actor, group_id: int, activity_id: int,
               done: bool, now: datetime) -> Mark:
    """The member marks their own progress on an activity; the others' marks are untouched.
    Done hours go into the member's hours ledger, as individual activities' do."""
    plan, r = await load(uow, actor, group_id)
    if not r.member:
        raise AccessDenied("grp-error-closed" if plan.member(actor.person_id) else
                           "grp-error-not-member")
    activity = plan.activity(activity_id)
    if activity is None:
        raise NotFound("grp-error-not-found")
    current = plan.mark(activity_id, actor.person_id)
    current.status = ActivityStatus.DONE if done else ActivityStatus.IN_PROGRESS
    current.done_at = now if done else None
    await uow.group_routes.save_mark(group_id, current, activity.hours, now)
    return current


async def set_evidence(uow: UnitOfWork, actor: Actor, group_id: int, activity_id: int,
                       now: datetime, *, text: object = None, file_id: str | None = None,
                       file_name: str | None = None) -> Mark:
    """Evidence of the member's own work — a few words, a link or a file (kept by its
    messenger id, as the individual route's evidence is); it marks the activity done."""
    evidence_text = evidence_url = None
    if not file_id:
        evidence_text, evidence_url = parse_evidence(text)
    plan, r = await load(uow, actor, group_id)
    if not r.member:
        raise AccessDenied("grp-error-not-member")
    activity = plan.activity(activity_id)
    if activity is None:
        raise NotFound("grp-error-not-found")
    current = plan.mark(activity_id, actor.person_id)
    if file_id:
        current.evidence_file_id = file_id[:300]
        current.evidence_file_name = (file_name or "")[:300] or None
    else:
        current.evidence_text, current.evidence_url = evidence_text, evidence_url
    if not current.done:
        current.status, current.done_at = ActivityStatus.DONE, now
    await uow.group_routes.save_mark(group_id, current, activity.hours, now)
    return current


async def close(uow: UnitOfWork, actor: Actor, group_id: int, conclusion: str, now: datetime
                ) -> GroupRoute:
    plan = await managed(uow, actor, group_id)
    route = plan.route
    route.conclusion = validate_text(conclusion, CONCLUSION_MIN, CONCLUSION_MAX, "conclusion")
    route.status, route.closed_at = GroupStatus.CLOSED, now
    await uow.group_routes.save(route)
    for m in plan.members:
        await notify(uow, Notification(
            person_id=m.person_id, key="grp-notice-closed", params={"title": route.title},
            targets=(OpenGroupRoute(route.id),), dedupe_key=f"grp-closed:{route.id}:{m.person_id}",
        ), now)
    return route


async def member_progress(uow: UnitOfWork, actor: Actor, group_id: int, person_id: int
                          ) -> tuple[GroupPlan, list[Activity]]:
    """One member's activities with their own progress and evidence, for the school's
    coordinator (also after closing); anyone else, or a person who is not a member: «not
    found»."""
    plan, _ = await load(uow, actor, group_id)
    if not is_school_coordinator(actor, plan.route.school_id) or plan.member(person_id) is None:
        raise NotFound("grp-error-not-found")
    return plan, plan.of_member(person_id)


async def record_overdue_reminders(uow: UnitOfWork, today: date, now: datetime) -> int:
    """One reminder per member and overdue activity of an open group route — like the
    individual route's (domain.route.record_overdue_reminders); the outbox's dedupe key keeps
    it to one however often the tick runs."""
    recorded = 0
    for route, activity, person_id in await uow.group_routes.overdue(today):
        assert activity.due is not None
        if await notify(uow, Notification(
            person_id=person_id, key="grp-notice-overdue",
            params={"title": activity.title, "route": route.title, "due": activity.due},
            targets=(OpenGroupRoute(route.id),),
            dedupe_key=f"grp:overdue:{activity.id}:{person_id}:{activity.due.isoformat()}",
        ), now):
            recorded += 1
    return recorded


def table(plan: GroupPlan) -> list[list[object]]:
    """The member × activity progress table: a header row, then one row per member (done
    marks as True), then how many members did each activity."""
    head: list[object] = [None, *(a.title for a in plan.activities), None]
    rows: list[list[object]] = [head]
    for m in plan.members:
        marks = [plan.mark(a.id, m.person_id).done for a in plan.activities]
        rows.append([m.name, *marks, sum(marks)])
    rows.append([None, *(sum(plan.mark(a.id, m.person_id).done for m in plan.members)
                         for a in plan.activities), None])
    return rows

"""carrying"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.access import Actor
from domain.entities import Notification
from domain.errors import AccessDenied, DomainError, ValidationError
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

if TYPE_CHECKING:
    from domain.courses import CourseForm
from domain.courses.facts import ReportAccepted
from domain.events.facts import AttendanceMarked, AttendanceTakenBack
from domain.external.facts import ExternalCorrected
from domain.reactions import Reactions
from domain.route.agreement import _start_if_approved
from domain.route.consulting import sync_ledger
from domain.route.versions import on_external_corrected
from domain.route.model import (
    ACTIVITY_TRANSITIONS,
    EVIDENCE_MAX,
    RUNNING,
    Activity,
    ActivityStatus,
    Column,
    DoneSource,
    Plan,
    RouteStatus,
    parse_evidence,
)
from domain.route.reading import activity_of

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
    await sync_ledger(uow, activity, now)  # consultation hours: in the ledger when done
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
    assignment = (await uow.courses.get(report.assignment_id)
                  if report.assignment_id is not None else None)
    event_ids = {f.answers.event_id for f in (report, assignment)
                 if f is not None and f.answers.event_id}
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


async def _attended(uow: UnitOfWork, fact: AttendanceMarked) -> None:
    await on_event_attended(uow, fact.person_id, fact.event_id, fact.at)


async def _attendance_taken_back(uow: UnitOfWork, fact: AttendanceTakenBack) -> None:
    await on_event_unattended(uow, fact.person_id, fact.event_id, fact.at)


async def _report_accepted(uow: UnitOfWork, fact: ReportAccepted) -> None:
    await on_report_accepted(uow, fact.report, fact.at)


def subscribe(reactions: Reactions) -> None:
    """What the ИОМ does when other features report something (domain/wiring.py)."""
    reactions.on(AttendanceMarked, _attended)
    reactions.on(AttendanceTakenBack, _attendance_taken_back)
    reactions.on(ReportAccepted, _report_accepted)
    reactions.on(ExternalCorrected, on_external_corrected)

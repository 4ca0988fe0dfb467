"""reviewing"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from domain.access import Actor
from domain.courses.answers import check_consistency, validate_comment
from domain.courses.data import ReportAnswers
from domain.courses.facts import FormSubmitted, ReportAccepted
from domain.courses.filling import _own_editable, offered_for
from domain.courses.model import (
    CourseForm,
    Decision,
    EventAction,
    FormKind,
    FormStatus,
    HoursCredit,
)
from domain.courses.rights import require_reviewer
from domain.entities import Notification, Person
from domain.errors import DomainError, NotFound, ValidationError
from domain.notifications import OpenCourseForm, ReviewCourseForm
from domain.outbox import notify
from domain.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class Submitted:
    form: CourseForm
    coordinators: int  # how many school coordinators were alerted


async def submit(
    uow: UnitOfWork,
    actor: Actor,
    person: Person,
    form_id: int,
    now: datetime,
    today: date,
) -> Submitted:
    """Send a draft (or a corrected returned form) to the school coordinators."""
    form = await _own_editable(uow, actor, form_id)
    actor.require_self(person.id)
    gaps = form.answers.missing()
    if gaps:
        raise ValidationError("crs-error-incomplete", field=gaps[0])
    check_consistency(form.answers, today, await offered_for(uow, form))
    school_id = person.profile.school_id or form.school_id
    if school_id is None:
        raise DomainError("crs-error-no-school")
    answers = form.answers.sent()
    hours = answers.hours if isinstance(answers, ReportAnswers) else None
    revision = form.revision + 1
    ok = await uow.courses.mark_submitted(form.id, form.status, form.revision, school_id,
                                          answers, hours, now)
    if not ok:
        raise DomainError("crs-error-not-editable")
    await uow.courses.add_event(form.id, EventAction.SUBMITTED, actor.person_id, revision,
                                None, answers.stored(), now)
    school = await uow.orgs.get(school_id)
    params: dict[str, Any] = {
        "name": answers.full_name or person.profile.full_name or "",
        "school": school.name if school else "",
        "program": answers.program or "",
        "revision": revision,
        "hours": hours or 0,
    }
    coordinators = [
        c for c in await uow.courses.school_coordinators(school_id) if c != actor.person_id
    ]
    for person_id in coordinators:
        await notify(
            uow,
            Notification(
                person_id=person_id,
                key=f"crs-alert-{form.kind.value}",
                params=params,
                targets=(ReviewCourseForm(form.id),),
                dedupe_key=f"crs:{form.id}:{revision}:submitted:{person_id}",
            ),
            now,
        )
    updated = await uow.courses.get(form.id)
    assert updated is not None
    uow.emit(FormSubmitted(updated, str(params["name"]), now))  # the municipality is told
    return Submitted(form=updated, coordinators=len(coordinators))


async def check_reviewer(uow: UnitOfWork, actor: Actor, form: CourseForm) -> None:
    """May the actor decide on this form now? (Asked before showing the decision buttons.)"""
    school = await uow.orgs.get(form.school_id) if form.school_id else None
    require_reviewer(actor, form, school)
    if form.status is not FormStatus.SUBMITTED:
        raise DomainError("crs-error-not-waiting")


async def review(
    uow: UnitOfWork,
    actor: Actor,
    form_id: int,
    decision: Decision,
    comment: str | None,
    now: datetime,
) -> CourseForm:
    """The school coordinator accepts or returns (with a comment) a submitted form.

    An accepted report is a ``ReportAccepted`` fact: the hours ledger credits its hours and the
    ИОМ marks the matching activity done (domain/wiring.py).
    """
    form = await uow.courses.get(form_id)
    if form is None or form.status is FormStatus.DRAFT:
        raise NotFound("crs-error-not-found")
    await check_reviewer(uow, actor, form)
    clean = validate_comment(comment) if decision is Decision.RETURN else None
    status = FormStatus.ACCEPTED if decision is Decision.ACCEPT else FormStatus.RETURNED
    # two coordinators of one school tapping at once: only the first decision counts
    ok = await uow.courses.mark_decided(form.id, form.revision, status, actor.person_id, clean,
                                        now)
    if not ok:
        raise DomainError("crs-error-not-waiting")
    action = EventAction.ACCEPTED if status is FormStatus.ACCEPTED else EventAction.RETURNED
    await uow.courses.add_event(form.id, action, actor.person_id, form.revision, clean, {}, now)
    reviewer = await uow.people.get(actor.person_id)
    await notify(
        uow,
        Notification(
            person_id=form.person_id,
            key=f"crs-notice-{form.kind.value}-{status.value}",
            params={
                "program": form.program or "",
                "comment": clean or "",
                "hours": form.hours or 0,
                "reviewer": (reviewer.profile.full_name if reviewer else None) or "",
            },
            targets=(OpenCourseForm(form.id),),
            dedupe_key=f"crs:{form.id}:{form.revision}:{status.value}",
        ),
        now,
    )
    updated = await uow.courses.get(form.id)
    assert updated is not None
    if updated.kind is FormKind.REPORT and status is FormStatus.ACCEPTED:
        # the hours ledger and the ИОМ react (domain/wiring.py)
        uow.emit(ReportAccepted(updated, report_credit(updated), updated.decided_at or now))
    return updated


def report_credit(report: CourseForm) -> HoursCredit:
    """What an accepted report gives the hours ledger."""
    if report.kind is not FormKind.REPORT or report.status is not FormStatus.ACCEPTED:
        raise DomainError("crs-error-not-accepted")
    assert report.decided_at is not None
    answers = report.answers
    end = answers.end_date if isinstance(answers, ReportAnswers) else None
    occurred = datetime.combine(end, time(9, 0), UTC) if end else report.decided_at
    return HoursCredit(
        person_id=report.person_id,
        hours=int(report.hours or getattr(answers, "hours", None) or 0),
        source="course_report",
        source_id=report.id,
        accepted_at=report.decided_at,
        title=report.program or "",
        occurred_at=occurred,
        event_id=answers.event_id or None,
    )

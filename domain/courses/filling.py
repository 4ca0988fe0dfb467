"""filling"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from domain import events as ev
from domain.access import Actor
from domain.competences import CompetenceGroup
from domain.courses.answers import (
    clean_text,
    parse_date,
    parse_int,
    parse_percent,
    validate_document_number,
    validate_file,
)
from domain.courses.data import (
    AssignmentAnswers,
    Internship,
    InternshipDraft,
    ReportAnswers,
    new_answers,
)
from domain.courses.model import (
    AGE_MAX,
    AGE_MIN,
    COMPETENCE_GROUPS,
    DIFF_PREFIX,
    EARLIEST_COURSE,
    EARLIEST_DIPLOMA,
    HOURS_MAX,
    HOURS_MIN,
    MAX_INTERNSHIPS,
    POSITION_YEARS_MAX,
    RECOMMEND_MIN_PERCENT,
    TEXT_MAX,
    Attestation,
    CourseForm,
    CourseOption,
    Education,
    FileMeta,
    FormKind,
    FormStatus,
    offered_competences,
)
from domain.courses.rights import FormRights, can_read
from domain.entities import Person
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.ports import UnitOfWork
from domain.profile import validate_full_name

# ---- services ---------------------------------------------------------------------------


async def get_form(uow: UnitOfWork, actor: Actor, form_id: int) -> CourseForm:
    """A form the actor may see; forged ids of other people's forms are refused."""
    form = await uow.courses.get(form_id)
    if form is None:
        raise NotFound("crs-error-not-found")
    if form.person_id == actor.person_id:
        return form
    school = await uow.orgs.get(form.school_id) if form.school_id else None
    if form.status is FormStatus.DRAFT:
        raise NotFound("crs-error-not-found")
    if not can_read(actor, form, school):
        raise AccessDenied("error-out-of-scope")
    return form


def certificate_of(form: CourseForm) -> FileMeta:
    """The certificate file of a form the actor may read; a form without one says so (a forged
    or replayed «file» button must not end in silence)."""
    meta = form.certificate
    if meta is None:
        raise NotFound("crs-error-no-file")
    return meta


async def get_own(uow: UnitOfWork, actor: Actor, form_id: int) -> CourseForm:
    """The actor's own form; anybody else's id (a forged button) is refused."""
    form = await uow.courses.get(form_id)
    if form is None:
        raise NotFound("crs-error-not-found")
    actor.require_self(form.person_id)
    return form


async def get_editable(uow: UnitOfWork, actor: Actor, form_id: int) -> CourseForm:
    """The actor's own form, if it can be filled or corrected now."""
    form = await get_own(uow, actor, form_id)
    FormRights.of(actor, form).require_fill()
    return form


_own_editable = get_editable


async def open_draft(
    uow: UnitOfWork,
    actor: Actor,
    person: Person,
    kind: FormKind,
    now: datetime,
    position_label: str | None,
    assignment_id: int | None = None,
) -> tuple[CourseForm, bool]:
    """The teacher's draft of this kind, or a new one prefilled from the profile.

    Returns the form and whether it was created. ``position_label`` is the profile's
    position in the teacher's words (the form keeps text, as the paper form does).
    """
    actor.require_self(person.id)
    if not person.is_onboarded:
        raise AccessDenied("error-no-profile")
    school_id = person.profile.school_id
    if school_id is None:
        raise DomainError("crs-error-no-school")
    existing = await uow.courses.find_draft(person.id, kind)
    if existing is not None:
        if kind is FormKind.REPORT and assignment_id is not None and not existing.program:
            existing = await answer(uow, actor, existing.id, "program_link", str(assignment_id),
                                    now, now.date())
        return existing, False
    school = await uow.orgs.get(school_id)
    answers = new_answers(kind)
    if person.profile.full_name:
        answers.full_name = person.profile.full_name
    if school is not None:
        answers.workplace = school.name[: TEXT_MAX["workplace"]]
    if position_label:
        answers.position = position_label[: TEXT_MAX["position"]]
    form = await uow.courses.add(kind, person.id, school_id, answers, now)
    if kind is FormKind.REPORT and assignment_id is not None:
        form = await answer(uow, actor, form.id, "program_link", str(assignment_id), now,
                            now.date())
    return form, True


CATALOGUE_OFFER = 5


async def catalogue_options(uow: UnitOfWork, actor: Actor, kind: FormKind,
                            now: datetime) -> list[CourseOption]:
    """Catalogue courses (events of form «course», domain/events.py) a form may name.

    Before a course: the upcoming ones the teacher can see. After: the ones they registered
    for that have started. Only these are accepted by ``answer(step="program_event")``.
    """
    if kind is FormKind.ASSIGNMENT:
        seer = await ev.viewer(uow, actor.person_id)
        upcoming = await uow.events.upcoming(sorted(seer.orgs), now, ev.EventForm.COURSE,
                                             None, None, None)
        return [CourseOption(e.id, e.title) for e in upcoming
                if ev.visible_to(e, seer)][:CATALOGUE_OFFER]
    taken = [
        CourseOption(e.id, e.title)
        for e, reg in await uow.events.registrations_of_person(actor.person_id)
        if e.form is ev.EventForm.COURSE and not e.is_cancelled and e.starts_at <= now
        and (reg.is_active or reg.attended_at is not None)
    ]
    return taken[-CATALOGUE_OFFER:]


async def linkable_assignments(uow: UnitOfWork, actor: Actor) -> list[CourseForm]:
    """The teacher's approved technical assignments no accepted report has used yet."""
    forms = await uow.courses.list_by_person(actor.person_id, FormKind.ASSIGNMENT)
    taken = await uow.courses.assignments_with_accepted_reports(actor.person_id)
    return [f for f in forms if f.status is FormStatus.ACCEPTED and f.id not in taken]


async def _linked_assignment(uow: UnitOfWork, form: CourseForm) -> CourseForm | None:
    if form.assignment_id is None:
        return None
    return await uow.courses.get(form.assignment_id)


async def offered_for(uow: UnitOfWork, form: CourseForm) -> list[str]:
    return offered_competences(await _linked_assignment(uow, form))


async def answer(
    uow: UnitOfWork,
    actor: Actor,
    form_id: int,
    step: str,
    value: str | FileMeta | None,
    now: datetime,
    today: date,
) -> CourseForm:
    """Validate one answer and store it in the draft; errors name what to correct."""
    form = await _own_editable(uow, actor, form_id)
    answers = form.answers.changed()
    assignment_id = form.assignment_id
    text = value if isinstance(value, str) else None
    if step == "program_event":
        # a catalogue course: only one of those offered to this teacher (ids are untrusted)
        options = await catalogue_options(uow, actor, form.kind, now)
        chosen = next((o for o in options if str(o.event_id) == text), None)
        if chosen is None:
            raise ValidationError("crs-error-course-unavailable")
        answers.program = chosen.title[: TEXT_MAX["program"]]
        answers.event_id = chosen.event_id
        assignment_id = None
    elif isinstance(answers, AssignmentAnswers):
        if step == "program":
            answers.forget("event_id")
        _assignment_answer(answers, step, text, today)
    elif step == "program_link":
        linked = await _check_link(uow, actor, text)
        assignment_id = linked.id
        answers.program = linked.answers.program
        if linked.answers.event_id:
            answers.event_id = linked.answers.event_id
        else:
            answers.forget("event_id")
        offered = offered_competences(linked)
        if answers.competences:
            answers.competences = [c for c in answers.competences if c in offered]
    elif step == "program":
        answers.program = clean_text(text, "program")
        answers.forget("event_id")
        assignment_id = None
    else:
        _report_answer(answers, step, value, text, today)
    return await uow.courses.save(form.id, answers, assignment_id, now)


def _assignment_answer(answers: AssignmentAnswers, step: str, text: str | None,
                       today: date) -> None:
    if step == "full_name":
        answers.full_name = validate_full_name(text)
    elif step in ("workplace", "position", "specialty", "program"):
        setattr(answers, step, clean_text(text, step))
    elif step == "education":
        try:
            answers.education = Education(text or "")
        except ValueError:
            raise ValidationError("crs-error-choice") from None
    elif step == "diploma_number":
        answers.diploma_number = validate_document_number(text, "diploma_number")
    elif step == "diploma_date":
        answers.diploma_date = parse_date(text, today, EARLIEST_DIPLOMA)
    elif step == "position_years":
        answers.position_years = parse_int(text, 0, POSITION_YEARS_MAX,
                                           "crs-error-position-years")
    elif step == "age":
        answers.age = parse_int(text, AGE_MIN, AGE_MAX, "crs-error-age")
    elif step.startswith(DIFF_PREFIX):
        group = step[len(DIFF_PREFIX):]
        if group not in answers.groups:
            raise ValidationError("crs-error-choice")
        answers.difficulties = {
            **answers.difficulties,
            CompetenceGroup(group): clean_text(text, "difficulty", multiline=True),
        }
    else:
        raise ValidationError("crs-error-choice")


def _report_answer(answers: ReportAnswers, step: str, value: Any, text: str | None,
                   today: date) -> None:
    if step == "start_date":
        start = parse_date(text, today, EARLIEST_COURSE)
        answers.start_date = start
        if answers.end_date is not None and answers.end_date < start:
            answers.forget("end_date")  # asked again: the old end no longer fits
    elif step == "end_date":
        if answers.start_date is None:
            raise ValidationError("crs-error-start-first")
        end = parse_date(text, today, EARLIEST_COURSE)
        if end < answers.start_date:
            raise ValidationError("crs-error-end-before-start", start=answers.start_date)
        answers.end_date = end
    elif step == "hours":
        hours = parse_int(text, HOURS_MIN, HOURS_MAX, "crs-error-hours")
        if hours < answers.internship_hours:
            raise ValidationError("crs-error-hours-below-internships",
                                  total=answers.internship_hours)
        answers.hours = hours
    elif step == "input_percent":
        answers.input_percent = parse_percent(text)
        answers.drop_stale_recommendation()
    elif step == "repeat_percent":
        answers.repeat_percent = None if value is None else parse_percent(text)
    elif step == "intern_place":
        if len(answers.internships) >= MAX_INTERNSHIPS:
            raise ValidationError("crs-error-internships-many", max=MAX_INTERNSHIPS)
        answers.internship_draft = InternshipDraft(place=clean_text(text, "intern_place"))
    elif step == "intern_hours":
        draft = answers.internship_draft
        if draft is None:
            raise ValidationError("crs-error-internship-restart")
        hours = parse_int(text, HOURS_MIN, HOURS_MAX, "crs-error-hours")
        if answers.hours is not None:
            left = answers.hours - answers.internship_hours
            if hours > left:
                raise ValidationError("crs-error-internship-total", left=max(left, 0),
                                      total=answers.hours)
        answers.internship_draft = draft.model_copy(update={"hours": hours})
    elif step == "intern_activity":
        draft = answers.internship_draft
        if draft is None or draft.hours is None:
            raise ValidationError("crs-error-internship-restart")
        answers.internships = [*answers.internships, Internship(
            place=draft.place, hours=draft.hours,
            activity=clean_text(text, "intern_activity"))]
        answers.forget("internship_draft")
    elif step == "attestation_other":
        answers.attestation_other = clean_text(text, "attestation_other")
    elif step == "certificate_number":
        answers.certificate_number = validate_document_number(text, "certificate_number")
    elif step == "certificate_file":
        if not isinstance(value, FileMeta):
            raise ValidationError("crs-error-file-expected")
        answers.certificate_file = validate_file(value)
    elif step == "recommendation":
        if text not in ("yes", "no"):
            raise ValidationError("crs-error-choice")
        if text == "yes" and not answers.recommendation_allowed:
            raise ValidationError("crs-error-recommendation", min=RECOMMEND_MIN_PERCENT)
        answers.recommendation = text == "yes"
    else:
        raise ValidationError("crs-error-choice")


async def _check_link(uow: UnitOfWork, actor: Actor, raw: str | None) -> CourseForm:
    """Only the teacher's own approved technical assignment may be linked (ids are untrusted)."""
    if not raw or not raw.isdigit():
        raise ValidationError("crs-error-choice")
    linked = await uow.courses.get(int(raw))
    if linked is None or linked.kind is not FormKind.ASSIGNMENT:
        raise NotFound("crs-error-not-found")
    actor.require_self(linked.person_id)
    if linked.status is not FormStatus.ACCEPTED:
        raise ValidationError("crs-error-link-not-approved")
    if linked.id in await uow.courses.assignments_with_accepted_reports(actor.person_id):
        raise ValidationError("crs-error-link-used")
    return linked


async def toggle(uow: UnitOfWork, actor: Actor, form_id: int, step: str, value: str,
                 now: datetime) -> CourseForm:
    """Mark or unmark one option of a multi-select step; dependent answers follow."""
    form = await _own_editable(uow, actor, form_id)
    answers = form.answers.changed()
    if step == "groups" and isinstance(answers, AssignmentAnswers):
        allowed = list(COMPETENCE_GROUPS)
    elif step == "attestation" and isinstance(answers, ReportAnswers):
        allowed = [a.value for a in Attestation]
    elif step == "competences" and isinstance(answers, ReportAnswers):
        allowed = await offered_for(uow, form)
    else:
        raise ValidationError("crs-error-choice")
    if value not in allowed:
        raise ValidationError("crs-error-choice")
    selected = list(getattr(answers, step))
    selected = [v for v in selected if v != value] if value in selected else [*selected, value]
    setattr(answers, step, [v for v in allowed if v in selected])  # the order of the form
    if isinstance(answers, AssignmentAnswers):
        answers.difficulties = {
            g: t for g, t in answers.difficulties.items() if g in answers.groups
        }
    elif step == "attestation":
        if Attestation.OTHER not in answers.attestation:
            answers.forget("attestation_other")
        answers.drop_stale_recommendation()
    return await uow.courses.save(form.id, answers, form.assignment_id, now)


def require_selection(form: CourseForm, step: str) -> None:
    """«Готово» on a multi-select needs at least one mark."""
    if not getattr(form.answers, step, None):
        raise ValidationError(f"crs-error-{step}-empty")


async def set_internships(uow: UnitOfWork, actor: Actor, form_id: int, action: str,
                          index: int, now: datetime) -> CourseForm:
    """The internships list: «none» (no internship), «done», «del» one, «drop» the half-typed."""
    form = await _own_editable(uow, actor, form_id)
    answers = form.answers.changed()
    if not isinstance(answers, ReportAnswers):
        raise ValidationError("crs-error-choice")
    items = list(answers.internships)
    if action == "none":
        if items:
            raise ValidationError("crs-error-internships-present")
        answers.internships = []
    elif action == "done":
        answers.internships = items
    elif action == "del":
        if not 0 <= index < len(items):
            raise ValidationError("crs-error-choice")
        items.pop(index)
        answers.internships = items
    elif action == "drop":
        answers.forget("internship_draft")
    elif action == "add":
        if len(items) >= MAX_INTERNSHIPS:
            raise ValidationError("crs-error-internships-many", max=MAX_INTERNSHIPS)
        answers.forget("internship_draft")
    else:
        raise ValidationError("crs-error-choice")
    return await uow.courses.save(form.id, answers, form.assignment_id, now)


async def delete_draft(uow: UnitOfWork, actor: Actor, form_id: int) -> None:
    form = await get_own(uow, actor, form_id)
    FormRights.of(actor, form).require_delete()
    await uow.courses.delete(form.id)

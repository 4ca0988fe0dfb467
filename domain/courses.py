"""Course forms (seed 001, annexes 1 and 2): the technical assignment a teacher fills before a
course of professional development (ДПП ПК) and the report after it, and the school
coordinator's review of both.

A form is one row whose ``data`` holds the answers given so far: a draft survives a restart,
/cancel or a wrong tap, and a returned form is corrected in place and sent again. Every
submission and decision is kept as an event with a snapshot (the history).

Who may do what:
* the teacher acts on their own forms only;
* the school coordinator of the form's school accepts or returns it (never their own);
* municipal and regional coordinators (and admins) read forms inside their scope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from domain.access import Actor, require_coordinator
from domain.entities import Notification, Org, Person
from domain.enums import Role
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.notifications import OpenCourseForm, ReviewCourseForm
from domain.outbox import notify
from domain.ports import UnitOfWork
from domain.profile import validate_full_name

#: The four groups of professional competences; the same codes as the diagnosis and events.
COMPETENCE_GROUPS: tuple[str, ...] = (
    "subject",
    "methodological",
    "psycho_pedagogical",
    "communicative",
)


class FormKind(StrEnum):
    ASSIGNMENT = "assignment"  # техническое задание (annex 1)
    REPORT = "report"  # отчёт о прохождении курсов (annex 2)


class FormStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # waits for the school coordinator
    RETURNED = "returned"  # sent back with a comment; the teacher corrects and resubmits
    ACCEPTED = "accepted"  # approved (assignment) / accepted (report)


class Education(StrEnum):
    HIGHER = "higher"
    VOCATIONAL = "vocational"  # среднее специальное


class Attestation(StrEnum):
    """Forms of the final attestation of a course (annex 2)."""

    CREDIT = "credit"  # зачёт
    LESSON_PLAN = "lesson_plan"  # план-конспект
    OPEN_LESSON = "open_lesson"  # открытое занятие
    MASTER_CLASS = "master_class"  # мастер-класс
    OTHER = "other"


class FileKind(StrEnum):
    DOCUMENT = "document"
    PHOTO = "photo"


class Decision(StrEnum):
    ACCEPT = "accept"
    RETURN = "return"


class EventAction(StrEnum):
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


EDITABLE = frozenset({FormStatus.DRAFT, FormStatus.RETURNED})

# ---- limits ----------------------------------------------------------------------------

TEXT_MAX: dict[str, int] = {
    "workplace": 300,
    "position": 120,
    "diploma_number": 40,
    "specialty": 200,
    "program": 300,
    "difficulty": 500,
    "intern_place": 200,
    "intern_activity": 300,
    "attestation_other": 200,
    "certificate_number": 40,
    "comment": 1000,
}
HOURS_MIN, HOURS_MAX = 1, 1000
AGE_MIN, AGE_MAX = 18, 80
POSITION_YEARS_MAX = 60
PERCENT_MAX = 100
MAX_INTERNSHIPS = 5
#: «достаточный уровень владения предметными компетенциями» (001 §5, II stage)
RECOMMEND_MIN_PERCENT = 95
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
ALLOWED_MIME = frozenset({"application/pdf", "image/jpeg", "image/png"})
MIME_BY_EXTENSION = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
EARLIEST_DIPLOMA = date(1950, 1, 1)
EARLIEST_COURSE = date(2000, 1, 1)
COMMENT_MIN = 3

# ---- the steps of each form ------------------------------------------------------------

#: Prefilled from the profile (editable on the summary card).
PREFILLED: tuple[str, ...] = ("full_name", "workplace", "position")
ASSIGNMENT_STEPS: tuple[str, ...] = (
    *PREFILLED,
    "education",
    "diploma_number",
    "diploma_date",
    "specialty",
    "position_years",
    "age",
    "program",
    "groups",
)  # then one «directions of difficulty» step per marked group: diff_<group>
REPORT_STEPS: tuple[str, ...] = (
    "program",
    "start_date",
    "end_date",
    "hours",
    "input_percent",
    "repeat_percent",
    "internships",
    "attestation",
    "attestation_other",  # only when «другое» is marked
    "competences",
    "certificate_number",
    "certificate_file",
    "recommendation",
)
#: Steps a teacher enters from the internships list (one internship at a time).
INTERNSHIP_STEPS: tuple[str, ...] = ("intern_place", "intern_hours", "intern_activity")
DIFF_PREFIX = "diff_"
MULTI_STEPS = frozenset({"groups", "attestation", "competences"})


def steps(kind: FormKind, data: Mapping[str, Any]) -> list[str]:
    """The steps of a form, in order, for the answers given so far."""
    if kind is FormKind.ASSIGNMENT:
        groups = data.get("groups") or []
        return [*ASSIGNMENT_STEPS, *(DIFF_PREFIX + g for g in COMPETENCE_GROUPS if g in groups)]
    wanted = list(REPORT_STEPS)
    if Attestation.OTHER.value not in (data.get("attestation") or []):
        wanted.remove("attestation_other")
    return wanted


def is_answered(data: Mapping[str, Any], step: str) -> bool:
    if step.startswith(DIFF_PREFIX):
        return bool((data.get("difficulties") or {}).get(step[len(DIFF_PREFIX):]))
    if step in MULTI_STEPS or step == "attestation_other":
        return bool(data.get(step))
    # optional steps are answered with an explicit None / [] («не проходил», «без стажировки»)
    return step in data


def missing(kind: FormKind, data: Mapping[str, Any]) -> list[str]:
    return [s for s in steps(kind, data) if not is_answered(data, s)]


def next_step(kind: FormKind, data: Mapping[str, Any], after: str | None) -> str | None:
    """The first unanswered step after ``after`` (or from the start); None when all are."""
    order = steps(kind, data)
    start = order.index(after) + 1 if after in order else 0
    for step in order[start:] + order[:start]:
        if not is_answered(data, step):
            return step
    return None


def offered_competences(assignment: CourseForm | None) -> list[str]:
    """A report's competences are chosen among the technical assignment's groups."""
    if assignment is not None:
        marked = [g for g in COMPETENCE_GROUPS if g in (assignment.data.get("groups") or [])]
        if marked:
            return marked
    return list(COMPETENCE_GROUPS)


# ---- entities ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileMeta:
    """A file as the messenger describes it: we keep its id, never download it."""

    file_id: str
    kind: FileKind
    size: int | None = None
    mime: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "kind": self.kind.value,
            "size": self.size,
            "mime": self.mime,
            "name": self.name,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileMeta:
        return cls(
            file_id=str(data["file_id"]),
            kind=FileKind(data["kind"]),
            size=data.get("size"),
            mime=data.get("mime"),
            name=data.get("name"),
        )


@dataclass(slots=True)
class CourseForm:
    id: int
    kind: FormKind
    person_id: int
    school_id: int | None
    status: FormStatus
    data: dict[str, Any] = field(default_factory=dict)
    assignment_id: int | None = None
    revision: int = 0  # number of submissions so far
    comment: str | None = None  # the last return comment
    hours: int | None = None
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def program(self) -> str | None:
        value = self.data.get("program")
        return str(value) if value else None

    @property
    def certificate(self) -> FileMeta | None:
        raw = self.data.get("certificate_file")
        return FileMeta.from_dict(raw) if raw else None


@dataclass(frozen=True, slots=True)
class FormEvent:
    id: int
    form_id: int
    action: EventAction
    actor_id: int | None
    revision: int
    at: datetime
    comment: str | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HoursCredit:
    """What the hours ledger needs from an accepted course report."""

    person_id: int
    hours: int
    source: str  # "course_report"
    source_id: int  # the report's id
    accepted_at: datetime
    title: str  # the programme's name
    occurred_at: datetime  # the course's last day (09:00 UTC: the same date in every Russian zone)
    event_id: int | None = None  # the catalogue course (an event of form «course»), if named


@dataclass(frozen=True, slots=True)
class CourseOption:
    """A catalogue course a form may name instead of typing the programme."""

    event_id: int
    title: str


@dataclass(frozen=True, slots=True)
class FormPage:
    items: list[CourseForm]
    total: int
    page: int


# ---- parsing and validation of answers --------------------------------------------------


def clean_text(text: str | None, field_name: str, multiline: bool = False) -> str:
    """Trimmed text with at least one letter, within the field's length."""
    if multiline:
        lines = [" ".join(line.split()) for line in (text or "").splitlines()]
        value = "\n".join(line for line in lines if line)
    else:
        value = " ".join((text or "").split())
    if not value:
        raise ValidationError("crs-error-text-empty")
    limit = TEXT_MAX.get(field_name, 300)
    if len(value) > limit:
        raise ValidationError("crs-error-text-long", max=limit, length=len(value))
    if not any(ch.isalpha() for ch in value):
        raise ValidationError("crs-error-text-letters")
    return value


def validate_document_number(text: str | None, field_name: str) -> str:
    """A diploma or certificate number: digits, letters, spaces, «№», «-», «/», «.»."""
    value = " ".join((text or "").split())
    if not value:
        raise ValidationError("crs-error-number-empty")
    if len(value) > TEXT_MAX[field_name]:
        raise ValidationError("crs-error-text-long", max=TEXT_MAX[field_name], length=len(value))
    if not re.fullmatch(r"[\w№#\-/. ]+", value):
        raise ValidationError("crs-error-number-chars")
    if not any(ch.isdigit() for ch in value):
        raise ValidationError("crs-error-number-digits")
    return value


_DATE = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")


def parse_date(text: str | None, today: date, earliest: date) -> date:
    """A date typed as dd.mm.yyyy: real, not in the future, not before ``earliest``."""
    value = "".join((text or "").split())
    match = _DATE.match(value)
    if not match:
        raise ValidationError("crs-error-date-format")
    day, month, year = (int(g) for g in match.groups())
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValidationError("crs-error-date-invalid") from None
    if result > today:
        raise ValidationError("crs-error-date-future", today=today)
    if result < earliest:
        raise ValidationError("crs-error-date-early", earliest=earliest)
    return result


def parse_int(text: str | None, low: int, high: int, key: str) -> int:
    """A whole number in [low, high]; ``key`` names the message (it shows the range)."""
    value = (text or "").strip()
    if not re.fullmatch(r"\d{1,6}", value):
        raise ValidationError(key, min=low, max=high)
    number = int(value)
    if not low <= number <= high:
        raise ValidationError(key, min=low, max=high)
    return number


_PERCENT = re.compile(r"^(\d{1,3})(?:[.,](\d))?\s*%?$")


def parse_percent(text: str | None) -> float:
    """0–100, whole or with one decimal: «87», «87,5», «87.5 %»."""
    match = _PERCENT.match((text or "").strip())
    if not match:
        raise ValidationError("crs-error-percent-number")
    value = float(match.group(1) + "." + (match.group(2) or "0"))
    if value > PERCENT_MAX:
        raise ValidationError("crs-error-percent-range")
    return value


def validate_file(meta: FileMeta) -> FileMeta:
    """PDF, JPEG or PNG (a photo is always JPEG), up to ``MAX_FILE_MB``."""
    mime = (meta.mime or "").lower()
    if meta.kind is FileKind.PHOTO:
        mime = "image/jpeg"
    elif not mime or mime == "application/octet-stream":
        name = (meta.name or "").lower()
        mime = next((m for ext, m in MIME_BY_EXTENSION.items() if name.endswith(ext)), mime)
    if mime not in ALLOWED_MIME:
        raise ValidationError("crs-error-file-type")
    if meta.size is not None and meta.size <= 0:
        raise ValidationError("crs-error-file-empty")
    if meta.size is not None and meta.size > MAX_FILE_BYTES:
        raise ValidationError("crs-error-file-large", max=MAX_FILE_MB)
    return FileMeta(file_id=meta.file_id, kind=meta.kind, size=meta.size, mime=mime,
                    name=(meta.name or None) and meta.name[:200])


def validate_comment(text: str | None) -> str:
    value = (text or "").strip()
    if len(value) < COMMENT_MIN:
        raise ValidationError("crs-error-comment-short", min=COMMENT_MIN)
    if len(value) > TEXT_MAX["comment"]:
        raise ValidationError("crs-error-text-long", max=TEXT_MAX["comment"], length=len(value))
    return value


def recommendation_allowed(data: Mapping[str, Any]) -> bool:
    """A recommendation for dissemination of experience needs a sufficient subject level on
    the input test (95–100 %) and an open-lesson fragment at the final attestation (001 §5)."""
    percent = data.get("input_percent")
    return (
        percent is not None
        and float(percent) >= RECOMMEND_MIN_PERCENT
        and Attestation.OPEN_LESSON.value in (data.get("attestation") or [])
    )


def internship_hours(data: Mapping[str, Any]) -> int:
    return sum(int(i.get("hours") or 0) for i in data.get("internships") or [])


def _drop_stale_recommendation(data: dict[str, Any]) -> None:
    """A «yes» that no longer holds is asked again rather than silently changed."""
    if data.get("recommendation") is True and not recommendation_allowed(data):
        data.pop("recommendation", None)


def check_consistency(kind: FormKind, data: Mapping[str, Any], today: date,
                      offered: list[str]) -> None:
    """Rules across fields, re-checked before sending (each step checks them too)."""
    if kind is FormKind.ASSIGNMENT:
        groups = data.get("groups") or []
        if not groups:
            raise ValidationError("crs-error-groups-empty", field="groups")
        return
    start = date.fromisoformat(data["start_date"])
    end = date.fromisoformat(data["end_date"])
    if end < start:
        raise ValidationError("crs-error-end-before-start", start=start,
                              field="end_date")
    if end > today:
        raise ValidationError("crs-error-date-future", today=today, field="end_date")
    if internship_hours(data) > int(data["hours"]):
        raise ValidationError("crs-error-hours-below-internships", total=internship_hours(data),
                              field="hours")
    if data.get("recommendation") and not recommendation_allowed(data):
        raise ValidationError("crs-error-recommendation", min=RECOMMEND_MIN_PERCENT,
                              field="recommendation")
    if any(c not in offered for c in data.get("competences") or []):
        raise ValidationError("crs-error-competences-offered", field="competences")


# ---- permissions -------------------------------------------------------------------------


def is_school_coordinator(actor: Actor, school_id: int | None) -> bool:
    return school_id is not None and any(
        g.role is Role.SCHOOL_COORDINATOR and g.org_id == school_id for g in actor.grants
    )


def can_read(actor: Actor, form: CourseForm, school: Org | None) -> bool:
    if form.person_id == actor.person_id:
        return True
    if form.status is FormStatus.DRAFT:
        return False  # a draft is the teacher's own business
    return school is not None and actor.covers(school)


def can_review(actor: Actor, form: CourseForm) -> bool:
    return (
        form.status is FormStatus.SUBMITTED
        and form.person_id != actor.person_id
        and is_school_coordinator(actor, form.school_id)
    )


def require_reviewer(actor: Actor, form: CourseForm, school: Org | None) -> None:
    if form.person_id == actor.person_id:
        raise AccessDenied("crs-error-own-form")
    if is_school_coordinator(actor, form.school_id):
        return
    if school is not None and actor.covers(school):
        raise AccessDenied("crs-error-review-school-only")
    raise AccessDenied("error-out-of-scope")


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


async def _own_editable(uow: UnitOfWork, actor: Actor, form_id: int) -> CourseForm:
    form = await get_own(uow, actor, form_id)
    if not form.editable:
        raise DomainError("crs-error-not-editable")
    return form


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
    data: dict[str, Any] = {}
    if person.profile.full_name:
        data["full_name"] = person.profile.full_name
    if school is not None:
        data["workplace"] = school.name[: TEXT_MAX["workplace"]]
    if position_label:
        data["position"] = position_label[: TEXT_MAX["position"]]
    form = await uow.courses.add(kind, person.id, school_id, data, now)
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
    try:
        from domain import events as ev
    except ImportError:  # pragma: no cover - a build without the events feature
        return []
    if kind is FormKind.ASSIGNMENT:
        orgs = await ev.viewer_orgs(uow, actor.person_id)
        upcoming = await uow.events.upcoming(sorted(orgs), now, ev.EventForm.COURSE, None,
                                             None, None)
        return [CourseOption(e.id, e.title) for e in upcoming[:CATALOGUE_OFFER]]
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
    data = dict(form.data)
    assignment_id = form.assignment_id
    text = value if isinstance(value, str) else None
    kind = form.kind
    if step == "program_event":
        # a catalogue course: only one of those offered to this teacher (ids are untrusted)
        options = await catalogue_options(uow, actor, kind, now)
        chosen = next((o for o in options if str(o.event_id) == text), None)
        if chosen is None:
            raise ValidationError("crs-error-course-unavailable")
        data["program"] = chosen.title[: TEXT_MAX["program"]]
        data["event_id"] = chosen.event_id
        assignment_id = None
    elif kind is FormKind.ASSIGNMENT:
        if step == "program":
            data.pop("event_id", None)
        _assignment_answer(data, step, value, text, today)
    elif step == "program_link":
        linked = await _check_link(uow, actor, text)
        assignment_id = linked.id
        data["program"] = linked.data.get("program")
        if linked.data.get("event_id"):
            data["event_id"] = linked.data["event_id"]
        else:
            data.pop("event_id", None)
        offered = offered_competences(linked)
        if data.get("competences"):
            data["competences"] = [c for c in data["competences"] if c in offered]
    elif step == "program":
        data["program"] = clean_text(text, "program")
        data.pop("event_id", None)
        assignment_id = None
    else:
        _report_answer(data, step, value, text, today)
    updated = await uow.courses.save(form.id, data, assignment_id, now)
    return updated


def _assignment_answer(data: dict[str, Any], step: str, value: Any, text: str | None,
                       today: date) -> None:
    if step == "full_name":
        data["full_name"] = validate_full_name(text)
    elif step in ("workplace", "position", "specialty", "program"):
        data[step] = clean_text(text, step)
    elif step == "education":
        try:
            data["education"] = Education(text or "").value
        except ValueError:
            raise ValidationError("crs-error-choice") from None
    elif step == "diploma_number":
        data["diploma_number"] = validate_document_number(text, "diploma_number")
    elif step == "diploma_date":
        data["diploma_date"] = parse_date(text, today, EARLIEST_DIPLOMA).isoformat()
    elif step == "position_years":
        data["position_years"] = parse_int(text, 0, POSITION_YEARS_MAX,
                                           "crs-error-position-years")
    elif step == "age":
        data["age"] = parse_int(text, AGE_MIN, AGE_MAX, "crs-error-age")
    elif step.startswith(DIFF_PREFIX):
        group = step[len(DIFF_PREFIX):]
        if group not in (data.get("groups") or []):
            raise ValidationError("crs-error-choice")
        data["difficulties"] = {
            **(data.get("difficulties") or {}),
            group: clean_text(text, "difficulty", multiline=True),
        }
    else:
        raise ValidationError("crs-error-choice")


def _report_answer(data: dict[str, Any], step: str, value: Any, text: str | None,
                   today: date) -> None:
    if step == "start_date":
        start = parse_date(text, today, EARLIEST_COURSE)
        data["start_date"] = start.isoformat()
        if data.get("end_date") and date.fromisoformat(data["end_date"]) < start:
            data.pop("end_date")  # asked again: the old end no longer fits
    elif step == "end_date":
        if not data.get("start_date"):
            raise ValidationError("crs-error-start-first")
        end = parse_date(text, today, EARLIEST_COURSE)
        start = date.fromisoformat(data["start_date"])
        if end < start:
            raise ValidationError("crs-error-end-before-start", start=start)
        data["end_date"] = end.isoformat()
    elif step == "hours":
        hours = parse_int(text, HOURS_MIN, HOURS_MAX, "crs-error-hours")
        if hours < internship_hours(data):
            raise ValidationError("crs-error-hours-below-internships",
                                  total=internship_hours(data))
        data["hours"] = hours
    elif step == "input_percent":
        data["input_percent"] = parse_percent(text)
        _drop_stale_recommendation(data)
    elif step == "repeat_percent":
        data["repeat_percent"] = None if value is None else parse_percent(text)
    elif step == "intern_place":
        if len(data.get("internships") or []) >= MAX_INTERNSHIPS:
            raise ValidationError("crs-error-internships-many", max=MAX_INTERNSHIPS)
        data["internship_draft"] = {"place": clean_text(text, "intern_place")}
    elif step == "intern_hours":
        draft = dict(data.get("internship_draft") or {})
        if not draft.get("place"):
            raise ValidationError("crs-error-internship-restart")
        hours = parse_int(text, HOURS_MIN, HOURS_MAX, "crs-error-hours")
        if data.get("hours") is not None:
            left = int(data["hours"]) - internship_hours(data)
            if hours > left:
                raise ValidationError("crs-error-internship-total", left=max(left, 0),
                                      total=int(data["hours"]))
        draft["hours"] = hours
        data["internship_draft"] = draft
    elif step == "intern_activity":
        draft = dict(data.get("internship_draft") or {})
        if not draft.get("place") or not draft.get("hours"):
            raise ValidationError("crs-error-internship-restart")
        draft["activity"] = clean_text(text, "intern_activity")
        data["internships"] = [*(data.get("internships") or []), draft]
        data.pop("internship_draft", None)
    elif step == "attestation_other":
        data["attestation_other"] = clean_text(text, "attestation_other")
    elif step == "certificate_number":
        data["certificate_number"] = validate_document_number(text, "certificate_number")
    elif step == "certificate_file":
        if not isinstance(value, FileMeta):
            raise ValidationError("crs-error-file-expected")
        data["certificate_file"] = validate_file(value).to_dict()
    elif step == "recommendation":
        if text not in ("yes", "no"):
            raise ValidationError("crs-error-choice")
        if text == "yes" and not recommendation_allowed(data):
            raise ValidationError("crs-error-recommendation", min=RECOMMEND_MIN_PERCENT)
        data["recommendation"] = text == "yes"
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
    data = dict(form.data)
    if step == "groups" and form.kind is FormKind.ASSIGNMENT:
        allowed = list(COMPETENCE_GROUPS)
    elif step == "attestation" and form.kind is FormKind.REPORT:
        allowed = [a.value for a in Attestation]
    elif step == "competences" and form.kind is FormKind.REPORT:
        allowed = await offered_for(uow, form)
    else:
        raise ValidationError("crs-error-choice")
    if value not in allowed:
        raise ValidationError("crs-error-choice")
    selected = list(data.get(step) or [])
    selected = [v for v in selected if v != value] if value in selected else [*selected, value]
    data[step] = [v for v in allowed if v in selected]  # the order of the form
    if step == "groups":
        data["difficulties"] = {
            g: t for g, t in (data.get("difficulties") or {}).items() if g in data[step]
        }
    if step == "attestation":
        if Attestation.OTHER.value not in data[step]:
            data.pop("attestation_other", None)
        _drop_stale_recommendation(data)
    return await uow.courses.save(form.id, data, form.assignment_id, now)


def require_selection(form: CourseForm, step: str) -> None:
    """«Готово» on a multi-select needs at least one mark."""
    if not form.data.get(step):
        raise ValidationError(f"crs-error-{step}-empty")


async def set_internships(uow: UnitOfWork, actor: Actor, form_id: int, action: str,
                          index: int, now: datetime) -> CourseForm:
    """The internships list: «none» (no internship), «done», «del» one, «drop» the half-typed."""
    form = await _own_editable(uow, actor, form_id)
    data = dict(form.data)
    items = list(data.get("internships") or [])
    if action == "none":
        if items:
            raise ValidationError("crs-error-internships-present")
        data["internships"] = []
    elif action == "done":
        data["internships"] = items
    elif action == "del":
        if not 0 <= index < len(items):
            raise ValidationError("crs-error-choice")
        items.pop(index)
        data["internships"] = items
    elif action == "drop":
        data.pop("internship_draft", None)
    elif action == "add":
        if len(items) >= MAX_INTERNSHIPS:
            raise ValidationError("crs-error-internships-many", max=MAX_INTERNSHIPS)
        data.pop("internship_draft", None)
    else:
        raise ValidationError("crs-error-choice")
    return await uow.courses.save(form.id, data, form.assignment_id, now)


async def delete_draft(uow: UnitOfWork, actor: Actor, form_id: int) -> None:
    form = await get_own(uow, actor, form_id)
    if form.status is not FormStatus.DRAFT:
        raise DomainError("crs-error-not-draft")
    await uow.courses.delete(form.id)


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
    gaps = missing(form.kind, form.data)
    if gaps:
        raise ValidationError("crs-error-incomplete", field=gaps[0])
    check_consistency(form.kind, form.data, today, await offered_for(uow, form))
    school_id = person.profile.school_id or form.school_id
    if school_id is None:
        raise DomainError("crs-error-no-school")
    data = {k: v for k, v in form.data.items() if k != "internship_draft"}
    hours = int(data["hours"]) if form.kind is FormKind.REPORT else None
    revision = form.revision + 1
    ok = await uow.courses.mark_submitted(form.id, form.status, form.revision, school_id, data,
                                          hours, now)
    if not ok:
        raise DomainError("crs-error-not-editable")
    await uow.courses.add_event(form.id, EventAction.SUBMITTED, actor.person_id, revision,
                                None, data, now)
    school = await uow.orgs.get(school_id)
    params: dict[str, Any] = {
        "name": data.get("full_name") or person.profile.full_name or "",
        "school": school.name if school else "",
        "program": data.get("program") or "",
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

    An accepted report credits its hours and marks the matching ИОМ activity done.
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
                "program": form.data.get("program") or "",
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
        credit = report_credit(updated)
        await credit_report_hours(uow, credit)
        await mark_route_activity_done(uow, updated, now)
    return updated


def report_credit(report: CourseForm) -> HoursCredit:
    """What an accepted report gives the hours ledger."""
    if report.kind is not FormKind.REPORT or report.status is not FormStatus.ACCEPTED:
        raise DomainError("crs-error-not-accepted")
    assert report.decided_at is not None
    end = report.data.get("end_date")
    occurred = (datetime.combine(date.fromisoformat(end), time(9, 0), UTC) if end
                else report.decided_at)
    event_id = report.data.get("event_id")
    return HoursCredit(
        person_id=report.person_id,
        hours=int(report.hours or report.data.get("hours") or 0),
        source="course_report",
        source_id=report.id,
        accepted_at=report.decided_at,
        title=report.program or "",
        occurred_at=occurred,
        event_id=int(event_id) if event_id else None,
    )


async def credit_report_hours(uow: UnitOfWork, credit: HoursCredit) -> None:
    """Add an accepted report's hours to the teacher's hours ledger (domain/hours.py, owned by
    the events feature), in the same transaction as the acceptance.

    A report naming a catalogue course is credited as that course's attendance would be
    (the event's hours by kind, keyed by the event): the ledger's unique key then keeps the
    same course from counting twice. A typed course has no event: its hours go in as
    «очные» with no event id. The acceptance happens once (a conditional update), so the
    credit does too.
    """
    try:
        from domain.events import Hours
    except ImportError:  # pragma: no cover - a build without the events feature
        return
    hours = Hours(in_person=float(credit.hours))
    event_id = credit.event_id
    if event_id is not None:
        event = await uow.events.get(event_id)
        if event is not None and event.hours.total > 0:
            hours = event.hours
        elif event is None:
            event_id = None
    await uow.hours.credit(
        credit.person_id,
        event_id,  # type: ignore[arg-type]  # nullable in the ledger: a typed course has none
        hours,
        credit.occurred_at,
        credit.accepted_at,
    )


async def mark_route_activity_done(uow: UnitOfWork, report: CourseForm, now: datetime) -> None:
    """Mark the ИОМ activity this report's course fills as done, with the report as evidence.

    The match (domain/route.py ``on_report_accepted``) is the catalogue course the report or
    its linked technical assignment names, or else the programme's name.
    """
    from domain import route  # the ИОМ (issue 5)

    await route.on_report_accepted(uow, report, report.decided_at or now)


async def my_forms(uow: UnitOfWork, actor: Actor, page: int, page_size: int) -> FormPage:
    page = max(page, 0)
    items, total = await uow.courses.page_by_person(actor.person_id, page * page_size,
                                                    page_size)
    if not items and total and page > 0:
        page = (total - 1) // page_size
        items, total = await uow.courses.page_by_person(actor.person_id, page * page_size,
                                                        page_size)
    return FormPage(items=items, total=total, page=page)


async def accepted_hours(uow: UnitOfWork, actor: Actor) -> int:
    return await uow.courses.accepted_hours(actor.person_id)


async def review_queue(uow: UnitOfWork, actor: Actor, page: int, page_size: int) -> FormPage:
    """Submitted forms inside the actor's scope, oldest first."""
    require_coordinator(actor)
    scope = None if actor.is_admin else [g.org_id for g in actor.scope_grants() if g.org_id]
    page = max(page, 0)
    items, total = await uow.courses.queue(scope, page * page_size, page_size)
    if not items and total and page > 0:
        page = (total - 1) // page_size
        items, total = await uow.courses.queue(scope, page * page_size, page_size)
    return FormPage(items=items, total=total, page=page)


async def history(uow: UnitOfWork, actor: Actor, form_id: int) -> list[FormEvent]:
    form = await get_form(uow, actor, form_id)
    return await uow.courses.events(form.id)

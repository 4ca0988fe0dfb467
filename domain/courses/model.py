"""model"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from domain.competences import COMPETENCE_GROUPS

if TYPE_CHECKING:
    from domain.courses.data import FormAnswers


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


def offered_competences(assignment: CourseForm | None) -> list[str]:
    """A report's competences are chosen among the technical assignment's groups."""
    if assignment is not None:
        groups = getattr(assignment.answers, "groups", [])
        marked = [g for g in COMPETENCE_GROUPS if g in groups]
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


@dataclass(slots=True)
class CourseForm:
    id: int
    kind: FormKind
    person_id: int
    school_id: int | None
    status: FormStatus
    #: the answers given so far (``domain.courses.data``: validated when loaded and changed)
    answers: FormAnswers
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
        return self.answers.program or None

    @property
    def certificate(self) -> FileMeta | None:
        return getattr(self.answers, "certificate_file", None)


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

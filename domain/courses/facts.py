"""What the course-forms feature tells other features (domain/reactions.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.courses.model import CourseForm, HoursCredit


@dataclass(frozen=True, slots=True)
class ReportAccepted:
    """The school coordinator accepted a course report: ``credit`` is what it gives the hours
    ledger; ``at`` is when it was accepted."""

    report: CourseForm
    credit: HoursCredit
    at: datetime


@dataclass(frozen=True, slots=True)
class FormSubmitted:
    """A teacher sent a technical assignment or a report for review (or a corrected one
    again): ``form`` as stored after it (status submitted, ``revision`` counted, the school
    set); ``name`` is the teacher's name as given in the form; ``at`` is when."""

    form: CourseForm
    name: str
    at: datetime

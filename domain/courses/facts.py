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

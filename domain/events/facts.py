"""What the events feature tells other features (domain/reactions.py): attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AttendanceMarked:
    """A registrant was marked present (check-in code or the organiser's mark)."""

    person_id: int
    event_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class AttendanceTakenBack:
    """An organiser took a presence mark back."""

    person_id: int
    event_id: int
    at: datetime

"""What the self-diagnosis tells other features (domain/reactions.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DiagnosisCompleted:
    """A teacher completed a self-diagnosis (monitoring campaigns count it)."""

    person_id: int
    attempt_id: int
    at: datetime

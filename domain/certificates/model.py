"""Certificates of participation in an event (seed 000 §VIII): what a certificate shows is a
snapshot taken when it is issued, so the PDF and the check by number always agree."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from domain.errors import ValidationError

#: the random part: no 0/O, 1/I/L — read aloud and typed from paper without doubt
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
NUMBER_RE = re.compile(r"^(\d{4})([A-Z2-9]{4})([A-Z2-9]{4})$")
NUMBER_INPUT_MAX = 40
#: Cyrillic letters that look like Latin ones (a number typed on a Russian keyboard)
_LOOKALIKE = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")


def new_number(year: int) -> str:
    """«2026-K7QX-3MPA»: the year of issue and 8 random characters (31⁸ ≈ 8·10¹¹)."""
    tail = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{year:04d}-{tail[:4]}-{tail[4:]}"


def parse_number(text: str | None) -> str:
    """A number as typed (spaces, dashes, lower case, Cyrillic look-alikes) → its stored form;
    anything else is refused with a message that says what a number looks like."""
    raw = (text or "").strip()
    if not raw or len(raw) > NUMBER_INPUT_MAX:
        raise ValidationError("cert-error-garbled")
    compact = re.sub(r"[\s\-–—_.№#]", "", raw.upper().translate(_LOOKALIKE))
    m = NUMBER_RE.match(compact)
    if not m:
        raise ValidationError("cert-error-garbled")
    return "-".join(m.groups())


@dataclass(frozen=True, slots=True)
class Certificate:
    id: int
    number: str
    event_id: int | None
    person_id: int | None
    full_name: str
    event_title: str
    event_form: str  # an EventForm value
    organiser: str
    starts_on: date
    ends_on: date
    hours_in_person: float
    hours_remote: float
    hours_self_study: float
    issued_at: datetime
    abonement_id: int | None = None  # a «методический абонемент»'s listener (no event)

    @property
    def hours_total(self) -> float:
        return self.hours_in_person + self.hours_remote + self.hours_self_study


@dataclass(frozen=True, slots=True)
class CertificateDraft:
    """Everything a certificate shows, before it has a number: of one event, or of a
    «методический абонемент» (``abonement_id``, no event: the hours of its events)."""

    event_id: int | None
    person_id: int
    full_name: str
    event_title: str
    event_form: str
    organiser: str
    starts_on: date
    ends_on: date
    hours_in_person: float
    hours_remote: float
    hours_self_study: float
    abonement_id: int | None = None

"""answers"""

from __future__ import annotations

import re
from datetime import date

from domain.courses.data import AssignmentAnswers, FormAnswers
from domain.courses.model import (
    ALLOWED_MIME,
    COMMENT_MIN,
    MAX_FILE_BYTES,
    MAX_FILE_MB,
    MIME_BY_EXTENSION,
    PERCENT_MAX,
    RECOMMEND_MIN_PERCENT,
    TEXT_MAX,
    FileKind,
    FileMeta,
)
from domain.dates import DateKeys, parse_day
from domain.errors import ValidationError

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


#: the course forms keep their own wording of a date's errors
DATE_KEYS = DateKeys(format="crs-error-date-format", invalid="crs-error-date-invalid",
                     early="crs-error-date-early", late="crs-error-date-future")


def parse_date(text: str | None, today: date, earliest: date) -> date:
    """A date typed as dd.mm.yyyy (or dd.mm, dd.mm.yy; or picked in the calendar): real, not
    in the future, not before ``earliest``."""
    return parse_day(text, today, earliest, today, DATE_KEYS)


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


def check_consistency(answers: FormAnswers, today: date, offered: list[str]) -> None:
    """Rules across fields, re-checked before sending (each step checks them too)."""
    if isinstance(answers, AssignmentAnswers):
        if not answers.groups:
            raise ValidationError("crs-error-groups-empty", field="groups")
        return
    start, end, hours = answers.start_date, answers.end_date, answers.hours
    assert start is not None and end is not None and hours is not None  # missing() before
    if end < start:
        raise ValidationError("crs-error-end-before-start", start=start,
                              field="end_date")
    if end > today:
        raise ValidationError("crs-error-date-future", today=today, field="end_date")
    if answers.internship_hours > hours:
        raise ValidationError("crs-error-hours-below-internships",
                              total=answers.internship_hours, field="hours")
    if answers.recommendation and not answers.recommendation_allowed:
        raise ValidationError("crs-error-recommendation", min=RECOMMEND_MIN_PERCENT,
                              field="recommendation")
    if any(c not in offered for c in answers.competences):
        raise ValidationError("crs-error-competences-offered", field="competences")

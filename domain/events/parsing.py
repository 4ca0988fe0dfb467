"""parsing"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.events.model import (
    CAPACITY_MAX,
    COMPETENCE_GROUPS,
    DESCRIPTION_MAX,
    HORIZON,
    HOURS_MAX,
    PLACE_MAX,
    REMINDER_MAX,
    REMINDER_MIN,
    REMINDERS_MAX,
    SESSION_MAX_LENGTH,
    SESSIONS_MAX,
    TITLE_MAX,
    TITLE_MIN,
    URL_MAX,
    Hours,
    Session,
)

# ---- parsing what an organiser types (shared by the conversation and the import) --------

_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"
_TIME = r"(\d{1,2})[:.](\d{2})"
_SESSION = re.compile(
    rf"^{_DATE}[,\s]+{_TIME}\s*[-–—]\s*(?:{_DATE}[,\s]+)?{_TIME}$"
)
_DATETIME = re.compile(rf"^{_DATE}(?:[,\s]+{_TIME})?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _clean(value: object) -> str:
    return " ".join(str(value or "").split())


def _local(tz: ZoneInfo, d: str, mo: str, y: str, h: str, mi: str) -> datetime:
    year = int(y) + (2000 if len(y) == 2 else 0)
    return datetime(year, int(mo), int(d), int(h), int(mi), tzinfo=tz).astimezone(UTC)


def parse_title(text: object) -> str:
    title = _clean(text)
    if not title:
        raise ValidationError("ev-error-title-empty")
    if len(title) < TITLE_MIN:
        raise ValidationError("ev-error-title-short", min=TITLE_MIN)
    if len(title) > TITLE_MAX:
        raise ValidationError("ev-error-title-long", max=TITLE_MAX)
    return title


def parse_sessions(text: object, tz: ZoneInfo, now: datetime) -> list[Session]:
    """One session per line (or separated by «;»): ``25.12.2026 10:00-13:00``."""
    lines = [_clean(x) for x in re.split(r"[\n;]+", str(text or ""))]
    lines = [x for x in lines if x]
    if not lines:
        raise ValidationError("ev-error-sessions-empty")
    if len(lines) > SESSIONS_MAX:
        raise ValidationError("ev-error-sessions-many", max=SESSIONS_MAX)
    sessions = []
    for n, line in enumerate(lines, 1):
        m = _SESSION.match(line)
        if not m:
            raise ValidationError("ev-error-session-format", line=n, text=line[:40])
        g = m.groups()
        try:
            start = _local(tz, g[0], g[1], g[2], g[3], g[4])
            if g[5]:
                end = _local(tz, g[5], g[6], g[7], g[8], g[9])
            else:
                end = _local(tz, g[0], g[1], g[2], g[8], g[9])
        except ValueError:
            raise ValidationError("ev-error-session-date", line=n, text=line[:40]) from None
        if end <= start:
            raise ValidationError("ev-error-session-order", line=n)
        if end - start > SESSION_MAX_LENGTH:
            raise ValidationError("ev-error-session-long", line=n,
                                  max=int(SESSION_MAX_LENGTH.total_seconds() // 3600))
        if start <= now:
            raise ValidationError("ev-error-session-past", line=n)
        if start > now + HORIZON:
            raise ValidationError("ev-error-session-far", line=n)
        sessions.append(Session(start, end))
    sessions.sort(key=lambda s: s.starts_at)
    for a, b in pairwise(sessions):
        if b.starts_at < a.ends_at:
            raise ValidationError("ev-error-sessions-overlap")
    return sessions


def parse_datetime(text: object, tz: ZoneInfo, end_of_day: bool = True) -> datetime:
    """``25.12.2026 10:00`` or ``25.12.2026`` (the end of that day, local time)."""
    value = _clean(text)
    m = _DATETIME.match(value)
    if not m:
        raise ValidationError("ev-error-datetime-format")
    d, mo, y, h, mi = m.groups()
    try:
        if h is None:
            day = date(int(y) + (2000 if len(y) == 2 else 0), int(mo), int(d))
            moment = time(23, 59) if end_of_day else time(0, 0)
            return datetime.combine(day, moment, tzinfo=tz).astimezone(UTC)
        return _local(tz, d, mo, y, h, mi)
    except ValueError:
        raise ValidationError("ev-error-datetime-format") from None


def parse_deadline(text: object, tz: ZoneInfo, now: datetime,
                   sessions: Sequence[Session]) -> datetime:
    deadline = parse_datetime(text, tz)
    if deadline <= now:
        raise ValidationError("ev-error-deadline-past")
    if sessions and deadline > min(s.starts_at for s in sessions):
        raise ValidationError("ev-error-deadline-after-start")
    return deadline


def parse_hour_value(value: object) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    if isinstance(value, bool):
        raise ValidationError("ev-error-hours-value")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValidationError("ev-error-hours-value")
        number = float(text)
    if number < 0 or number > HOURS_MAX:
        raise ValidationError("ev-error-hours-range", max=int(HOURS_MAX))
    if abs(number * 2 - round(number * 2)) > 1e-9:
        raise ValidationError("ev-error-hours-step")
    return round(number * 2) / 2


def parse_hours(text: object) -> Hours:
    """``6 2 0`` — очные, дистанционные, самостоятельная работа; «6» alone means 6 очных."""
    raw = str(text or "").strip()
    raw = re.sub(r"[;/|]", " ", raw)
    raw = re.sub(r",\s+", " ", raw)
    tokens = raw.split()
    if not tokens or len(tokens) > 3:
        raise ValidationError("ev-error-hours-format")
    if not all(re.fullmatch(r"\d+([.,]\d+)?", t) for t in tokens):
        raise ValidationError("ev-error-hours-format")
    values = [parse_hour_value(t) for t in tokens] + [0.0, 0.0]
    hours = Hours(*values[:3])
    if hours.total <= 0:
        raise ValidationError("ev-error-hours-zero")
    return hours


def parse_capacity(value: object) -> int | None:
    """A number of seats; empty means unlimited."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not re.fullmatch(r"\d+", text):
        raise ValidationError("ev-error-capacity-format")
    number = int(text)
    if not 1 <= number <= CAPACITY_MAX:
        raise ValidationError("ev-error-capacity-range", max=CAPACITY_MAX)
    return number


def parse_place(text: object) -> str:
    place = _clean(text)
    if not place:
        raise ValidationError("ev-error-place-empty")
    if len(place) > PLACE_MAX:
        raise ValidationError("ev-error-place-long", max=PLACE_MAX)
    return place


def parse_url(text: object) -> str:
    url = str(text or "").strip()
    if len(url) > URL_MAX or not _URL.match(url):
        raise ValidationError("ev-error-url")
    return url


def parse_description(text: object) -> str:
    value = str(text or "").strip()
    if len(value) > DESCRIPTION_MAX:
        raise ValidationError("ev-error-description-long", max=DESCRIPTION_MAX)
    return value


_REMINDER = re.compile(r"^(\d+)\s*(ч|час[а-я]*|h|hours?|м|мин[а-я]*|m|min|д|дн[а-я]*|d|days?)?$")


def parse_reminders(text: object) -> list[int]:
    """``24ч 1ч`` / ``30 мин`` / ``0`` (no reminders); a bare number is hours."""
    raw = _clean(str(text or "").casefold().replace(",", " ").replace(";", " "))
    if raw in ("0", "нет", "no", "none", "-"):
        return []
    tokens = re.findall(r"\d+\s*[^\d\s]*", raw)
    if not tokens or re.sub(r"\d+\s*[^\d\s]*", "", raw).strip():
        raise ValidationError("ev-error-reminders-format")
    minutes = []
    for token in tokens:
        m = _REMINDER.match(token.strip())
        if not m:
            raise ValidationError("ev-error-reminders-format")
        number, unit = int(m.group(1)), (m.group(2) or "ч")
        if unit[0] in "мm":
            value = number
        elif unit[0] in "дd":
            value = number * 24 * 60
        else:
            value = number * 60
        if not REMINDER_MIN <= value <= REMINDER_MAX:
            raise ValidationError("ev-error-reminders-range")
        minutes.append(value)
    unique = sorted(set(minutes), reverse=True)
    if len(unique) > REMINDERS_MAX:
        raise ValidationError("ev-error-reminders-many", max=REMINDERS_MAX)
    return unique


def parse_groups(values: Iterable[str]) -> list[str]:
    groups = []
    for value in values:
        if value not in COMPETENCE_GROUPS:
            raise ValidationError("ev-error-group", value=str(value)[:40])
        if value not in groups:
            groups.append(value)
    return [g for g in COMPETENCE_GROUPS if g in groups]

"""Dates typed by a person: «31.12» or «31.12.2026» (dots, slashes or dashes); a two-digit
year is refused (is «1.7.95» 1995 or 2095?).

One parser for every date field (the date picker's typed answers and the forms' text steps);
a field gives its bounds and, if it wants its own wording, its own message keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError

_DAY = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}))?$")


@dataclass(frozen=True)
class DateKeys:
    """The message keys of a date field's errors (params: earliest, latest, today)."""

    format: str = "date-error-format"
    invalid: str = "date-error-invalid"
    early: str = "date-error-early"
    late: str = "date-error-late"


DEFAULT_KEYS = DateKeys()


def within(value: date, earliest: date | None, latest: date | None) -> bool:
    return (earliest is None or value >= earliest) and (latest is None or value <= latest)


def parse_day(text: object, today: date, earliest: date | None = None,
              latest: date | None = None, keys: DateKeys = DEFAULT_KEYS) -> date:
    """A real date between ``earliest`` and ``latest`` (inclusive, either may be open).

    Without a year the date is taken in this year, else the next or the previous one —
    whichever falls within the bounds (so «31.12» typed on 2 January for a past date is last
    year's, and «02.01» typed on 31 December for a future one is next year's)."""
    value = "".join(str(text or "").split())
    match = _DAY.match(value)
    if not match:
        raise ValidationError(keys.format)
    day, month = int(match.group(1)), int(match.group(2))
    params = {"earliest": earliest, "latest": latest, "today": today}
    if match.group(3) is not None:
        years = [int(match.group(3))]
    else:
        years = [today.year, today.year + 1, today.year - 1]
    found: list[date] = []
    for year in years:
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue
    if not found:
        raise ValidationError(keys.invalid, **params)
    for candidate in found:
        if within(candidate, earliest, latest):
            return candidate
    result = found[0]
    if earliest is not None and result < earliest:
        raise ValidationError(keys.early, **params)
    raise ValidationError(keys.late, **params)

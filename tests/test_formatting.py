"""Dates and numbers for the reader's locale: one module (handlers/formatting.py, Babel) for
screens, notices and documents. No database, no dispatcher."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from handlers import formatting as f
from handlers.views import fmt_date, fmt_dt, fmt_hours, fmt_sessions

MSK = ZoneInfo("Europe/Moscow")
START = datetime(2026, 12, 25, 7, 0, tzinfo=UTC)  # 10:00 in Moscow
END = datetime(2026, 12, 25, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("locale", "expected"), [("ru", "25.12.2026"), ("en", "25 Dec 2026")])
def test_a_date(locale: str, expected: str) -> None:
    assert f.fmt_date(date(2026, 12, 25), locale) == expected
    assert fmt_date(START, MSK, locale) == expected


@pytest.mark.parametrize(("value", "ru", "en"), [
    (1.5, "1,5", "1.5"), (6.0, "6", "6"), (Decimal("36"), "36", "36"),
    (Decimal("0.25"), "0,25", "0.25"), (1234.5, "1234,5", "1234.5"),
])
def test_a_number(value: float | Decimal, ru: str, en: str) -> None:
    assert (f.fmt_number(value, "ru"), f.fmt_number(value, "en")) == (ru, en)
    assert (fmt_hours(float(value), "ru"), fmt_hours(float(value), "en")) == (ru, en)


def test_moments_and_sessions_in_the_time_zone() -> None:
    assert fmt_dt(START, MSK, "ru") == "25.12.2026 10:00"
    assert fmt_dt(START, MSK, "en") == "25 Dec 2026, 10:00"
    assert fmt_dt(None, MSK, "en") == "—"
    session = type("S", (), {"starts_at": START, "ends_at": END})()
    assert fmt_sessions([session], MSK, "ru") == "25.12.2026 10:00–13:00"
    assert fmt_sessions([session], MSK, "en") == "25 Dec 2026, 10:00–13:00"
    overnight = f.fmt_span(START, datetime(2026, 12, 26, 7, 0, tzinfo=UTC), MSK, "ru")
    assert overnight == "25.12.2026 10:00–26.12.2026 10:00"
    assert f.fmt_day_month(START, "ru") == "25.12" and f.fmt_day_month(START, "en") == "25 Dec"


def test_an_unknown_locale_reads_as_russian() -> None:
    assert f.fmt_date(date(2027, 3, 1), "de") == "01.03.2027"
    assert f.fmt_number(2.5, "") == "2,5"

"""The date picker's keyboard and the typed-date parser (no database, no dispatcher)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.dates import DateKeys, parse_day
from domain.errors import ValidationError
from handlers.widgets import dates

TODAY = date(2026, 12, 30)


def texts(rows):  # type: ignore[no-untyped-def]
    return [[b.text for b in row] for row in rows]


def picker(**kw):  # type: ignore[no-untyped-def]
    kw.setdefault("today", TODAY)
    return dates.date_picker(lambda key, **_: {"date-btn-today": "Сегодня",
                                               "date-btn-tomorrow": "Завтра"}[key],
                             kw.pop("locale", "ru"),
                             pick=lambda d: "d" + dates.day_value(d),
                             show=lambda m: "m" + dates.month_value(m), **kw)


@pytest.mark.parametrize(("typed", "expected"), [
    ("31.12.2026", date(2026, 12, 31)), ("31.12", date(2026, 12, 31)),
    (" 1 / 2 ", date(2027, 2, 1)),  # no year: the next 1 February within the bounds
    ("5-1-2027", date(2027, 1, 5)),
])
def test_typed_dates_within_bounds(typed: str, expected: date) -> None:
    assert parse_day(typed, TODAY, earliest=TODAY, latest=date(2027, 6, 30)) == expected


def test_a_date_without_a_year_is_last_years_for_a_past_field() -> None:
    assert parse_day("31.12", date(2027, 1, 2), latest=date(2027, 1, 2)) == date(2026, 12, 31)


@pytest.mark.parametrize(("typed", "key"), [
    ("", "date-error-format"), ("завтра", "date-error-format"),
    ("1.7.95", "date-error-format"),  # a two-digit year is refused: 1995 or 2095?
    ("2026-12-31", "date-error-format"), ("31.02.2027", "date-error-invalid"),
    ("30.02", "date-error-invalid"), ("01.12.2026", "date-error-early"),
    ("01.07.2027", "date-error-late"),
])
def test_bad_dates_say_why(typed: str, key: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_day(typed, TODAY, earliest=TODAY, latest=date(2027, 6, 30))
    assert err.value.key == key


def test_a_field_keeps_its_own_wording() -> None:
    keys = DateKeys(format="x-format", invalid="x-invalid", early="x-early", late="x-late")
    with pytest.raises(ValidationError) as err:
        parse_day("31.12.2027", TODAY, latest=TODAY, keys=keys)
    assert err.value.key == "x-late" and err.value.params["latest"] == TODAY


def test_month_days_weekdays_and_quick_picks() -> None:
    rows = picker()
    labels = texts(rows)
    assert labels[0] == ["⏪", "◀️", "Декабрь 2026", "▶️", "⏩"]
    assert labels[1] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    days = [t for row in labels[2:-1] for t in row if t.strip()]
    assert days[:2] == ["1", "2"] and "•30" in days and days[-1] == "31"
    assert labels[-1] == ["Сегодня", "Завтра"]
    assert rows[-1][1].callback_data == "d20261231"
    first_week = rows[2]
    assert first_week[0].text == " " and first_week[1].callback_data == "d20261201"  # 1 Dec: Tue


def test_bounds_hide_days_paging_and_quick_picks() -> None:
    rows = picker(earliest=date(2026, 12, 10), latest=TODAY, selected=date(2026, 12, 15))
    labels = texts(rows)
    assert labels[0] == ["Декабрь 2026"]  # nothing to page to
    days = [b for row in rows[2:] for b in row]
    assert all(b.text in (" ", "·") for b in days if b.callback_data.startswith("m"))
    picked = [b.callback_data for b in days if b.callback_data.startswith("d")]
    assert picked[0] == "d20261210" and "d20261231" not in picked
    assert any(b.text == "[15]" for b in days)
    assert labels[-1] == ["Сегодня"]  # tomorrow is past the latest day


def test_a_month_outside_the_bounds_is_moved_inside_and_english_names() -> None:
    rows = picker(shown=date(2030, 1, 1), latest=TODAY, locale="en")
    assert texts(rows)[0][2] == "December 2026" and texts(rows)[1][0] == "Mo"
    assert [b.text for b in rows[0]][:2] == ["⏪", "◀️"]
    assert rows[0][1].callback_data == "m202611"


def test_forged_values_read_as_nothing() -> None:
    assert dates.read_day("20261399") is None and dates.read_day("x") is None
    assert dates.read_month("202613") is None and dates.read_month("2026") is None
    assert dates.read_day("20270228") == date(2027, 2, 28)

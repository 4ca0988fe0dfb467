"""The date picker: a month of buttons with paging by month and year, «Сегодня» / «Завтра»
quick picks and bounds; a typed date (``domain.dates.parse_day``) is accepted beside it.

The picker owns no callback data and no handler. The caller says how a picked day and a shown
month are packed into *its* callback data (``pick``, ``show``), so a feature keeps its own
stale-button and access checks; ``day_value``/``read_day`` and ``month_value``/``read_month``
turn dates into short strings for callback data and back (forged strings → ``None``)::

    rows = date_picker(i18n.get, i18n.locale, today=c.today, shown=month,
                       selected=old, earliest=EARLIEST, latest=c.today,
                       pick=lambda d: StepCb(step=step, action="day", value=day_value(d)).pack(),
                       show=lambda m: StepCb(step=step, action="month", value=month_value(m)).pack())
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from aiogram.types import InlineKeyboardButton
from babel import dates as babel_dates

from domain.dates import within
from handlers.formatting import _cldr

Get = Callable[..., str]


def day_value(value: date) -> str:
    return value.strftime("%Y%m%d")


def month_value(value: date) -> str:
    return value.strftime("%Y%m")


def read_day(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])) if len(value) == 8 else None
    except ValueError:
        return None


def read_month(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[4:6]), 1) if len(value) == 6 else None
    except ValueError:
        return None


def _month_start(value: date) -> date:
    return value.replace(day=1)


def _add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(value: date) -> date:
    return _add_months(value, 1) - timedelta(days=1)


def clamp_month(shown: date, earliest: date | None, latest: date | None) -> date:
    """The first day of the month to show: ``shown``'s, moved inside the bounds."""
    month = _month_start(shown)
    if latest is not None and month > latest:
        month = _month_start(latest)
    if earliest is not None and _month_end(month) < earliest:
        month = _month_start(earliest)
    return month


def month_title(month: date, locale: str) -> str:
    """ru «Декабрь 2026», en «December 2026»."""
    cldr = _cldr(locale)[0]
    return babel_dates.format_date(month, "LLLL y", locale=cldr).capitalize()


def date_picker(get: Get, locale: str, *, today: date, pick: Callable[[date], str],
                show: Callable[[date], str], shown: date | None = None,
                selected: date | None = None, earliest: date | None = None,
                latest: date | None = None, quick: bool = True
                ) -> list[list[InlineKeyboardButton]]:
    """Rows of buttons: ⏪ ◀️ month ▶️ ⏩, weekdays, the days (out-of-bounds days are dots),
    and «Сегодня» / «Завтра» when they are allowed. ``get`` is ``i18n.get``."""
    month = clamp_month(shown or selected or today, earliest, latest)
    here = show(month)  # pressing a label or a blank re-draws the same month

    def button(text: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=data)

    def can_show(target: date) -> bool:
        return within(target, _month_start(earliest) if earliest else None, latest)

    head = []
    for step, label in ((-12, "⏪"), (-1, "◀️")):
        target = _add_months(month, step)
        if can_show(target) or (earliest is not None and _month_end(target) >= earliest
                                and (latest is None or target <= latest)):
            head.append(button(label, show(target)))
    head.append(button(month_title(month, locale), here))
    for step, label in ((1, "▶️"), (12, "⏩")):
        target = _add_months(month, step)
        if latest is None or target <= latest:
            head.append(button(label, show(target)))
    rows = [head]
    cldr = _cldr(locale)[0]
    names = babel_dates.get_day_names("short", "format", locale=cldr)
    rows.append([button(str(names[i]).capitalize(), here) for i in range(7)])
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        row = []
        for day in week:
            if day.month != month.month:
                row.append(button(" ", here))
            elif not within(day, earliest, latest):
                row.append(button("·", here))
            else:
                label = str(day.day)
                if day == selected:
                    label = f"[{label}]"
                elif day == today:
                    label = f"•{label}"
                row.append(button(label, pick(day)))
        rows.append(row)
    if quick:
        picks = [(key, day) for key, day in (("date-btn-today", today),
                                             ("date-btn-tomorrow", today + timedelta(days=1)))
                 if within(day, earliest, latest)]
        if picks:
            rows.append([button(get(key), pick(day)) for key, day in picks])
    return rows

"""What the mentoring screens share: the callback data, the states, small helpers."""

from __future__ import annotations

import re
from datetime import date

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton
from aiogram_i18n import I18nContext

from domain.entities import Org
from domain.errors import DomainError, ValidationError
from handlers import keyboards as kb
from handlers.callbacks import Int32
from handlers.formatting import fmt_date
from handlers.views import error_html, esc

PAGE = 8
BUTTON_MAX = 56


class MnCb(CallbackData, prefix="mn"):
    """a: home, pair, diag, route, meet, day, hours, nofile, end, rate, rv, scope, new,
    mentee, mentor, start, goal, goals, ok; id: a pair, meeting or person; v: a page, a value."""

    a: str
    id: Int32 = 0
    v: Int32 = 0


class MeetingStates(StatesGroup):
    day = State()
    topic = State()
    hours = State()
    file = State()


class EndStates(StatesGroup):
    conclusion = State()


class PairingStates(StatesGroup):
    mentee = State()  # a typed name finds a mentee
    mentor = State()  # a typed name finds a mentor
    start = State()  # a typed start date
    goals = State()


_DATE = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{2}|\d{4})$")


def parse_day(text: str) -> date:
    """A day typed as dd.mm.yyyy (or dd.mm.yy)."""
    match = _DATE.match("".join(text.split()))
    if not match:
        raise ValidationError("mnt-error-date-format")
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError("mnt-error-date-format") from None


def clip(text: str, size: int = BUTTON_MAX) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def org_name(orgs: dict[int, Org], org_id: int | None) -> str:
    org = orgs.get(org_id) if org_id else None
    return esc(org.name) if org else "—"


def day(i18n: I18nContext, value: date | None) -> str:
    return fmt_date(value, i18n.locale) if value else "—"


def with_error(i18n: I18nContext, text: str, error: DomainError | None) -> str:
    return text if error is None else "⚠️ " + error_html(i18n, error) + "\n\n" + text


def cancel_row(i18n: I18nContext, pair_id: int) -> list[InlineKeyboardButton]:
    """«Отмена» back to the pair's card."""
    return [kb.button(i18n.get("btn-cancel"), MnCb(a="pair", id=pair_id).pack())]

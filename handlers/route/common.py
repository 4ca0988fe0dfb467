"""Shared pieces of the route screens: callback data, FSM states, the router every
screen module registers on, and small renderers."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.route import Activity, ActivityStatus
from handlers import keyboards as kb
from handlers.callbacks import Int32
from handlers.formatting import fmt_date, fmt_number
from handlers.routing import Routes
from handlers.views import FeatureCtx, error_html, esc


router = Routes("route")

ROWS_PAGE = 6
BUTTON_MAX = 56


class RtCb(CallbackData, prefix="rt"):
    """Screens of one route. ``id`` is a route, row or activity id depending on ``a``."""

    a: str  # route, build, row, offer, pick, new, form, act, st, ev, file, del, submit,
    #         start, analysis, docx, pdf, addrow, grp, editrow; rows: rmrow, rmrowok, mrg,
    #         mrgto, up, dn; the period: prd, prds, prde, prdp; versions: ver, ver1, rbd,
    #         rbdok; consultation hours: cons, consh, consr, consp, consg (a page, the
    #         search reset), consw (the search words as the name), consn (type a name),
    #         consl (back to the list)
    id: Int32 = 0
    x: str = ""  # a page, an event id, a status, a column, a form, a group


class RrCb(CallbackData, prefix="rr"):
    """The coordinator's side (handlers/route_review.py): queue, open, approve, ret, end."""

    a: str
    id: Int32 = 0
    page: Int32 = 0


class RouteStates(StatesGroup):
    title = State()  # a typed activity: its title
    form = State()  # … its form (self-education)
    due = State()  # … its due date
    evidence = State()
    analysis = State()
    deficit = State()  # the wording of a deficit (a new row or an edited one)
    hours = State()  # consultation hours: how many
    consultant = State()  # … who consults: the school's people, typed text searches them
    consultant_name = State()  # … a name typed by hand (somebody not in the bot)


class HasFile(Filter):
    async def __call__(self, event: Any) -> bool:
        return bool(getattr(event, "document", None) or getattr(event, "photo", None))


STATUS_ICON = {
    ActivityStatus.PLANNED: "⚪️",
    ActivityStatus.IN_PROGRESS: "🔵",
    ActivityStatus.DONE: "✅",
    ActivityStatus.DROPPED: "✖️",
}


Ctx = FeatureCtx


def d(value: date | None, locale: str) -> str:
    return fmt_date(value, locale) if value else "—"


def clip(text: str, limit: int = BUTTON_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def btn(text: str, a: str, id: int = 0, x: str = "") -> Any:
    return kb.button(clip(text, 60), RtCb(a=a, id=id, x=x).pack())


def form_label(i18n: I18nContext, activity: Activity) -> str | None:
    if not activity.form:
        return None
    if activity.event_id is not None or activity.form not in {f.value for f in rt.SelfForm}:
        return i18n.get(f"ev-form-{activity.form}") if activity.event_id else activity.form
    return i18n.get(f"route-form-{activity.form}")


def activity_line(i18n: I18nContext, a: Activity, today: date,
                  period: tuple[date, date] | None = None) -> str:
    late = " ⏰" if a.is_overdue(today) else ""
    if a.hours and a.form:  # consultation hours and who consults (a group ИОМ's hours: not)
        line = i18n.get("route-consult-line", icon=STATUS_ICON[a.status], name=esc(a.title),
                        role=i18n.get(f"route-consultant-{a.form}"),
                        hours=fmt_number(a.hours, i18n.locale))
    else:
        line = i18n.get("route-activity-line", icon=STATUS_ICON[a.status], title=esc(a.title),
                        due=d(a.due, i18n.locale))
    if period and a.status is not ActivityStatus.DROPPED and a.outside(*period):
        late += " " + i18n.get("route-outside-mark")
    return line + late


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
         actor: Actor, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz)


def cancel_markup(i18n: I18nContext, row_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[btn(i18n.get("btn-cancel"), "row", row_id)]])


def _with_error(i18n: I18nContext, text: str, error: DomainError | None) -> str:
    if error is None:
        return text
    return "⚠️ " + error_html(i18n, error) + "\n\n" + text

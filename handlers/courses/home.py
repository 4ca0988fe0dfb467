"""«Курсы и отчёты»: the teacher's list of forms, leaving a form (the draft stays), and the
feature's context."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import courses
from domain.access import Actor
from domain.courses import (
    FormStatus,
)
from domain.entities import Person
from domain.enums import Position
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.courses.callbacks import CrsFormCb, CrsMenuCb, FormAction, MenuTo
from handlers.courses.card import short_title, status_text
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import FeatureCtx, ack, esc, show

router = Routes("courses")


PAGE_SIZE = 6


@dataclass
class Ctx(FeatureCtx):
    person: Person




async def show_home(c: Ctx, page: int = 0, notice: str | None = None, new: bool = False) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    i18n = c.i18n
    result = await courses.my_forms(c.uow, c.actor, page, PAGE_SIZE)
    hours = await courses.accepted_hours(c.uow, c.actor)
    parts = []
    if notice:
        parts.append(notice)
    parts.append(i18n.get("crs-home"))
    if hours:
        parts.append(i18n.get("crs-home-hours", hours=hours))
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("crs-btn-new-assignment"), CrsMenuCb(to=MenuTo.NEW_ASSIGNMENT).pack()))
    b.row(kb.button(i18n.get("crs-btn-new-report"), CrsMenuCb(to=MenuTo.NEW_REPORT).pack()))
    if result.items:
        lines = [i18n.get("crs-home-list")]
        for n, form in enumerate(result.items, result.page * PAGE_SIZE + 1):
            lines.append(i18n.get("crs-home-item", n=n, title=esc(short_title(i18n, form)),
                                  status=status_text(i18n, form)))
            b.row(kb.button(f"{n}. {short_title(i18n, form)}",
                            CrsFormCb(action=FormAction.OPEN, form_id=form.id).pack()))
        parts.append("\n".join(lines))
        pages = (result.total + PAGE_SIZE - 1) // PAGE_SIZE
        if nav := kb.pager(result.page, pages, lambda n: CrsMenuCb(to=MenuTo.HOME, page=n).pack()):
            b.row(*nav)
    else:
        parts.append(i18n.get("crs-home-empty"))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, "\n\n".join(parts), b.as_markup(), new=new)


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
         actor: Actor, person: Person, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz, person)



@router.callback_query(MenuCb.filter(F.to == "courses"), Onboarded())
async def courses_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, person: Person, tz: ZoneInfo) -> None:
    await ack(query)
    await show_home(_ctx(query, state, i18n, uow, actor, person, tz))


@router.callback_query(CrsMenuCb.filter(F.to == MenuTo.HOME), Onboarded())
async def courses_page(query: CallbackQuery, callback_data: CrsMenuCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                       tz: ZoneInfo) -> None:
    await ack(query)
    await show_home(_ctx(query, state, i18n, uow, actor, person, tz), page=callback_data.page)



def prefilled_steps(c: Ctx) -> tuple[str, ...]:
    """The steps the profile fills in for this teacher (a position «other» is asked)."""
    if position_label(c.i18n, c.person) is None:
        return tuple(s for s in courses.PREFILLED if s != "position")
    return courses.PREFILLED


def position_label(i18n: I18nContext, person: Person) -> str | None:
    position = person.profile.position
    if position is None or position is Position.OTHER:
        return None  # asked: the form keeps the position in words
    return i18n.get(f"position-{position.value}")



async def pause(c: Ctx) -> None:
    """Leave the form; the draft stays where it is."""
    data = await c.state.get_data()
    form = await c.uow.courses.get(int(data["crs_form"])) if data.get("crs_form") else None
    await c.state.set_state(None)
    await c.state.set_data({})
    key = "crs-paused"
    if form is not None and form.status is FormStatus.RETURNED:
        key = "crs-paused-returned"
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.i18n.get("menu-courses"), MenuCb(to="courses").pack()))
    b.row(kb.button(c.i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, c.i18n.get(key), b.as_markup())

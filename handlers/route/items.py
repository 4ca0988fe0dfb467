"""A typed activity: title → (form) → due date."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from domain.route import Column
from handlers.builder import InlineKeyboardBuilder
from handlers.filters import Onboarded, PlainText
from handlers.views import ack, esc, show

from handlers.route.common import Ctx, RouteStates, RtCb, _ctx, _with_error, btn, cancel_markup, d, router
from handlers.route.rows import show_row

# ---- a typed activity: title → (form) → due date ---------------------------------------


async def _new(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    plan, row, _ = await rt.row_of(c.uow, c.actor, item)
    try:
        column = Column(x)
    except ValueError:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    school = await c.uow.orgs.get(plan.route.school_id) if plan.route.school_id else None
    rt.require_column(c.actor, plan.route, school, column)
    await ack(c.event)
    await c.state.set_state(RouteStates.title)
    await c.state.set_data({"rt_row": row.id, "rt_col": column.value})
    await ask_title(c)


async def ask_title(c: Ctx, error: DomainError | None = None) -> None:
    data = await c.state.get_data()
    text = c.i18n.get("route-ask-title", column=c.i18n.get(f"route-col-{data['rt_col']}"))
    await show(c.event, _with_error(c.i18n, text, error), cancel_markup(c.i18n, data["rt_row"]))


async def ask_form(c: Ctx) -> None:
    data = await c.state.get_data()
    b = InlineKeyboardBuilder()
    for f in rt.SelfForm:
        b.button(text=c.i18n.get(f"route-form-{f.value}"),
                 callback_data=RtCb(a="form", id=data["rt_row"], x=f.value))
    b.adjust(2)
    b.row(btn(c.i18n.get("btn-cancel"), "row", data["rt_row"]))
    await show(c.event, c.i18n.get("route-ask-form", title=esc(data["rt_title"])), b.as_markup())


async def ask_due(c: Ctx, error: DomainError | None = None) -> None:
    data = await c.state.get_data()
    plan, _, _ = await rt.row_of(c.uow, c.actor, data["rt_row"])
    text = c.i18n.get("route-ask-due", title=esc(data["rt_title"]),
                      end=d(plan.route.period_end, c.locale))
    await show(c.event, _with_error(c.i18n, text, error), cancel_markup(c.i18n, data["rt_row"]))


@router.message(StateFilter(RouteStates.title), PlainText(), Onboarded())
async def got_title(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        title = rt.parse_title(message.text)
    except ValidationError as err:
        await ask_title(c, err)
        return
    await state.update_data(rt_title=title)
    data = await state.get_data()
    if data["rt_col"] == Column.SELF_EDUCATION.value:
        await state.set_state(RouteStates.form)
        await ask_form(c)
    else:
        await state.set_state(RouteStates.due)
        await ask_due(c)


async def _form(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    data = await c.state.get_data()
    if await c.state.get_state() != RouteStates.form.state or data.get("rt_row") != item:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    rt.parse_self_form(x)
    await ack(c.event)
    await c.state.update_data(rt_form=x)
    await c.state.set_state(RouteStates.due)
    await ask_due(c)


@router.message(StateFilter(RouteStates.form), Onboarded())
async def form_typed(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor, tz: ZoneInfo) -> None:
    await message.answer(i18n.get("error-use-buttons"))
    await ask_form(_ctx(message, state, i18n, uow, actor, tz))


@router.message(StateFilter(RouteStates.due), PlainText(), Onboarded())
async def got_due(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                  actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    plan, row, _ = await rt.row_of(uow, actor, data["rt_row"])
    try:
        due = rt.parse_due(message.text, c.today, plan.route.period_end)
        activity = await rt.add_item(uow, actor, row.id, Column(data["rt_col"]),
                                     data["rt_title"], data.get("rt_form"), due, c.now)
    except ValidationError as err:
        await ask_due(c, err)
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_row(c, row.id, notice=i18n.get("route-added", title=esc(activity.title)))

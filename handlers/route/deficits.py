"""Deficit rows (the school coordinator): add and reword."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from domain.route import PlanRow
from handlers.builder import InlineKeyboardBuilder
from handlers.filters import Onboarded, PlainText
from handlers.views import ack, esc, show

from handlers.route.common import Ctx, RouteStates, _ctx, _with_error, btn, cancel_markup, router
from handlers.route.rows import show_row

# ---- deficits (the school coordinator) ----------------------------------------------------


async def _addrow(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, r = await rt.get_plan(c.uow, c.actor, item)
    if not r.deficits:
        await rt.add_row(c.uow, c.actor, item, "", "")  # raises the reason
    await ack(c.event)
    b = InlineKeyboardBuilder()
    for g in rt.COMPETENCE_GROUPS:
        b.row(btn(c.i18n.get(f"route-group-{g}"), "grp", item, g))
    b.row(btn(c.i18n.get("btn-cancel"), "route", item))
    await show(c.event, c.i18n.get("route-ask-group"), b.as_markup())


async def _group(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if x not in rt.COMPETENCE_GROUPS:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    await ack(c.event)
    await c.state.set_state(RouteStates.deficit)
    await c.state.set_data({"rt_route": item, "rt_group": x})
    await show(c.event, c.i18n.get("route-ask-deficit"),
               InlineKeyboardMarkup(inline_keyboard=[[btn(c.i18n.get("btn-cancel"), "route",
                                                          item)]]))


async def _editrow(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, row, r = await rt.row_of(c.uow, c.actor, item)
    if not r.deficits:
        await rt.edit_row(c.uow, c.actor, item, "")  # raises the reason
    await ack(c.event)
    await c.state.set_state(RouteStates.deficit)
    await c.state.set_data({"rt_row": row.id})
    await show(c.event, c.i18n.get("route-ask-deficit-edit", title=esc(row.title)),
               cancel_markup(c.i18n, row.id))


@router.message(StateFilter(RouteStates.deficit), PlainText(), Onboarded())
async def got_deficit(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        if data.get("rt_row"):
            row: PlanRow = await rt.edit_row(uow, actor, int(data["rt_row"]), message.text)
        else:
            row = await rt.add_row(uow, actor, int(data["rt_route"]), str(data["rt_group"]),
                                   message.text)
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-deficit"), err))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_row(c, row.id, notice=i18n.get("route-deficit-saved"))

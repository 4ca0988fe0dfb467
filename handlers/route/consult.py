"""«Консультационные часы» on a row (002 §V.4): how many hours (a button or typed) → who
consults (mentor, tutor, methodist) → a person of the school (a button) or a typed name.
A wrong number or name is explained and asked again; what was entered before is kept."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_number
from handlers.route.common import Ctx, RouteStates, _ctx, _with_error, btn, router
from handlers.route.rows import show_row
from handlers.views import ack, esc, show

QUICK_HOURS = ("1", "2", "4", "8")


async def ask_hours(c: Ctx, row_id: int, error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(*(btn(h, "consh", row_id, h) for h in QUICK_HOURS))
    b.row(btn(c.i18n.get("btn-cancel"), "row", row_id))
    await show(c.event, _with_error(c.i18n, c.i18n.get("route-ask-consult-hours"), error),
               b.as_markup())


async def ask_role(c: Ctx, row_id: int, hours: float) -> None:
    b = InlineKeyboardBuilder()
    for role in rt.ConsultantRole:
        b.row(btn(c.i18n.get(f"route-consultant-{role.value}"), "consr", row_id, role.value))
    b.row(btn(c.i18n.get("btn-cancel"), "row", row_id))
    await show(c.event, c.i18n.get("route-ask-consult-role",
                                   hours=fmt_number(hours, c.locale)), b.as_markup())


async def ask_person(c: Ctx, row_id: int, error: DomainError | None = None) -> None:
    data = await c.state.get_data()
    b = InlineKeyboardBuilder()
    for person_id, name in await rt.colleagues(c.uow, c.actor, row_id):
        b.row(btn(f"👤 {name}", "consp", row_id, str(person_id)))
    b.row(btn(c.i18n.get("btn-cancel"), "row", row_id))
    text = c.i18n.get("route-ask-consult-person", hours=fmt_number(data["rt_hours"], c.locale),
                      role=c.i18n.get(f"route-consultant-{data['rt_role']}"))
    await show(c.event, _with_error(c.i18n, text, error), b.as_markup())


async def _start(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, row, _ = await rt.consultable_row(c.uow, c.actor, item)
    await ack(c.event)
    await c.state.set_state(RouteStates.hours)
    await c.state.set_data({"rt_row": row.id})
    await ask_hours(c, row.id)


async def _in_step(c: Ctx, item: int, state: str) -> bool:
    """The button belongs to the conversation in progress for this row (else: stale)."""
    data = await c.state.get_data()
    if await c.state.get_state() == state and data.get("rt_row") == item:
        return True
    await ack(c.event, c.i18n.get("error-stale-button"))
    return False


async def _hours_button(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not await _in_step(c, item, RouteStates.hours.state):
        return
    await _take_hours(c, item, x)


async def _take_hours(c: Ctx, row_id: int, text: str | None) -> None:
    try:
        hours = rt.parse_hours(text)
    except ValidationError as err:
        await ack(c.event)
        await ask_hours(c, row_id, err)
        return
    await ack(c.event)
    await c.state.update_data(rt_hours=hours)
    await c.state.set_state(RouteStates.consultant)
    await ask_role(c, row_id, hours)


@router.message(StateFilter(RouteStates.hours), PlainText(), Onboarded())
async def got_hours(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    await _take_hours(c, int(data["rt_row"]), message.text)


async def _role(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not await _in_step(c, item, RouteStates.consultant.state):
        return
    role = rt.parse_role(x)
    await ack(c.event)
    await c.state.update_data(rt_role=role.value)
    await ask_person(c, item)


async def _save(c: Ctx, row_id: int, person_id: int | None, name: str | None) -> None:
    data = await c.state.get_data()
    if not data.get("rt_role"):  # a name typed before the role was chosen
        await c.event.answer(c.i18n.get("error-use-buttons"))  # type: ignore[union-attr]
        await ask_role(c, row_id, float(data["rt_hours"]))
        return
    try:
        activity = await rt.add_consultation(c.uow, c.actor, row_id, data["rt_hours"],
                                             data["rt_role"], c.now, person_id=person_id,
                                             name=name)
    except ValidationError as err:
        await ack(c.event)
        await ask_person(c, row_id, err)
        return
    await c.state.set_state(None)
    await c.state.set_data({})
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, row_id, notice=c.i18n.get(
        "route-consult-added", name=esc(activity.title),
        hours=fmt_number(activity.hours or 0, c.locale)))


async def _person(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not await _in_step(c, item, RouteStates.consultant.state):
        return
    if not x.isdigit() or int(x) >= 2**31:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    await _save(c, item, int(x), None)


@router.message(StateFilter(RouteStates.consultant), PlainText(), Onboarded())
async def got_consultant(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await _save(_ctx(message, state, i18n, uow, actor, tz), int(data["rt_row"]), None,
                message.text)


CONSULT_ACTIONS = {"cons": _start, "consh": _hours_button, "consr": _role, "consp": _person}

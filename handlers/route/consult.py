"""«Консультационные часы» on a row (002 §V.4): how many hours (a button or typed) → who
consults (mentor, tutor, methodist) → a person of the school: the paged list (mentors first),
typed text searches it by a part of the name; «Ввести ФИО вручную» (or, when the search finds
nobody, the typed words themselves) takes a name of somebody not in the bot.
A wrong number or name is explained and asked again; what was entered before is kept."""

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
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_number
from handlers.route.common import Ctx, RouteStates, RtCb, _ctx, _with_error, btn, router
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


async def ask_person(c: Ctx, row_id: int, error: DomainError | None = None,
                     new: bool = False) -> None:
    """The school's people, a page at a time (the query and page kept in FSM data)."""
    data = await c.state.get_data()
    query = data.get("rt_query") or ""
    found = await rt.consultants(c.uow, c.actor, row_id, query, int(data.get("rt_page") or 0))
    b = InlineKeyboardBuilder()
    for p in found.items:
        b.row(btn(("🎓 " if p.mentor else "👤 ") + p.name, "consp", row_id, str(p.person_id)))
    if nav := kb.pager(found.page, found.pages,
                       lambda n: RtCb(a="consg", id=row_id, x=str(n)).pack()):
        b.row(*nav)
    if query:
        if not found.total:
            b.row(btn(c.i18n.get("route-btn-consult-as-name", name=query), "consw", row_id))
        b.row(btn(c.i18n.get("btn-reset-search"), "consg", row_id, "reset"))
    b.row(btn(c.i18n.get("route-btn-consult-name"), "consn", row_id))
    b.row(btn(c.i18n.get("btn-cancel"), "row", row_id))
    lines = [c.i18n.get("route-ask-consult-person", hours=fmt_number(data["rt_hours"], c.locale),
                        role=c.i18n.get(f"route-consultant-{data['rt_role']}"))]
    if query:
        lines.append(c.i18n.get("route-consult-found", query=esc(query), count=found.total))
    elif not found.total:
        lines.append(c.i18n.get("route-consult-nobody"))
    await show(c.event, _with_error(c.i18n, "\n".join(lines), error), b.as_markup(), new=new)


async def ask_name(c: Ctx, row_id: int, error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(btn(c.i18n.get("btn-back"), "consl", row_id),
          btn(c.i18n.get("btn-cancel"), "row", row_id))
    await show(c.event, _with_error(c.i18n, c.i18n.get("route-ask-consult-name"), error),
               b.as_markup())


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
    await c.state.update_data(rt_role=role.value, rt_query="", rt_page=0)
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
        if person_id is None and await c.state.get_state() == RouteStates.consultant_name.state:
            await ask_name(c, row_id, err)
        else:
            await ask_person(c, row_id, err, new=isinstance(c.event, Message))
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


async def _page(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """A page of the list (x: its number) or «Сбросить поиск» (x: reset)."""
    if not await _in_step(c, item, RouteStates.consultant.state):
        return
    await ack(c.event)
    if x == "reset":
        await c.state.update_data(rt_query="", rt_page=0)
    else:
        await c.state.update_data(rt_page=min(int(x), 10_000) if x.isdigit() else 0)
    await ask_person(c, item)


async def _as_name(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """The search found nobody: the typed words are the consultant's name."""
    if not await _in_step(c, item, RouteStates.consultant.state):
        return
    await _save(c, item, None, (await c.state.get_data()).get("rt_query") or "")


async def _name(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """«Ввести ФИО вручную»: somebody who is not in the bot."""
    if not await _in_step(c, item, RouteStates.consultant.state):
        return
    await ack(c.event)
    await c.state.set_state(RouteStates.consultant_name)
    await ask_name(c, item)


async def _to_list(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not await _in_step(c, item, RouteStates.consultant_name.state):
        return
    await ack(c.event)
    await c.state.set_state(RouteStates.consultant)
    await ask_person(c, item)


@router.message(StateFilter(RouteStates.consultant), PlainText(), Onboarded())
async def consultant_typed(message: Message, state: FSMContext, i18n: I18nContext,
                           uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """Typed text searches the school's people by a part of the name."""
    data = await state.get_data()
    query = " ".join((message.text or "").split())[:rt.QUERY_MAX]
    await state.update_data(rt_query=query, rt_page=0)
    await ask_person(_ctx(message, state, i18n, uow, actor, tz), int(data["rt_row"]), new=True)


@router.message(StateFilter(RouteStates.consultant_name), PlainText(), Onboarded())
async def name_typed(message: Message, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await _save(_ctx(message, state, i18n, uow, actor, tz), int(data["rt_row"]), None,
                message.text)


CONSULT_ACTIONS = {"cons": _start, "consh": _hours_button, "consr": _role, "consp": _person,
                   "consg": _page, "consw": _as_name, "consn": _name, "consl": _to_list}

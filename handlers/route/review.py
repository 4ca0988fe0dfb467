"""The coordinator's side of the ИОМ: «ИОМ на согласовании» (submitted routes in scope, oldest
first), approving, returning with a comment, and the conclusion at the end. The route screens
themselves (rows, columns, activities) are shared with the teacher (handlers/route.py)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import route as rt
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.filters import Onboarded, PlainText
from handlers.route.card import show_route
from handlers.route.common import RrCb, _ctx, _with_error, clip
from handlers.routing import Routes
from handlers.views import ack, esc, fmt_date, show

router = Routes("route_review")

PAGE_SIZE = 8


class RouteReviewStates(StatesGroup):
    comment = State()
    conclusion = State()


@router.callback_query(RrCb.filter(F.a == "queue"), Onboarded())
async def queue(query: CallbackQuery, callback_data: RrCb, state: FSMContext,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    result = await rt.review_queue(uow, actor, callback_data.page, PAGE_SIZE)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    b = InlineKeyboardBuilder()
    if not result.items:
        text = i18n.get("route-queue-empty")
    else:
        lines = [i18n.get("route-queue-title", count=result.total)]
        for n, route in enumerate(result.items, result.page * PAGE_SIZE + 1):
            name = result.teachers.get(route.person_id) or "—"
            school = result.schools.get(route.school_id or 0)
            lines.append(i18n.get("route-queue-item", n=n, name=esc(name),
                                  school=esc(school) if school else "—",
                                  at=fmt_date(route.submitted_at, tz, i18n.locale), revision=route.revision))
            b.row(kb.button(clip(f"{n}. {name}", 60), RrCb(a="open", id=route.id).pack()))
        text = "\n\n".join(lines)
        pages = (result.total + PAGE_SIZE - 1) // PAGE_SIZE
        if nav := kb.pager(result.page, pages, lambda n: RrCb(a="queue", page=n).pack()):
            b.row(*nav)
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="coordinator").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(query, text, b.as_markup())


@router.callback_query(RrCb.filter(F.a == "open"), Onboarded())
async def open_route(query: CallbackQuery, callback_data: RrCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await rt.get_plan(uow, actor, callback_data.id)  # refused before anything is shown
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_route(_ctx(query, state, i18n, uow, actor, tz), callback_data.id)


@router.callback_query(RrCb.filter(F.a == "approve"), Onboarded())
async def approve(query: CallbackQuery, callback_data: RrCb, state: FSMContext,
                  i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await rt.approve(uow, actor, callback_data.id, uow.clock.now())
    await uow.commit()
    await ack(query, i18n.get("route-approved"))
    await show_route(_ctx(query, state, i18n, uow, actor, tz), callback_data.id,
                     notice=i18n.get("route-approved"))


def _cancel(i18n: I18nContext, route_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[kb.button(
        i18n.get("btn-cancel"), RrCb(a="open", id=route_id).pack())]])


@router.callback_query(RrCb.filter(F.a == "ret"), Onboarded())
async def ask_return(query: CallbackQuery, callback_data: RrCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await rt.check_reviewer(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(RouteReviewStates.comment)
    await state.set_data({"rr_route": callback_data.id})
    await show(query, i18n.get("route-ask-comment"), _cancel(i18n, callback_data.id))


@router.callback_query(RrCb.filter(F.a == "end"), Onboarded())
async def ask_conclusion(query: CallbackQuery, callback_data: RrCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                         tz: ZoneInfo) -> None:
    plan, r = await rt.get_plan(uow, actor, callback_data.id)
    if not r.conclude:
        await rt.complete(uow, actor, callback_data.id, "", uow.clock.now())  # raises the reason
    if not rt.may_conclude(plan, uow.clock.now().astimezone(tz).date()):
        raise DomainError("route-error-conclude-early", end=plan.route.period_end)
    await ack(query)
    await state.set_state(RouteReviewStates.conclusion)
    await state.set_data({"rr_route": callback_data.id})
    p = plan.progress
    await show(query, i18n.get("route-ask-conclusion", done=p.done, total=p.total),
               _cancel(i18n, callback_data.id))


@router.message(StateFilter(RouteReviewStates.comment, RouteReviewStates.conclusion), Command("cancel"),
                Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(None)
    await state.set_data({})
    await message.answer(i18n.get("route-cancelled"), reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[kb.button(i18n.get("route-btn-queue"), RrCb(a="queue").pack())]]))


@router.message(StateFilter(RouteReviewStates.comment), PlainText(), Onboarded())
async def got_comment(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo) -> None:
    route_id = int((await state.get_data()).get("rr_route") or 0)
    try:
        await rt.return_route(uow, actor, route_id, message.text, uow.clock.now())
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-comment"), err),
                             reply_markup=_cancel(i18n, route_id))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_route(_ctx(message, state, i18n, uow, actor, tz), route_id,
                     notice=i18n.get("route-returned"))


@router.message(StateFilter(RouteReviewStates.conclusion), PlainText(), Onboarded())
async def got_conclusion(message: Message, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    route_id = int((await state.get_data()).get("rr_route") or 0)
    try:
        now = uow.clock.now()
        await rt.complete(uow, actor, route_id, message.text, now, now.astimezone(tz).date())
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-conclusion-again"), err),
                             reply_markup=_cancel(i18n, route_id))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_route(_ctx(message, state, i18n, uow, actor, tz), route_id,
                     notice=i18n.get("route-completed"))


@router.message(StateFilter(RouteReviewStates.comment, RouteReviewStates.conclusion), Onboarded())
async def not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("route-error-text-only"))

"""The mentor's meeting log: the day (buttons or typed), the topic, the hours, an optional
file; saved once — its hours go to both ledgers — and a passed step's button saves nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import mentoring as mnt
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.routing import Routes
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_number
from handlers.mentoring.common import (
    MeetingStates,
    MnCb,
    cancel_row,
    day,
    parse_day,
    with_error,
)
from handlers.mentoring.screens import _today, show_pair
from handlers.views import ack, show

router = Routes("mentoring_meetings")

# ---- the meeting log (the mentor) -------------------------------------------------------------


async def _ask_day(event: Message | CallbackQuery, i18n: I18nContext, pair_id: int,
                   error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("mnt-btn-today"), MnCb(a="day", id=pair_id, v=0).pack()),
          kb.button(i18n.get("mnt-btn-yesterday"), MnCb(a="day", id=pair_id, v=1).pack()))
    b.row(*cancel_row(i18n, pair_id))
    await show(event, with_error(i18n, i18n.get("mnt-ask-day"), error), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "meet"), Onboarded())
async def meeting_start(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    await mnt.can_log(uow, actor, callback_data.id)
    await ack(query)
    await state.set_state(MeetingStates.day)
    await state.set_data({"mn_pair": callback_data.id})
    await _ask_day(query, i18n, callback_data.id)


async def _take_day(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo, held_on: date) -> None:
    data = await state.get_data()
    pair = await mnt.can_log(uow, actor, data["mn_pair"])
    try:
        mnt.check_meeting_day(held_on, pair.started_on, _today(uow, tz))
    except ValidationError as err:
        await _ask_day(event, i18n, pair.id, err)
        return
    await state.update_data(mn_day=held_on.isoformat())
    await state.set_state(MeetingStates.topic)
    b = InlineKeyboardBuilder()
    b.row(*cancel_row(i18n, pair.id))
    await show(event, i18n.get("mnt-ask-topic", date=day(i18n, held_on)), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "day"), StateFilter(MeetingStates.day), Onboarded())
async def meeting_day_button(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                             i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                             tz: ZoneInfo) -> None:
    await ack(query)
    held_on = _today(uow, tz) - timedelta(days=min(max(callback_data.v, 0), 1))
    await _take_day(query, state, i18n, uow, actor, tz, held_on)


@router.message(StateFilter(MeetingStates.day), PlainText())
async def meeting_day_typed(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    try:
        held_on = parse_day(message.text or "")
    except ValidationError as err:
        await _ask_day(message, i18n, (await state.get_data())["mn_pair"], err)
        return
    await _take_day(message, state, i18n, uow, actor, tz, held_on)


async def _ask_hours(event: Message | CallbackQuery, i18n: I18nContext, pair_id: int,
                     error: DomainError | None = None) -> None:
    b = InlineKeyboardBuilder()
    for quarters in (4, 6, 8):
        b.button(text=fmt_number(Decimal(quarters) / 4, i18n.locale),
                 callback_data=MnCb(a="hours", id=pair_id, v=quarters))
    b.adjust(3)
    b.row(*cancel_row(i18n, pair_id))
    await show(event, with_error(i18n, i18n.get("mnt-ask-hours"), error), b.as_markup())


@router.message(StateFilter(MeetingStates.topic), PlainText())
async def meeting_topic(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    data = await state.get_data()
    try:
        topic = mnt.check_topic(message.text or "")
    except ValidationError as err:
        b = InlineKeyboardBuilder()
        b.row(*cancel_row(i18n, data["mn_pair"]))
        await show(message, with_error(i18n, i18n.get("mnt-ask-topic-again"), err),
                   b.as_markup())
        return
    await state.update_data(mn_topic=topic)
    await state.set_state(MeetingStates.hours)
    await _ask_hours(message, i18n, data["mn_pair"])


async def _take_hours(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                      hours: Decimal) -> None:
    data = await state.get_data()
    await state.update_data(mn_hours=str(hours))
    await state.set_state(MeetingStates.file)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("mnt-btn-no-file"), MnCb(a="nofile", id=data["mn_pair"]).pack()))
    b.row(*cancel_row(i18n, data["mn_pair"]))
    await show(event, i18n.get("mnt-ask-file"), b.as_markup())


@router.callback_query(MnCb.filter(F.a == "hours"), StateFilter(MeetingStates.hours),
                       Onboarded())
async def meeting_hours_button(query: CallbackQuery, callback_data: MnCb, state: FSMContext,
                               i18n: I18nContext) -> None:
    await ack(query)
    data = await state.get_data()
    try:
        hours = mnt.parse_hours(str(Decimal(callback_data.v) / 4))
    except ValidationError as err:
        await _ask_hours(query, i18n, data["mn_pair"], err)
        return
    await _take_hours(query, state, i18n, hours)


@router.message(StateFilter(MeetingStates.hours), PlainText())
async def meeting_hours_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    try:
        hours = mnt.parse_hours(message.text or "")
    except ValidationError as err:
        await _ask_hours(message, i18n, (await state.get_data())["mn_pair"], err)
        return
    await _take_hours(message, state, i18n, hours)


async def _save_meeting(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                        uow: UnitOfWork, actor: Actor, tz: ZoneInfo, file_id: str | None,
                        file_name: str | None) -> None:
    data = await state.get_data()
    meeting = await mnt.log_meeting(
        uow, actor, data["mn_pair"], date.fromisoformat(data["mn_day"]), data["mn_topic"],
        Decimal(data["mn_hours"]), file_id, file_name, _today(uow, tz), tz, uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    notice = i18n.get("mnt-meeting-saved", hours=fmt_number(meeting.hours, i18n.locale))
    await show_pair(event, i18n, uow, actor, meeting.pair_id, notice=notice)


@router.callback_query(MnCb.filter(F.a == "nofile"), StateFilter(MeetingStates.file),
                       Onboarded())
async def meeting_no_file(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                          uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await _save_meeting(query, state, i18n, uow, actor, tz, None, None)


@router.message(StateFilter(MeetingStates.file))
async def meeting_file_sent(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    if message.document is not None:
        file_id, name = message.document.file_id, message.document.file_name or "file"
    elif message.photo:
        file_id, name = message.photo[-1].file_id, "photo.jpg"
    else:
        data = await state.get_data()
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("mnt-btn-no-file"), MnCb(a="nofile", id=data["mn_pair"]).pack()))
        b.row(*cancel_row(i18n, data["mn_pair"]))
        await show(message, i18n.get("mnt-ask-file-again"), b.as_markup())
        return
    await _save_meeting(message, state, i18n, uow, actor, tz, file_id[:200], name[:200])


@router.callback_query(MnCb.filter(F.a.in_({"day", "hours", "nofile"})), Onboarded())
async def stale_step(query: CallbackQuery, i18n: I18nContext) -> None:
    """A button of a step already passed (a second tap on «Без файла»): nothing is saved
    twice."""
    await ack(query, i18n.get("mnt-stale"), alert=True)

"""The questionnaire: one statement per message, back / next / pause, the submit."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import diagnosis as diag
from domain.access import Actor
from domain.diagnosis import Progress, RetakeTooEarly, StaleStep
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers.builder import InlineKeyboardBuilder
from handlers.diagnosis.common import (
    BAR,
    Ctx,
    DiagAnswerCb,
    DiagCb,
    DiagnosisForm,
    DiagStepCb,
    _btn,
    _leave_my_state,
    _menu_row,
)
from handlers.diagnosis.home import show_home
from handlers.diagnosis.result import send_result
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, show

router = Routes("diagnosis-questionnaire")


def step_view(c: Ctx, progress: Progress, notice: str | None = None
              ) -> tuple[str, InlineKeyboardMarkup]:
    loc = c.locale
    attempt, total, index = progress.attempt, progress.total, progress.index
    b = InlineKeyboardBuilder()
    parts = [notice] if notice else []
    if progress.at_finish:
        parts.append(c.t("diag-finish", total=total))
        b.row(*_btn(c.t("diag-btn-submit"), DiagStepCb(a=attempt.id, i=index, act="submit")))
        b.row(*_btn(c.t("btn-back"), DiagStepCb(a=attempt.id, i=index, act="back")),
              *_btn(c.t("diag-btn-pause"), DiagStepCb(a=attempt.id, i=index, act="pause")))
        return "\n\n".join(parts), b.as_markup()
    item = progress.instrument.items[index]
    filled = BAR * index // total
    header = c.t("diag-q-header", n=index + 1, total=total) + "\n" + "▰" * filled + "▱" * (
        BAR - filled)
    where = c.t("diag-q-where", group=esc(item.group.short_title(loc)),
                indicator=esc(item.indicator.title.get(loc)))
    parts += [header, where, "<b>" + esc(item.statement.text.get(loc)) + "</b>"]
    current = progress.current
    for point in progress.instrument.scale:
        mark = "✅ " if point.value == current else ""
        b.row(*_btn(mark + point.label.get(loc), DiagAnswerCb(a=attempt.id, i=index,
                                                               v=point.value)))
    if current is not None:
        chosen = progress.instrument.scale_point(current)
        parts.append(c.t("diag-q-current", label=esc(chosen.label.get(loc) if chosen else "")))
    nav = []
    if index > 0:
        nav += _btn(c.t("btn-back"), DiagStepCb(a=attempt.id, i=index, act="back"))
    if current is not None:
        nav += _btn(c.t("diag-btn-next"), DiagStepCb(a=attempt.id, i=index, act="next"))
    nav += _btn(c.t("diag-btn-pause"), DiagStepCb(a=attempt.id, i=index, act="pause"))
    b.row(*nav)
    return "\n\n".join(parts), b.as_markup()


async def show_step(c: Ctx, progress: Progress, notice: str | None = None,
                    new: bool = False) -> None:
    text, markup = step_view(c, progress, notice)
    await show(c.event, text, markup, new=new)


async def show_current(c: Ctx, notice: str) -> None:
    """After a stray tap or text: the statement the teacher is on, as a new message."""
    progress = await diag.in_progress(c.uow, c.actor)
    if progress is None:
        await _leave_my_state(c.state, await c.state.get_state())
        await show_home(c, new=True)
        return
    await c.state.set_state(DiagnosisForm.answering)
    await show_step(c, progress, notice=notice, new=True)


async def enter_answering(c: Ctx, raw_state: str | None) -> None:
    """The conversation state of a teacher answering the questionnaire (set once; its data
    cleared). Public: a campaign's «Пройти» starts the same questionnaire
    (handlers/campaigns)."""
    if raw_state != DiagnosisForm.answering.state:
        await c.state.set_state(DiagnosisForm.answering)
        await c.state.set_data({})


@router.callback_query(DiagCb.filter(F.act == "start"), Onboarded())
async def start(query: CallbackQuery, state: FSMContext, raw_state: str | None,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        progress = await diag.start(uow, actor, uow.clock.now())
    except RetakeTooEarly as err:
        text = c.t("diag-too-early", date=c.date(err.available_at), days=err.days)
        await ack(query, text, alert=True)
        await show_home(c)
        return
    await ack(query)
    await enter_answering(c, raw_state)
    await uow.commit()
    await show_step(c, progress)


@router.callback_query(DiagAnswerCb.filter(), Onboarded())
async def answered(query: CallbackQuery, callback_data: DiagAnswerCb, state: FSMContext,
                   raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    cb = callback_data
    try:
        progress = await diag.answer(uow, actor, cb.a, cb.i, cb.v, uow.clock.now())
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_current(c, c.t("diag-stale"))
        return
    await ack(query)
    if progress is None:  # the same answer tapped twice
        return
    await enter_answering(c, raw_state)
    await uow.commit()
    await show_step(c, progress)


@router.callback_query(DiagStepCb.filter(F.act.in_(("back", "next"))), Onboarded())
async def moved(query: CallbackQuery, callback_data: DiagStepCb, state: FSMContext,
                raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    step = -1 if callback_data.act == "back" else 1
    try:
        progress = await diag.move(uow, actor, callback_data.a, callback_data.i, step, uow.clock.now())
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_current(c, c.t("diag-stale"))
        return
    await ack(query)
    await enter_answering(c, raw_state)
    await uow.commit()
    await show_step(c, progress)


async def pause(c: Ctx, attempt_id: int | None) -> None:
    """Nothing to store (every answer already is): leave the questionnaire and say so."""
    progress = (await diag.resume(c.uow, c.actor, attempt_id) if attempt_id
                else await diag.in_progress(c.uow, c.actor))
    await _leave_my_state(c.state, DiagnosisForm.answering.state)
    if progress is None:
        await show_home(c)
        return
    b = InlineKeyboardBuilder()
    b.row(*_btn(c.t("diag-btn-section"), DiagCb(act="home")))
    b.row(*_menu_row(c))
    await show(c.event, c.t("diag-paused", answered=progress.answered, total=progress.total),
               b.as_markup())


@router.callback_query(DiagStepCb.filter(F.act == "pause"), Onboarded())
async def paused(query: CallbackQuery, callback_data: DiagStepCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        await pause(c, callback_data.a)
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_home(c, new=True)
        return
    await ack(query)


@router.callback_query(DiagStepCb.filter(F.act == "submit"), Onboarded())
async def submitted(query: CallbackQuery, callback_data: DiagStepCb, state: FSMContext,
                    raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                    tz: ZoneInfo, bot: Bot) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        attempt = await diag.submit(uow, actor, callback_data.a, uow.clock.now())
    except StaleStep:
        await ack(query, c.t("diag-error-stale"))
        await show_current(c, c.t("diag-stale"))
        return
    except ValidationError as err:  # not every statement answered (a forged or stale submit)
        await ack(query, c.t(err.key, **err.params), alert=True)
        await show_current(c, "⚠️ " + error_html(c.i18n, err))
        return
    await ack(query)
    await _leave_my_state(state, raw_state)
    await uow.commit()
    await show(query, c.t("diag-submitted"), None)
    await send_result(c, attempt, bot)


@router.message(Command("cancel"), StateFilter(DiagnosisForm.answering), Onboarded())
async def cancel_answering(message: Message, state: FSMContext, i18n: I18nContext,
                           uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await pause(Ctx(message, state, i18n, uow, actor, tz), None)


@router.message(StateFilter(DiagnosisForm.answering), Onboarded())
async def stray_text(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    await show_current(c, "⚠️ " + c.t("diag-use-buttons"))

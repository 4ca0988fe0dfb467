"""Launching the staff's diagnosis from the abonement's card (domain.abonements.diagnostics):
«Входная диагностика» / «Итоговая диагностика» → who it reaches and the deadline (a quick
choice, a day in the calendar or a typed date) → the summary → «Запустить». The abonement,
the stage and the deadline live in FSM data (a restart continues at the same step); the
domain checks everything again at the launch (callback data can be forged)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.settings import Settings
from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import ValidationError
from handlers.abonements.callbacks import AbDiagCb
from handlers.abonements.common import Ctx
from handlers.abonements.screens import render_card
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import fmt_date as fmt_day
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, error_html, error_plain, esc, show
from handlers.widgets import dates

router = Routes("abonements-diagnostics")

#: the deadline's errors: asked again on the same screen (others end the conversation)
DEADLINE_ERRORS = ("abon-error-diag-deadline", "date-error-format", "date-error-invalid",
                   "date-error-early", "date-error-late")


class AbDiagSt(StatesGroup):
    deadline = State()  # data: ab_id, stage, school, invited, month (the picker's)
    confirm = State()  # … and deadline (ISO)


async def _data(state: FSMContext) -> dict[str, Any]:
    return dict(await state.get_data())


def _ours(data: dict[str, Any], cb: AbDiagCb) -> bool:
    """The button belongs to the conversation in progress (same abonement and stage)."""
    return data.get("ab_id") == cb.id and data.get("stage") == cb.s


async def _stale(c: Ctx, query: CallbackQuery, abonement_id: int) -> None:
    await ack(query, c.t("error-stale-button"), alert=True)
    await c.state.set_state(None)
    await c.state.set_data({})
    await render_card(c, abonement_id)


async def ask_deadline(c: Ctx, data: dict[str, Any], error: str | None = None) -> None:
    abonement_id, stage = int(data["ab_id"]), str(data["stage"])
    earliest, latest = ab.deadline_bounds(c.today)
    chosen = date.fromisoformat(data["deadline"]) if data.get("deadline") else None
    kb = InlineKeyboardBuilder()
    kb.row(*(button(c.t("abon-diag-quick", days=n,
                        until=fmt_day(c.today + timedelta(days=n - 1), c.locale)),
                    AbDiagCb(a="q", id=abonement_id, s=stage, v=str(n)).pack())
             for n in ab.QUICK_DAYS))
    for row in dates.date_picker(
            c.i18n.get, c.locale, today=c.today, selected=chosen, earliest=earliest,
            latest=latest, shown=dates.read_month(str(data.get("month") or "")), quick=False,
            pick=lambda d: AbDiagCb(a="day", id=abonement_id, s=stage,
                                    v=dates.day_value(d)).pack(),
            show=lambda m: AbDiagCb(a="mon", id=abonement_id, s=stage,
                                    v=dates.month_value(m)).pack()):
        kb.row(*row)
    kb.row(button(c.t("btn-cancel"), AbCb(a="card", id=abonement_id).pack()))
    text = c.t("abon-diag-ask", stage=stage, school=esc(data.get("school") or "—"),
               invited=int(data.get("invited") or 0), earliest=fmt_day(earliest, c.locale),
               latest=fmt_day(latest, c.locale))
    await show(c.event, ("⚠️ " + error + "\n\n" if error else "") + text, kb.as_markup(),
               new=isinstance(c.event, Message))


async def ask_confirm(c: Ctx, data: dict[str, Any]) -> None:
    abonement_id, stage = int(data["ab_id"]), str(data["stage"])
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("abon-btn-diag-go"), AbDiagCb(a="go", id=abonement_id, s=stage).pack()))
    kb.row(button(c.t("abon-btn-diag-other-date"),
                  AbDiagCb(a="re", id=abonement_id, s=stage).pack()),
           button(c.t("btn-cancel"), AbCb(a="card", id=abonement_id).pack()))
    await show(c.event, c.t("abon-diag-confirm", stage=stage,
                            school=esc(data.get("school") or "—"),
                            invited=int(data.get("invited") or 0),
                            until=fmt_day(date.fromisoformat(data["deadline"]), c.locale)),
               kb.as_markup(), new=isinstance(c.event, Message))


async def _chosen(c: Ctx, data: dict[str, Any], day: date) -> None:
    """A deadline picked or typed: on to the summary."""
    data = {**data, "deadline": day.isoformat()}
    await c.state.set_state(AbDiagSt.confirm)
    await c.state.set_data(data)
    await ask_confirm(c, data)


@router.callback_query(AbCb.filter(F.a == "dg"), Onboarded())
async def begin(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        stage = ab.stage_of(callback_data.v)
        d, reach = await ab.may_launch(uow, actor, callback_data.id, stage, tz, c.now)
    except ValidationError as err:  # launched meanwhile, too early, a forged stage …
        await ack(query)
        await state.set_state(None)
        await render_card(c, callback_data.id, error=error_html(i18n, err))
        return
    if not reach.invited:
        await ack(query)
        await render_card(c, callback_data.id, error=c.t("abon-error-diag-nobody"))
        return
    await ack(query)
    data = {"ab_id": d.abonement.id, "stage": stage.value, "school": d.school.name,
            "invited": reach.invited}
    await state.set_state(AbDiagSt.deadline)
    await state.set_data(data)
    await ask_deadline(c, data)


@router.callback_query(AbDiagCb.filter(F.a.in_({"q", "day", "mon", "re"})), Onboarded())
async def picked(query: CallbackQuery, callback_data: AbDiagCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    data = await _data(state)
    if not _ours(data, callback_data):
        await _stale(c, query, callback_data.id)
        return
    if callback_data.a in ("mon", "re"):
        month = dates.read_month(callback_data.v) if callback_data.a == "mon" else None
        data = {**data, "month": dates.month_value(month) if month else data.get("month")}
        await state.set_state(AbDiagSt.deadline)
        await state.set_data(data)
        await ack(query)
        await ask_deadline(c, data)
        return
    if callback_data.a == "q":
        days = int(callback_data.v) if callback_data.v in {str(n) for n in ab.QUICK_DAYS} \
            else 0
        day = c.today + timedelta(days=days - 1) if days else None
    else:
        day = dates.read_day(callback_data.v)
    try:
        day = ab.check_deadline(day or date.min, c.today)  # a forged value is out of bounds
    except ValidationError as err:
        await ack(query, error_plain(i18n, err), alert=True)
        await ask_deadline(c, data, error=error_html(i18n, err))
        return
    await ack(query)
    await _chosen(c, data, day)


@router.message(StateFilter(AbDiagSt.deadline, AbDiagSt.confirm), Command("cancel"),
                Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext,
                 uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await _data(state)
    await state.set_state(None)
    await state.set_data({})
    await render_card(Ctx(message, state, i18n, uow, actor, tz), int(data.get("ab_id") or 0))


@router.message(StateFilter(AbDiagSt.deadline, AbDiagSt.confirm), PlainText(), Onboarded())
async def typed(message: Message, state: FSMContext, i18n: I18nContext,
                uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """A typed deadline (on the summary too: it changes the deadline)."""
    c = Ctx(message, state, i18n, uow, actor, tz)
    data = await _data(state)
    try:
        day = ab.parse_deadline(message.text or "", c.today)
    except ValidationError as err:
        await state.set_state(AbDiagSt.deadline)
        await ask_deadline(c, data, error=error_html(i18n, err))
        return
    await _chosen(c, data, day)


@router.message(StateFilter(AbDiagSt.deadline, AbDiagSt.confirm), Onboarded())
async def not_text(message: Message, state: FSMContext, i18n: I18nContext,
                   uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    await state.set_state(AbDiagSt.deadline)
    await ask_deadline(c, await _data(state), error=c.t("abon-error-diag-need-date"))


@router.callback_query(AbDiagCb.filter(F.a == "go"), Onboarded())
async def go(query: CallbackQuery, callback_data: AbDiagCb, state: FSMContext,
             i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo,
             settings: Settings) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    data = await _data(state)
    if not _ours(data, callback_data) or not data.get("deadline"):
        await _stale(c, query, callback_data.id)
        return
    stage = ab.stage_of(callback_data.s)
    title = c.t("abon-diag-title", stage=stage.value, school=str(data.get("school") or ""))
    try:
        campaign = await ab.launch(uow, actor, callback_data.id, stage,
                                   date.fromisoformat(data["deadline"]), title, settings.quiet,
                                   tz, c.now)
    except ValidationError as err:
        await uow.rollback()
        if err.key in DEADLINE_ERRORS:  # the day passed meanwhile: pick another
            await ack(query, error_plain(i18n, err), alert=True)
            await state.set_state(AbDiagSt.deadline)
            await ask_deadline(c, data, error=error_html(i18n, err))
            return
        await ack(query)
        await state.set_state(None)
        await state.set_data({})
        await render_card(c, callback_data.id, error=error_html(i18n, err))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await ack(query)
    await render_card(c, callback_data.id, notice=c.t(
        "abon-done-diag", stage=stage.value, total=campaign.total,
        until=fmt_day(campaign.ends_on, c.locale)))


__all__ = ["AbDiagSt", "router"]

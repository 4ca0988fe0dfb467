"""The certificate threshold of an abonement: the curator or the centre picks the share of the
plan's hours a listener must attend (buttons, not typing) until the abonement is completed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import ValidationError
from handlers.abonements.common import Ctx, to_card
from handlers.abonements.screens import render_card
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb
from handlers.filters import Onboarded
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, error_html, fmt_hours, show

router = Routes("abonements-threshold")


def threshold_text(c: Ctx, p: ab.Plan) -> str:
    """«Удостоверение: не меньше 50 % часов плана — 9 ч»."""
    return c.t("abon-threshold-line", percent=p.abonement.threshold,
               hours=fmt_hours(ab.threshold_hours(p), c.locale))


@router.callback_query(AbCb.filter(F.a == "thr"), Onboarded())
async def choose(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    p = await ab.plan(uow, actor, callback_data.id, c.now)
    if not p.rights.plan:
        await ack(query, c.t("abon-error-threshold-closed")
                  if p.abonement.status is ab.Status.COMPLETED
                  else c.t("abon-error-not-curator"), alert=True)
        return
    await ack(query)
    kb = InlineKeyboardBuilder()
    kb.row(*(button(("✅ " if v == p.abonement.threshold else "") + f"{v} %",
                    AbCb(a="thrv", id=p.abonement.id, v=str(v)).pack())
             for v in ab.THRESHOLDS))
    kb.row(to_card(c, p.abonement.id))
    await show(query, c.t("abon-threshold-ask", line=threshold_text(c, p)), kb.as_markup())


@router.callback_query(AbCb.filter(F.a == "thrv"), Onboarded())
async def picked(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    value = int(callback_data.v) if callback_data.v.isdigit() else -1
    try:
        await ab.set_threshold(uow, actor, callback_data.id, value, c.now)
    except ValidationError as err:
        await uow.rollback()
        await ack(query)
        await render_card(c, callback_data.id, error=error_html(c.i18n, err))
        return
    await uow.commit()
    await ack(query)
    await render_card(c, callback_data.id, notice=c.t("abon-done-threshold", percent=value))


__all__ = ["router", "threshold_text"]

"""A changed volume: the history of proposals with the pending one, «propose» (new hours by
kind → a reason) for either side of a signed agreement, «accept» / «decline» for the other."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.events import Hours
from handlers.abonements.common import Ctx, hours_text, to_card
from handlers.callbacks import AbCb
from handlers.filters import Onboarded, PlainText
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, cut_html, error_html, esc, fmt_dt, fmt_hours, show

router = Routes("abonements-changes")

SHOWN = 10


class AbChangeSt(StatesGroup):
    hours = State()  # the proposed volume (ab_id in data)
    reason = State()  # why (ab_id, hours in data)


def _short(c: Ctx, h: Hours) -> str:
    return " / ".join(fmt_hours(x, c.locale) for x in (h.in_person, h.remote, h.self_study))


def change_error(c: Ctx, err: DomainError) -> str:
    if err.key == "abon-error-change-below-plan":
        p = err.params
        return c.t(err.key, kind=p["kind"], planned=fmt_hours(p["planned"], c.locale),
                   proposed=fmt_hours(p["proposed"], c.locale))
    return error_html(c.i18n, err)


async def render_changes(c: Ctx, abonement_id: int, notice: str | None = None,
                         error: str | None = None) -> None:
    found = await ab.changes(c.uow, c.actor, abonement_id)
    a = found.abonement
    parts = [("✅ " + notice) if notice else None, ("⚠️ " + error) if error else None,
             c.t("abon-change-head", school=esc(found.school)),
             c.t("abon-change-current", hours=hours_text(c, a.ordered)),
             c.t("abon-change-planned", hours=hours_text(c, found.planned))]
    pending = found.pending
    if pending is not None:
        parts.append(c.t("abon-change-pending", hours=hours_text(c, pending.new),
                         who=esc(found.names.get(pending.proposed_by or 0, "—")),
                         when=fmt_dt(pending.created_at, c.tz, c.locale),
                         reason=esc(pending.reason)))
    done = [ch for ch in found.changes if ch.status is not ab.ChangeStatus.PENDING]
    if done:
        parts.append("\n".join(
            c.t("abon-change-line", when=fmt_dt(ch.created_at, c.tz, c.locale),
                old=_short(c, ch.old), new=_short(c, ch.new),
                status=c.t("abon-change-status", status=ch.status.value),
                who=esc(found.names.get(ch.proposed_by or 0, "—")), reason=esc(ch.reason))
            for ch in done[-SHOWN:]))
    elif pending is None:
        parts.append(c.t("abon-changes-empty"))
    kb = InlineKeyboardBuilder()
    if pending is not None and found.may_decide():
        kb.row(button(c.t("abon-btn-change-accept"), AbCb(a="chy", id=pending.id).pack()),
               button(c.t("abon-btn-change-decline"), AbCb(a="chn", id=pending.id).pack()))
    if found.may_propose:
        kb.row(button(c.t("abon-btn-change"), AbCb(a="chp", id=a.id).pack()))
    kb.row(to_card(c, a.id))
    await show(c.event, cut_html("\n\n".join(p for p in parts if p)), kb.as_markup(),
               new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a == "chg"), Onboarded())
async def history(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                  i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    await state.set_state(None)
    await render_changes(Ctx(query, state, i18n, uow, actor, tz), callback_data.id)
    await ack(query)


async def _prompt(c: Ctx, abonement_id: int, key: str, error: str | None = None) -> None:
    parts = [("⚠️ " + error) if error else None,
             c.t(key, max=ab.COMMENT_MAX) if key == "abon-ask-change-reason" else c.t(key)]
    kb = InlineKeyboardBuilder()
    kb.row(button(c.t("btn-cancel"), AbCb(a="chg", id=abonement_id).pack()))
    await show(c.event, "\n\n".join(p for p in parts if p), kb.as_markup(),
               new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a == "chp"), Onboarded())
async def propose(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                  i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                  tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        await ab.may_propose(uow, actor, callback_data.id)
    except ValidationError as err:
        await ack(query)
        await render_changes(c, callback_data.id, error=error_html(i18n, err))
        return
    await ack(query)
    await state.set_state(AbChangeSt.hours)
    await state.set_data({"ab_id": callback_data.id})
    await _prompt(c, callback_data.id, "abon-ask-change-hours")


@router.message(StateFilter(AbChangeSt.hours), PlainText(), Onboarded())
async def got_hours(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    abonement_id = int((await state.get_data()).get("ab_id") or 0)
    try:
        found = await ab.may_propose(uow, actor, abonement_id)
        hours = ab.parse_hours(message.text)
        ab.check_volume(found.abonement, found.planned, hours)
    except ValidationError as err:
        await _prompt(c, abonement_id, "abon-ask-change-hours", change_error(c, err))
        return
    await state.update_data(hours=[hours.in_person, hours.remote, hours.self_study])
    await state.set_state(AbChangeSt.reason)
    await _prompt(c, abonement_id, "abon-ask-change-reason")


@router.message(StateFilter(AbChangeSt.reason), PlainText(), Onboarded())
async def got_reason(message: Message, state: FSMContext, i18n: I18nContext,
                     uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    abonement_id = int(data.get("ab_id") or 0)
    try:
        await ab.propose(uow, actor, abonement_id, Hours(*data["hours"]), message.text or "",
                         c.now)
    except ValidationError as err:
        await uow.rollback()
        if err.key.startswith("abon-error-comment"):
            await _prompt(c, abonement_id, "abon-ask-change-reason", error_html(i18n, err))
            return
        await state.set_state(None)
        await state.set_data({})
        await render_changes(c, abonement_id, error=change_error(c, err))
        return
    await uow.commit()
    await state.set_state(None)
    await state.set_data({})
    await render_changes(c, abonement_id, notice=c.t("abon-done-change-proposed"))


@router.message(StateFilter(AbChangeSt), Onboarded())
async def not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("abon-error-need-text"))


@router.callback_query(AbCb.filter(F.a.in_({"chy", "chn"})), Onboarded())
async def decide(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                 i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                 tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    accept = callback_data.a == "chy"
    change = await ab.proposal(uow, actor, callback_data.id)
    try:
        decided = await ab.decide(uow, actor, callback_data.id, accept, c.now)
    except ValidationError as err:
        await uow.rollback()
        await ack(query)
        await render_changes(c, change.abonement_id, error=change_error(c, err))
        return
    await uow.commit()
    await ack(query)
    await render_changes(c, decided.abonement_id, notice=c.t(
        "abon-done-change-accepted" if accept else "abon-done-change-declined"))


__all__ = ["AbChangeSt", "render_changes", "router"]

"""The centre accepts a request: a curator (a methodist of the region) from a list → the
ordered volume by kind (the hours the school asked, or typed) → the school year → check and
accept. The choices live in FSM data; ``ab.accept`` checks everything again."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.access import Actor
from domain.errors import DomainError, ValidationError
from domain.events import Hours
from handlers.abonements.callbacks import AbAcceptCb
from handlers.abonements.common import Ctx, hours_text, school_year
from handlers.abonements.screens import render_card
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import AbCb
from handlers.filters import Onboarded, PlainText
from handlers.keyboards import button
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, show

router = Routes("abonements-accept")


class AbAcceptSt(StatesGroup):
    curator = State()
    hours = State()
    year = State()
    confirm = State()


def _cancel_row(c: Ctx, abonement_id: int) -> list[Any]:
    return [button(c.t("btn-cancel"), AbAcceptCb(a="cancel", id=abonement_id).pack())]


async def _ask(c: Ctx, step: str, error: DomainError | None = None) -> None:
    await c.state.set_state(getattr(AbAcceptSt, step))
    data = await c.state.get_data()
    abonement_id = int(data["ab_id"])
    found, people = await ab.curators(c.uow, c.actor, abonement_id)  # the centre only
    head = c.t("abon-accept-head", id=abonement_id)
    parts = [head]
    if error is not None:
        parts.append("⚠️ " + error_html(c.i18n, error))
    kb = InlineKeyboardBuilder()
    if step == "curator":
        parts.append(c.t("abon-accept-curator"))
        for pid, name in people[:40]:
            mark = "✅ " if data.get("curator") == pid else ""
            kb.row(button(mark + name[:60], AbAcceptCb(a="cur", id=abonement_id,
                                                       v=str(pid)).pack()))
    elif step == "hours":
        parts.append(c.t("abon-accept-hours", asked=hours_text(c, found.request.hours)))
        kb.row(button(c.t("abon-btn-as-asked"), AbAcceptCb(a="keep", id=abonement_id).pack()))
    elif step == "year":
        parts.append(c.t("abon-accept-year"))
        for year in ab.years_offered(c.today):
            kb.row(button(school_year(c, year), AbAcceptCb(a="year", id=abonement_id,
                                                           v=str(year)).pack()))
    else:
        name = next((n for pid, n in people if pid == data.get("curator")), "—")
        parts.append(c.t("abon-accept-check", curator=esc(name),
                         hours=hours_text(c, Hours(*data["hours"])),
                         year=school_year(c, int(data["year"]))))
        kb.row(button(c.t("abon-btn-accept-go"), AbAcceptCb(a="go", id=abonement_id).pack()))
    kb.row(*_cancel_row(c, abonement_id))
    await show(c.event, "\n\n".join(parts), kb.as_markup(), new=isinstance(c.event, Message))


@router.callback_query(AbCb.filter(F.a == "acc"), Onboarded())
async def begin(query: CallbackQuery, callback_data: AbCb, state: FSMContext,
                i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    try:
        _, people = await ab.curators(uow, actor, callback_data.id)
    except ValidationError as err:  # decided meanwhile
        await ack(query)
        await render_card(c, callback_data.id, error=error_html(i18n, err))
        return
    if not people:
        await ack(query, i18n.get("abon-error-no-curators"), alert=True)
        return
    await ack(query)
    await state.set_state(None)
    await state.set_data({"ab_id": callback_data.id})
    await _ask(c, "curator")


@router.callback_query(AbAcceptCb.filter(), StateFilter(AbAcceptSt), Onboarded())
async def got_button(query: CallbackQuery, callback_data: AbAcceptCb, state: FSMContext,
                     i18n: I18nContext, uow: AbonementUnitOfWork, actor: Actor,
                     tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    data = await state.get_data()
    if int(data.get("ab_id") or 0) != callback_data.id:  # an old conversation's button
        await ack(query, i18n.get("error-stale-button"))
        return
    a, v = callback_data.a, callback_data.v
    if a == "cancel":
        await state.set_state(None)
        await state.set_data({})
        await ack(query)
        await render_card(c, callback_data.id)
        return
    if a == "cur" and v.isdigit():
        await state.update_data(curator=int(v))
        await ack(query)
        await _ask(c, "hours")
        return
    if a == "keep":
        found, _ = await ab.curators(uow, actor, callback_data.id)
        h = found.request.hours
        await state.update_data(hours=[h.in_person, h.remote, h.self_study])
        await ack(query)
        await _ask(c, "year")
        return
    if a == "year" and v.isdigit():
        await state.update_data(year=int(v))
        await ack(query)
        await _ask(c, "confirm")
        return
    if a == "go" and {"curator", "hours", "year"} <= set(data):
        try:
            await ab.accept(uow, actor, callback_data.id, int(data["curator"]),
                            Hours(*data["hours"]), int(data["year"]), c.today, c.now)
        except ValidationError as err:
            await uow.rollback()
            await ack(query)
            step = {"abon-error-curator": "curator", "abon-error-year": "year",
                    "abon-error-hours-zero": "hours"}.get(err.key)
            if step is None:
                await state.set_state(None)
                await state.set_data({})
                await render_card(c, callback_data.id, error=error_html(i18n, err))
                return
            await _ask(c, step, error=err)
            return
        await uow.commit()
        await state.set_state(None)
        await state.set_data({})
        await ack(query)
        await render_card(c, callback_data.id, notice=c.t("abon-done-accepted"))
        return
    await ack(query, i18n.get("error-stale-button"))


@router.callback_query(AbAcceptCb.filter(), Onboarded())
async def gone(query: CallbackQuery, i18n: I18nContext) -> None:
    """A button of an acceptance that was finished or cancelled."""
    await ack(query, i18n.get("abon-error-form-gone"), alert=True)


@router.message(StateFilter(AbAcceptSt.hours), PlainText(), Onboarded())
async def got_hours(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    try:
        h = ab.parse_hours(message.text)
    except ValidationError as err:
        await _ask(c, "hours", error=err)
        return
    await state.update_data(hours=[h.in_person, h.remote, h.self_study])
    await _ask(c, "year")


@router.message(StateFilter(AbAcceptSt), Onboarded())
async def got_other(message: Message, state: FSMContext, i18n: I18nContext,
                    uow: AbonementUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    raw = await state.get_state() or ""
    step = raw.split(":", 1)[1] if ":" in raw else "curator"
    key = "abon-error-need-text" if step == "hours" else "error-use-buttons"
    await _ask(c, step, error=DomainError(key))


__all__ = ["AbAcceptSt", "router"]

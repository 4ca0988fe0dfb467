"""What a recipient does with a broadcast: one tap registers for the event, one tap stops
such messages; and the Profile screen of announcements on/off per kind."""

from __future__ import annotations


from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import broadcasts as bc
from domain import events as ev
from domain.access import Actor
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import BcMsgCb, BcPrefCb
from handlers.callbacks import MenuCb
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.views import ack, error_plain, show


async def on_message_button(query: CallbackQuery, callback_data: BcMsgCb, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor) -> None:
    now = uow.clock.now()
    if callback_data.a == "reg":
        try:
            outcome = await ev.register(uow, actor, callback_data.id, now)
        except DomainError as err:
            await uow.rollback()
            await ack(query, error_plain(i18n, err), alert=True)
            return
        await uow.commit()
        if outcome.registration.status is ev.RegStatus.CONFIRMED:
            text = i18n.get("ev-done-registered")
        else:
            text = i18n.get("ev-done-waitlisted", position=outcome.position or 0)
        await ack(query, text, alert=True)
        return
    if callback_data.a == "off":
        kind = await bc.opt_out_of(uow, actor, callback_data.id, now)  # type: ignore[arg-type]
        await uow.commit()
        await ack(query, i18n.get("bc-optout-done", kind=i18n.get(f"bc-kind-{kind.value}")),
                  alert=True)
        return
    await ack(query, i18n.get("error-choice-unknown"), alert=True)


async def prefs(query: CallbackQuery, callback_data: BcPrefCb, i18n: I18nContext,
                uow: UnitOfWork, actor: Actor) -> None:
    if callback_data.k:
        try:
            kind = bc.Kind(callback_data.k)
        except ValueError:
            await ack(query, i18n.get("error-choice-unknown"), alert=True)
            return
        off = kind not in await bc.opted_out(uow, actor)  # type: ignore[arg-type]
        await bc.set_opt_out(uow, actor, kind, off, uow.clock.now())  # type: ignore[arg-type]
        await uow.commit()
    await ack(query)
    current = await bc.opted_out(uow, actor)  # type: ignore[arg-type]
    k = InlineKeyboardBuilder()
    for kind in bc.Kind:
        mark = "🔕 " if kind in current else "🔔 "
        k.row(kb.button(mark + i18n.get(f"bc-kind-{kind.value}"), BcPrefCb(k=kind.value).pack()))
    k.row(kb.button(i18n.get("btn-back"), MenuCb(to="profile").pack()))
    await show(query, i18n.get("bc-prefs-title"), k.as_markup())


def make_router() -> Router:
    r = Router(name="broadcasts-recipients")
    r.callback_query.register(on_message_button, BcMsgCb.filter(), Onboarded())
    r.callback_query.register(prefs, BcPrefCb.filter(), Onboarded())
    return r

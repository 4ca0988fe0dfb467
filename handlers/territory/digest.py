"""The coordinator's digest in Profile: off, daily or weekly."""

from __future__ import annotations

from aiogram import F
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.ports import UnitOfWork
from domain.territory import alerts
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.filters import Onboarded
from handlers.routing import Router
from handlers.territory.common import TerrCb
from handlers.views import ack, show


async def _show(query: CallbackQuery, i18n: I18nContext, mode: alerts.DigestMode,
                notice: str | None = None) -> None:
    b = InlineKeyboardBuilder()
    for value in alerts.DigestMode:
        mark = "✅ " if value is mode else ""
        b.row(kb.button(mark + i18n.get(f"terr-digest-{value.value}"),
                        TerrCb(a="digest", f=value.value).pack()))
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="profile").pack()))
    text = i18n.get("terr-digest-title", mode=i18n.get(f"terr-digest-{mode.value}"))
    await show(query, (notice + "\n\n" + text) if notice else text, b.as_markup())


async def digest(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                 uow: UnitOfWork, actor: Actor) -> None:
    if callback_data.f in {m.value for m in alerts.DigestMode}:
        mode = await alerts.set_digest_mode(uow, actor, callback_data.f, uow.clock.now())
        await uow.commit()
        await ack(query, i18n.get("terr-digest-saved"))
        await _show(query, i18n, mode, i18n.get("terr-digest-saved"))
        return
    mode = await alerts.digest_mode(uow, actor)
    await ack(query)
    await _show(query, i18n, mode)


def build() -> Router:
    r = Router(name="territory_digest")
    r.callback_query(TerrCb.filter(F.a == "digest"), Onboarded())(digest)
    return r


__all__ = ["build"]
